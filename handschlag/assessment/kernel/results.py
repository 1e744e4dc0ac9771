"""Kernel registrations of the results part: the audit verbs of its downloads (the council
report and the answers leave the platform, so each download is recorded)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    """Register audit verbs, notification kinds, personal data and media areas of this part."""
    from handschlag.audit.registry import AuditVerb, audit_verbs

    from ..report import ANSWERS_EXPORTED, REPORT_DOWNLOADED

    audit_verbs.register(
        AuditVerb(REPORT_DOWNLOADED, _("Bericht der Standortbestimmung heruntergeladen"))
    )
    audit_verbs.register(
        AuditVerb(ANSWERS_EXPORTED, _("Antworten der Standortbestimmung exportiert"))
    )
