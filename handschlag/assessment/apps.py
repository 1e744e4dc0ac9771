from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "handschlag.assessment"
    label = "assessment"
    verbose_name = _("Standortbestimmung")

    def ready(self) -> None:
        """Plug into the kernel; each part registers its own in kernel/<part>.py."""
        from . import rules  # noqa: F401
        from .kernel import answering, plans, results

        for part in (answering, results, plans):
            part.ready()
