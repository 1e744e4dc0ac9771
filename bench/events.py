"""Benchmark of finding events and calendars on a large database.

    .venv/bin/python bench/events.py [--events 100000] [--registrations 2000000] [--repeat 15]

Uses its own database (var/bench_events.sqlite3, or DATABASE_URL). Generates once: 500 towns
(at random places in Germany), 500 organisations, 20,000 people, the events (two years back to
three years ahead, every kind and format, 2 % weekly series) and their registrations (inserted
with one multi-row INSERT per batch, not through the ORM). Then prints, for the list page, the
month calendar, a town's feed, a person's feed and the API list, the number of SQL queries and
the median time over --repeat runs with the cache emptied before each (cold; the warm time from
the cached fragments is printed too); and for a registration the median time of the
registration page's POST (one click, through the registration service; its query count leaves
out BEGIN, COMMIT and savepoints).

The last line is one JSON object with `list_ms`, `calendar_ms`, `feed_ms`, `register_ms`,
`max_queries` and each page's numbers. Budget (issue #9): every page ≤ 10 queries and
≤ 300 ms on SQLite. Numbers are printed, never asserted.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_events.sqlite3'}")
os.environ.setdefault("DJANGO_TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")

TOWNS = 500
ORGANISATIONS = 500
PEOPLE = 20_000
WORDS = ["Sprachcafé", "Bürgerdialog", "Bewerbungstraining", "Tandemtreffen", "Netzwerktreffen",
         "Willkommenskultur", "Ehrenamt", "Aufenthaltsrecht", "Wohnungssuche", "Kita"]  # fmt: skip
LANGUAGES = [["de"], ["de"], ["de", "en"], ["de", "ar"], ["de", "uk"], ["de", "fa", "tr"]]


def towns_and_organisations(rng: random.Random) -> tuple[list, list]:
    from handschlag.organisations.models import Organisation
    from handschlag.places.models import Municipality

    made = Municipality.objects.filter(ags__startswith="98")
    if made.count() < TOWNS:
        Municipality.objects.bulk_create(
            Municipality(
                name=f"Bench-Stadt {i}",
                slug=f"bench-stadt-{i}",
                ags=f"98{i:06d}",
                state="SN",
                latitude=rng.uniform(47.4, 54.8),
                longitude=rng.uniform(6.2, 14.8),
                population=rng.randint(500, 80_000),
            )
            for i in range(made.count(), TOWNS)
        )
    towns = list(Municipality.objects.filter(ags__startswith="98").order_by("pk"))
    made_orgs = Organisation.objects.filter(slug__startswith="bench-verein-")
    if made_orgs.count() < ORGANISATIONS:
        Organisation.objects.bulk_create(
            Organisation(
                name=f"Bench-Verein {i}",
                slug=f"bench-verein-{i}",
                kind="initiative",
                municipality=towns[i % len(towns)],
            )
            for i in range(made_orgs.count(), ORGANISATIONS)
        )
    organisations = list(Organisation.objects.filter(slug__startswith="bench-verein-"))
    return towns, organisations


def people(count: int) -> list[int]:
    from handschlag.accounts.models import User

    made = User.objects.filter(email__endswith="@bench.example").count()
    if made < count:
        User.objects.bulk_create(
            (User(email=f"p{i}@bench.example", first_name=f"P{i}", password="!")
             for i in range(made, count)),
            batch_size=5000,
        )  # fmt: skip
    return list(
        User.objects.filter(email__endswith="@bench.example")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def generate_events(count: int, towns: list, organisations: list, rng: random.Random) -> None:
    from django.db import transaction
    from django.utils import timezone

    from handschlag.events.models import Event, Format, Kind

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    kinds, formats = Kind.values, Format.values
    batch: list[Event] = []
    with transaction.atomic():
        for i in range(count):
            start = now + datetime.timedelta(hours=rng.randint(-2 * 365 * 24, 3 * 365 * 24))
            fmt = rng.choice(formats)
            state = rng.choices(
                [Event.State.PUBLISHED, Event.State.CLOSED, Event.State.CANCELLED,
                 Event.State.DRAFT, Event.State.PENDING], [80, 8, 4, 5, 3],
            )[0]  # fmt: skip
            if state == Event.State.CLOSED and start > now:
                state = Event.State.PUBLISHED
            capacity = rng.choice((10, 20, 30, 50, 100))
            word = rng.choice(WORDS)
            batch.append(
                Event(
                    organisation=rng.choice(organisations),
                    title=f"{word} #{i}",
                    description=f"{word}: Austausch, Fragen und Kennenlernen.",
                    kind=rng.choice(kinds),
                    format=fmt,
                    audience="members" if i % 20 == 0 else "public",
                    municipality=None if fmt == Format.ONLINE and i % 3 else rng.choice(towns),
                    venue_name="Rathaus" if fmt != Format.ONLINE else "",
                    online_url="https://meet.example.org/r" + str(i)
                    if fmt != Format.IN_PERSON
                    else "",
                    starts_at=start,
                    ends_at=start + datetime.timedelta(hours=rng.choice((1, 2, 3))),
                    recurrence="FREQ=WEEKLY;COUNT=8" if i % 50 == 0 else "",
                    capacity=capacity,
                    free_places=capacity,
                    languages=rng.choice(LANGUAGES),
                    state=state,
                    published_at=now if state != Event.State.DRAFT else None,
                )
            )
            if len(batch) == 5000:
                Event.objects.bulk_create(batch)
                batch.clear()
        Event.objects.bulk_create(batch)


REGISTRATION_COLUMNS = (
    "created_at", "updated_at", "event_id", "user_id", "guest_name", "guest_email", "language",
    "token", "places", "interpreter_language", "childcare", "step_free", "other_needs", "state",
    "waiting_since", "checkin_code",
)  # fmt: skip


def generate_registrations(count: int, user_ids: list[int], rng: random.Random) -> None:
    """`count` registrations, ~20 per event on the events' distinct people, inserted in
    multi-row INSERTs of 1,000 rows (fast on SQLite and PostgreSQL)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from handschlag.events.models import CODE_ALPHABET, Event, Registration

    table = Registration._meta.db_table
    # the events without registrations yet (a second run adds to the first)
    events = list(
        Event.objects.filter(state__in=Event.PUBLIC_STATES)
        .exclude(pk__in=Registration.objects.values("event_id"))
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    per_event = max(1, -(-count // len(events)))
    states = ["confirmed"] * 14 + ["waiting"] * 2 + ["cancelled", "attended", "offered", "no_show"]
    now = timezone.now()
    placeholders = "(" + ", ".join(["%s"] * len(REGISTRATION_COLUMNS)) + ")"
    columns = ", ".join(REGISTRATION_COLUMNS)
    rows: list[tuple] = []
    made = 0

    def flush() -> None:
        # the table and column names are our own constants; the values go as parameters
        values = ", ".join([placeholders] * len(rows))
        sql = f"INSERT INTO {table} ({columns}) VALUES {values}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for row in rows for value in row])
        rows.clear()

    with transaction.atomic():
        for event_id in events:
            first = rng.randrange(len(user_ids))
            for k in range(per_event):
                if made == count:
                    break
                state = states[k % len(states)]
                code = CODE_ALPHABET[k % 31] + CODE_ALPHABET[(k // 31) % 31] + "BNCH"
                rows.append((
                    now, now, event_id, user_ids[(first + k) % len(user_ids)], "", "", "de",
                    f"b{event_id}-{k}-{rng.getrandbits(48):x}", 1, "", 0, False, "", state,
                    now if state == "waiting" else None, code,
                ))  # fmt: skip
                made += 1
                if len(rows) == 1000:
                    flush()
        if rows:
            flush()


def sql_statements(captured: list[dict[str, str]]) -> int:
    """Queries that read or write rows: the transaction's BEGIN, COMMIT and savepoints (four
    round trips of a write on SQLite) are not counted against the budget."""
    control = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")
    return sum(not query["sql"].lstrip().upper().startswith(control) for query in captured)


def register_once(client: object, event_id: int) -> int:
    """One registration as a logged-in person makes it: the registration page's POST (one
    click, one place) through the registration service. Returns the response status."""
    from django.urls import reverse

    url = reverse("events:register", args=[event_id])
    return client.post(url, {"places": "1"}).status_code  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--registrations", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone

    from handschlag.accounts.models import User
    from handschlag.events import calendar_tokens
    from handschlag.events.models import Event, Registration
    from handschlag.places.models import Municipality

    setup_test_environment()  # lets the test client use "testserver"
    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    towns, organisations = towns_and_organisations(rng)
    user_ids = people(PEOPLE)
    existing = Event.objects.count()
    if existing < args.events:
        started = time.perf_counter()
        generate_events(args.events - existing, towns, organisations, rng)
        print(f"generated {args.events - existing} events in {time.perf_counter() - started:.1f} s")
    existing = Registration.objects.count()
    if existing < args.registrations:
        started = time.perf_counter()
        generate_registrations(args.registrations - existing, user_ids, rng)
        print(f"generated {args.registrations - existing} registrations in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    # the busiest town and one person's feed
    town = (
        Municipality.objects.filter(ags__startswith="98")
        .annotate(n=Count("events"))
        .order_by("-n", "pk")
        .first()
    )
    person = User.objects.get(pk=user_ids[len(user_ids) // 2])
    token = calendar_tokens.renew(user=person).token
    month = timezone.localdate().strftime("%Y-%m")
    pages = {
        "list": "/veranstaltungen/",
        "list_filtered": (
            f"/veranstaltungen/?place={town.slug}&radius=50&kind=workshop&attendance=in_person"
        ),
        "list_page_50": "/veranstaltungen/?page=50",
        "calendar": f"/veranstaltungen/kalender/?monat={month}",
        "calendar_filtered": f"/veranstaltungen/kalender/?monat={month}&language=ar",
        "feed": f"/veranstaltungen/feeds/ort/{town.slug}.ics",
        "feed_personal": f"/veranstaltungen/feeds/meine/{token}.ics",
        "api_list": "/api/v1/events?attendance=online&page=3",
    }
    client = Client()
    results: dict[str, object] = {
        "events": Event.objects.count(), "registrations": Registration.objects.count(),
    }  # fmt: skip
    max_queries = 0
    header = ("page (cold)", "status", "queries", "median ms", "max ms", "warm ms")
    widths = (20, 7, 9, 11, 9, 9)
    print(
        f"{header[0]:<20}"
        + "".join(f"{h:>{w}}" for h, w in zip(header[1:], widths[1:], strict=True))
    )
    for name, url in pages.items():
        timings = []
        for _ in range(args.repeat):
            cache.clear()  # cold: the cached fragments of the pages do not count
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            # read now: the next request empties the connection's log (request_started)
            count = len(queries)
        started = time.perf_counter()
        client.get(url)  # warm: from the cached fragments
        warm = (time.perf_counter() - started) * 1000
        median = statistics.median(timings)
        max_queries = max(max_queries, count)
        print(f"{name:<20}{response.status_code:>7}{count:>9}{median:>11.1f}"
              f"{max(timings):>9.1f}{warm:>9.1f}")  # fmt: skip
        results[name] = {"status": response.status_code, "queries": count,
                         "median_ms": round(median, 1), "warm_ms": round(warm, 1)}  # fmt: skip

    # a registration: fresh people on upcoming public events whose registration is open
    now = timezone.now()
    upcoming = list(
        Event.objects.public().published().filter(starts_at__gte=now)
        .filter(Q(registration_opens_at=None) | Q(registration_opens_at__lte=now))
        .filter(Q(registration_closes_at=None) | Q(registration_closes_at__gt=now))
        .order_by("starts_at").values_list("pk", flat=True)[: args.repeat + 1]
    )  # fmt: skip
    newcomers = people(PEOPLE + args.repeat + 1)[PEOPLE:]
    timings, counts = [], []
    # the first registration of a process also reads the content types (cached per process
    # from then on, as in a running server): it is not measured
    for index, (event_id, user_id) in enumerate(zip(upcoming, newcomers, strict=False)):
        Registration.objects.filter(event_id=event_id, user_id=user_id).delete()
        client.force_login(User.objects.get(pk=user_id))
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            status = register_once(client, event_id)
            timings.append((time.perf_counter() - started) * 1000)
        assert status == 302, f"registration answered {status}"
        if index == 0:
            timings.pop()
            continue
        counts.append(sql_statements(queries.captured_queries))
    register_ms = statistics.median(timings) if timings else 0.0
    print(f"{'register':<20}{'':>7}{max(counts or [0]):>9}{register_ms:>11.1f}"
          f"{max(timings or [0]):>9.1f}")  # fmt: skip
    max_queries = max(max_queries, *counts) if counts else max_queries

    def median_of(name: str) -> float:
        return results[name]["median_ms"]  # type: ignore[index]

    results.update(
        list_ms=median_of("list"), calendar_ms=median_of("calendar"), feed_ms=median_of("feed"),
        register_ms=round(register_ms, 1), register_queries=max(counts or [0]),
        max_queries=max_queries,
    )  # fmt: skip
    print(json.dumps(results))


if __name__ == "__main__":
    main()
