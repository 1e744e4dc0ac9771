from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "handschlag.conversations"
    label = "conversations"
    verbose_name = _("Gespräche")

    def ready(self) -> None:
        """Plug into the kernel below: notifications, audit verbs, reports, personal data."""
        from handschlag.accounts.personal_data import personal_data
        from handschlag.audit.registry import AuditVerb, audit_verbs
        from handschlag.moderation.registry import Decision, Reportable, reportables
        from handschlag.notifications.registry import notification_kinds

        from . import messages, privacy, rules, services  # rules registers perms on import
        from .models import Message

        notification_kinds.register(messages.NEW_MESSAGE)
        for key, label, moderation in (
            (services.CONTACT_RELEASED, _("Kontaktdaten freigegeben"), False),
            (services.CONTACT_REVOKED, _("Freigabe der Kontaktdaten zurückgenommen"), False),
            (services.MESSAGE_HIDDEN, _("Nachricht ausgeblendet"), True),
        ):
            audit_verbs.register(AuditVerb(key, label, moderation=moderation))
        reportables.register(
            Reportable(
                key="message",
                label=_("Nachricht"),
                public=lambda: Message.objects.filter(hidden_at__isnull=True),
                reporters=rules.may_report_message,
                decisions=(
                    Decision(
                        key="hide_message",
                        label=_("Nachricht ausblenden"),
                        run=lambda message, by, comment: services.hide_message(
                            message=message, by=by, comment=comment
                        ),
                    ),
                ),
            )
        )
        personal_data.register_app(
            "conversations", export=privacy.export, erase=privacy.erase, purge=privacy.purge
        )
