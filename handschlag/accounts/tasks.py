"""Retention: what we promised not to keep, we delete (run daily by cron, see README)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import ProtectedError
from django.utils import timezone
from django_tasks import task

from handschlag.notifications.models import Notification

from .models import User


def stale_unverified_accounts(now: datetime.datetime) -> list[User]:
    """Accounts never verified within the retention period that own nothing."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_UNVERIFIED_ACCOUNT_DAYS)
    return list(
        User.objects.filter(date_joined__lt=cutoff, is_staff=False, is_superuser=False)
        .exclude(emailaddress__verified=True)
        .filter(promises__isnull=True, redemptions__isnull=True)
        .distinct()
    )


@task()
def purge_stale_data() -> dict[str, int]:
    """Delete unverified accounts and read notifications past their retention period."""
    now = timezone.now()
    accounts = 0
    for user in stale_unverified_accounts(now):
        try:
            user.delete()
        except ProtectedError:  # something came to depend on it meanwhile: keep it
            continue
        accounts += 1
    read_cutoff = now - datetime.timedelta(days=settings.RETENTION_READ_NOTIFICATIONS_DAYS)
    notifications, _ = Notification.objects.filter(read_at__lt=read_cutoff).delete()
    return {"accounts": accounts, "notifications": notifications}
