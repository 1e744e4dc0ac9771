from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from handschlag.core.models import TimeStampedModel


class AbuseReport(TimeStampedModel):
    """Someone reports a public object (a registered Reportable) as abusive, wrong or
    violating privacy."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Werbung oder Spam")
        OFFENSIVE = "offensive", _("beleidigend, diskriminierend oder hetzerisch")
        PRIVACY = "privacy", _("verletzt die Privatsphäre einer Person")
        FRAUD = "fraud", _("Betrug oder unseriöses Angebot")
        OTHER = "other", _("etwas anderes")

    class State(models.TextChoices):
        OPEN = "open", _("offen")
        RESOLVED = "resolved", _("erledigt")
        DISMISSED = "dismissed", _("verworfen")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("Grund"), max_length=20, choices=Reason.choices)
    message = models.TextField(_("Was ist das Problem?"), max_length=2000, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.TextField(_("Entscheidung"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "-created_at"])]
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.content_type.name} #{self.object_id})"
