"""The data of bench/mentoring.py: a programme the size of "Menschen stärken Menschen".

`generate(sizes, rng)` writes, with bulk_create in batches: a programme with its carriers, each
carrier's sites in one region (a town each), the people and the tandems since 2016. Start days
grow with the years; a tandem runs 1–30 months (most 4–12); whoever's tandem has not ended by
today is running (10 % paused). Running tandems have their own approved mentor (no free place)
and mentee; ended ones a former (withdrawn) mentor and mentee of their site. The waiting mentees
and free mentors are spread over the sites, with `big_share` of them at the first carrier, so
that a round over that carrier has the size the issue's budget names (40,000 people at full size).
About one ended tandem in ten left an answer to the survey ("Hilft das Tandem?", 1–5). Bulk
writes send no signals: the statistics' summary tables are built by bench/mentoring.py
(statistics_figures.rebuild) once the data is there.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

PROGRAMME_SLUG = "bench-mentoring"
START = datetime.date(2016, 1, 1)
BATCH = 5000
NEWCOMER_LANGUAGES = ["ar", "uk", "fa", "tr", "ru", "prs", "ti", "ku", "so", "en"]
MENTOR_EXTRA = ["en", "en", "fr", "ar", "tr", "ru", "uk", "es"]
REASON_WEIGHTS = {
    "goal_reached": 46, "moved": 14, "no_contact": 16, "time": 12, "conflict": 3,
    "not_started": 4, "other": 5,
}  # fmt: skip


@dataclass(frozen=True)
class Sizes:
    carriers: int
    sites: int
    tandems: int
    mentees: int  # waiting
    mentors: int  # with free places
    big_share: float  # of the waiting and free people at the first carrier


def _bulk(model: Any, objects: Iterable[Any]) -> None:
    batch: list[Any] = []
    for obj in objects:
        batch.append(obj)
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            batch.clear()
    if batch:
        model.objects.bulk_create(batch)


def _languages(rng: random.Random, mentor: bool) -> list[dict[str, str]]:
    if mentor:
        extra = rng.sample(MENTOR_EXTRA, rng.randint(0, 2))
        return [{"code": "de", "level": "native"}] + [
            {"code": code, "level": "good"} for code in dict.fromkeys(extra) if code != "de"
        ]
    first = rng.choice(NEWCOMER_LANGUAGES)
    languages = [{"code": first, "level": "native"}]
    if rng.random() < 0.7:
        languages.append({"code": "de", "level": rng.choice(["basic", "basic", "good"])})
    return languages


def _profile(rng: random.Random, site: Any, state: str, mentor: bool) -> dict[str, Any]:
    from handschlag.matching import SLOTS
    from handschlag.mentoring.models import TandemKind

    return {
        "site_id": site.pk,
        "state": state,
        "languages": _languages(rng, mentor),
        "municipality_id": site.municipality_id,
        "max_km": rng.choice([5, 10, 15, 20, 30]),
        "online": rng.random() < 0.2,
        "availability": rng.sample(SLOTS, rng.randint(2, 8)),
        "kinds": rng.sample(TandemKind.values, rng.randint(1, 3)),
        "gender": rng.choice("fmfmd"),
        "waiting_since": datetime.date.today() - datetime.timedelta(days=rng.randint(0, 400)),
    }


def _structure(sizes: Sizes, rng: random.Random) -> tuple[Any, list[Any], Any]:
    from django.contrib.contenttypes.models import ContentType

    from handschlag.accounts.models import User
    from handschlag.mentoring import access
    from handschlag.mentoring.models import Carrier, Programme, Site
    from handschlag.organisations.models import Membership, Organisation, RoleGrant
    from handschlag.places.models import Municipality

    centres = [(rng.uniform(48.0, 54.0), rng.uniform(7.0, 14.0)) for _ in range(sizes.carriers)]
    home = Organisation.objects.create(
        name="Bench-Bundesprogramm", slug="bench-programm", kind="foundation"
    )
    programme = Programme.objects.create(
        name="Bench: Menschen stärken Menschen", slug=PROGRAMME_SLUG, funder="Bund",
        starts_on=START, kinds=["everyday", "education", "language", "job", "leisure"],
        organisation=home,
    )  # fmt: skip
    carriers = [
        Carrier.objects.create(
            programme=programme,
            organisation=Organisation.objects.create(
                name=f"Bench-Träger {c:02d}", slug=f"bench-traeger-{c}", kind="carrier"
            ),
        )
        for c in range(sizes.carriers)
    ]
    towns = []
    for i in range(sizes.sites):
        lat, lon = centres[i * sizes.carriers // sizes.sites]
        towns.append(
            Municipality(
                name=f"Bench-Ort {i}", slug=f"bench-ort-{i}", ags=f"97{i:06d}", state="SN",
                latitude=lat + rng.uniform(-0.4, 0.4), longitude=lon + rng.uniform(-0.6, 0.6),
                population=rng.randint(2_000, 200_000),
            )
        )  # fmt: skip
    Municipality.objects.bulk_create(towns)
    towns = list(Municipality.objects.filter(slug__startswith="bench-ort-").order_by("pk"))
    _bulk(
        Site,
        (
            Site(
                carrier=carriers[i * sizes.carriers // sizes.sites],
                name=f"Patenschaften Bench-Ort {i}", slug=f"bench-standort-{i}",
                municipality=towns[i],
            )
            for i in range(sizes.sites)
        ),
    )  # fmt: skip
    sites = list(Site.objects.filter(carrier__programme=programme).order_by("pk"))
    staff = User.objects.create(email="staff@bench.example", first_name="Bench", password="!")
    membership = Membership.objects.create(organisation=home, user=staff)
    RoleGrant.objects.create(
        membership=membership, role=access.PROGRAMME_STAFF,
        scope_type=ContentType.objects.get_for_model(Programme), scope_id=programme.pk,
    )  # fmt: skip
    return programme, sites, staff


def _days(rng: random.Random, today: datetime.date) -> int:
    """Days since START of a start day: more tandems in later years."""
    span = (today - START).days
    return int(span * rng.random() ** 0.7)


def generate(sizes: Sizes, rng: random.Random) -> None:
    from django.db import transaction

    with transaction.atomic():
        _generate(sizes, rng)


def _generate(sizes: Sizes, rng: random.Random) -> None:
    from handschlag.accounts.models import User
    from handschlag.mentoring.models import Mentee, Mentor, SurveyResponse, Tandem, TandemKind
    from handschlag.mentoring.surveys import HELPS_KEYS

    today = datetime.date.today()
    programme, sites, _staff = _structure(sizes, rng)
    reasons, weights = list(REASON_WEIGHTS), list(REASON_WEIGHTS.values())
    plans = []  # (site index, started_on, ended_on or None, state, reason)
    for _ in range(sizes.tandems):
        started = START + datetime.timedelta(days=_days(rng, today))
        ended = started + datetime.timedelta(days=int(rng.triangular(30, 900, 240)))
        site = rng.randrange(len(sites))
        if ended <= today:
            plans.append((site, started, ended, "ended", rng.choices(reasons, weights)[0]))
        else:
            plans.append((site, started, None, "paused" if rng.random() < 0.1 else "active", ""))
    running = [plan for plan in plans if plan[2] is None]
    formers_per_site = max(2, (sizes.tandems - len(running)) // (3 * len(sites)))
    big_sites = [s for s in sites if s.carrier_id == sites[0].carrier_id]

    def place(share_big: bool) -> Any:
        return rng.choice(big_sites) if share_big else rng.choice(sites)

    # people: mentors need accounts
    free_sites = [place(rng.random() < sizes.big_share) for _ in range(sizes.mentors)]
    former_mentor_sites = [s for s in sites for _ in range(formers_per_site)]
    mentor_sites = [
        *(("free", s) for s in free_sites),
        *(("running", sites[plan[0]]) for plan in running),
        *(("former", s) for s in former_mentor_sites),
    ]
    _bulk(User, (User(email=f"m{i}@bench.example", first_name=f"M{i}", password="!")
                 for i in range(len(mentor_sites))))  # fmt: skip
    users = list(User.objects.filter(email__endswith="@bench.example").exclude(
        email="staff@bench.example").order_by("pk").values_list("pk", flat=True))  # fmt: skip

    def mentor(kind: str, site: Any, user_id: int) -> Mentor:
        capacity = rng.choice([1, 1, 1, 2, 3]) if kind == "free" else 1
        state = "withdrawn" if kind == "former" else "approved"
        return Mentor(
            user_id=user_id, capacity=capacity, free_places=capacity if kind == "free" else 0,
            **_profile(rng, site, state, mentor=True),
        )  # fmt: skip

    _bulk(Mentor, (mentor(k, s, u) for (k, s), u in zip(mentor_sites, users, strict=True)))
    mentee_sites = [
        *(("waiting", place(rng.random() < sizes.big_share)) for _ in range(sizes.mentees)),
        *(("running", sites[plan[0]]) for plan in running),
        *(("former", s) for s in former_mentor_sites),
    ]
    now = datetime.datetime.now(datetime.UTC)
    _bulk(
        Mentee,
        (
            Mentee(
                first_name=f"Bench {i}", age_group="adult", language="ar", consent_version="bench",
                consent_given_at=now, source="coordinator",
                **_profile(rng, s, "withdrawn" if kind == "former" else "approved", mentor=False),
            )
            for i, (kind, s) in enumerate(mentee_sites)
        ),
    )  # fmt: skip
    people = _people_per_site(programme)
    kinds = TandemKind.values

    def tandem(plan: tuple) -> Tandem:
        site_index, started, ended, state, reason = plan
        site = sites[site_index]
        pool = "running" if ended is None else "former"
        mentor_id = (
            people["mentors", pool, site.pk].pop()
            if pool == "running"
            else rng.choice(people["mentors", pool, site.pk])
        )
        mentee_id = people["mentees", pool, site.pk].pop() if pool == "running" else rng.choice(
            people["mentees", pool, site.pk])  # fmt: skip
        return Tandem(
            site_id=site.pk, mentor_id=mentor_id, mentee_id=mentee_id, kind=rng.choice(kinds),
            state=state, started_on=None if reason == "not_started" else started,
            ended_on=ended, end_reason=reason, last_contact_on=ended or today,
        )  # fmt: skip

    _bulk(Tandem, (tandem(plan) for plan in plans))
    _bulk(
        SurveyResponse,
        (
            SurveyResponse(
                site_id=sites[plan[0]].pk, side=side, phase="end",
                kind="everyday", language="de", month=plan[2].replace(day=1), version="bench",
                answers={HELPS_KEYS[side]: rng.choices([1, 2, 3, 4, 5], [3, 4, 8, 35, 50])[0]},
            )
            for plan in plans
            if plan[2] is not None and rng.random() < 0.1
            for side in [rng.choice(["mentor", "mentee"])]
        ),
    )  # fmt: skip


def _people_per_site(programme: Any) -> dict[tuple[str, str, int], list[int]]:
    """Ids of the running (approved, no free place) and former people, per site."""
    from handschlag.mentoring.models import Mentee, Mentor

    found: dict[tuple[str, str, int], list[int]] = {}
    mentors = Mentor.objects.filter(site__carrier__programme=programme).exclude(free_places__gt=0)
    for pk, site_id, state in mentors.values_list("pk", "site_id", "state"):
        pool = "former" if state == "withdrawn" else "running"
        found.setdefault(("mentors", pool, site_id), []).append(pk)
    # the waiting mentees came first: the running ones are those after them, per site
    mentees = Mentee.objects.filter(site__carrier__programme=programme).order_by("pk")
    seen_running: dict[int, list[int]] = {}
    for pk, site_id, state in mentees.values_list("pk", "site_id", "state"):
        if state == "withdrawn":
            found.setdefault(("mentees", "former", site_id), []).append(pk)
        else:
            seen_running.setdefault(site_id, []).append(pk)
    for site_id, ids in seen_running.items():
        wanted = len(found.get(("mentors", "running", site_id), []))
        found["mentees", "running", site_id] = ids[len(ids) - wanted :] if wanted else []
    return found
