"""The notifications' part of a person's data export and account deletion."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Q

from .models import EmailOptOut, Notification

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def export(user: User) -> dict[str, Any]:
    return {
        "notifications": [
            {
                "kind": n.kind,
                "title": n.title,
                "body": n.body,
                "url": n.url,
                "created_at": n.created_at,
                "read_at": n.read_at,
            }
            for n in Notification.objects.filter(recipient=user)
        ],
        "email_opt_outs": list(
            EmailOptOut.objects.filter(user=user).values_list("kind", flat=True)
        ),
    }


def erase(user: User) -> None:
    Notification.objects.filter(recipient=user).delete()
    # mails to the address before it had an account, or without one
    Notification.objects.filter(recipient__isnull=True, email__iexact=user.email).delete()
    EmailOptOut.objects.filter(user=user).delete()


def purge(now: datetime.datetime) -> int:
    """Read notifications, and mails to addresses without an account (never read in the app),
    are kept for RETENTION_READ_NOTIFICATIONS_DAYS."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_READ_NOTIFICATIONS_DAYS)
    stale = Q(read_at__lt=cutoff) | Q(recipient__isnull=True, created_at__lt=cutoff)
    deleted, _ = Notification.objects.filter(stale).delete()
    return deleted
