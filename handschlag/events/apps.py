from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "handschlag.events"
    label = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self) -> None:
        """Plug into the kernel (notifications, audit, moderation, personal data)."""
        from . import rules  # noqa: F401

        self._ready_registration()

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
