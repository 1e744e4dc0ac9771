"""Background work on promises: expire those past their deadline, warn those about to expire."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import services
from .models import Promise


@task()
def expire_and_warn() -> dict[str, int]:
    """Expire published promises past their deadline; warn promisers of those expiring soon."""
    today = timezone.localdate()
    expired = sum(
        services.expire_promise(promise=promise)
        for promise in Promise.objects.published()
        .filter(deadline__lt=today)
        .select_related("owner", "organisation")
    )
    horizon = today + datetime.timedelta(days=settings.PROMISE_EXPIRY_WARNING_DAYS)
    soon = (
        Promise.objects.published()
        .filter(deadline__gte=today, deadline__lte=horizon, expiry_warned_at__isnull=True)
        .select_related("owner", "organisation")
    )
    warned = sum(services.warn_of_expiry(promise=promise) for promise in soon)
    return {"expired": expired, "warned": warned}
