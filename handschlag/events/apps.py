from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "handschlag.events"
    label = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self) -> None:
        """Plug into the kernel (notifications, audit, moderation, personal data)."""
        from . import rules  # noqa: F401
