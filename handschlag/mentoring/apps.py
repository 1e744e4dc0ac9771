from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "handschlag.mentoring"
    label = "mentoring"
    verbose_name = _("Mentoring")

    def ready(self) -> None:
        """Plug into the kernel: roles, notifications, audit, personal data, page sections.
        Each part of the app registers its own in kernel/<part>.py."""
        from handschlag.organisations.roles import Role, roles

        from . import access, rules  # noqa: F401
        from .kernel import joining, rounds, statistics, structure, tandems

        for key, label, scope in (
            (access.PROGRAMME_STAFF, _("Programmteam"), "mentoring.Programme"),
            (access.CARRIER_COORDINATOR, _("Koordination des Trägers"), "mentoring.Carrier"),
            (access.SITE_COORDINATOR, _("Koordination des Standorts"), "mentoring.Site"),
        ):
            roles.register(Role(key=key, label=label, scope=scope))
        for part in (joining, structure, rounds, tandems, statistics):
            part.ready()
