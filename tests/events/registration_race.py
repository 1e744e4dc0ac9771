"""Parallel registrations, then cancellations racing with the waiting list, on a file-backed
SQLite database in its own process (test_registration_concurrency.py starts it with
DATABASE_URL=sqlite:///<tmp>/race.sqlite3; see tests/promises/sqlite_race.py for why).
Prints one JSON object."""

import json
import os
import sys
from collections import Counter

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from handschlag.core.models import StateChange  # noqa: E402
from handschlag.events import registration as services  # noqa: E402
from handschlag.events.models import Event, Registration  # noqa: E402
from tests import factories  # noqa: E402
from tests.events.factories import EventFactory  # noqa: E402
from tests.promises.concurrency import THREADS, run_at_once  # noqa: E402


def main() -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    places = int(sys.argv[1])
    event = EventFactory(capacity=places)
    people = factories.UserFactory.create_batch(THREADS)
    results = run_at_once(
        [
            (lambda p=p: services.register(event=Event.objects.get(pk=event.pk), by=p))
            for p in people
        ]
    )
    event.refresh_from_db()
    rows = Registration.objects.filter(event=event)
    states = Counter(rows.values_list("state", flat=True))
    free = event.free_places
    holders = list(rows.filter(state="confirmed"))
    cancels = [
        (lambda r=r: services.cancel_registration(
            registration=Registration.objects.get(pk=r.pk), by=r.user
        ))
        for r in holders
    ] + [
        (lambda: services.fill_from_waiting_list(Event.objects.get(pk=event.pk)))
        for _ in holders
    ]  # fmt: skip
    results += run_at_once(cancels)
    event.refresh_from_db()
    offered = Counter(
        StateChange.objects.filter(
            object_id__in=list(rows.values_list("pk", flat=True)), to_state="offered"
        ).values_list("object_id", flat=True)
    )
    print(
        json.dumps(
            {
                "results": results,
                "states": states,
                "free_places": free,
                "after_cancels": {
                    "holding": sum(rows.holding().values_list("places", flat=True)),
                    "offered_twice": [pk for pk, n in offered.items() if n > 1],
                    "free_places": event.free_places,
                },
            }
        )
    )


if __name__ == "__main__":
    main()
