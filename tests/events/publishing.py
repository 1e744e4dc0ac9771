"""Helpers for the tests of publishing events (services, forms, pages)."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from handschlag.events.models import Event, Format, Kind
from handschlag.organisations.models import Membership
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")


def in_days(days: int, hour: int = 18, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)


def admin_of(organisation: Any) -> Any:
    user = factories.UserFactory()
    factories.MembershipFactory(organisation=organisation, user=user, role=Membership.Role.ADMIN)
    return user


def member_of(organisation: Any) -> Any:
    user = factories.UserFactory()
    factories.MembershipFactory(organisation=organisation, user=user, role=Membership.Role.MEMBER)
    return user


def event_fields(place: Any, **overrides: Any) -> dict[str, Any]:
    """Everything the services take for a valid in-person workshop in three weeks."""
    starts = in_days(21)
    values = {
        "title": "Bürgerdialog: Ankommen in Pirna",
        "description": "Wir sprechen darüber, was Neuankommenden in Pirna hilft.",
        "kind": Kind.CITIZEN_DIALOGUE,
        "format": Format.IN_PERSON,
        "audience": "public",
        "municipality": place,
        "venue_name": "Rathaus, Großer Saal",
        "venue_address": "Markt 1",
        "accessibility": "stufenloser Zugang",
        "online_url": "",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "timezone": "Europe/Berlin",
        "recurrence": "",
        "capacity": 20,
        "reserved_places": 2,
        "registration_opens_at": None,
        "registration_closes_at": None,
        "max_places_per_registration": 4,
        "offer_hours": 48,
        "second_reminder_hours": None,
        "languages": ["de", "ar"],
        "interpretation": ["uk"],
    }
    return {**values, **overrides}


def snapshot(event: Event) -> dict[str, Any]:
    """What a refused write must leave as it was."""
    event = Event.objects.get(pk=event.pk)
    return {
        name: getattr(event, name)
        for name in (
            "state", "title", "starts_at", "capacity", "reserved_places", "free_places",
            "sequence", "cancel_reason", "moderation_comment", "published_at",
        )
    }  # fmt: skip
