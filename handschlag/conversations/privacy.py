"""Conversations' part of a person's data export and account deletion.

Erasing an account keeps the person's messages for the other side, without their name
("gelöschtes Konto"): a message was sent to the other side and is part of their record of
what was agreed (a reply that answers nothing would be unintelligible), while everything
that points to the person — the author link, their contact details and consent records,
what they read — is deleted. Retention (e.g. deleting threads some years after the subject
closed) is left for later; see the report of issue #8.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .models import ContactRelease, Message, Reader

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
