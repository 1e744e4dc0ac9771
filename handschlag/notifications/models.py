from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """Every kind of event that concerns a user; each can be switched off for email."""

    NEW_APPLICATION = "new_application", _("Neue Bewerbung auf mein Versprechen")
    APPLICATION_ACCEPTED = "application_accepted", _("Meine Bewerbung wurde angenommen")
    APPLICATION_DECLINED = "application_declined", _("Meine Bewerbung wurde abgelehnt")
    REPORT_SUBMITTED = "report_submitted", _("Ein Bericht wurde eingereicht")
    FULFILMENT_CONFIRMED = "fulfilment_confirmed", _("Die Erfüllung wurde bestätigt")
    FULFILMENT_DISPUTED = "fulfilment_disputed", _("Die Erfüllung wurde beanstandet")
    PROMISE_PUBLISHED = "promise_published", _("Mein Versprechen wurde veröffentlicht")
    REPORT_PUBLISHED = "report_published", _("Mein Bericht wurde veröffentlicht")
    RETURNED_BY_MODERATION = "returned_by_moderation", _("Die Moderation hat etwas zurückgegeben")
    EXPIRING_SOON = "expiring_soon", _("Mein Versprechen läuft bald ab")
    PROMISE_EXPIRED = "promise_expired", _("Mein Versprechen ist abgelaufen")
    ORGANISATION = "organisation", _("Neuigkeiten aus meinen Organisationen")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    # Rendered in the reader's language at display time, see messages.py.
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        from .messages import render_title

        return render_title(self.kind, self.params)

    @property
    def body(self) -> str:
        from .messages import render_body

        return render_body(self.kind, self.params)


class EmailOptOut(models.Model):
    """A kind of notification the user does not want by email (in-app always stays)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unique_opt_out")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"
