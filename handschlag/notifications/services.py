"""Writing notifications. Every domain service calls `notify` inside its transaction;
the email goes out through a background task only after the transaction commits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from .models import EmailOptOut, Notification
from .recipients import Target, resolve
from .registry import notification_kinds

if TYPE_CHECKING:
    from handschlag.accounts.models import User


class UnknownKind(LookupError):
    pass


def notify(
    *,
    to: Target | Iterable[Target],
    kind: str,
    params: dict[str, str] | None = None,
    url: str = "",
) -> list[Notification]:
    """Store a notification for every recipient in `to` and mail it after the commit.

    `to` is a user, a recipients.Recipient (e.g. `address(email)` for someone without an
    account), `admins_of(organisation)`, or a list of these; each person is notified once.
    `params` fill the kind's texts, rendered in each reader's language.
    """
    if kind not in notification_kinds:
        raise UnknownKind(kind)
    notifications = [
        Notification.objects.create(
            recipient=recipient.user,
            email="" if recipient.user else recipient.email,
            language=recipient.language,
            kind=kind,
            params=params or {},
            url=url,
        )
        for recipient in resolve(to)
    ]
    from .tasks import send_notification_email

    for notification in notifications:
        transaction.on_commit(
            lambda pk=notification.pk: send_notification_email.enqueue(pk)  # type: ignore[misc]
        )
    return notifications


def wants_email(*, user: User, kind: str) -> bool:
    return user.is_active and not EmailOptOut.objects.filter(user=user, kind=kind).exists()


def set_email_preferences(*, user: User, enabled_kinds: set[str]) -> None:
    """Keep email on for `enabled_kinds`, off for every other registered kind."""
    with transaction.atomic():
        EmailOptOut.objects.filter(user=user).delete()
        EmailOptOut.objects.bulk_create(
            EmailOptOut(user=user, kind=kind.key)
            for kind in notification_kinds
            if kind.key not in enabled_kinds
        )


def mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the user's notifications (all, or the given ids) as read; returns how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
