from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class PromisesConfig(AppConfig):
    name = "handschlag.promises"
    label = "promises"
    verbose_name = pgettext_lazy("plural", "Versprechen")
