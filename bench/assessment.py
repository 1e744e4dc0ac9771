"""Benchmark of the self-assessment's results at the size of Germany: 10,800 municipalities,
3,000 of them with two closed rounds of answers.

    .venv/bin/python bench/assessment.py [--municipalities 10800] [--towns 3000] [--repeat 7]
        [--fresh]

Uses its own database (var/bench_assessment.sqlite3, or DATABASE_URL), generated once per
size (bench/assessment_data.py; another size or --fresh builds it again): the real
municipality list when `make data` fetched it and the full size is asked for, else synthetic
ones; a framework shaped like the shipped one; 3,000 towns with two closed rounds each (two
respondent groups, 42 questions, stored scores), a third of the latest rounds shared.

Measures, as an admin of the town with the most peers (its band nationwide), the SQL queries
and the median time over --repeat runs of: the results page of its latest round
("assessment:results"), the peer comparison ("assessment:peers") and the town's page as a
network page ("municipality": impact, contact persons, adopted measures, shared results),
each with the cache emptied before every request (the town page caches its fragments).

The last line is one JSON object with results_ms, peers_ms, network_ms, max_queries and each
page's numbers. Budgets (issue #11, printed, not asserted): each page ≤ 10 queries and
≤ 300 ms on SQLite at that size.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_DB = ROOT / "var" / "bench_assessment.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DEFAULT_DB}")
os.environ.setdefault("DJANGO_TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")

BUDGET_MS = 300
QUERY_BUDGET = 10


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=10_800)
    parser.add_argument("--towns", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--fresh", action="store_true", help="build the database again")
    return parser.parse_args()


def database_file() -> Path | None:
    url = os.environ["DATABASE_URL"]
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def prepare(args: argparse.Namespace) -> dict[str, object]:
    """The database at the requested size: kept if it has it, else built from scratch."""
    from assessment_data import FRAMEWORK_KEY, Sizes, generate
    from django.core.management import call_command
    from django.db import connection

    from handschlag.assessment.models import Assessment, Framework
    from handschlag.places.models import Municipality

    call_command("migrate", run_syncdb=True, verbosity=0)
    framework = Framework.objects.filter(key=FRAMEWORK_KEY).first()
    if framework is not None:
        towns = Assessment.objects.filter(framework=framework).values("municipality").distinct()
        have = (Municipality.objects.count(), towns.count())
        real = have[0] >= 10_000 and args.municipalities >= 10_000
        if have[1] == args.towns and (real or have[0] == args.municipalities):
            return {"source": "kept"}
        db = database_file()
        if db is None:
            raise SystemExit("The database holds another size; use an empty one (DATABASE_URL).")
        print(f"{db} holds {have[0]:,} municipalities and {have[1]:,} towns: built again")
        connection.close()
        db.unlink()
        call_command("migrate", run_syncdb=True, verbosity=0)
    started = time.perf_counter()
    made = generate(Sizes(args.municipalities, args.towns), random.Random(args.seed))
    print(f"generated {made['towns']:,} towns with two rounds among "
          f"{Municipality.objects.count():,} {made['source']} municipalities "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return made


def measure(client: object, url: str, repeat: int) -> dict[str, object]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, count, status = [], 0, 0
    for _ in range(repeat):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)  # type: ignore[attr-defined]
            timings.append((time.perf_counter() - started) * 1000)
        count, status = len(queries), response.status_code
    median, worst = round(statistics.median(timings), 1), round(max(timings), 1)
    return {"url": url, "status": status, "queries": count, "median_ms": median, "max_ms": worst}


def busiest_town() -> object:
    """The latest round of the town with the most peers (its population band nationwide)."""
    from assessment_data import FRAMEWORK_KEY

    from handschlag.assessment.models import Assessment
    from handschlag.assessment.results_selectors import band_of

    latest = (
        Assessment.objects.filter(framework__key=FRAMEWORK_KEY, state="closed")
        .select_related("municipality")
        .order_by("municipality_id", "-closed_at")
    )
    by_band: dict[object, list[Assessment]] = {}
    seen: set[int] = set()
    for assessment in latest:
        if assessment.municipality_id in seen:
            continue
        seen.add(assessment.municipality_id)
        band = band_of(assessment.municipality.population)
        by_band.setdefault(band.key if band else None, []).append(assessment)
    biggest = max(by_band.values(), key=len)
    by_state: dict[str, list[Assessment]] = {}
    for assessment in biggest:
        by_state.setdefault(assessment.municipality.state, []).append(assessment)
    return max(by_state.values(), key=len)[0]


def main() -> None:
    args = arguments()
    (ROOT / "var").mkdir(exist_ok=True)
    db = database_file()
    if args.fresh and db is not None and db.exists():
        db.unlink()
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from handschlag.accounts.models import User
    from handschlag.assessment.models import Assessment, Score
    from handschlag.assessment.results_selectors import band_of, peer_towns
    from handschlag.organisations.models import Membership
    from handschlag.places.models import Municipality

    setup_test_environment()  # the test client's "testserver"
    prepare(args)
    assessment = busiest_town()
    user, _created = User.objects.get_or_create(email="admin@bench.example")
    Membership.objects.get_or_create(
        organisation=assessment.organisation, user=user, defaults={"role": "admin"}
    )
    peers = peer_towns(assessment)
    results: dict[str, object] = {
        "municipalities": Municipality.objects.count(),
        "towns": Assessment.objects.values("municipality").distinct().count(),
        "rounds": Assessment.objects.count(),
        "scores": Score.objects.count(),
        "town": assessment.municipality.name,
        "band": getattr(band_of(assessment.municipality.population), "key", None),
        "peers_in_band": len(peers),
        "peers_in_state": sum(1 for t in peers if t.state == assessment.municipality.state),
    }
    print(f"{results['town']}: {results['peers_in_band']} peers in its band, "
          f"{results['peers_in_state']} of them in its state")  # fmt: skip
    client = Client()
    client.force_login(user)
    pages = {
        "results": reverse("assessment:results", args=[assessment.pk]),
        "peers": reverse("assessment:peers", args=[assessment.pk]),
        "network": reverse("municipality", args=[assessment.municipality.slug]),
    }
    print(f"{'page':<10}{'status':>7}{'queries':>9}{'median ms':>11}{'max ms':>9}")
    for name, url in pages.items():
        client.get(url)  # warm: templates, content types
        figures = measure(client, url, args.repeat)
        results[name] = figures
        print(f"{name:<10}{figures['status']:>7}{figures['queries']:>9}"
              f"{figures['median_ms']:>11}{figures['max_ms']:>9}")  # fmt: skip
    measured = [results[name] for name in pages]
    worst_queries = max(m["queries"] for m in measured)  # type: ignore[index]
    worst_ms = max(m["median_ms"] for m in measured)  # type: ignore[index]
    kept = worst_queries <= QUERY_BUDGET and worst_ms <= BUDGET_MS
    print(f"budget: each page ≤ {QUERY_BUDGET} queries and ≤ {BUDGET_MS} ms: worst "
          f"{worst_queries} queries, {worst_ms} ms ({'kept' if kept else 'MISSED'})")  # fmt: skip

    def ms(name: str) -> object:
        found = results[name]
        return found["median_ms"] if isinstance(found, dict) else None

    results.update(
        results_ms=ms("results"), peers_ms=ms("peers"), network_ms=ms("network"),
        max_queries=worst_queries,
    )  # fmt: skip
    print(json.dumps(results))


if __name__ == "__main__":
    main()
