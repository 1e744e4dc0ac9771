from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "handschlag.notifications"
    label = "notifications"
    verbose_name = _("Benachrichtigungen")

    def ready(self) -> None:
        from handschlag.accounts.personal_data import personal_data

        from . import organisation_kinds, privacy

        organisation_kinds.register()
        personal_data.register_app(
            "notifications", export=privacy.export, erase=privacy.erase, purge=privacy.purge
        )
