"""A thread per subject (e.g. one redemption), its messages, who read what, and the contact
details a person chose to share."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.core.models import TimeStampedModel


class Conversation(TimeStampedModel):
    """The thread about one object of a registered subject ("promises.redemption", 17).
    Created with its first message or contact release."""

    subject_key = models.CharField(max_length=60)
    object_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subject_key", "object_id"], name="one_conversation_per_subject"
            )
        ]
        verbose_name = _("Gespräch")
        verbose_name_plural = _("Gespräche")

    def __str__(self) -> str:
        return f"{self.subject_key} #{self.object_id}"

    def get_absolute_url(self) -> str:
        return reverse("conversations:open", args=[self.subject_key, self.object_id])


class Message(models.Model):
    """One message; `side` is the key of the author's side when writing. An erased author
    leaves the message to the other side without a name (author None: "gelöschtes Konto")."""

    MAX_LENGTH = 4000

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    side = models.CharField(max_length=30)
    text = models.TextField(_("Nachricht"), max_length=MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "created_at"])]
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")

    def __str__(self) -> str:
        # Shown on the abuse-report page to whoever reports: never the text itself.
        return str(_("Nachricht Nr. %(pk)s") % {"pk": self.pk})

    def get_absolute_url(self) -> str:
        """The message in its thread for the parties; its review page for moderators."""
        return reverse("conversations:message", args=[self.pk])


class Reader(models.Model):
    """What one person read in a thread, and when they were last mailed about it: no new
    mail until they have read the thread since (`notified_at` after `last_read_at`)."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="readers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="one_reader_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.conversation_id}"

    @property
    def has_unread_mail(self) -> bool:
        return self.notified_at is not None and (
            self.last_read_at is None or self.last_read_at < self.notified_at
        )


class ContactRelease(models.Model):
    """Contact details a person shares with the other side, with their consent (the version
    of the consent text and when). Shown only while both sides have shared theirs. Revoking
    keeps the consent record but deletes the details."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="contact_releases"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    side = models.CharField(max_length=30)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefonnummer"), max_length=40, blank=True)
    consent_version = models.CharField(max_length=20)
    consented_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["consented_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_contact_release_per_person",
            )
        ]
        verbose_name = _("Freigabe von Kontaktdaten")
        verbose_name_plural = _("Freigaben von Kontaktdaten")

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.conversation_id}"
