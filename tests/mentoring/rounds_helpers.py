"""Helpers of the rounds tests: a round run to its proposals, places on the map, and a
random pool of real profiles (bulk-created, so thousands are quick)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.utils import timezone

from handschlag.accounts.models import User
from handschlag.mentoring import rounds
from handschlag.mentoring.models import (
    AgeGroup,
    MatchingRound,
    Mentee,
    Mentor,
    Site,
    TandemKind,
)
from handschlag.places.models import Municipality
from tests import factories as base

from .factories import CONSENT_VERSION

LANGUAGES = ["de", "en", "ar", "uk", "fa", "tr", "ru", "ti"]
SLOTS = ["mon-evening", "tue-afternoon", "wed-morning", "thu-evening", "sat-morning", "sun-midday"]


def place(lat: float, lon: float) -> Municipality:
    return base.MunicipalityFactory(latitude=lat, longitude=lon)


def km_east(km: float, of: Municipality) -> Municipality:
    """A municipality `km` kilometres east of `of` (at its latitude)."""
    import math

    degrees = km / (111.195 * math.cos(math.radians(of.latitude)))
    return place(of.latitude, of.longitude + degrees)


def ready_round(by: User, **pool: Site | object) -> MatchingRound:
    """Start a round and run its task body at once (as the task would after the commit)."""
    matching_round = rounds.start_round(by=by, **pool)  # type: ignore[arg-type]
    rounds.run_round(matching_round.pk)
    matching_round.refresh_from_db()
    return matching_round


def pairs_of(matching_round: MatchingRound) -> set[tuple[int, int]]:
    return set(matching_round.proposals.values_list("mentor_id", "mentee_id"))


def random_pool(
    sites: Sequence[Site], mentors: int, mentees: int, *, seed: int = 1, towns: int = 25
) -> tuple[list[Mentor], list[Mentee]]:
    """`mentors` and `mentees` approved profiles with random languages, places (around
    Leipzig, up to ~40 km apart), times, kinds, wishes, certificates and capacities."""
    rng = random.Random(seed)
    today = timezone.localdate()
    places = [place(51.2 + rng.random() * 0.35, 12.2 + rng.random() * 0.5) for _ in range(towns)]
    kinds = [k for k in TandemKind.values]
    users = User.objects.bulk_create(
        [
            User(email=f"mentor-{seed}-{i}@example.org", first_name=f"Mentor{i}", last_name="M")
            for i in range(mentors)
        ]
    )

    def common() -> dict[str, object]:
        return {
            "state": Mentor.State.APPROVED,
            "languages": [{"code": c, "level": "good"} for c in _some(rng, LANGUAGES, 1, 2)],
            "municipality": rng.choice(places),
            "max_km": rng.choice([5, 10, 15, 25, 40]),
            "online": rng.random() < 0.15,
            "availability": _some(rng, SLOTS, 0, 3),
            "kinds": _some(rng, kinds, 0, 2),
            "gender": rng.choice(["f", "m", "d", ""]),
            "partner_genders": rng.choice([[], [], [], ["f"], ["m"], ["f", "d"]]),
            "waiting_since": today - datetime.timedelta(days=rng.randrange(0, 400)),
        }

    mentor_rows = []
    for user in users:
        capacity = rng.choice([1, 1, 2, 3])
        seen = rng.random() < 0.6
        mentor_rows.append(
            Mentor(
                user=user,
                site=rng.choice(sites),
                capacity=capacity,
                free_places=capacity,
                partner_age_groups=rng.choice([[], [], ["adult"], ["child", "youth"]]),
                certificate_seen_on=today if seen else None,
                certificate_issued_on=(
                    today - datetime.timedelta(days=rng.choice([30, 400, 2000])) if seen else None
                ),
                **common(),
            )
        )
    made_mentors = Mentor.objects.bulk_create(mentor_rows)
    mentee_rows = [
        Mentee(
            site=rng.choice(sites),
            first_name=f"Mentee{i}",
            age_group=rng.choice(AgeGroup.values),
            language=rng.choice(["de", "en", "ar"]),
            consent_version=CONSENT_VERSION,
            consent_given_at=timezone.now(),
            **common(),
        )
        for i in range(mentees)
    ]
    return made_mentors, Mentee.objects.bulk_create(mentee_rows)


def _some(rng: random.Random, values: Sequence[str], low: int, high: int) -> list[str]:
    return sorted(rng.sample(list(values), rng.randint(low, high)))
