"""Conversations' part of a person's data export and account deletion.

Erasing an account keeps the person's messages for the other side, without their name
("gelöschtes Konto"): a message was sent to the other side and is part of their record of
what was agreed (a reply that answers nothing would be unintelligible), while everything
that points to the person — the author link, their contact details and consent records,
what they read — is deleted.

Retention (`purge`, daily): a thread that can no longer be written to (its subject ended, or is
gone) and has been quiet for `RETENTION_CONVERSATION_DAYS` is deleted with its messages, read
marks and contact releases — unless a report about one of its messages is still open.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q
from django.http import Http404

from handschlag.moderation.models import AbuseReport

from .models import ContactRelease, Conversation, Message, Reader
from .threads import find_thread

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def export(user: User) -> dict[str, Any]:
    messages = Message.objects.filter(author=user).select_related("conversation")
    releases = ContactRelease.objects.filter(user=user).select_related("conversation")
    return {
        "messages": [
            {
                "thread": str(m.conversation),
                "side": m.side,
                "text": m.text,
                "created_at": m.created_at,
                "hidden_by_moderation": m.hidden_at is not None,
            }
            for m in messages
        ],
        "contact_releases": [
            {
                "thread": str(r.conversation),
                "side": r.side,
                "email": r.email,
                "phone": r.phone,
                "consent_version": r.consent_version,
                "consented_at": r.consented_at,
                "revoked_at": r.revoked_at,
            }
            for r in releases
        ],
    }


def erase(user: User) -> None:
    Message.objects.filter(author=user).update(author=None)
    ContactRelease.objects.filter(user=user).delete()
    Reader.objects.filter(user=user).delete()


def purge(now: datetime.datetime) -> int:
    """Delete the threads past their retention period; returns how many."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_CONVERSATION_DAYS)
    quiet = (
        Conversation.objects.annotate(last_message=Max("messages__created_at"))
        .filter(Q(last_message__lt=cutoff) | Q(last_message__isnull=True, created_at__lt=cutoff))
        .exclude(messages__pk__in=_messages_under_open_report())
    )
    ended = [conversation.pk for conversation in quiet.distinct() if _has_ended(conversation)]
    Conversation.objects.filter(pk__in=ended).delete()
    return len(ended)


def _messages_under_open_report() -> Any:
    return AbuseReport.objects.filter(
        content_type=ContentType.objects.get_for_model(Message), state=AbuseReport.State.OPEN
    ).values("object_id")


def _has_ended(conversation: Conversation) -> bool:
    try:
        thread = find_thread(subject_key=conversation.subject_key, object_id=conversation.object_id)
    except Http404:  # its subject is gone (or no longer registered)
        return True
    return not thread.state.writable
