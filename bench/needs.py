"""Benchmark of the nightly matching of needs and promises on a large database.

    .venv/bin/python bench/needs.py [--promises 100000] [--needs 50000]

Uses its own database (var/bench_needs.sqlite3, or DATABASE_URL); generates the promises once
with `manage.py generate_promises` and the needs once here (500 organisations, a quarter of
them verified). Towns: the municipalities in the database if there are at least 1,000 (the
open-data import), else 2,000 made-up towns at random places in Germany; the generated
promises with a town are moved to them too (`generate_promises` knows only the 8 seed towns,
and 150,000 rows on 8 points would make every nearby pair a candidate, which no real country
looks like). Then it times one nightly run over all open needs and promises from scratch
(proposals of earlier runs are deleted first): loading the rows, the engine, storing the
proposals and telling both sides. Background tasks (the emails) are not run. Numbers are
printed, never asserted; the last line is one JSON object with `nightly_match_s`.
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
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_needs.sqlite3'}")
# the notifications' emails are background tasks: not part of the nightly run's time
os.environ.setdefault("DJANGO_TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")

WORDS = ["Laptops", "Fahrräder", "Räume", "Trikots", "Deutschkurs", "Praktikum", "Beratung"]


def bench_towns(seed: int = 5) -> list:
    """Real municipalities if the database has them, else made-up ones (AGS 99…)."""
    from handschlag.places.models import Municipality

    real = Municipality.objects.exclude(ags__startswith="99")
    if real.count() >= 1000:
        return list(real)
    made_up = Municipality.objects.filter(ags__startswith="99")
    if made_up.count() < 2000:
        rng = random.Random(seed)
        Municipality.objects.bulk_create(
            [
                Municipality(
                    name=f"Bench-Ort {i}",
                    slug=f"bench-ort-{i}",
                    ags=f"99{i:06d}",
                    state="TH",
                    latitude=rng.uniform(47.4, 54.8),
                    longitude=rng.uniform(6.2, 14.8),
                    population=rng.randint(500, 50_000),
                )
                for i in range(made_up.count(), 2000)
            ]
        )
    return list(made_up)


def spread_promises(towns: list, seed: int = 13) -> None:
    """Move generated promises with a seed town to `towns` (once)."""
    from django.db import transaction

    from handschlag.promises.models import Promise

    rng = random.Random(seed)
    town_ids = {t.pk for t in towns}
    placed = Promise.objects.exclude(municipality=None)
    if not placed.exclude(municipality__in=town_ids).exists():
        return
    with transaction.atomic():
        rows = list(placed.exclude(municipality__in=town_ids).only("pk"))
        for row in rows:
            row.municipality_id = rng.choice(towns).pk
        Promise.objects.bulk_update(rows, ["municipality"], batch_size=5000)


def generate_needs(count: int, towns: list, seed: int = 11) -> None:
    from django.db import transaction
    from django.utils import timezone

    from handschlag.needs.models import Need
    from handschlag.organisations.models import Organisation
    from handschlag.promises.models import Category

    rng = random.Random(seed)
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


def measure_nightly(*, promises: int, needs: int) -> dict[str, object]:
    """Generate what is missing of `promises` promises and `needs` needs, then time one nightly
    matching run from scratch; returns the numbers (bench/promises.py adds them to its own)."""
    from django.core.management import call_command
    from django.db import connection

    from handschlag.needs import matching
    from handschlag.needs.models import Need, Proposal
    from handschlag.notifications.models import Notification
    from handschlag.promises.models import Promise

    existing = Promise.objects.count()
    if existing < promises:
        started = time.perf_counter()
        call_command("generate_promises", count=promises - existing, verbosity=0)
        print(f"generated {promises - existing} promises in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    towns = bench_towns()
    spread_promises(towns)
    existing = Need.objects.count()
    if existing < needs:
        started = time.perf_counter()
        generate_needs(needs - existing, towns)
        print(f"generated {needs - existing} needs in {time.perf_counter() - started:.1f} s")
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
    return {
        "promises": Promise.objects.count(), "needs": Need.objects.count(),
        "open_promises": result.promises, "open_needs": result.needs,
        "proposals": len(result.proposed), "notifications": notified,
        "nightly_match_s": round(seconds, 2),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--promises", type=int, default=100_000)
    parser.add_argument("--needs", type=int, default=50_000)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(json.dumps(measure_nightly(promises=args.promises, needs=args.needs)))


if __name__ == "__main__":
    main()
