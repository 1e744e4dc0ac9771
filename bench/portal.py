"""Benchmark of the newcomer portal at the issue's size: 400 municipalities × 200 offers, every
section translated into the six portal languages.

    .venv/bin/python bench/portal.py [--municipalities 400] [--offers 200] [--repeat 7]
        [--fresh]

Uses its own database (var/bench_portal.sqlite3, or DATABASE_URL), generated once per size
(bench/portal_data.py; another size or --fresh builds it again): published portals with
providers, places, offers (topics, languages spoken, a place with weekly hours), a few guide
pages, and the translations of every section into en ar uk fa tr ru with the hashes of their
German sources (about 3 million translations at full size).

Measures, anonymously, the SQL queries and the median time over --repeat runs of one
municipality's: offer list in Arabic ("directory:offers"), a search in Arabic (free text +
topic + language spoken), a guide page in Arabic ("directory:guide"), and the HSDS 3.0 export
("directory:hsds_json", which builds hsds_export.hsds_document), each with the cache emptied
before every request.

The last line is one JSON object with list_ms, search_ms, guide_ms, export_s, max_queries and
each page's numbers. Budgets (issue #12, printed, not asserted): each page ≤ 10 queries and
≤ 200 ms on SQLite; the export of one municipality ≤ 2 s.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_DB = ROOT / "var" / "bench_portal.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DEFAULT_DB}")
os.environ.setdefault("DJANGO_TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")

BUDGET_MS = 200
QUERY_BUDGET = 10
EXPORT_BUDGET_S = 2.0
PAGES = ("list", "search", "guide")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=400)
    parser.add_argument("--offers", type=int, default=200, help="offers per municipality")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--fresh", action="store_true", help="build the database again")
    return parser.parse_args()


def database_file() -> Path | None:
    url = os.environ["DATABASE_URL"]
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def prepare(args: argparse.Namespace) -> dict[str, object]:
    """The database at the requested size: kept if it has it, else built from scratch."""
    from django.core.management import call_command
    from django.db import connection
    from portal_data import Sizes, generate

    from handschlag.directory.models import Offer, Portal

    call_command("migrate", run_syncdb=True, verbosity=0)
    portals = Portal.objects.count()
    if portals:
        have = (portals, Offer.objects.count())
        if have == (args.municipalities, args.municipalities * args.offers):
            return {"source": "kept"}
        db = database_file()
        if db is None:
            raise SystemExit("The database holds another size; use an empty one (DATABASE_URL).")
        print(f"{db} holds {have[0]:,} portals and {have[1]:,} offers: built again")
        connection.close()
        db.unlink()
        call_command("migrate", run_syncdb=True, verbosity=0)
    started = time.perf_counter()
    made = generate(Sizes(args.municipalities, args.offers), random.Random(args.seed))
    print(f"generated {made['portals']:,} portals, {made['offers']:,} offers, "
          f"{made['guides']:,} guide pages and {made['translations']:,} translations "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return made


def measure(client: object, url: str, repeat: int) -> dict[str, object]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, count, status, size = [], 0, 0, 0
    for _ in range(repeat):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)  # type: ignore[attr-defined]
            timings.append((time.perf_counter() - started) * 1000)
        count, status, size = len(queries), response.status_code, len(response.content)
    median, worst = round(statistics.median(timings), 1), round(max(timings), 1)
    return {
        "url": url, "status": status, "queries": count, "median_ms": median, "max_ms": worst,
        "bytes": size,
    }  # fmt: skip


def main() -> None:
    args = arguments()
    (ROOT / "var").mkdir(exist_ok=True)
    db = database_file()
    if args.fresh and db is not None and db.exists():
        db.unlink()
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from handschlag.directory.models import GuidePage, Offer, Portal, Translation

    setup_test_environment()  # the test client's "testserver"
    prepare(args)
    # a portal in the middle of the list: nothing about the first or last rows is special
    portal = Portal.objects.select_related("municipality").order_by("pk")[
        Portal.objects.count() // 2
    ]
    slug = portal.municipality.slug
    guide = GuidePage.objects.filter(topic__portal=portal).order_by("pk").first()
    assert guide is not None
    results: dict[str, object] = {
        "municipalities": Portal.objects.count(),
        "offers": Offer.objects.count(),
        "offers_in_portal": portal.offers.count(),
        "guides": GuidePage.objects.count(),
        "translations": Translation.objects.count(),
        "town": portal.municipality.name,
    }
    print(f"{results['town']}: {results['offers_in_portal']} of {results['offers']:,} offers, "
          f"{results['translations']:,} translations in all")  # fmt: skip
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"  # the reader chose Arabic
    search = {"q": "دورة", "topic": "language", "language": "ar"}
    urls = {
        "list": reverse("directory:offers", args=[slug]),
        "search": reverse("directory:offers", args=[slug]) + "?" + urlencode(search),
        "guide": reverse("directory:guide", args=[slug, guide.pk, guide.slug]),
        "export": reverse("directory:hsds_json", args=[slug]),
    }
    hits = portal.offers.filter(
        topic_rows__topic=search["topic"], language_rows__language=search["language"],
        search_text__contains=search["q"],
    ).count()  # fmt: skip
    results["search_hits"] = hits
    print(f"{'page':<8}{'status':>7}{'queries':>9}{'median ms':>11}{'max ms':>9}{'bytes':>10}")
    for name, url in urls.items():
        client.get(url)  # warm: templates, content types
        figures = measure(client, url, args.repeat)
        results[name] = figures
        print(f"{name:<8}{figures['status']:>7}{figures['queries']:>9}{figures['median_ms']:>11}"
              f"{figures['max_ms']:>9}{figures['bytes']:>10}")  # fmt: skip
    pages = [results[name] for name in PAGES]
    worst_queries = max(m["queries"] for m in pages)  # type: ignore[index]
    worst_ms = max(m["median_ms"] for m in pages)  # type: ignore[index]
    export_s = round(results["export"]["median_ms"] / 1000, 3)  # type: ignore[index]
    kept = worst_queries <= QUERY_BUDGET and worst_ms <= BUDGET_MS
    print(f"budget: each page ≤ {QUERY_BUDGET} queries and ≤ {BUDGET_MS} ms: worst "
          f"{worst_queries} queries, {worst_ms} ms ({'kept' if kept else 'MISSED'}); "
          f"export ≤ {EXPORT_BUDGET_S} s: {export_s} s "
          f"({'kept' if export_s <= EXPORT_BUDGET_S else 'MISSED'})")  # fmt: skip
    results.update(
        list_ms=results["list"]["median_ms"],  # type: ignore[index]
        search_ms=results["search"]["median_ms"],  # type: ignore[index]
        guide_ms=results["guide"]["median_ms"],  # type: ignore[index]
        export_s=export_s, export_queries=results["export"]["queries"],  # type: ignore[index]
        max_queries=worst_queries,
    )  # fmt: skip
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
