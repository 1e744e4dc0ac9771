from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registry import verb_label


class AuditEntry(models.Model):
    """One recorded action: actor, verb, target, when, and what it changed (append-only)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verb = models.CharField(_("was"), max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # What the target was called then: the log stays readable after the target changes or goes.
    target_label = models.CharField(_("woran"), max_length=200)
    comment = models.TextField(_("Kommentar"), blank=True)
    details = models.JSONField(_("Einzelheiten"), default=dict, blank=True)
    at = models.DateTimeField(_("wann"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        indexes = [
            models.Index(fields=["verb", "-at"]),
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["actor", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.verb_label}: {self.target_label}"

    @property
    def verb_label(self) -> str:
        return verb_label(self.verb)
