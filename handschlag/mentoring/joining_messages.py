"""What joining notifies about. Texts are rendered in each reader's language when shown or
mailed. Parameters: "site" (the site's name), "role" ("mentor" or "mentee"), "comment" (the
coordination's, when a profile is returned). Names of people are never put into a
notification: the link leads to the profile, where the reader's permissions apply."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.notifications.registry import NotificationKind

JOINING = gettext_lazy("Mentoring: Anmeldung")
COORDINATING = gettext_lazy("Mentoring: Koordination")


def _approved_title(p: dict[str, str]) -> str:
    if p.get("role") == "mentee":
        return _("Ihre Anmeldung bei %(site)s ist angenommen") % p
    return _("Ihr Profil als Mentor:in bei %(site)s ist freigegeben") % p


def _approved_body(p: dict[str, str]) -> str:
    if p.get("role") == "mentee":
        return _(
            "Die Koordination sucht jetzt eine passende Begleitung für Sie. Sie meldet sich, "
            "sobald sie jemanden gefunden hat."
        )
    return _(
        "Die Koordination sucht jetzt ein passendes Tandem für Sie. Sie hören von ihr, sobald "
        "es einen Vorschlag gibt."
    )


PROFILE_APPROVED = NotificationKind(
    key="mentoring.profile_approved",
    group=JOINING,
    label=gettext_lazy("Die Koordination hat mein Profil freigegeben"),
    title=_approved_title,
    body=_approved_body,
)

PROFILE_RETURNED = NotificationKind(
    key="mentoring.profile_returned",
    group=JOINING,
    label=gettext_lazy("Die Koordination hat mein Profil zurückgegeben"),
    title=lambda p: _("Bitte ergänzen Sie Ihr Profil bei %(site)s") % p,
    body=lambda p: (
        _(
            "Hinweis der Koordination: %(comment)s – Bitte ändern Sie Ihre Angaben und reichen "
            "Sie das Profil erneut ein."
        )
        % p
    ),
)


def _waiting_title(p: dict[str, str]) -> str:
    if p.get("role") == "mentee":
        return _("Neue Anmeldung einer Person, die Begleitung sucht, bei %(site)s") % p
    return _("Neue Anmeldung als Mentor:in bei %(site)s") % p


PROFILE_WAITING = NotificationKind(
    key="mentoring.profile_waiting",
    group=COORDINATING,
    label=gettext_lazy("Ein neues Profil wartet auf Freigabe"),
    title=_waiting_title,
    body=lambda p: _("Bitte prüfen Sie die Angaben und geben Sie das Profil frei."),
)

KINDS = (PROFILE_APPROVED, PROFILE_RETURNED, PROFILE_WAITING)
