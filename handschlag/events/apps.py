from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "handschlag.events"
    label = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self) -> None:
        """Plug into the kernel (notifications, audit, moderation, personal data)."""
        from . import rules  # noqa: F401

        self._ready_publishing()

    def _ready_publishing(self) -> None:
        """Publishing (evpub): notification kinds, audit verbs, the moderation queue, reports
        of events, the section on an organisation's page, the content version."""
        from handschlag.audit.registry import AuditVerb, audit_verbs
        from handschlag.core.registry import PageSection
        from handschlag.core.versions import watch
        from handschlag.moderation.registry import (
            Decision,
            ModerationQueue,
            Reportable,
            moderation_queues,
            reportables,
        )
        from handschlag.notifications.registry import notification_kinds
        from handschlag.organisations.registry import organisation_sections

        from . import event_pages, messages, services
        from .models import Event

        watch(Event)
        for kind in messages.KINDS:
            notification_kinds.register(kind)
        for key, label, moderation in (
            (services.CREATED, _("Veranstaltung angelegt"), False),
            (services.CHANGED, _("Veranstaltung geändert"), False),
            (services.SUBMITTED, _("Veranstaltung zur Prüfung eingereicht"), False),
            (services.PUBLISHED, _("Veranstaltung veröffentlicht"), True),
            (
                services.PUBLISHED_FOR_MEMBERS,
                _("Veranstaltung für Mitglieder veröffentlicht"),
                False,
            ),
            (services.RETURNED, _("Veranstaltung zurückgegeben"), True),
            (services.RETRACTED, _("Veranstaltung aus der Prüfung zurückgeholt"), False),
            (services.CANCELLED, _("Veranstaltung abgesagt"), False),
        ):
            audit_verbs.register(AuditVerb(key, label, moderation=moderation))
        moderation_queues.register(
            ModerationQueue(
                key="events",
                label=_("Veranstaltungen zur Prüfung"),
                items=event_pages.pending_events,
                row_template="events/rows/pending.html",
                position=25,
            )
        )
        reportables.register(
            Reportable(
                key="event",
                label=_("Veranstaltung"),
                public=Event.objects.public,
                decisions=(
                    Decision(
                        key="return_event",
                        label=_("Veranstaltung zurückgeben"),
                        run=lambda event, by, comment: services.return_event(
                            event=event, by=by, comment=comment
                        ),
                    ),
                ),
            )
        )
        organisation_sections.register(
            PageSection(
                key="events",
                title=_("Veranstaltungen"),
                template="events/sections/organisation.html",
                context=event_pages.organisation_events,
            )
        )
