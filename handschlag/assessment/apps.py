from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "handschlag.assessment"
    label = "assessment"
    verbose_name = _("Standortbestimmung")

    def ready(self) -> None:
        """Plug into the kernel; each part registers its own in kernel/<part>.py."""
        from handschlag.core.versions import watch

        from . import rules  # noqa: F401
        from .kernel import answering, plans, results
        from .models import Assessment

        watch(Assessment)  # a shared round's scores on the town's page

        for part in (answering, results, plans):
            part.ready()
