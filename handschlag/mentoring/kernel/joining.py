"""The joining part's registrations with the kernel (notification kinds, audit verbs, personal
data, page sections)."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from handschlag.audit.registry import AuditVerb, audit_verbs
    from handschlag.notifications.registry import notification_kinds

    from .. import joining, joining_mentees, joining_messages

    for kind in joining_messages.KINDS:
        notification_kinds.register(kind)
    for key, label in (
        (joining.MENTOR_REGISTERED, _("als Mentor:in angemeldet")),
        (joining.PROFILE_UPDATED, _("Mentoring-Profil geändert")),
        (joining.PROFILE_RESUBMITTED, _("Mentoring-Profil erneut eingereicht")),
        (joining.CAPACITY_CHANGED, _("Zahl der Tandems einer Mentor:in geändert")),
        (joining.PROFILE_APPROVED, _("Mentoring-Profil freigegeben")),
        (joining.PROFILE_RETURNED, _("Mentoring-Profil zurückgegeben")),
        (joining.PROFILE_WITHDRAWN, _("Mentoring-Profil zurückgezogen")),
        (joining.CERTIFICATE_RECORDED, _("Führungszeugnis als eingesehen vermerkt")),
        (joining_mentees.MENTEE_REGISTERED, _("Mentee durch die Koordination angemeldet")),
        (joining_mentees.MENTEE_SELF_REGISTERED, _("Mentee selbst angemeldet")),
        (joining_mentees.SITE_UPDATED, _("Standort geändert")),
    ):
        audit_verbs.register(AuditVerb(key, label))
