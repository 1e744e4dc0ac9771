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
        self._ready_door()
        self._ready_calendars()

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

    def _ready_door(self) -> None:
        """The organiser's side: check-in, closing report, exports, messages to all."""
        from handschlag.audit.registry import AuditVerb, audit_verbs
        from handschlag.blog.registry import PhotoSource, post_photo_sources
        from handschlag.core.media import MediaArea, media_areas
        from handschlag.moderation.registry import ModerationQueue, moderation_queues
        from handschlag.notifications.registry import notification_kinds

        from . import checkin, exports, organiser_messages, report

        for kind in organiser_messages.KINDS:
            notification_kinds.register(kind)
        for key, label, moderation in (
            (checkin.CHECKED_IN, _("beim Einlass eingecheckt"), False),
            (checkin.MARKED_ATTENDED, _("als anwesend vermerkt"), False),
            (checkin.MARKED_NO_SHOW, _("als nicht erschienen vermerkt"), False),
            (exports.EXPORTED, _("Anmeldungen exportiert"), False),
            (organiser_messages.MESSAGED, _("Nachricht an alle Teilnehmenden"), False),
            (report.REPORT_WRITTEN, _("Abschlussbericht geschrieben"), False),
            (report.PHOTO_REMOVED, _("Foto aus dem Abschlussbericht entfernt"), False),
            (report.CLOSED, _("Veranstaltung abgeschlossen"), False),
            (report.REPORT_SUBMITTED, _("Abschlussbericht an den Blog gegeben"), False),
            (report.REPORT_PUBLISHED, _("Abschlussbericht im Blog veröffentlicht"), True),
        ):
            audit_verbs.register(AuditVerb(key, label, moderation=moderation))
        media_areas.register(MediaArea(prefix="event-photos/", visibility=report.photo_visibility))
        post_photo_sources.register(PhotoSource(key="events", photos=report.post_photos))
        moderation_queues.register(
            ModerationQueue(
                key="event_reports",
                label=_("Berichte von Veranstaltungen"),
                items=report.reports_awaiting_publication,
                row_template="events/organiser/rows/report.html",
                position=25,
            )
        )

    def _ready_calendars(self) -> None:
        """Calendars: renewing and revoking the personal feed's address are audited."""
        from handschlag.audit.registry import AuditVerb, audit_verbs

        from . import calendar_tokens

        audit_verbs.register(
            AuditVerb(calendar_tokens.RENEWED, _("Adresse des Kalender-Abos erneuert"))
        )
        audit_verbs.register(AuditVerb(calendar_tokens.REVOKED, _("Kalender-Abo aufgehoben")))
