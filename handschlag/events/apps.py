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
        self._ready_registration()

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

    def _ready_registration(self) -> None:
        """The registration part: its notification kinds, audit verbs and personal data."""
        from handschlag.accounts.personal_data import personal_data
        from handschlag.audit.registry import AuditVerb, audit_verbs
        from handschlag.notifications.registry import notification_kinds

        from . import privacy, registration, registration_messages

        for kind in registration_messages.KINDS:
            notification_kinds.register(kind)
        labels = {
            registration.REGISTERED: _("zu einer Veranstaltung angemeldet"),
            registration.GUEST_REQUESTED: _("ohne Konto zu einer Veranstaltung angemeldet"),
            registration.EMAIL_CONFIRMED: _("E-Mail-Adresse einer Anmeldung bestätigt"),
            registration.OFFERED: _("Platz von der Warteliste angeboten"),
            registration.OFFER_ACCEPTED: _("angebotenen Platz angenommen"),
            registration.OFFER_EXPIRED: _("Platzangebot verfallen"),
            registration.CANCELLED: _("von einer Veranstaltung abgemeldet"),
            registration.CANCELLED_BY_ORGANISER: _("Anmeldung von den Veranstaltenden abgesagt"),
            registration.REMINDED: _("an eine Veranstaltung erinnert"),
            registration.ERASED: _("Anmeldung beim Löschen der Daten beendet"),
        }
        for key in registration.AUDIT_VERBS:
            audit_verbs.register(AuditVerb(key, labels[key]))
        personal_data.register_app(
            "event_registrations", export=privacy.export, erase=privacy.erase, purge=privacy.purge
        )
