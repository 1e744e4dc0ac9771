"""Background work on promises: expire those past their deadline, warn those about to expire."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from handschlag.notifications.models import Kind

from .models import Promise
from .services import decline_open_applications
from .services._common import notify_owner


def _expire(promise: Promise) -> None:
    with transaction.atomic():
        # Re-read under a lock: a parallel run or a withdrawal may have changed it meanwhile.
        promise = Promise.objects.select_for_update().select_related("owner").get(pk=promise.pk)
        if promise.state != Promise.State.PUBLISHED:
            return
        promise.move_to(Promise.State.EXPIRED, by=None)
        decline_open_applications(
            promise=promise, by=None, reason=_("Das Versprechen ist abgelaufen.")
        )
        notify_owner(promise, Kind.PROMISE_EXPIRED)


def _warn(promise: Promise) -> bool:
    with transaction.atomic():
        # The conditional UPDATE makes the warning go out once, even if two runs overlap.
        claimed = Promise.objects.filter(pk=promise.pk, expiry_warned_at__isnull=True).update(
            expiry_warned_at=timezone.now()
        )
        if claimed:
            notify_owner(promise, Kind.EXPIRING_SOON, deadline=promise.deadline.isoformat())
        return bool(claimed)


@task()
def expire_and_warn() -> dict[str, int]:
    """Expire published promises past their deadline; warn owners of those expiring soon."""
    today = timezone.localdate()
    expired = 0
    for promise in Promise.objects.published().filter(deadline__lt=today).only("pk"):
        _expire(promise)
        expired += 1
    horizon = today + datetime.timedelta(days=settings.PROMISE_EXPIRY_WARNING_DAYS)
    soon = (
        Promise.objects.published()
        .filter(deadline__gte=today, deadline__lte=horizon, expiry_warned_at__isnull=True)
        .select_related("owner")
    )
    warned = sum(_warn(promise) for promise in soon)
    return {"expired": expired, "warned": warned}
