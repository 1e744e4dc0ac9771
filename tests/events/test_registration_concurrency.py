"""Places under concurrent requests: never more holding than there are places, and every
freed place offered exactly once.

The PostgreSQL tests run in the PostgreSQL pass (`DATABASE_URL=postgres://…`); the SQLite
variant runs in its own process on a file database (see tests/promises/sqlite_race.py for why
not on pytest-django's in-memory one).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from handschlag.core.models import StateChange
from handschlag.events import registration as services
from handschlag.events.models import Event, Registration
from tests import factories
from tests.promises.concurrency import THREADS, run_at_once

from .factories import EventFactory

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="runs in the PostgreSQL pass (DATABASE_URL)"
)
State = Registration.State


def registerer(event: Event, person):
    # every thread loads its own copy of the event, as a request would
    return lambda: services.register(event=Event.objects.get(pk=event.pk), by=person)


def holding_places(event: Event) -> int:
    return sum(Registration.objects.filter(event=event).holding().values_list("places", flat=True))


def offers_per_registration(event: Event) -> Counter:
    ids = Registration.objects.filter(event=event).values_list("pk", flat=True)
    return Counter(
        StateChange.objects.filter(
            content_type__model="registration", object_id__in=list(ids), to_state=State.OFFERED
        ).values_list("object_id", flat=True)
    )


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_people_registering_at_once_for_ten_places():
    event = EventFactory(capacity=10)
    people = factories.UserFactory.create_batch(50)

    results = run_at_once([registerer(event, person) for person in people])

    assert Counter(results) == {"ok": 50}
    states = Counter(Registration.objects.filter(event=event).values_list("state", flat=True))
    assert states == {State.CONFIRMED: 10, State.WAITING: 40}
    event.refresh_from_db()
    assert event.free_places == 0 and holding_places(event) == 10
    # the waiting list has an order: everyone a distinct position
    line = list(Registration.objects.waiting_line().filter(event=event))
    assert sorted(services.position_in_line(r) for r in line) == list(range(1, 41))


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_person_registering_at_once_gets_one_registration():
    event = EventFactory(capacity=10)
    person = factories.UserFactory()

    results = run_at_once([registerer(event, person) for _ in range(THREADS)])

    assert Counter(results) == {"ok": 1, "duplicate": THREADS - 1}
    assert Registration.objects.filter(event=event).count() == 1
    event.refresh_from_db()
    assert event.free_places == 9


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_cancellations_racing_with_offers_offer_every_place_exactly_once():
    """Ten participants cancel while other requests move the waiting list at the same time
    (as a raised capacity or an expired offer would): each freed place is offered once, to the
    first ten in line, and never more than the capacity holds places."""
    event = EventFactory(capacity=10)
    holders = [services.register(event=event, by=p) for p in factories.UserFactory.create_batch(10)]
    waiting = [services.register(event=event, by=p) for p in factories.UserFactory.create_batch(20)]

    cancels = [
        (lambda r=r: services.cancel_registration(
            registration=Registration.objects.get(pk=r.pk), by=r.user
        ))
        for r in holders
    ]  # fmt: skip
    fills = [
        (lambda: services.fill_from_waiting_list(Event.objects.get(pk=event.pk)))
        for _ in range(10)
    ]  # fmt: skip
    results = run_at_once([x for pair in zip(cancels, fills, strict=True) for x in pair])

    assert [r for r in results if r != "ok"] == []
    event.refresh_from_db()
    assert holding_places(event) == 10 and event.free_places == 0
    offers = offers_per_registration(event)
    assert set(offers.values()) == {1}, "a registration was offered twice"
    assert sorted(offers) == sorted(r.pk for r in waiting[:10])
    states = Counter(Registration.objects.filter(event=event).values_list("state", flat=True))
    assert states == {State.CANCELLED: 10, State.OFFERED: 10, State.WAITING: 10}


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_raised_capacity_filled_by_many_at_once_offers_each_in_line_once():
    """Eight places come free at once (the organiser raised the capacity) while cancellations,
    expiries and the form all move the waiting list: five wait, so five offers, three places
    stay free. Without the conditional "still waiting" update a request that read the line
    before another offered its first would offer the same registration again."""
    event = EventFactory(capacity=2, max_places_per_registration=4)
    [services.register(event=event, by=p) for p in factories.UserFactory.create_batch(2)]
    waiting = [services.register(event=event, by=p) for p in factories.UserFactory.create_batch(5)]
    Event.objects.filter(pk=event.pk).update(capacity=10, free_places=8)

    results = run_at_once(
        [(lambda: services.fill_from_waiting_list(Event.objects.get(pk=event.pk)))] * THREADS
    )

    assert [r for r in results if r != "ok"] == []
    event.refresh_from_db()
    offers = offers_per_registration(event)
    assert set(offers.values()) == {1}, "a registration was offered twice"
    assert sorted(offers) == sorted(r.pk for r in waiting)
    assert holding_places(event) == 7 and event.free_places == 3


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_accepting_and_cancelling_offers_at_once_keeps_the_counter():
    """Half the offered accept while the other half decline, and the rest keep registering."""
    event = EventFactory(capacity=6)
    holders = [services.register(event=event, by=p) for p in factories.UserFactory.create_batch(6)]
    waiting = [services.register(event=event, by=p) for p in factories.UserFactory.create_batch(12)]
    for holder in holders:
        services.cancel_registration(registration=holder, by=holder.user)
    offered = waiting[:6]
    actions = [
        (lambda r=r: services.accept_offer(
            registration=Registration.objects.get(pk=r.pk), by=r.user
        ))
        for r in offered[:3]
    ] + [
        (lambda r=r: services.cancel_registration(
            registration=Registration.objects.get(pk=r.pk), by=r.user
        ))
        for r in offered[3:]
    ] + [registerer(event, p) for p in factories.UserFactory.create_batch(6)]  # fmt: skip

    results = run_at_once(actions)

    assert [r for r in results if r != "ok"] == []
    event.refresh_from_db()
    assert holding_places(event) == 6 and event.free_places == 0
    assert set(offers_per_registration(event).values()) == {1}
    assert Registration.objects.filter(event=event, state=State.CONFIRMED).count() == 3


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_offer_accepted_and_cancelled_at_once_ends_one_way():
    """Six accepts and six cancels of one offer at once: at most one of each goes through (an
    accept that comes first may be followed by a cancel, which is then a confirmed person
    leaving), and the place is taken or given back exactly once."""
    event = EventFactory(capacity=1)
    [holder] = [services.register(event=event, by=factories.UserFactory())]
    offered = services.register(event=event, by=factories.UserFactory())
    services.cancel_registration(registration=holder, by=holder.user)

    def accept():
        services.accept_offer(registration=Registration.objects.get(pk=offered.pk), by=offered.user)

    def cancel():
        services.cancel_registration(
            registration=Registration.objects.get(pk=offered.pk), by=offered.user
        )

    results = run_at_once([accept, cancel] * 6)  # results in the order of the actions

    accepted, cancelled = results[0::2].count("ok"), results[1::2].count("ok")
    assert [r for r in results if r.startswith("crash")] == []
    # an offer and a confirmed place can both be cancelled: one cancel always goes through
    assert cancelled == 1 and accepted <= 1
    event.refresh_from_db()
    offered.refresh_from_db()
    assert offered.state == State.CANCELLED
    assert event.free_places == 1  # given back exactly once


def test_on_a_sqlite_file_parallel_registrations_never_exceed_the_places(tmp_path: Path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.events.registration_race", "5"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert [r for r in outcome["results"] if r != "ok"] == []
    assert outcome["states"] == {"confirmed": 5, "waiting": THREADS - 5}
    assert outcome["free_places"] == 0
    assert outcome["after_cancels"]["holding"] == 5
    assert outcome["after_cancels"]["offered_twice"] == []
    assert outcome["after_cancels"]["free_places"] == 0
