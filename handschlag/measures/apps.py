from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "handschlag.measures"
    label = "measures"
    verbose_name = _("Maßnahmen")

    def ready(self) -> None:
        """Plug into the kernel (kernel.py)."""
        from . import kernel, rules  # noqa: F401

        kernel.ready()
