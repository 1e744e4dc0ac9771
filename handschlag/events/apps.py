from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "handschlag.events"
    label = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self) -> None:
        """Plug into the kernel (notifications, audit, moderation, personal data)."""
        from handschlag.audit.registry import AuditVerb, audit_verbs
        from handschlag.core.versions import watch

        from . import calendar_tokens, rules  # noqa: F401
        from .models import Event

        # calendars part: public pages (list, calendar, town and home page) show events
        watch(Event)
        audit_verbs.register(
            AuditVerb(calendar_tokens.RENEWED, _("Adresse des Kalender-Abos erneuert"))
        )
        audit_verbs.register(AuditVerb(calendar_tokens.REVOKED, _("Kalender-Abo aufgehoben")))
