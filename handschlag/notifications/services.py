"""Writing notifications. Every domain service calls `notify` inside its transaction;
the email goes out through a background task only after the transaction commits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from .models import EmailOptOut, Kind, Notification

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def notify(
    *, recipient: User, kind: Kind | str, params: dict[str, str] | None = None, url: str = ""
) -> Notification:
    """Store an in-app notification for `recipient` and mail it unless they opted out.

    `params` fill the kind's message (messages.py), rendered in each reader's language.
    """
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, params=params or {}, url=url
    )
    from .tasks import send_notification_email

    transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


def wants_email(*, user: User, kind: str) -> bool:
    return user.is_active and not EmailOptOut.objects.filter(user=user, kind=kind).exists()


def set_email_preferences(*, user: User, enabled_kinds: set[str]) -> None:
    """Keep email on for `enabled_kinds`, off for all other kinds."""
    with transaction.atomic():
        EmailOptOut.objects.filter(user=user).delete()
        EmailOptOut.objects.bulk_create(
            EmailOptOut(user=user, kind=kind) for kind in Kind.values if kind not in enabled_kinds
        )


def mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the user's notifications (all, or the given ids) as read; returns how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
