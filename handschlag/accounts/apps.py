from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "handschlag.accounts"
    label = "accounts"
    verbose_name = _("Konten")

    def ready(self) -> None:
        from handschlag.core.versions import watch

        from .models import User

        # a person's public name is on their promises' cards; logging in changes nothing shown
        watch(User, unless_only=frozenset({"last_login", "password"}))
