"""Many threads take seats of one workshop at once through the kernel's capacity guard, on a
SQLite file database, in its own process (test_capacity.py starts it; see
tests/promises/sqlite_race.py for why not on pytest-django's in-memory database).

Each thread first reads the workshop as a request would, then takes a seat in autocommit mode
(no surrounding transaction, so nothing but the guard serialises them). Prints one JSON object.
"""

import json
import os
import sys
import threading

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
django.setup()

from django.core.management import call_command  # noqa: E402

from handschlag.core.errors import DomainError  # noqa: E402
from tests.kernel_app.models import Workshop  # noqa: E402
from tests.kernel_app.services import take_seat  # noqa: E402
from tests.promises.concurrency import THREADS, run_at_once  # noqa: E402


def taker(pk: int, everyone_has_read: threading.Barrier):
    def run() -> None:
        seen = Workshop.objects.get(pk=pk)
        everyone_has_read.wait(timeout=30)  # now every thread holds a stale "seats left"
        assert seen.seats_left > 0
        if not take_seat(pk):
            raise DomainError("full", code="full")

    return run


def main() -> None:
    call_command("migrate", run_syncdb=True, verbosity=0)
    seats = int(sys.argv[1])
    workshop = Workshop.objects.create(title="Rennen", seats=seats, seats_left=seats)
    everyone_has_read = threading.Barrier(THREADS)
    results = run_at_once([taker(workshop.pk, everyone_has_read) for _ in range(THREADS)])
    workshop.refresh_from_db()
    print(json.dumps({"results": results, "seats_left": workshop.seats_left}))


if __name__ == "__main__":
    main()
