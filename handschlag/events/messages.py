"""What publishing an event notifies about. Texts are rendered in each reader's language when
shown or mailed; the parameters: "title" (the event's title), "date" (its first day, an ISO
date shown in the reader's date format), "time" (its start, "18:00" in the event's zone),
"comment" (the moderation's), "reason" (why it was cancelled). A title reads well without
its date too."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.notifications.registry import NotificationKind

ORGANISING = gettext_lazy("Veranstaltungen meiner Organisationen")
TAKING_PART = gettext_lazy("Veranstaltungen, zu denen ich angemeldet bin")

EVENT_PUBLISHED = NotificationKind(
    key="events.event_published",
    group=ORGANISING,
    label=gettext_lazy("Die Moderation hat eine Veranstaltung veröffentlicht"),
    title=lambda p: _("Ihre Veranstaltung „%(title)s“ ist veröffentlicht") % p,
    body=lambda p: _("Ab jetzt können sich Teilnehmende anmelden."),
)
EVENT_RETURNED = NotificationKind(
    key="events.event_returned",
    group=ORGANISING,
    label=gettext_lazy("Die Moderation hat eine Veranstaltung zurückgegeben"),
    title=lambda p: _("Die Moderation hat „%(title)s“ zurückgegeben") % p,
    body=lambda p: (
        _(
            "Kommentar der Moderation: %(comment)s – Bitte überarbeiten Sie die Veranstaltung und "
            "reichen Sie sie erneut ein."
        )
        % p
    ),
)
EVENT_CHANGED = NotificationKind(
    key="events.event_changed",
    group=TAKING_PART,
    label=gettext_lazy("Zeit oder Ort einer Veranstaltung haben sich geändert"),
    title=lambda p: (
        (
            _("Geändert: „%(title)s“ am %(date)s um %(time)s Uhr")
            if "date" in p and "time" in p
            else _("Geändert: „%(title)s“")
        )
        % p
    ),
    body=lambda p: _(
        "Zeit oder Ort haben sich geändert. Bitte prüfen Sie die Angaben auf der Seite der "
        "Veranstaltung. Ihre Anmeldung bleibt bestehen."
    ),
    date_params=frozenset({"date"}),
)
EVENT_CANCELLED = NotificationKind(
    key="events.event_cancelled",
    group=TAKING_PART,
    label=gettext_lazy("Eine Veranstaltung wurde abgesagt"),
    title=lambda p: (
        (_("Abgesagt: „%(title)s“ am %(date)s") if "date" in p else _("Abgesagt: „%(title)s“")) % p
    ),
    body=lambda p: _("Die Veranstaltenden haben abgesagt. Grund: %(reason)s") % p,
    date_params=frozenset({"date"}),
)

KINDS = (EVENT_PUBLISHED, EVENT_RETURNED, EVENT_CHANGED, EVENT_CANCELLED)
