"""What the library notifies about: moderation's decisions on a proposed measure and on a
town's report. Texts are rendered in each reader's language when shown or mailed; every
kind's parameters include "title" (the measure's German title, as the proposers wrote it)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.notifications.registry import NotificationKind

PROPOSERS = gettext_lazy("Maßnahmen-Bibliothek")

PROPOSAL_PUBLISHED = NotificationKind(
    key="measures.proposal_published",
    group=PROPOSERS,
    label=gettext_lazy("Ihr Vorschlag ist in der Bibliothek"),
    title=lambda p: _("„%(title)s“ ist in der Maßnahmen-Bibliothek veröffentlicht") % p,
    body=lambda p: _(
        "Danke! Andere Kommunen finden Ihre Maßnahme jetzt in der Bibliothek und können sie "
        "nachmachen."
    ),
)
PROPOSAL_RETURNED = NotificationKind(
    key="measures.proposal_returned",
    group=PROPOSERS,
    label=gettext_lazy("Ihr Vorschlag kommt mit Anmerkungen zurück"),
    title=lambda p: _("„%(title)s“: Die Moderation bittet um Änderungen") % p,
    body=lambda p: (
        _(
            "Die Moderation schreibt: „%(comment)s“ Bitte überarbeiten Sie den Vorschlag und "
            "reichen Sie ihn wieder ein."
        )
        % p
    ),
)
MEASURE_WITHDRAWN = NotificationKind(
    key="measures.measure_withdrawn",
    group=PROPOSERS,
    label=gettext_lazy("Ihre Maßnahme wurde aus der Bibliothek genommen"),
    title=lambda p: _("„%(title)s“ ist nicht mehr in der Maßnahmen-Bibliothek") % p,
    body=lambda p: _("Die Moderation schreibt: „%(comment)s“") % p,
)

REPORT_PUBLISHED = NotificationKind(
    key="measures.report_published",
    group=PROPOSERS,
    label=gettext_lazy("Ihr Erfahrungsbericht ist veröffentlicht"),
    title=lambda p: _("Ihr Erfahrungsbericht zu „%(title)s“ ist veröffentlicht") % p,
    body=lambda p: _(
        "Danke! Andere Kommunen lesen Ihren Bericht jetzt bei der Maßnahme. Ändern Sie ihn "
        "später, liest die Moderation ihn noch einmal."
    ),
)
REPORT_RETURNED = NotificationKind(
    key="measures.report_returned",
    group=PROPOSERS,
    label=gettext_lazy("Ihr Erfahrungsbericht kommt mit Anmerkungen zurück"),
    title=lambda p: (
        _("Ihr Erfahrungsbericht zu „%(title)s“: Die Moderation bittet um Änderungen") % p
    ),
    body=lambda p: (
        _(
            "Die Moderation schreibt: „%(comment)s“ Bitte überarbeiten Sie den Bericht; danach "
            "liest die Moderation ihn wieder."
        )
        % p
    ),
)

KINDS = (
    PROPOSAL_PUBLISHED, PROPOSAL_RETURNED, MEASURE_WITHDRAWN, REPORT_PUBLISHED, REPORT_RETURNED,
)  # fmt: skip
