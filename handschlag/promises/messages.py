"""What promises notify about. Texts are rendered in each reader's language when shown or
mailed; every kind's parameters include "promise" (its title)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.core.units import amount
from handschlag.notifications.registry import NotificationKind

PROMISER = gettext_lazy("Meine Versprechen")
REDEEMER = gettext_lazy("Meine Bewerbungen und Einlösungen")


def _new_application_body(p: dict[str, str]) -> str:
    """Who applies and, with the unit said right, for how much (notifications stored before
    they carried the quantity say only who)."""
    if "quantity" not in p:
        return _("%(applicant)s möchte Ihr Versprechen einlösen. Bitte entscheiden Sie.") % p
    asked = amount(int(p["quantity"]), p.get("unit_singular", ""), p.get("unit", ""))
    return _(
        "%(applicant)s möchte Ihr Versprechen einlösen und bittet um %(amount)s. "
        "Bitte entscheiden Sie."
    ) % {**p, "amount": asked}


NEW_APPLICATION = NotificationKind(
    key="promises.new_application",
    group=PROMISER,
    label=gettext_lazy("Neue Bewerbung auf mein Versprechen"),
    title=lambda p: _("Neue Bewerbung auf „%(promise)s“") % p,
    body=_new_application_body,
)
REPORT_SUBMITTED = NotificationKind(
    key="promises.report_submitted",
    group=PROMISER,
    label=gettext_lazy("Ein Bericht wurde eingereicht"),
    title=lambda p: _("Ein Bericht zu „%(promise)s“ wurde eingereicht") % p,
    body=lambda p: _("Bitte lesen Sie den Bericht und bestätigen Sie die Erfüllung."),
)
PROMISE_PUBLISHED = NotificationKind(
    key="promises.promise_published",
    group=PROMISER,
    label=gettext_lazy("Mein Versprechen wurde veröffentlicht"),
    title=lambda p: _("Ihr Versprechen „%(promise)s“ ist veröffentlicht") % p,
)
EXPIRING_SOON = NotificationKind(
    key="promises.expiring_soon",
    group=PROMISER,
    label=gettext_lazy("Mein Versprechen läuft bald ab"),
    title=lambda p: _("Ihr Versprechen „%(promise)s“ läuft am %(deadline)s ab") % p,
    body=lambda p: _("Sie können die Frist verlängern oder das Versprechen zurückziehen."),
    date_params=frozenset({"deadline"}),
)
PROMISE_EXPIRED = NotificationKind(
    key="promises.promise_expired",
    group=PROMISER,
    label=gettext_lazy("Mein Versprechen ist abgelaufen"),
    title=lambda p: _("Ihr Versprechen „%(promise)s“ ist abgelaufen") % p,
)
REDEEMER_LEFT = NotificationKind(
    key="promises.redeemer_left",
    group=PROMISER,
    label=gettext_lazy("Eine Einlösung endet, weil jemand das Konto gelöscht hat"),
    title=lambda p: _("Eine Einlösung von „%(promise)s“ endet") % p,
    body=lambda p: _(
        "Die Person, die Ihr Versprechen einlösen wollte, hat ihr Konto gelöscht. Der Platz "
        "ist wieder frei und kann neu vergeben werden."
    ),
)
APPLICATION_ACCEPTED = NotificationKind(
    key="promises.application_accepted",
    group=REDEEMER,
    label=gettext_lazy("Meine Bewerbung wurde angenommen"),
    title=lambda p: _("Ihre Bewerbung auf „%(promise)s“ wurde angenommen") % p,
    body=lambda p: _(
        "Auf der Seite der Einlösung schreiben Sie den Versprechenden Nachrichten, können "
        "Kontaktdaten austauschen und sehen unter „So geht es weiter“, was bis wann ansteht."
    ),
)
APPLICATION_DECLINED = NotificationKind(
    key="promises.application_declined",
    group=REDEEMER,
    label=gettext_lazy("Meine Bewerbung wurde abgelehnt"),
    title=lambda p: _("Ihre Bewerbung auf „%(promise)s“ wurde abgelehnt") % p,
    body=lambda p: _("Begründung: %(reason)s") % p,
)
FULFILMENT_CONFIRMED = NotificationKind(
    key="promises.fulfilment_confirmed",
    group=REDEEMER,
    label=gettext_lazy("Die Erfüllung wurde bestätigt"),
    title=lambda p: _("Die Erfüllung von „%(promise)s“ wurde bestätigt") % p,
    body=lambda p: _("Der Bericht geht jetzt zur Moderation und danach in den Blog."),
)
FULFILMENT_DISPUTED = NotificationKind(
    key="promises.fulfilment_disputed",
    group=REDEEMER,
    label=gettext_lazy("Die Erfüllung wurde beanstandet"),
    title=lambda p: _("Die Erfüllung von „%(promise)s“ wurde beanstandet") % p,
    body=lambda p: _("Begründung: %(reason)s") % p,
)
RETURNED_BY_MODERATION = NotificationKind(
    key="promises.returned_by_moderation",
    group=gettext_lazy("Moderation"),
    label=gettext_lazy("Die Moderation hat etwas zurückgegeben"),
    title=lambda p: _("Die Moderation hat „%(promise)s“ zurückgegeben") % p,
    body=lambda p: _("Kommentar der Moderation: %(comment)s") % p,
)

KINDS = (
    NEW_APPLICATION, REPORT_SUBMITTED, PROMISE_PUBLISHED, EXPIRING_SOON, PROMISE_EXPIRED,
    REDEEMER_LEFT, APPLICATION_ACCEPTED, APPLICATION_DECLINED, FULFILMENT_CONFIRMED,
    FULFILMENT_DISPUTED, RETURNED_BY_MODERATION,
)  # fmt: skip
