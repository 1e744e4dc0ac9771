"""Parallel accepts on a file-backed SQLite database, run in its own process.

test_concurrency.py starts this with DATABASE_URL=sqlite:///<tmp>/race.sqlite3. The test
database pytest-django makes for SQLite lives in memory with a shared cache, where SQLite
answers concurrent writers with "table is locked" instead of waiting; a file database with
the project's settings (timeout, BEGIN IMMEDIATE) is what `make run` and small deployments use.
Prints one JSON object: the threads' results and the promise's state afterwards.
"""

import json
import os
import sys
from collections import Counter

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from handschlag.promises import services  # noqa: E402
from handschlag.promises.models import Redemption  # noqa: E402
from tests import factories  # noqa: E402
from tests.promises.concurrency import THREADS, run_at_once  # noqa: E402


def main() -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    # The quantity runs out before the number of redemptions does: only the guard's
    # "remaining_quantity >= n" stands between the threads and an oversubscribed promise.
    quantity = int(sys.argv[1])
    promise = factories.PromiseFactory(capacity=THREADS, quantity=quantity)
    waiting = [factories.RedemptionFactory(promise=promise) for _ in range(THREADS)]
    results = run_at_once(
        [
            (lambda pk=r.pk: services.accept_application(
                redemption=Redemption.objects.get(pk=pk), by=promise.owner
            ))
            for r in waiting
        ]
    )  # fmt: skip
    promise.refresh_from_db()
    states = Counter(promise.redemptions.values_list("state", flat=True))
    print(
        json.dumps(
            {
                "results": results,
                "states": states,
                "remaining_capacity": promise.remaining_capacity,
                "remaining_quantity": promise.remaining_quantity,
            }
        )
    )


if __name__ == "__main__":
    main()
