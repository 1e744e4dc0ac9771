"""Every write of conversations: messages, reading, contact releases, hiding a message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.core.text import without_control_characters
from handschlag.notifications.models import Notification
from handschlag.notifications.services import notify

from .consent import CONSENT_VERSION
from .messages import NEW_MESSAGE
from .models import ContactRelease, Message, Reader
from .rules import may
from .threads import Thread

if TYPE_CHECKING:
    from handschlag.accounts.models import User

CONTACT_RELEASED = "conversations.contact_released"
CONTACT_REVOKED = "conversations.contact_revoked"
MESSAGE_HIDDEN = "conversations.message_hidden"
EXCERPT_CHARS = 300
PHONE_CHARS = set("0123456789+-/() ")


def reply_url(thread: Thread) -> str:
    """The link in the mail: opens the thread at the reply box (login on demand)."""
    return reverse("conversations:reply", args=[thread.subject.key, thread.obj.pk])


def _require_writable(thread: Thread, by: User, perm: str) -> None:
    if not may("conversations.read_thread", by, thread):
        raise PermissionDenied
    if not may(perm, by, thread):
        raise DomainError(thread.state.note or _("Hier kann nicht mehr geschrieben werden."))


@transaction.atomic
def post_message(*, thread: Thread, by: User, text: str) -> Message:
    """A party writes to the other side; the other side's people are mailed, at most once
    per person until they have read the thread."""
    _require_writable(thread, by, "conversations.write_thread")
    text = without_control_characters(text).strip()
    if not text:
        raise DomainError(_("Bitte schreiben Sie eine Nachricht."), code="empty")
    if len(text) > Message.MAX_LENGTH:
        raise DomainError(
            _("Eine Nachricht darf höchstens %(n)d Zeichen lang sein.") % {"n": Message.MAX_LENGTH},
            code="too_long",
        )
    side = thread.side_of(by)
    assert side is not None  # read_thread was checked
    conversation = thread.ensure_conversation()
    message = Message.objects.create(conversation=conversation, author=by, side=side.key, text=text)
    now = message.created_at
    Reader.objects.update_or_create(
        conversation=conversation, user=by, defaults={"last_read_at": now}
    )
    _notify_other_side(thread, message, author=by)
    return message


def _notify_other_side(thread: Thread, message: Message, *, author: User) -> None:
    own = thread.side_by_key(message.side)
    assert own is not None
    other = thread.other_side(own)
    params = {
        "title": thread.subject.title(thread.obj),
        "name": f"{author.public_name} ({own.name})"
        if own.organisation is not None
        else author.public_name,
        "message": Truncator(message.text).chars(EXCERPT_CHARS),
    }
    for person in thread.members(other):
        reader, _created = Reader.objects.select_for_update().get_or_create(
            conversation=message.conversation, user=person
        )
        if reader.has_unread_mail:
            continue  # one mail until they read the thread: five quick messages, one mail
        notify(to=person, kind=NEW_MESSAGE.key, params=params, url=reply_url(thread))
        Reader.objects.filter(pk=reader.pk).update(notified_at=message.created_at)


def mark_read(*, thread: Thread, user: User) -> None:
    """`user` has seen the thread now: its messages are read, and so are the notifications
    about it; the next message mails them again."""
    if thread.conversation is None or thread.side_of(user) is None:
        return
    now = timezone.now()
    Reader.objects.update_or_create(
        conversation=thread.conversation, user=user, defaults={"last_read_at": now}
    )
    Notification.objects.filter(
        recipient=user, kind=NEW_MESSAGE.key, url=reply_url(thread), read_at__isnull=True
    ).update(read_at=now)


def _clean_contact(email: str, phone: str) -> tuple[str, str]:
    email, phone = email.strip(), " ".join(phone.split())
    if not email and not phone:
        raise DomainError(
            _("Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an."), code="empty"
        )
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise DomainError(_("Bitte geben Sie eine gültige E-Mail-Adresse an.")) from error
    digits = sum(c.isdigit() for c in phone)
    if phone and (len(phone) > 40 or not set(phone) <= PHONE_CHARS or digits < 5):
        raise DomainError(
            _("Bitte geben Sie eine Telefonnummer aus Ziffern an, z. B. 03675 123456.")
        )
    return email, phone


@transaction.atomic
def release_contact(
    *, thread: Thread, by: User, email: str = "", phone: str = "", consent: bool
) -> ContactRelease:
    """`by` shares contact details with the other side (shown once both sides shared);
    replaces their earlier release in this thread."""
    _require_writable(thread, by, "conversations.share_contact")
    if not consent:
        raise DomainError(
            _("Bitte bestätigen Sie, dass Sie mit der Weitergabe einverstanden sind."),
            code="no_consent",
        )
    email, phone = _clean_contact(email, phone)
    side = thread.side_of(by)
    assert side is not None
    conversation = thread.ensure_conversation()
    now = timezone.now()
    ContactRelease.objects.filter(
        conversation=conversation, user=by, revoked_at__isnull=True
    ).update(revoked_at=now, email="", phone="")
    release = ContactRelease.objects.create(
        conversation=conversation,
        user=by,
        side=side.key,
        email=email,
        phone=phone,
        consent_version=CONSENT_VERSION,
        consented_at=now,
    )
    record(
        actor=by,
        verb=CONTACT_RELEASED,
        target=conversation,
        side=side.key,
        consent_version=CONSENT_VERSION,
        email=bool(email),
        phone=bool(phone),
    )
    return release


@transaction.atomic
def revoke_contact(*, thread: Thread, by: User) -> int:
    """`by` takes back their contact details (always allowed, also after leaving a side):
    the details are deleted, the consent record stays with its revocation time."""
    if thread.conversation is None:
        return 0
    releases = ContactRelease.objects.select_for_update().filter(
        conversation=thread.conversation, user=by, revoked_at__isnull=True
    )
    count = releases.update(revoked_at=timezone.now(), email="", phone="")
    if count:
        record(actor=by, verb=CONTACT_REVOKED, target=thread.conversation)
    return count


@transaction.atomic
def hide_message(*, message: Message, by: User, comment: str = "") -> Message:
    """A moderator hides a reported message from both sides (it stays stored for the log)."""
    if not by.has_perm("conversations.hide_message", message):
        raise PermissionDenied
    if message.hidden_at is None:
        message.hidden_at = timezone.now()
        message.save(update_fields=["hidden_at"])
        record(actor=by, verb=MESSAGE_HIDDEN, target=message, comment=comment)
    return message
