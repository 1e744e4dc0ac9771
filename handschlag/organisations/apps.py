from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "handschlag.organisations"
    label = "organisations"
    verbose_name = _("Organisationen")

    def ready(self) -> None:
        from handschlag.accounts.personal_data import personal_data
        from handschlag.audit.registry import AuditVerb, audit_verbs
        from handschlag.core.versions import watch

        from . import contacts, privacy, services
        from .models import Membership, Organisation

        watch(Organisation)  # its name on every card of its promises
        watch(Membership)  # contact persons on the town pages

        for key, label, moderation in (
            (services.CREATED, _("Organisation angelegt"), False),
            (services.CHANGED, _("Art der Organisation geändert"), False),
            (services.KIND_REQUESTED, _("Art mit Befugnissen beantragt"), False),
            (services.JOIN_DECIDED, _("Beitrittsanfrage entschieden"), False),
            (services.INVITED, _("Person eingeladen"), False),
            (services.INVITATION_ACCEPTED, _("Einladung angenommen"), False),
            (services.ROLE_CHANGED, _("Rolle geändert"), False),
            (services.REMOVED, _("Mitglied entfernt"), False),
            (services.LEFT, _("Organisation verlassen"), False),
            (services.ROLE_GRANTED, _("zusätzliche Rolle vergeben"), False),
            (services.ROLE_REVOKED, _("zusätzliche Rolle entzogen"), False),
            (services.VERIFIED, _("Organisation verifiziert"), True),
            (services.UNVERIFIED, _("Verifizierung entzogen"), True),
            (services.KIND_DECLINED, _("beantragte Art abgelehnt"), True),
            (contacts.CONTACT_SHOWN, _("als Ansprechperson gezeigt"), False),
            (contacts.CONTACT_HIDDEN, _("nicht mehr als Ansprechperson gezeigt"), False),
        ):
            audit_verbs.register(AuditVerb(key, label, moderation=moderation))
        personal_data.register_app("organisations", export=privacy.export, erase=privacy.erase)
