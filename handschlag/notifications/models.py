from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registry import render_body, render_link, render_title


class Notification(models.Model):
    """Something that concerns a person (in-app and email) or an address without an account
    (email only). `kind` is a key of the notification-kind registry."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    language = models.CharField(_("Sprache"), max_length=10, blank=True)
    kind = models.CharField(max_length=60)
    # Rendered in the reader's language at display time, see registry.py.
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(email=""),
                name="notification_has_a_recipient",
            )
        ]
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return render_title(self.kind, self.params)

    @property
    def body(self) -> str:
        return render_body(self.kind, self.params)

    @property
    def link(self) -> str:
        """Where the notification leads: its kind builds it, or the stored `url`."""
        return render_link(self.kind, self.params, self.url)


class EmailOptOut(models.Model):
    """A kind of notification the user does not want by email (in-app always stays)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs"
    )
    kind = models.CharField(max_length=60)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unique_opt_out")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"
