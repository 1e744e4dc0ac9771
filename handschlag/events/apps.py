from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "handschlag.events"
    label = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self) -> None:
        """Plug into the kernel (notifications, audit, moderation, personal data)."""
        from . import rules  # noqa: F401

        self._ready_door()

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
            (checkin.CANCELLED_BY_ORGANISER, _("Anmeldung vom Veranstalter abgesagt"), False),
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
