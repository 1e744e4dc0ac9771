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

Speed. A round reads its pool as plain rows (`read_mentors`, `read_mentees`: no model
instance per person; each distinct JSON text decoded once) and its answer goes back as plain
rows (`proposal_rows`, `leftover_rows`, written by rounds.py in a few prepared INSERTs). Swaps
and checks encode model instances (`build_pool`) through the same `Encoder`, so both give the
same items (tests/mentoring/test_pool.py compares them).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, TextField
from django.db.models.functions import Cast

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
    Proposal,
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

# The round reads rows, not models (`read_mentors`, `read_mentees`): the plain columns, then
# the JSON columns as their text, so that each distinct text is decoded and encoded once.
_ROW = (
    "pk", "site_id", "user_id", "municipality__latitude", "municipality__longitude",
    "waiting_since", "max_km", "online", "gender",
)  # fmt: skip
_MENTOR_ROW = (*_ROW, "free_places", "certificate_seen_on", "certificate_issued_on")
_MENTEE_ROW = (*_ROW, "age_group")
_JSON = ("languages", "kinds", "availability", "partner_genders")
_MENTOR_JSON = (*_JSON, "partner_age_groups")


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


@dataclass
class People:
    """One side of a pool as read: the items (a person without a language is not matched),
    and of everyone read their site, account and whether they meet online."""

    items: list[Item] = field(default_factory=list)
    users: dict[int, int | None] = field(default_factory=dict)  # pk -> user id
    sites: set[int] = field(default_factory=set)
    online: set[int] = field(default_factory=set)

    def add(self, item: Item | None, pk: int, site_id: int, user_id: int | None) -> None:
        if item is not None:
            self.items.append(item)
        self.users[pk] = user_id
        self.sites.add(site_id)


class Encoder:
    """Profiles to items, sharing equal small collections between items. The same encoding
    for model instances (`mentor`, `mentee`: swaps, checks) and for the round's rows
    (`mentor_row`, `mentee_row`)."""

    def __init__(self, kinds: Iterable[str], today: datetime.date) -> None:
        self.kinds = frozenset(kinds)
        self.today = today
        self._shared: dict[Any, Any] = {}
        self._decoded: dict[tuple[str, str], frozenset[str]] = {}
        self._certified: dict[datetime.date | None, bool] = {}
        self._encode: dict[str, Callable[[Any], frozenset[str]]] = {
            "languages": self._languages,
            "kinds": self._kinds,
            "availability": self._availability,
            "partner_genders": self._frozen,
            "partner_age_groups": self._frozen,
        }
        self._none, self._for_minors = self._frozen(()), self._frozen((VALID,))

    def _share(self, value: Any) -> Any:
        return self._shared.setdefault(value, value)

    def _frozen(self, values: Iterable[str]) -> frozenset[str]:
        return self._share(frozenset(values))

    def _mapping(self, **entries: Any) -> dict[str, Any]:
        """The entries with a value, one dict shared by all equal ones."""
        key = ("mapping", *entries.items())
        found = self._shared.get(key)
        if found is None:
            found = self._shared[key] = {k: v for k, v in sorted(entries.items()) if v}
        return found

    # --- the encoded collections: from the JSON values, or from their stored text --------

    def _languages(self, entries: Sequence[Mapping[str, Any]]) -> frozenset[str]:
        return self._frozen(entry["code"] for entry in entries)

    def _kinds(self, values: Sequence[str]) -> frozenset[str]:
        kinds = [k for k in values if k in self.kinds]
        if values and not kinds:
            kinds = [NO_KIND]
        return self._frozen(kinds)

    def _availability(self, values: Sequence[str]) -> frozenset[str]:
        return self._frozen(s for s in values if s in _SLOTS)

    def _from_text(self, name: str, text: str) -> frozenset[str]:
        """A JSON column's encoding from its stored text (each distinct text decoded once)."""
        found = self._decoded.get((name, text))
        if found is None:
            found = self._decoded[name, text] = self._encode[name](json.loads(text))
        return found

    def _certificate(self, seen_on: datetime.date | None, issued_on: datetime.date | None) -> str:
        if seen_on is None:
            return ""
        valid = self._certified.get(issued_on)
        if valid is None:
            mentor = Mentor(certificate_seen_on=seen_on, certificate_issued_on=issued_on)
            valid = self._certified[issued_on] = mentor.has_valid_certificate(self.today)
        return VALID if valid else ""

    # --- items ------------------------------------------------------------------------------

    def _item(
        self, pk: int, lat: float, lon: float, waiting_since: datetime.date | None,
        max_km: float, online: bool, languages: frozenset[str], kinds: frozenset[str],
        availability: frozenset[str], attributes: dict[str, Any],
        requirements: dict[str, Any], capacity: int,
    ) -> Item | None:  # fmt: skip
        """The item, or None for a person without a language (not matched)."""
        if not languages:
            return None
        return Item(
            id=pk,
            lat=lat,
            lon=lon,
            languages=languages,
            kinds=kinds,
            availability=availability,
            waiting_since=waiting_since,
            attributes=attributes,
            requirements=requirements,
            max_km=float(max_km),
            capacity=capacity,
            online=bool(online),
        )

    def _mentor_item(
        self, pk: int, lat: float, lon: float, waiting_since: datetime.date | None,
        max_km: float, online: bool, gender: str, capacity: int, certificate: str,
        languages: frozenset[str], kinds: frozenset[str], availability: frozenset[str],
        partner_genders: frozenset[str], partner_age_groups: frozenset[str],
    ) -> Item | None:  # fmt: skip
        return self._item(
            pk, lat, lon, waiting_since, max_km, online, languages, kinds, availability,
            self._mapping(gender=gender, certificate=certificate),
            self._mapping(gender=partner_genders, age_band=partner_age_groups),
            capacity,
        )  # fmt: skip

    def _mentee_item(
        self, pk: int, lat: float, lon: float, waiting_since: datetime.date | None,
        max_km: float, online: bool, gender: str, age_group: str, languages: frozenset[str],
        kinds: frozenset[str], availability: frozenset[str], partner_genders: frozenset[str],
    ) -> Item | None:  # fmt: skip
        certificate = self._for_minors if age_group in MINOR_AGE_GROUPS else self._none
        return self._item(
            pk, lat, lon, waiting_since, max_km, online, languages, kinds, availability,
            self._mapping(gender=gender, age_band=age_group),
            self._mapping(gender=partner_genders, certificate=certificate),
            1,
        )  # fmt: skip

    def mentor(self, mentor: Mentor, capacity: int | None = None) -> Item | None:
        return self._mentor_item(
            mentor.pk, mentor.municipality.latitude, mentor.municipality.longitude,
            mentor.waiting_since, mentor.max_km, mentor.online, mentor.gender,
            mentor.free_places if capacity is None else capacity,
            self._certificate(mentor.certificate_seen_on, mentor.certificate_issued_on),
            self._languages(mentor.languages), self._kinds(mentor.kinds),
            self._availability(mentor.availability), self._frozen(mentor.partner_genders),
            self._frozen(mentor.partner_age_groups),
        )  # fmt: skip

    def mentee(self, mentee: Mentee) -> Item | None:
        return self._mentee_item(
            mentee.pk, mentee.municipality.latitude, mentee.municipality.longitude,
            mentee.waiting_since, mentee.max_km, mentee.online, mentee.gender, mentee.age_group,
            self._languages(mentee.languages), self._kinds(mentee.kinds),
            self._availability(mentee.availability), self._frozen(mentee.partner_genders),
        )  # fmt: skip

    def mentor_row(self, row: Sequence[Any]) -> Item | None:
        """A row of `read_mentors`: _MENTOR_ROW, then the texts of _MENTOR_JSON."""
        (
            pk, _site, _user, lat, lon, waiting, km, online, gender, places, seen, issued,
            languages, kinds, availability, genders, age_groups,
        ) = row  # fmt: skip
        text = self._from_text
        return self._mentor_item(
            pk, lat, lon, waiting, km, online, gender, places, self._certificate(seen, issued),
            text("languages", languages), text("kinds", kinds),
            text("availability", availability), text("partner_genders", genders),
            text("partner_age_groups", age_groups),
        )  # fmt: skip

    def mentee_row(self, row: Sequence[Any]) -> Item | None:
        """A row of `read_mentees`: _MENTEE_ROW, then the texts of _JSON."""
        (
            pk, _site, _user, lat, lon, waiting, km, online, gender, age_group,
            languages, kinds, availability, genders,
        ) = row  # fmt: skip
        text = self._from_text
        return self._mentee_item(
            pk, lat, lon, waiting, km, online, gender, age_group, text("languages", languages),
            text("kinds", kinds), text("availability", availability),
            text("partner_genders", genders),
        )  # fmt: skip


def _mentors_in(sites: QuerySet[Site] | Sequence[int]) -> QuerySet[Mentor]:
    return Mentor.objects.filter(
        site__in=sites, state=Mentor.State.APPROVED, free_places__gt=0
    ).order_by("pk")


def _mentees_in(sites: QuerySet[Site] | Sequence[int]) -> QuerySet[Mentee]:
    in_tandem = Tandem.objects.filter(mentee=OuterRef("pk"), state__in=Tandem.HOLDING)
    return (
        Mentee.objects.filter(site__in=sites, state=Mentee.State.APPROVED)
        .filter(~Exists(in_tandem))
        .order_by("pk")
    )


def pool_mentors(sites: QuerySet[Site] | Sequence[int]) -> QuerySet[Mentor]:
    return _mentors_in(sites).select_related("municipality", "user", "site").only(*MENTOR_FIELDS)


def pool_mentees(sites: QuerySet[Site] | Sequence[int]) -> QuerySet[Mentee]:
    return _mentees_in(sites).select_related("municipality").only(*MENTEE_FIELDS)


def _as_text(names: Sequence[str]) -> list[Cast]:
    return [Cast(name, output_field=TextField()) for name in names]


def read_mentors(sites: QuerySet[Site] | Sequence[int], encoder: Encoder) -> People:
    """The pool's mentors as items, read as rows (what `pool_mentors` and `Encoder.mentor`
    give, without a model instance per person)."""
    people = People()
    rows = _mentors_in(sites).values_list(*_MENTOR_ROW, *_as_text(_MENTOR_JSON))
    for row in rows:
        people.add(encoder.mentor_row(row), row[0], row[1], row[2])
        if row[7]:
            people.online.add(row[0])
    return people


def read_mentees(sites: QuerySet[Site] | Sequence[int], encoder: Encoder) -> People:
    """The pool's mentees as items, read as rows (see `read_mentors`)."""
    people = People()
    rows = _mentees_in(sites).values_list(*_MENTEE_ROW, *_as_text(_JSON))
    for row in rows:
        people.add(encoder.mentee_row(row), row[0], row[1], row[2])
        if row[7]:
            people.online.add(row[0])
    return people


def excluded_pairs(mentors: People, mentees: People) -> set[tuple[int, int]]:
    """Pairs never to propose: rejected by a coordinator, their tandem ended, or one person
    on both sides."""
    mentor_ids, mentee_ids = mentors.users.keys(), mentees.users.keys()
    if not mentor_ids or not mentee_ids:
        return set()
    few = len(mentee_ids) <= 500
    rejected = ExcludedPair.objects.filter(mentor__site_id__in=mentors.sites)
    ended = Tandem.objects.filter(
        state=Tandem.State.ENDED, mentor__site_id__in=mentors.sites, mentee__isnull=False
    )
    if few:
        rejected, ended = (
            rejected.filter(mentee_id__in=list(mentee_ids)),
            ended.filter(mentee_id__in=list(mentee_ids)),
        )
    pairs = set(rejected.values_list("mentor_id", "mentee_id"))
    pairs |= set(ended.values_list("mentor_id", "mentee_id"))
    mentors_of_user: dict[int, list[int]] = {}
    for mentor_id, user_id in mentors.users.items():
        if user_id is not None:
            mentors_of_user.setdefault(user_id, []).append(mentor_id)
    for mentee_id, user_id in mentees.users.items():
        for mentor_id in mentors_of_user.get(user_id or 0, ()):
            pairs.add((mentor_id, mentee_id))
    return {(a, b) for a, b in pairs if a in mentor_ids and b in mentee_ids}


def pool_of(mentors: People, mentees: People, *, today: datetime.date) -> Pool:
    """The pool of the people read: their items, the excluded pairs, who meets online."""
    online = {("left", pk) for pk in mentors.online} | {("right", pk) for pk in mentees.online}
    return Pool(
        mentors=mentors.items,
        mentees=mentees.items,
        excluded=excluded_pairs(mentors, mentees),
        config=config_for(today),
        online=online,
    )


def _people(profiles: Sequence[Mentor] | Sequence[Mentee], encode: Callable[[Any], Any]) -> People:
    people = People()
    for profile in profiles:
        people.add(encode(profile), profile.pk, profile.site_id, profile.user_id)
        if profile.online:
            people.online.add(profile.pk)
    return people


def build_pool(
    mentors: Sequence[Mentor],
    mentees: Sequence[Mentee],
    *,
    programme: Programme,
    today: datetime.date,
) -> Pool:
    """The pool of these profiles (model instances), encoded as a round encodes its rows."""
    encoder = Encoder(programme.kinds, today)
    return pool_of(_people(mentors, encoder.mentor), _people(mentees, encoder.mentee), today=today)


def config_for(today: datetime.date) -> Config:
    """The engine's settings for mentoring: its defaults, on the round's day."""
    return Config(today=today)


def match_pool(pool: Pool) -> Matched:
    """The engine's optimum on the pool: one run (see the module)."""
    result = match(pool.mentors, pool.mentees, pool.config, excluded=pool.excluded)
    return Matched(result, set(pool.excluded))


# --- the engine's answer as rows: the one place that knows its reason format ---------------

PROPOSAL_COLUMNS = (
    "round_id", "mentor_id", "mentee_id", "state", "points", "breakdown", "distance_km",
    "reasons", "manual",
)  # fmt: skip
LEFTOVER_COLUMNS = ("round_id", "mentor_id", "mentee_id", "reason", "params", "funnel")


def _jsonable(value: Any) -> Any:
    """What JSON cannot take as it is: a mapping becomes an object, a set a list."""
    return dict(value) if isinstance(value, Mapping) else list(value)


_as_json = json.JSONEncoder(default=_jsonable).encode
"""A value as the JSON text a JSONField stores (tuples become lists, mappings objects)."""


def _pair_values(pair: Pair) -> tuple[int, dict[str, float], float, list[dict[str, Any]]]:
    return (
        int(pair.points),
        {k: round(float(v), 4) for k, v in pair.breakdown.items()},
        round(float(pair.distance_km), 2),
        [{"code": b.code, "params": b.params} for b in pair.reasons],
    )


def pair_fields(pair: Pair) -> dict[str, Any]:
    """A pair as Proposal fields; `reasons` as [{"code", "params"}] (explanations.py puts
    them into words)."""
    points, breakdown, km, reasons = _pair_values(pair)
    return {
        "points": points,
        "breakdown": breakdown,
        "distance_km": km,
        "reasons": json.loads(_as_json(reasons)),
    }


def proposal_rows(round_id: int, pairs: Iterable[Pair]) -> Iterator[tuple[Any, ...]]:
    """The pairs as rows of PROPOSAL_COLUMNS (state proposed), their JSON as text: the
    values of `pair_fields`, without a model instance per pair."""
    proposed = str(Proposal.State.PROPOSED)
    for pair in pairs:
        points, breakdown, km, reasons = _pair_values(pair)
        yield (
            round_id, int(pair.left), int(pair.right), proposed, points, _as_json(breakdown),
            km, _as_json(reasons), False,
        )  # fmt: skip


def leftover_rows(
    round_id: int, unmatched: Iterable[Unmatched], pool: Pool
) -> Iterator[tuple[Any, ...]]:
    """The unmatched people as rows of LEFTOVER_COLUMNS: the reason code, its parameters (an
    online person's say "online") and the funnel, their JSON as text."""
    for item in unmatched:
        pk = int(item.id)
        params = dict(item.params)
        if (item.side, pk) in pool.online:
            params["online"] = True
        funnel = {k: int(v) for k, v in item.funnel.items()}
        mentor, mentee = (pk, None) if item.side == "left" else (None, pk)
        yield (round_id, mentor, mentee, str(item.reason), _as_json(params), _as_json(funnel))
