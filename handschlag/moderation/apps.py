from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "handschlag.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from handschlag.accounts.personal_data import personal_data
        from handschlag.audit.registry import AuditVerb, audit_verbs

        from . import privacy, selectors, services
        from .registry import ModerationQueue, moderation_queues

        audit_verbs.register(AuditVerb(services.RESOLVE, _("Meldung erledigt"), moderation=True))
        audit_verbs.register(AuditVerb(services.DISMISS, _("Meldung verworfen"), moderation=True))
        moderation_queues.register(
            ModerationQueue(
                key="abuse",
                label=_("Meldungen"),
                items=selectors.open_abuse_reports,
                row_template="moderation/rows/abuse.html",
                position=80,
            )
        )
        moderation_queues.register(
            ModerationQueue(
                key="organisations",
                label=_("Organisationen zu prüfen"),
                items=selectors.organisations_to_verify,
                row_template="moderation/rows/organisation.html",
                position=90,
            )
        )
        personal_data.register_app("moderation", export=privacy.export, erase=privacy.erase)
