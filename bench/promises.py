"""Page-load benchmark of the promise pages on a large database.

    .venv/bin/python bench/promises.py [--count 100000] [--repeat 15]

Uses its own database (var/bench.sqlite3, or DATABASE_URL), loads all municipalities when the
data package is there (`make data`), generates the promises once with
`manage.py generate_promises`, then prints for each page the number of SQL queries and the
median render time. Numbers are printed, never asserted.

The last line is one JSON object. Besides each page it has, for the issue's targets:
- `near_ms`, `near_queries`: the "near" filter (50 km around Potsdam, open only), as the API
  lists it (no fragment cache: the filter, the count and the page each time);
- `search_ms`, `search_queries`: the full-text search "Laptops", likewise;
medians over --repeat runs, at --count promises;
- `nightly_match_s`: one nightly matching run over all open needs and promises, with --needs
  needs generated beside the promises (bench/needs.py `measure_nightly`; run after the pages,
  since it spreads the generated promises over all municipalities).
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")

from needs import measure_nightly  # noqa: E402  (bench/needs.py, beside this file)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--needs", type=int, default=50_000)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from handschlag.promises.models import Promise

    setup_test_environment()  # lets the test client use "testserver"
    call_command("migrate", verbosity=0)
    call_command("load_municipalities", if_present=True, verbosity=0)
    existing = Promise.objects.count()
    if existing < args.count:
        started = time.perf_counter()
        call_command("generate_promises", count=args.count - existing, verbosity=0)
        print(
            f"generated {args.count - existing} promises in {time.perf_counter() - started:.1f} s"
        )
    # Planner statistics, as a production database keeps them (PostgreSQL's autovacuum, SQLite's
    # `PRAGMA optimize`): without them SQLite sorts all rows instead of reading the list's index.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    total = Promise.objects.count()
    sample = Promise.objects.published().order_by("pk")[total // 2]

    pages = {
        "list": "/versprechen/",
        "list_filtered": "/versprechen/?category=equipment&open=1&q=Tablets&sort=deadline",
        "list_near": "/versprechen/?near=potsdam&radius=50&open=1",
        "list_page_50": "/versprechen/?page=50",
        "detail": f"/versprechen/{sample.pk}/",
        "api_list": "/api/v1/promises?category=equipment&page=3",
    }
    client = Client()
    results: dict[str, object] = {"promises": total}
    print(f"{'page':<16}{'status':>7}{'queries':>9}{'median ms':>11}{'max ms':>9}")
    for name, url in pages.items():
        timings = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
        median = statistics.median(timings)
        print(
            f"{name:<16}{response.status_code:>7}{len(queries):>9}{median:>11.1f}"
            f"{max(timings):>9.1f}"
        )
        results[name] = {"status": response.status_code, "queries": len(queries),
                         "median_ms": round(median, 1)}  # fmt: skip
    targets = {
        "near": "/api/v1/promises?near=potsdam&radius=50&open=true",
        "search": "/api/v1/promises?q=Laptops",
    }
    for name, url in targets.items():
        timings, counts = [], []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            counts.append(len(queries))
        found = response.json().get("count") if response.status_code == 200 else None
        median = statistics.median(timings)
        print(f"{name:<16}{response.status_code:>7}{max(counts):>9}{median:>11.1f}"
              f"{max(timings):>9.1f}  ({found} found)")  # fmt: skip
        results[f"{name}_ms"] = round(median, 1)
        results[f"{name}_queries"] = int(statistics.median(counts))
    nightly = measure_nightly(promises=args.count, needs=args.needs)
    results.update(needs=nightly["needs"], nightly_match_s=nightly["nightly_match_s"])
    print(json.dumps(results))


if __name__ == "__main__":
    main()
