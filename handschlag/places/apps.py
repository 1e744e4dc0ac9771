from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "handschlag.places"
    label = "places"
    verbose_name = _("Orte")

    def ready(self) -> None:
        from handschlag.core.versions import watch

        from .models import Municipality

        watch(Municipality)
