"""Kernel registrations of the results part: the audit verbs of its downloads (the council
report and the answers leave the platform, so each download is recorded) and of the town's
population, which the comparison with peers needs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    """Register audit verbs, notification kinds, personal data and media areas of this part."""
    from handschlag.audit.registry import AuditVerb, audit_verbs

    from ..population import POPULATION_SET
    from ..report import ANSWERS_EXPORTED, REPORT_DOWNLOADED

    audit_verbs.register(
        AuditVerb(REPORT_DOWNLOADED, _("Bericht der Standortbestimmung heruntergeladen"))
    )
    audit_verbs.register(
        AuditVerb(ANSWERS_EXPORTED, _("Antworten der Standortbestimmung exportiert"))
    )
    audit_verbs.register(AuditVerb(POPULATION_SET, _("Einwohnerzahl der Kommune eingetragen")))
