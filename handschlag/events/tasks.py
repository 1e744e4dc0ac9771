"""Background work on registrations: expire offers past their deadline (and offer the places
to the next in line), send the reminders that are due. Both are idempotent; run them often
(`manage.py process_event_registrations`, every 15 minutes by cron)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from . import registration as services
from .models import FIRST_REMINDER_HOURS, Event, Registration


@task()
def expire_offers() -> int:
    """Every offer past its deadline expires; its places go on down the waiting list."""
    due = Registration.objects.filter(
        state=Registration.State.OFFERED, offer_expires_at__lte=timezone.now()
    ).order_by("offer_expires_at", "pk")
    return sum(services.expire_offer(registration=r) for r in due)


@task()
def send_reminders() -> dict[str, int]:
    """Remind confirmed participants 48 hours before the start, and again
    `event.second_reminder_hours` before if the organiser asked for it; each once."""
    now = timezone.now()
    upcoming = Registration.objects.filter(
        state=Registration.State.CONFIRMED,
        event__state=Event.State.PUBLISHED,
        event__starts_at__gt=now,
    )
    first = upcoming.filter(
        reminded_at__isnull=True,
        event__starts_at__lte=now + timedelta(hours=FIRST_REMINDER_HOURS),
        # a registration made after the 48 h mark already has everything in its confirmation
        created_at__lt=F("event__starts_at") - timedelta(hours=FIRST_REMINDER_HOURS),
    )
    reminded = sum(services.send_reminder(registration=r) for r in first.order_by("pk"))
    hours = (
        Event.objects.published()
        .filter(starts_at__gt=now, second_reminder_hours__isnull=False)
        .values_list("second_reminder_hours", flat=True)
        .distinct()
    )
    reminded_again = 0
    for h in sorted({h for h in hours if h is not None}):
        second = upcoming.filter(
            second_reminded_at__isnull=True,
            event__second_reminder_hours=h,
            event__starts_at__lte=now + timedelta(hours=h),
        )
        reminded_again += sum(
            services.send_reminder(registration=r, second=True) for r in second.order_by("pk")
        )
    return {"first": reminded, "second": reminded_again}


@task()
def process_registrations() -> dict[str, int]:
    expired = expire_offers.call()
    reminders = send_reminders.call()
    return {"expired": expired, **reminders}
