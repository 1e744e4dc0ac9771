"""Open data (HSDS 3.0 export and import): audit verbs of the import."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from handschlag.audit.registry import AuditVerb, audit_verbs

    from .. import hsds_import

    audit_verbs.register(AuditVerb(hsds_import.IMPORTED, _("Angebote aus HSDS-Datei übernommen")))
    audit_verbs.register(AuditVerb(hsds_import.CREATED, _("Aus HSDS-Datei angelegt")))
