"""The structure part's registrations with the kernel: the audit verbs of editing programmes,
carriers and sites."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from handschlag.audit.registry import AuditVerb, audit_verbs

    from .. import structure

    for key, label in (
        (structure.PROGRAMME_UPDATED, _("Mentoring-Programm geändert")),
        (structure.CARRIER_ADDED, _("Träger hinzugefügt")),
        (structure.CARRIER_CHANGED, _("Organisation eines Trägers geändert")),
        (structure.CARRIER_DEACTIVATED, _("Träger deaktiviert")),
        (structure.CARRIER_REACTIVATED, _("Träger wieder aktiviert")),
        (structure.CARRIER_DELETED, _("Träger gelöscht")),
        (structure.SITE_ADDED, _("Standort angelegt")),
        (structure.SITE_CHANGED, _("Standort bearbeitet")),
        (structure.SITE_DEACTIVATED, _("Standort deaktiviert")),
        (structure.SITE_REACTIVATED, _("Standort wieder aktiviert")),
        (structure.SITE_DELETED, _("Standort gelöscht")),
    ):
        audit_verbs.register(AuditVerb(key, label))
