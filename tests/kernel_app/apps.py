from django.apps import AppConfig
from django.utils.translation import get_language


class KernelAppConfig(AppConfig):
    """Registers with every kernel registry, as a new feature app would — no kernel edit."""

    name = "tests.kernel_app"
    label = "kernel_app"

    def ready(self) -> None:
        from handschlag.accounts.personal_data import personal_data
        from handschlag.audit.registry import AuditVerb, audit_verbs
        from handschlag.core.registry import PageSection
        from handschlag.moderation.registry import (
            Decision,
            ModerationQueue,
            Reportable,
            moderation_queues,
            reportables,
        )
        from handschlag.notifications.registry import NotificationKind, notification_kinds
        from handschlag.organisations.registry import organisation_sections
        from handschlag.organisations.roles import Role, roles

        from . import services
        from .models import Workshop

        # The title is chosen in the language active when it is rendered: the reader's.
        titles = {"de": "Ein Platz in „%(title)s“ ist frei", "en": "A seat in “%(title)s” is free"}
        notification_kinds.register(
            NotificationKind(
                key=services.SEAT_FREED,
                group="Werkstätten",
                label="Ein Platz ist frei",
                title=lambda p: titles[get_language()[:2]] % p,
            )
        )
        audit_verbs.register(AuditVerb(services.BOOKED, "Platz gebucht"))
        audit_verbs.register(AuditVerb(services.CANCELLED, "Werkstatt abgesagt", moderation=True))
        moderation_queues.register(
            ModerationQueue(
                key="workshops",
                label="Werkstätten zur Prüfung",
                items=lambda: Workshop.objects.filter(public=False).order_by("pk"),
                row_template="kernel_app/row.html",
                position=50,
            )
        )
        reportables.register(
            Reportable(
                key="workshop",
                label="Werkstatt",
                public=lambda: Workshop.objects.filter(public=True),
                decisions=(
                    Decision(
                        key="cancel_workshop",
                        label="Werkstatt absagen",
                        run=lambda workshop, by, comment: services.cancel_workshop(
                            workshop=workshop, by=by, comment=comment
                        ),
                    ),
                ),
            )
        )
        personal_data.register_app("kernel_app", export=services.export, erase=services.erase)
        roles.register(Role("kernel_app.trainer", "Trainer:in", scope="kernel_app.Workshop"))
        organisation_sections.register(
            PageSection(
                key="workshops",
                title="Werkstätten",
                template="kernel_app/section.html",
                context=lambda organisation, user: (
                    {"workshops": workshops}
                    if (workshops := list(Workshop.objects.filter(organisation=organisation)))
                    else None
                ),
            )
        )
