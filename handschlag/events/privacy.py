"""The registrations' part of a person's data export and account deletion, and the retention
of guests' data (people without an account who registered with name and address)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from . import registration as services
from .models import Registration

if TYPE_CHECKING:
    from handschlag.accounts.models import User

# A guest who never confirmed their address: the request goes after this many days.
UNCONFIRMED_GUEST_DAYS = 7
# After an event has ended, guests' names, addresses and needs are kept this long (for the
# organiser's attendance list and closing report), then anonymised.
GUEST_DATA_DAYS_AFTER_EVENT = 180

_NO_NEEDS = {"interpreter_language": "", "childcare": 0, "step_free": False, "other_needs": ""}


def export(user: User) -> dict[str, Any]:
    registrations = Registration.objects.filter(user=user).select_related("event")
    return {
        "registrations": [
            {
                "event": r.event.title,
                "event_id": r.event_id,
                "starts_at": r.event.starts_at,
                "state": r.state,
                "places": r.places,
                "interpreter_language": r.interpreter_language,
                "childcare": r.childcare,
                "step_free": r.step_free,
                "other_needs": r.other_needs,
                "created_at": r.created_at,
                "checked_in_at": r.checked_in_at,
            }
            for r in registrations.order_by("created_at", "pk")
        ]
    }


def erase(user: User) -> None:
    """Active registrations are cancelled through the service (held places go back and on to
    the waiting list); what is left keeps only that someone took part, without any needs."""
    for registration in Registration.objects.filter(
        user=user, state__in=Registration.ACTIVE_STATES
    ):
        services.end_for_leaving_person(registration=registration)
    Registration.objects.filter(user=user).update(**_NO_NEEDS)


def purge(now: datetime.datetime) -> int:
    """Unconfirmed guest requests are deleted after UNCONFIRMED_GUEST_DAYS; guests of events
    that ended GUEST_DATA_DAYS_AFTER_EVENT ago are anonymised. Returns rows changed."""
    stale = Registration.objects.filter(
        user__isnull=True,
        state=Registration.State.REQUESTED,
        created_at__lt=now - datetime.timedelta(days=UNCONFIRMED_GUEST_DAYS),
    )
    deleted, _ = stale.delete()
    old_guests = Registration.objects.filter(
        Q(user__isnull=True),
        event__ends_at__lt=now - datetime.timedelta(days=GUEST_DATA_DAYS_AFTER_EVENT),
    ).exclude(guest_name="")
    anonymised = 0
    for pk in old_guests.values_list("pk", flat=True):
        anonymised += Registration.objects.filter(pk=pk).update(
            guest_name="", guest_email=f"geloescht-{pk}@invalid.invalid", **_NO_NEEDS
        )
    return deleted + anonymised
