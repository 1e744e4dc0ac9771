"""Capacity under concurrent requests: many threads decide at once, nothing is oversubscribed.

Each thread has its own database connection (Django's are per thread), starts at the same
barrier and closes its connection at the end. The PostgreSQL tests run in CI's PostgreSQL pass
(`DATABASE_URL=postgres://…`). The SQLite variant runs in both passes, in its own process on a
file database (see sqlite_race.py for why not on pytest-django's in-memory one).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from handschlag.core.models import StateChange
from handschlag.promises import services
from handschlag.promises.models import Promise, Redemption
from tests import factories

from .concurrency import THREADS, run_at_once

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="runs in CI's PostgreSQL pass (DATABASE_URL)"
)


def applications(promise: Promise, n: int, quantity: int = 1) -> list[Redemption]:
    return [factories.RedemptionFactory(promise=promise, quantity=quantity) for _ in range(n)]


def accept(redemption: Redemption, by: Any) -> Callable[[], Any]:
    # every thread loads its own copy, as a request would
    return lambda: services.accept_application(
        redemption=Redemption.objects.get(pk=redemption.pk), by=by
    )


def assert_capacity_held_exactly(promise: Promise, results: list[str], capacity: int) -> None:
    crashes = [r for r in results if r.startswith("crash")]
    assert crashes == []
    assert Counter(results) == {"ok": capacity, "full": len(results) - capacity}
    promise.refresh_from_db()
    states = Counter(Redemption.objects.filter(promise=promise).values_list("state", flat=True))
    # nothing lost, nothing in between: every application is either accepted or still waiting
    assert states == {"accepted": capacity, "applied": len(results) - capacity}
    assert promise.remaining_capacity == 0
    accepted_ids = set(
        Redemption.objects.filter(promise=promise, state="accepted").values_list("pk", flat=True)
    )
    recorded = set(
        StateChange.objects.filter(to_state="accepted").values_list("object_id", flat=True)
    )
    assert recorded == accepted_ids


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("capacity", [1, 5])
def test_parallel_accepts_never_exceed_the_capacity(capacity):
    promise = factories.PromiseFactory(capacity=capacity, quantity=100)
    waiting = applications(promise, THREADS)

    results = run_at_once([accept(r, promise.owner) for r in waiting])

    assert_capacity_held_exactly(promise, results, capacity)
    assert promise.remaining_quantity == 100 - capacity


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_accepts_never_exceed_the_quantity():
    """Capacity for all, but only 10 tablets: five applications for two each fit."""
    promise = factories.PromiseFactory(capacity=THREADS, quantity=10)
    waiting = applications(promise, THREADS, quantity=2)

    results = run_at_once([accept(r, promise.owner) for r in waiting])

    assert [r for r in results if r.startswith("crash")] == []
    assert Counter(results) == {"ok": 5, "full": THREADS - 5}
    promise.refresh_from_db()
    assert (promise.remaining_quantity, promise.remaining_capacity) == (0, THREADS - 5)


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_application_accepted_by_many_at_once_is_accepted_once():
    promise = factories.PromiseFactory(capacity=5)
    [redemption] = applications(promise, 1)

    results = run_at_once([accept(redemption, promise.owner) for _ in range(THREADS)])

    assert Counter(results) == {"ok": 1, "wrong_state": THREADS - 1}
    promise.refresh_from_db()
    assert promise.remaining_capacity == 4
    assert redemption.state_changes.filter(to_state="accepted").count() == 1


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_withdrawals_and_accepts_at_once_keep_the_counter_consistent():
    """Half the accepted applicants step back while the promiser accepts others."""
    promise = factories.PromiseFactory(capacity=12, quantity=100)
    held = applications(promise, 12)
    for redemption in held:
        services.accept_application(redemption=redemption, by=promise.owner)
    waiting = applications(promise, 12)

    withdraw = [
        (lambda r=r: services.withdraw_application(
            redemption=Redemption.objects.get(pk=r.pk), by=r.applicant
        ))
        for r in held[:6]
    ]  # fmt: skip
    results = run_at_once(withdraw + [accept(r, promise.owner) for r in waiting])

    assert [r for r in results if r.startswith("crash")] == []
    promise.refresh_from_db()
    holding = Redemption.objects.filter(promise=promise, state__in=Redemption.HOLDING_STATES)
    assert promise.remaining_capacity == promise.capacity - holding.count()
    assert promise.remaining_quantity == promise.quantity - holding.count()
    assert holding.count() <= promise.capacity
    assert results[:6] == ["ok"] * 6


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_person_applying_twice_at_once_gets_one_application():
    promise = factories.PromiseFactory()
    person = factories.UserFactory()

    def apply():
        services.apply_for_promise(
            promise=Promise.objects.get(pk=promise.pk), by=person, plan="Ich", quantity=1
        )

    results = run_at_once([apply for _ in range(THREADS)])

    assert Counter(results) == {"ok": 1, "duplicate": THREADS - 1}
    assert Redemption.objects.filter(promise=promise, applicant=person).count() == 1


def test_on_a_sqlite_file_parallel_accepts_never_exceed_the_quantity(tmp_path: Path):
    """SQLite queues writers (BEGIN IMMEDIATE); the guard's conditional UPDATE keeps the
    quantity: without its "remaining_quantity >= n" the sixth accept would go through."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.promises.sqlite_race", "5"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert Counter(outcome["results"]) == {"ok": 5, "full": THREADS - 5}
    assert outcome["states"] == {"accepted": 5, "applied": THREADS - 5}
    assert (outcome["remaining_capacity"], outcome["remaining_quantity"]) == (THREADS - 5, 0)


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_withdrawing_the_promise_while_accepting_leaves_every_application_settled():
    """The promise is withdrawn while its applications are being accepted: each one ends
    either accepted (holding capacity) or declined, never stuck or counted twice."""
    promise = factories.PromiseFactory(capacity=THREADS, quantity=100)
    waiting = applications(promise, THREADS - 1)

    def withdraw():
        services.withdraw_promise(promise=Promise.objects.get(pk=promise.pk), by=promise.owner)

    results = run_at_once([withdraw] + [accept(r, promise.owner) for r in waiting])

    assert [r for r in results if r.startswith("crash")] == []
    assert results[0] == "ok"
    promise.refresh_from_db()
    states = Counter(Redemption.objects.filter(promise=promise).values_list("state", flat=True))
    assert set(states) <= {"accepted", "declined"}
    assert sum(states.values()) == THREADS - 1
    assert promise.state == Promise.State.WITHDRAWN
    assert promise.remaining_capacity == promise.capacity - states["accepted"]


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_applying_while_the_promise_is_withdrawn_leaves_no_waiting_application():
    """Applications racing a withdrawal are either refused or declined by it, never left
    waiting on a withdrawn promise."""
    promise = factories.PromiseFactory(capacity=5)
    people = factories.UserFactory.create_batch(THREADS - 1)

    def withdraw():
        services.withdraw_promise(promise=Promise.objects.get(pk=promise.pk), by=promise.owner)

    def apply(person):
        return lambda: services.apply_for_promise(
            promise=Promise.objects.get(pk=promise.pk), by=person, plan="Ich", quantity=1
        )

    results = run_at_once([withdraw] + [apply(person) for person in people])

    assert [r for r in results if r.startswith("crash")] == []
    assert set(results[1:]) <= {"ok", "not_open"}
    assert not Redemption.objects.filter(promise=promise, state="applied").exists()
    declined = Redemption.objects.filter(promise=promise, state="declined").count()
    assert declined == results[1:].count("ok")
