from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "handschlag.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from . import checks  # noqa: F401  (registers the system checks)
        from .text import clean_text_fields

        pre_save.connect(clean_text_fields, dispatch_uid="core.clean_text_fields")
