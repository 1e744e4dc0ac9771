from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "handschlag.measures"
    label = "measures"
    verbose_name = _("Maßnahmen")

    def ready(self) -> None:
        """Plug into the kernel (kernel.py)."""
        from handschlag.core.versions import watch

        from . import kernel, rules  # noqa: F401
        from .models import Adoption, Measure

        kernel.ready()
        watch(Measure)  # titles on the town pages
        watch(Adoption)  # "Woran … arbeitet" and "Kommunen wie …"
