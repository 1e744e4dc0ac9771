"""Retention: what we promised not to keep, we delete (run daily by cron, see README)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import ProtectedError
from django.utils import timezone
from django_tasks import task

from .models import User
from .personal_data import personal_data


def stale_unverified_accounts(now: datetime.datetime) -> list[User]:
    """Accounts never verified within the retention period (staff excepted)."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_UNVERIFIED_ACCOUNT_DAYS)
    return list(
        User.objects.filter(date_joined__lt=cutoff, is_staff=False, is_superuser=False)
        .exclude(emailaddress__verified=True)
        .distinct()
    )


@task()
def purge_stale_data() -> dict[str, int]:
    """Delete unverified accounts past their retention period, then run every app's purge
    (e.g. read notifications); returns how many rows each removed."""
    now = timezone.now()
    accounts = 0
    for user in stale_unverified_accounts(now):
        try:
            user.delete()
        except ProtectedError:  # something came to depend on it meanwhile: keep it
            continue
        accounts += 1
    counts = {"accounts": accounts}
    for handler in personal_data:
        if handler.purge is not None:
            counts[handler.key] = handler.purge(now)
    return counts
