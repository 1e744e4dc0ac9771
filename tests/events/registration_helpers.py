"""Helpers for the registration tests: a frozen clock, and short ways to fill an event."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from handschlag.events import registration as services
from handschlag.events.models import Event, Registration
from tests import factories


@dataclass
class Clock:
    """`timezone.now()` frozen at `now` (patched in django.utils.timezone, which every
    service and task calls); `advance()` moves it on."""

    now: datetime.datetime

    def advance(self, **delta: float) -> datetime.datetime:
        self.now = self.now + datetime.timedelta(**delta)
        return self.now


def register_people(event: Event, n: int, places: int = 1) -> list[Registration]:
    return [
        services.register(event=event, by=factories.UserFactory(), places=places) for _ in range(n)
    ]


def fresh(obj):
    obj.refresh_from_db()
    return obj


def holding_places(event: Event) -> int:
    return sum(Registration.objects.filter(event=event).holding().values_list("places", flat=True))


def assert_counter_consistent(event: Event) -> None:
    """Free places are exactly what the holding registrations leave."""
    event.refresh_from_db()
    assert event.free_places == event.bookable_places - holding_places(event)


def now() -> datetime.datetime:
    return timezone.now()


@pytest.fixture
def clock(monkeypatch):
    """Import it into a test module to use it (`from .registration_helpers import clock`)."""
    frozen = Clock(timezone.now().replace(microsecond=0))
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen
