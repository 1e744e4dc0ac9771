from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "handschlag.directory"
    label = "directory"
    verbose_name = _("Angebote für Neuzugewanderte")

    def ready(self) -> None:
        """Plug into the kernel: roles, audit, notifications, personal data, content version.
        Each part of the app registers its own in kernel/<part>.py."""
        from handschlag.core.versions import watch
        from handschlag.organisations.roles import Role, roles

        from . import rules
        from .kernel import content, data, editor, guides, keep, public
        from .models import GuidePage, GuideSection, GuideTopic, Offer, Portal, Translation

        roles.register(Role(key=rules.TRANSLATOR, label=_("Übersetzung"), scope="directory.Portal"))
        for part in (content, data, editor, guides, keep, public):
            part.ready()
        for model in (Portal, Offer, GuideTopic, GuidePage, GuideSection, Translation):
            watch(model)
