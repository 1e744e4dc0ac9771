"""Benchmark of the mentoring statistics and a carrier-wide matching round at the size of the
real programme.

    .venv/bin/python bench/mentoring.py [--carriers 24] [--sites 900] [--tandems 240000]
        [--mentees 40000] [--mentors 30000] [--repeat 7] [--fresh]

Uses its own database (var/bench_mentoring.sqlite3, or DATABASE_URL), generated once per size
(bench/mentoring_data.py; another size or --fresh builds the SQLite file again): a programme
with 24 carriers, 900 sites, 240,000 tandems since 2016, 40,000 waiting mentees and 30,000
mentors with free places (4/7 of the waiting and free people at the first carrier, so that a
round over it has 40,000 people).

The dashboards read the statistics' summary tables (handschlag/mentoring/statistics_figures.py):
they are built here when missing (bulk writes send no signals; --rebuild times it again), and
the time to recompute the busiest site's figures — what every write pays after its commit — is
printed. Prints, for the dashboards and API endpoints of the programme, of that carrier and of
the busiest site (as the programme's staff sees them, signed in), the SQL queries and the median
time over --repeat runs; the median time of the funder report of last year (XLSX, the whole
programme); and the seconds and peak memory of a matching round over the carrier:
`rounds.start_round(by=…, carrier=…)` and `rounds.run_round(round_id)` in a process of its own
(so its peak memory, ru_maxrss, is the round's and Django's, not the generator's). `engine_s`
is the engine's own share: the time spent in handschlag.matching.match (every solve of
pool.match_pool); `task_s` is MatchingRound.seconds (the whole task: reading the pool,
matching, writing the proposals), with `read_s`, `matching_s` and `write_s` its parts, and
`queries` the SQL statements of the round (start and task; a COPY on PostgreSQL is not
counted, an executemany counts once). Without handschlag.mentoring.rounds it prints "round:
not available" and null figures.

The last line is one JSON object with dashboard_ms and dashboard_queries (the worst dashboard),
export_s, round_s, engine_s, peak_mb and each part's numbers. Budgets (issue #10, printed, not
asserted): each dashboard ≤ 10 queries and ≤ 300 ms on SQLite; the round ≤ 3× the engine's
own time in bench/matching.py.
"""

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_DB = ROOT / "var" / "bench_mentoring.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DEFAULT_DB}")
os.environ.setdefault("DJANGO_TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")

DASHBOARD_BUDGET_MS = 300
QUERY_BUDGET = 10


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--carriers", type=int, default=24)
    parser.add_argument("--sites", type=int, default=900)
    parser.add_argument("--tandems", type=int, default=240_000)
    parser.add_argument("--mentees", type=int, default=40_000, help="waiting mentees")
    parser.add_argument("--mentors", type=int, default=30_000, help="mentors with free places")
    parser.add_argument("--big-share", type=float, default=4 / 7)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--fresh", action="store_true", help="build the database again")
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the summary tables even if they are there"
    )
    parser.add_argument("--round-only", type=int, metavar="CARRIER", help=argparse.SUPPRESS)
    return parser.parse_args()


def database_file() -> Path | None:
    url = os.environ["DATABASE_URL"]
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def prepare(args: argparse.Namespace) -> None:
    """The database at the requested size: kept if it has it, else built from scratch."""
    from django.core.management import call_command
    from django.db import connection
    from mentoring_data import PROGRAMME_SLUG, Sizes, generate

    from handschlag.mentoring.models import Programme, Site, Tandem

    call_command("migrate", run_syncdb=True, verbosity=0)
    wanted = (args.sites, args.tandems)
    found = Programme.objects.filter(slug=PROGRAMME_SLUG).first()
    if found is not None:
        have = (Site.objects.filter(carrier__programme=found).count(), Tandem.objects.count())
        if have == wanted:
            return
        db = database_file()
        if db is None:
            raise SystemExit("The database holds another size; use an empty one (DATABASE_URL).")
        print(f"{db} holds {have[1]:,} tandems at {have[0]} sites: built again")
        connection.close()
        db.unlink()
        call_command("migrate", run_syncdb=True, verbosity=0)
    started = time.perf_counter()
    sizes = Sizes(
        args.carriers, args.sites, args.tandems, args.mentees, args.mentors, args.big_share
    )
    generate(sizes, random.Random(args.seed))
    print(f"generated {args.tandems:,} tandems at {args.sites} sites of {args.carriers} carriers "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip


def measure(client: object, url: str, repeat: int) -> dict[str, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, count, status = [], 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)  # type: ignore[attr-defined]
            timings.append((time.perf_counter() - started) * 1000)
        count, status = len(queries), response.status_code
    median, worst = round(statistics.median(timings), 1), round(max(timings), 1)
    return {"url": url, "status": status, "queries": count, "median_ms": median, "max_ms": worst}


def run_round(carrier_id: int) -> None:
    """In its own process: one round over the carrier; prints one JSON line."""
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    try:
        from handschlag.mentoring import rounds
    except ImportError:
        print(json.dumps({"available": False, "why": "handschlag.mentoring.rounds is missing"}))
        return
    if not (hasattr(rounds, "start_round") and hasattr(rounds, "run_round")):
        print(json.dumps({"available": False, "why": "no start_round/run_round in rounds"}))
        return
    from handschlag.accounts.models import User
    from handschlag.mentoring import pool
    from handschlag.mentoring.models import Carrier, MatchingRound

    carrier = Carrier.objects.get(pk=carrier_id)
    # an earlier run's round would still be open (one open round per pool)
    MatchingRound.objects.filter(carrier=carrier).delete()
    staff = User.objects.get(email="staff@bench.example")
    # the engine's own share: every call of handschlag.matching.match (one per solve), and
    # when the matching (with its repair solves) began and ended
    marks: dict[str, float] = {"engine": 0.0}
    engine, match_pool = pool.match, pool.match_pool

    def timed_engine(*args: object, **kwargs: object) -> object:
        begun = time.perf_counter()
        try:
            return engine(*args, **kwargs)
        finally:
            marks["engine"] += time.perf_counter() - begun

    def timed_matching(*args: object, **kwargs: object) -> object:
        marks["matching_from"] = time.perf_counter()
        try:
            return match_pool(*args, **kwargs)
        finally:
            marks["matching_to"] = time.perf_counter()

    pool.match, pool.match_pool = timed_engine, timed_matching  # type: ignore[assignment]
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        made = rounds.start_round(by=staff, carrier=carrier)
        rounds.run_round(getattr(made, "pk", made))
    ended = time.perf_counter()
    done = MatchingRound.objects.get(pk=getattr(made, "pk", made))
    print(json.dumps({
        "available": True, "state": done.state, "round_s": round(ended - started, 2),
        "engine_s": round(marks["engine"], 2), "task_s": round(done.seconds, 2),
        "read_s": round(marks.get("matching_from", started) - started, 2),
        "matching_s": round(marks.get("matching_to", 0) - marks.get("matching_from", 0), 2),
        "write_s": round(ended - marks.get("matching_to", ended), 2),
        "mentors": done.mentors_in_pool, "mentees": done.mentees_in_pool,
        "proposals": done.proposals.count(), "queries": len(queries),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))  # fmt: skip


def round_in_its_own_process(carrier_id: int) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, __file__, "--round-only", str(carrier_id)],
        cwd=ROOT, env=os.environ.copy(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        tail = (result.stderr.strip().splitlines() or ["?"])[-1]
        return {"available": False, "why": f"the round failed: {tail}"}
    return json.loads(lines[-1])


def main() -> None:
    args = arguments()
    if args.round_only is not None:
        run_round(args.round_only)
        return
    (ROOT / "var").mkdir(exist_ok=True)
    db = database_file()
    if args.fresh and db is not None and db.exists():
        db.unlink()
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import timezone
    from mentoring_data import PROGRAMME_SLUG

    from handschlag.accounts.models import User
    from handschlag.mentoring import statistics_figures
    from handschlag.mentoring.models import (
        Carrier,
        Mentee,
        Mentor,
        Programme,
        Site,
        SiteFigures,
        Tandem,
    )

    setup_test_environment()  # the test client's "testserver"
    prepare(args)
    programme = Programme.objects.get(slug=PROGRAMME_SLUG)
    carrier = Carrier.objects.filter(programme=programme).order_by("pk").first()
    sites = Site.objects.filter(carrier__programme=programme)
    site = sites.annotate(n=Count("tandems")).order_by("-n", "pk").first()
    assert carrier is not None and site is not None
    results: dict[str, object] = {}
    # the summary tables (bulk writes send no signals): built when missing, then timed
    if args.rebuild or SiteFigures.objects.count() != Site.objects.count():
        started = time.perf_counter()
        statistics_figures.rebuild()
        results["rebuild_s"] = round(time.perf_counter() - started, 2)
        print(f"summary tables rebuilt for {sites.count()} sites in {results['rebuild_s']} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # what every write pays after its commit: one site's figures recomputed
    refresh_ms = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        statistics_figures.refresh([site.pk])
        refresh_ms.append((time.perf_counter() - started) * 1000)
    results["site_refresh_ms"] = round(statistics.median(refresh_ms), 1)
    print(f"one site's figures recomputed (busiest site): {results['site_refresh_ms']} ms")
    client = Client()
    client.force_login(User.objects.get(email="staff@bench.example"))
    year = timezone.localdate().year - 1
    pages = {
        "programme": reverse("mentoring:statistics_programme", args=[programme.slug]),
        "carrier": reverse("mentoring:statistics_carrier", args=[carrier.pk]),
        "site": reverse("mentoring:statistics_site", args=[site.slug]),
        "api_programme": f"/api/v1/mentoring/programmes/{programme.slug}/statistics",
        "api_carrier": f"/api/v1/mentoring/carriers/{carrier.pk}/statistics",
        "api_site": f"/api/v1/mentoring/sites/{site.slug}/statistics",
    }
    approved = Mentee.objects.filter(state="approved")
    results |= {
        "carriers": Carrier.objects.filter(programme=programme).count(),
        "sites": sites.count(),
        "tandems": Tandem.objects.count(),
        "waiting_mentees": approved.exclude(tandems__state__in=Tandem.HOLDING).count(),
        "free_mentors": Mentor.objects.filter(state="approved", free_places__gt=0).count(),
    }
    print(f"{'page':<16}{'status':>7}{'queries':>9}{'median ms':>11}{'max ms':>9}")
    for name, url in pages.items():
        client.get(url)  # warm: content types, templates
        figures = measure(client, url, args.repeat)
        results[name] = figures
        print(f"{name:<16}{figures['status']:>7}{figures['queries']:>9}"
              f"{figures['median_ms']:>11}{figures['max_ms']:>9}")  # fmt: skip
    export_url = reverse("mentoring:report_programme", args=[programme.slug, year, "xlsx"])
    export = measure(client, export_url, max(1, args.repeat // 2))
    results["export"] = export
    export_s = round(export["median_ms"] / 1000, 2)  # type: ignore[operator]
    label = f"export {year}"
    print(f"{label:<16}{export['status']:>7}{export['queries']:>9}{export['median_ms']:>11}")

    dashboards = [results[name] for name in pages]
    worst_ms = max(d["median_ms"] for d in dashboards)  # type: ignore[index]
    worst_queries = max(d["queries"] for d in dashboards)  # type: ignore[index]
    kept = worst_queries <= QUERY_BUDGET and worst_ms <= DASHBOARD_BUDGET_MS
    verdict = "kept" if kept else "MISSED"
    print(f"budget: each dashboard ≤ {QUERY_BUDGET} queries and ≤ {DASHBOARD_BUDGET_MS} ms: "
          f"worst {worst_queries} queries, {worst_ms} ms ({verdict})")  # fmt: skip

    connection.close()  # the round's process opens its own
    found = round_in_its_own_process(carrier.pk)
    results["round"] = found
    if found.get("available"):
        print(f"round: carrier {carrier} ({found['mentors']} mentors, {found['mentees']} "
              f"mentees): {found['round_s']} s (reading {found['read_s']} s, matching "
              f"{found['matching_s']} s of which engine {found['engine_s']} s, writing "
              f"{found['write_s']} s), {found['proposals']} proposals, "
              f"{found.get('queries')} queries, peak {found['peak_mb']} MB")  # fmt: skip
    else:
        print(f"round: not available ({found.get('why')})")
    results.update(
        dashboard_ms=worst_ms, dashboard_queries=worst_queries, export_s=export_s,
        round_s=found.get("round_s"), engine_s=found.get("engine_s"), peak_mb=found.get("peak_mb"),
    )  # fmt: skip
    print(json.dumps(results))


if __name__ == "__main__":
    main()
