"""The pool of a matching round, as the engine's `Item`s, and the engine's answer back as rows.

Who is in the pool (one site, or every site of a carrier):
- mentors: approved, with a free place (`free_places`, the race-safe counter: places held by
  proposed, active and paused tandems are already taken off); capacity = free places;
- mentees: approved, without an open tandem (proposed, active or paused).

How a profile becomes an `Item`:
- place: the coordinates of the profile's municipality; `max_km` its own travel distance;
- languages (codes; the level is not used), availability (SLOTS codes), waiting_since;
- kinds: only those the programme offers. A profile that names kinds, none of them offered,
  gets a kind nobody offers (so it is not matched "to anything"); one that names none accepts
  every kind of the programme;
- hard wishes as attributes and requirements: "gender" (both sides' `partner_genders`),
  "age_band" (the mentor's `partner_age_groups` against the mentee's age group) and
  "certificate": a mentee in MINOR_AGE_GROUPS requires a mentor with a valid extended police
  certificate (`Mentor.has_valid_certificate` on the day of the round);
- excluded pairs: pairs a coordinator rejected (ExcludedPair), pairs whose tandem ended (not
  matched again), and a person with themselves (a user who is mentor and mentee).

Online. "auch online" means: this person also meets online. The engine knows it
(`Item.online`): two online people can be matched at any distance, everyone else only within
both people's own distance; one engine run gives the optimum under that rule. A leftover's
"km" is the person's own distance, with "online" for an online person.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from handschlag.matching import (
    SLOTS,
    Config,
    Item,
    Pair,
    Result,
    Unmatched,
    match,
)

from .models import (
    MINOR_AGE_GROUPS,
    ExcludedPair,
    Mentee,
    Mentor,
    Programme,
    Site,
    Tandem,
)

NO_KIND = "-"
"""The kind of a profile whose kinds the programme does not offer: nobody shares it."""
CERTIFICATE = "certificate"
VALID = "valid"

PROFILE_FIELDS = (
    "pk", "site_id", "languages", "kinds", "availability", "waiting_since", "gender",
    "partner_genders", "max_km", "online", "municipality__latitude", "municipality__longitude",
)  # fmt: skip
MENTOR_FIELDS = (
    *PROFILE_FIELDS, "user_id", "free_places", "partner_age_groups", "certificate_seen_on",
    "certificate_issued_on", "user__first_name", "user__last_name", "user__email", "site__name",
    "site__slug",
)  # fmt: skip
MENTEE_FIELDS = (*PROFILE_FIELDS, "user_id", "age_group", "first_name")
_SLOTS = frozenset(SLOTS)


@dataclass
class Pool:
    """The items of one round and what the engine does not know about them."""

    mentors: list[Item]
    mentees: list[Item]
    excluded: set[tuple[int, int]]
    config: Config
    online: set[tuple[str, int]] = field(default_factory=set)  # ("left"/"right", pk)


@dataclass
class Matched:
    """The engine's result on a pool, and the pairs it was told to exclude."""

    result: Result
    excluded: set[tuple[int, int]]


class Encoder:
    """Profiles to items, sharing equal small collections between items."""

    def __init__(self, kinds: Iterable[str], today: datetime.date) -> None:
        self.kinds = frozenset(kinds)
        self.today = today
        self._shared: dict[Any, Any] = {}

    def _share(self, value: Any) -> Any:
        return self._shared.setdefault(value, value)

    def _frozen(self, values: Iterable[str]) -> frozenset[str]:
        return self._share(frozenset(values))

    def _mapping(self, **entries: Any) -> dict[str, Any]:
        items = tuple(sorted((k, v) for k, v in entries.items() if v))
        key = ("mapping", items)
        found = self._shared.get(key)
        if found is None:
            found = self._shared[key] = dict(items)
        return found

    def _common(self, profile: Mentor | Mentee) -> dict[str, Any]:
        kinds = [k for k in profile.kinds if k in self.kinds]
        if profile.kinds and not kinds:
            kinds = [NO_KIND]
        return {
            "id": profile.pk,
            "lat": profile.municipality.latitude,
            "lon": profile.municipality.longitude,
            "languages": self._frozen(entry["code"] for entry in profile.languages),
            "kinds": self._frozen(kinds),
            "availability": self._frozen(s for s in profile.availability if s in _SLOTS),
            "waiting_since": profile.waiting_since,
            "max_km": float(profile.max_km),
            "online": bool(profile.online),
        }

    def mentor(self, mentor: Mentor, capacity: int | None = None) -> Item:
        certificate = VALID if mentor.has_valid_certificate(self.today) else ""
        return Item(
            **self._common(mentor),
            attributes=self._mapping(gender=mentor.gender, certificate=certificate),
            requirements=self._mapping(
                gender=self._frozen(mentor.partner_genders),
                age_band=self._frozen(mentor.partner_age_groups),
            ),
            capacity=mentor.free_places if capacity is None else capacity,
        )

    def mentee(self, mentee: Mentee) -> Item:
        minor = mentee.age_group in MINOR_AGE_GROUPS
        return Item(
            **self._common(mentee),
            attributes=self._mapping(gender=mentee.gender, age_band=mentee.age_group),
            requirements=self._mapping(
                gender=self._frozen(mentee.partner_genders),
                certificate=self._frozen([VALID] if minor else []),
            ),
            capacity=1,
        )


def pool_mentors(sites: QuerySet[Site] | Sequence[int]) -> QuerySet[Mentor]:
    return (
        Mentor.objects.filter(site__in=sites, state=Mentor.State.APPROVED, free_places__gt=0)
        .select_related("municipality", "user", "site")
        .only(*MENTOR_FIELDS)
        .order_by("pk")
    )


def pool_mentees(sites: QuerySet[Site] | Sequence[int]) -> QuerySet[Mentee]:
    in_tandem = Tandem.objects.filter(mentee=OuterRef("pk"), state__in=Tandem.HOLDING)
    return (
        Mentee.objects.filter(site__in=sites, state=Mentee.State.APPROVED)
        .filter(~Exists(in_tandem))
        .select_related("municipality")
        .only(*MENTEE_FIELDS)
        .order_by("pk")
    )


def excluded_between(mentors: Sequence[Mentor], mentees: Sequence[Mentee]) -> set[tuple[int, int]]:
    """Pairs never to propose: rejected by a coordinator, their tandem ended, or one person
    on both sides."""
    mentor_ids = {m.pk for m in mentors}
    mentee_ids = {m.pk for m in mentees}
    if not mentor_ids or not mentee_ids:
        return set()
    few = len(mentee_ids) <= 500
    rejected = ExcludedPair.objects.filter(mentor__site_id__in={m.site_id for m in mentors})
    ended = Tandem.objects.filter(
        state=Tandem.State.ENDED,
        mentor__site_id__in={m.site_id for m in mentors},
        mentee__isnull=False,
    )
    if few:
        rejected, ended = (
            rejected.filter(mentee_id__in=mentee_ids),
            ended.filter(mentee_id__in=mentee_ids),
        )
    pairs = set(rejected.values_list("mentor_id", "mentee_id"))
    pairs |= set(ended.values_list("mentor_id", "mentee_id"))
    mentors_of_user: dict[int, list[int]] = {}
    for mentor in mentors:
        mentors_of_user.setdefault(mentor.user_id, []).append(mentor.pk)
    for mentee in mentees:
        for mentor_id in mentors_of_user.get(mentee.user_id or 0, ()):  # type: ignore[arg-type]
            pairs.add((mentor_id, mentee.pk))
    return {(a, b) for a, b in pairs if a in mentor_ids and b in mentee_ids}


def build_pool(
    mentors: Sequence[Mentor],
    mentees: Sequence[Mentee],
    *,
    programme: Programme,
    today: datetime.date,
) -> Pool:
    encoder = Encoder(programme.kinds, today)
    pool = Pool(
        mentors=[encoder.mentor(m) for m in mentors if m.languages],
        mentees=[encoder.mentee(m) for m in mentees if m.languages],
        excluded=excluded_between(mentors, mentees),
        config=config_for(today),
    )
    for side, people in (("left", mentors), ("right", mentees)):
        pool.online.update((side, person.pk) for person in people if person.online)
    return pool


def config_for(today: datetime.date) -> Config:
    """The engine's settings for mentoring: its defaults, on the round's day."""
    return Config(today=today)


def match_pool(pool: Pool) -> Matched:
    """The engine's optimum on the pool: one run (see the module)."""
    result = match(pool.mentors, pool.mentees, pool.config, excluded=pool.excluded)
    return Matched(result, set(pool.excluded))


# --- the engine's answer as rows: the one place that knows its reason format ---------------


def pair_fields(pair: Pair) -> dict[str, Any]:
    """A pair as Proposal fields; `reasons` as [{"code", "params"}] (explanations.py puts
    them into words)."""
    return {
        "points": int(pair.points),
        "breakdown": {k: round(float(v), 4) for k, v in pair.breakdown.items()},
        "distance_km": round(float(pair.distance_km), 2),
        "reasons": [{"code": b.code, "params": _plain(b.params)} for b in pair.reasons],
    }


def leftover_fields(unmatched: Unmatched, pool: Pool) -> dict[str, Any]:
    """An unmatched person as Leftover fields (reason code, its parameters, the funnel); an
    online person's parameters say "online"."""
    params = _plain(unmatched.params)
    if (unmatched.side, int(unmatched.id)) in pool.online:
        params["online"] = True
    return {
        "reason": str(unmatched.reason),
        "params": params,
        "funnel": {k: int(v) for k, v in unmatched.funnel.items()},
    }


def _plain(params: Any) -> dict[str, Any]:
    """Parameters as JSON stores them (tuples become lists, mappings dicts)."""
    return json.loads(json.dumps(dict(params), default=list))
