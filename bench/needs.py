"""Benchmark of the nightly matching of needs and promises on a large database.

    .venv/bin/python bench/needs.py [--promises 100000] [--needs 50000]

Uses its own database (var/bench.sqlite3 like bench/promises.py, or DATABASE_URL); generates
the promises once with `manage.py generate_promises` and the needs once here (spread over the
known towns and 500 organisations, a quarter of them verified), then times one nightly run
over all open needs and promises from scratch (proposals of earlier runs are deleted first):
loading the rows, the engine, storing the proposals and telling both sides. Background tasks
(the emails) are not run. Numbers are printed, never asserted; the last line is one JSON object
with `nightly_match_s`.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
# the notifications' emails are background tasks: not part of the nightly run's time
os.environ.setdefault("DJANGO_TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")

WORDS = ["Laptops", "Fahrräder", "Räume", "Trikots", "Deutschkurs", "Praktikum", "Beratung"]


def generate_needs(count: int, seed: int = 11) -> None:
    from django.db import transaction
    from django.utils import timezone

    from handschlag.needs.models import Need
    from handschlag.organisations.models import Organisation
    from handschlag.places.models import Municipality
    from handschlag.places.seed import ensure_seed_towns
    from handschlag.promises.models import Category

    rng = random.Random(seed)
    ensure_seed_towns()
    towns = list(Municipality.objects.order_by("-population", "pk")[:2000])
    organisations = list(Organisation.objects.filter(slug__startswith="bench-org-"))
    if len(organisations) < 500:
        Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Bench-Initiative {i}",
                    slug=f"bench-org-{i}",
                    kind="initiative",
                    is_verified=i % 4 == 0,
                    municipality=rng.choice(towns),
                )
                for i in range(len(organisations), 500)
            ]
        )
        organisations = list(Organisation.objects.filter(slug__startswith="bench-org-"))
    today, now = timezone.localdate(), timezone.now()
    batch: list[Need] = []
    with transaction.atomic():
        for i in range(count):
            word = rng.choice(WORDS)
            batch.append(
                Need(
                    organisation=rng.choice(organisations),
                    title=f"{word} für unser Projekt #{i}",
                    description=f"Wir suchen {word}.",
                    category=rng.choice(Category.values),
                    quantity=rng.choice((1, 1, 1, 2, 2, 3, 4, 5, 8, 10)),
                    unit=word,
                    municipality=rng.choice(towns),
                    needed_by=today + datetime.timedelta(days=rng.randint(1, 365)),
                    state=Need.State.PUBLISHED,
                    published_at=now - datetime.timedelta(minutes=i),
                )
            )
            if len(batch) == 5000:
                Need.objects.bulk_create(batch)
                batch.clear()
        Need.objects.bulk_create(batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--promises", type=int, default=100_000)
    parser.add_argument("--needs", type=int, default=50_000)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from handschlag.needs import matching
    from handschlag.needs.models import Need, Proposal
    from handschlag.notifications.models import Notification
    from handschlag.promises.models import Promise

    call_command("migrate", verbosity=0)
    existing = Promise.objects.count()
    if existing < args.promises:
        started = time.perf_counter()
        call_command("generate_promises", count=args.promises - existing, verbosity=0)
        print(f"generated {args.promises - existing} promises in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    existing = Need.objects.count()
    if existing < args.needs:
        started = time.perf_counter()
        generate_needs(args.needs - existing)
        print(f"generated {args.needs - existing} needs in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    Proposal.objects.all().delete()
    Notification.objects.filter(kind__startswith="needs.").delete()

    started = time.perf_counter()
    result = matching.nightly()
    seconds = time.perf_counter() - started
    notified = Notification.objects.filter(kind__startswith="needs.").count()
    print(f"open promises {result.promises}, open needs {result.needs}, "
          f"proposals {len(result.proposed)}, notifications {notified}")  # fmt: skip
    print(f"nightly matching run: {seconds:.1f} s")
    print(json.dumps({
        "promises": Promise.objects.count(), "needs": Need.objects.count(),
        "open_promises": result.promises, "open_needs": result.needs,
        "proposals": len(result.proposed), "notifications": notified,
        "nightly_match_s": round(seconds, 2),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
