"""The kernel's race-safe capacity guard (handschlag/core/capacity.py), on a counter that no
database constraint protects: if the guard's condition is removed, these tests fail."""

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from handschlag.core import capacity
from tests.kernel_app.models import Workshop
from tests.kernel_app.services import give_seat_back, take_seat
from tests.promises.concurrency import THREADS

pytestmark = pytest.mark.django_db


def test_a_stale_reader_cannot_take_what_another_took_meanwhile():
    workshop = Workshop.objects.create(title="Kurs", seats=1, seats_left=1)
    first, second = Workshop.objects.get(pk=workshop.pk), Workshop.objects.get(pk=workshop.pk)
    assert first.seats_left == second.seats_left == 1  # both requests saw a free seat

    assert take_seat(first.pk) is True
    assert take_seat(second.pk) is False

    workshop.refresh_from_db()
    assert workshop.seats_left == 0


def test_several_counters_are_taken_together_or_not_at_all():
    workshop = Workshop.objects.create(title="Kurs", seats=5, seats_left=5)
    rows = Workshop.objects.filter(pk=workshop.pk)
    assert not capacity.take(rows, counters={"seats_left": 6, "seats": 1})
    workshop.refresh_from_db()
    assert (workshop.seats, workshop.seats_left) == (5, 5)


def test_the_rows_conditions_are_part_of_the_guard():
    workshop = Workshop.objects.create(title="Kurs", seats=3, seats_left=3, cancelled=True)
    assert take_seat(workshop.pk) is False
    workshop.refresh_from_db()
    assert workshop.seats_left == 3


def test_giving_back_never_exceeds_the_total():
    workshop = Workshop.objects.create(title="Kurs", seats=2, seats_left=1)
    assert give_seat_back(workshop.pk) is True
    assert give_seat_back(workshop.pk) is False
    workshop.refresh_from_db()
    assert workshop.seats_left == 2


@pytest.mark.parametrize("seats", [1, 5])
def test_on_a_sqlite_file_parallel_takers_never_exceed_the_seats(tmp_path: Path, seats: int):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}"}
    done = subprocess.run(  # noqa: S603 (our own module, a number as argument)
        [sys.executable, "-m", "tests.kernel.capacity_race", str(seats)],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert Counter(outcome["results"]) == {"ok": seats, "full": THREADS - seats}
    assert outcome["seats_left"] == 0
