"""Rows in, engine `Item`s, new pairs out: the hard rules and the soft criteria of matching
needs and promises (see matching.py for the rules in words)."""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from handschlag.matching import Config, Item, Weights, match
from handschlag.organisations.models import Membership
from handschlag.promises.models import Eligibility, Promise, Redemption

from .models import Need, Proposal

RADIUS_KM: float = getattr(settings, "NEEDS_MATCH_RADIUS_KM", 50)
MAX_OPEN_PER_NEED = 5
PREPARING = (Promise.State.DRAFT, Promise.State.PENDING, Promise.State.RETURNED)
CONFIG_WEIGHTS = Weights(distance=0.75, language=0, kinds=0, availability=0, waiting=0.25)
LANGUAGES = frozenset({"de"})
ENDED_APPLICATIONS = (Redemption.State.DECLINED, Redemption.State.WITHDRAWN)

PROMISE_FIELDS = (
    "pk", "organisation_id", "owner_id", "category", "remaining_quantity", "remaining_capacity",
    "quantity", "unit", "unit_singular", "deadline", "eligibility", "published_at",
    "municipality_id", "municipality__latitude", "municipality__longitude",
)  # fmt: skip
NEED_FIELDS = (
    "pk", "organisation_id", "category", "quantity", "published_at",
    "organisation__is_verified", "municipality__latitude", "municipality__longitude",
)  # fmt: skip


@dataclass(frozen=True)
class PromiseRow:
    pk: int
    organisation_id: int | None
    owner_id: int
    category: str
    remaining_quantity: int
    remaining_capacity: int
    quantity: int
    unit: str
    unit_singular: str
    deadline: datetime.date
    eligibility: str
    published_at: datetime.datetime | None
    municipality_id: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class NeedRow:
    pk: int
    organisation_id: int
    category: str
    quantity: int
    published_at: datetime.datetime | None
    verified: bool
    lat: float
    lon: float


@dataclass
class RunResult:
    """What one run did: proposals made (need id, promise id) and proposals expired."""

    proposed: list[tuple[int, int]] = field(default_factory=list)
    expired: int = 0
    promises: int = 0
    needs: int = 0


def promise_rows(promises: QuerySet[Promise]) -> list[PromiseRow]:
    return [PromiseRow(*row) for row in promises.values_list(*PROMISE_FIELDS).order_by()]


def need_rows(needs: QuerySet[Need]) -> list[NeedRow]:
    return [NeedRow(*row) for row in needs.values_list(*NEED_FIELDS).order_by()]


# --- the rules as pairs -----------------------------------------------------------------------


def _pairs_of_orgs(
    needs: Sequence[NeedRow], promises: Sequence[PromiseRow], promise_orgs: dict[int, set[int]]
) -> set[tuple[int, int]]:
    """(promise, need) pairs where the need's organisation is in `promise_orgs[promise]`."""
    needs_of_org: dict[int, list[int]] = defaultdict(list)
    for need in needs:
        needs_of_org[need.organisation_id].append(need.pk)
    return {
        (promise_pk, need_pk)
        for promise_pk, orgs in promise_orgs.items()
        for org in orgs
        for need_pk in needs_of_org.get(org, ())
    }


def excluded_pairs(
    needs: Sequence[NeedRow],
    promises: Sequence[PromiseRow],
    proposals: Iterable[tuple[int, int, str]],
) -> set[tuple[int, int]]:
    """Pairs that must never be proposed: proposed before and no longer open, the promise is
    the need's organisation's own (or its owner's, who belongs to it), or that organisation
    has already applied for the promise."""
    need_ids = {n.pk for n in needs}
    promise_ids = {p.pk for p in promises}
    org_ids = {n.organisation_id for n in needs}
    excluded = {
        (promise, need)
        for need, promise, state in proposals
        if state != Proposal.State.PROPOSED and need in need_ids and promise in promise_ids
    }
    own: dict[int, set[int]] = defaultdict(set)
    personal: dict[int, list[int]] = defaultdict(list)
    for p in promises:
        if p.organisation_id in org_ids:
            own[p.pk].add(p.organisation_id)  # type: ignore[arg-type]
        if p.organisation_id is None:
            personal[p.owner_id].append(p.pk)
    if personal and org_ids:
        for user_id, org_id in Membership.objects.filter(
            user_id__in=list(personal), organisation_id__in=list(org_ids)
        ).values_list("user_id", "organisation_id"):
            for promise_pk in personal[user_id]:
                own[promise_pk].add(org_id)
    applications = Redemption.objects.filter(organisation_id__isnull=False).exclude(
        state__in=ENDED_APPLICATIONS
    )
    if len(needs) == 1:
        applications = applications.filter(organisation_id=needs[0].organisation_id)
    if len(promises) == 1:
        applications = applications.filter(promise_id=promises[0].pk)
    for promise_pk, org_id in applications.values_list("promise_id", "organisation_id"):
        if promise_pk in promise_ids and org_id in org_ids:
            own[promise_pk].add(org_id)
    return excluded | _pairs_of_orgs(needs, promises, own)


# --- items ------------------------------------------------------------------------------------


class _Encoder:
    """Rows to engine items; shares the small collections between items (the engine reads
    each shared collection once)."""

    def __init__(self, needs: Sequence[NeedRow], today: datetime.date) -> None:
        self.today = today
        self.levels = sorted({n.quantity for n in needs} | {1})
        self.kinds: dict[str, frozenset[str]] = {}
        self.need_requirements: dict[int, dict[str, frozenset[str]]] = {}
        self.qty: dict[str, dict[str, str]] = {}
        self.verified_only = {"org": frozenset({"verified"})}
        self.org = {True: {"org": "verified"}, False: {"org": "other"}}

    def kind(self, category: str) -> frozenset[str]:
        return self.kinds.setdefault(category, frozenset({category}))

    def quantity_level(self, remaining: int) -> dict[str, str]:
        """The remaining quantity, rounded down to a level some need asks for (exact for the
        needs' comparison "remaining >= quantity")."""
        index = bisect.bisect_right(self.levels, remaining) - 1
        level = str(self.levels[index]) if index >= 0 else "0"
        return self.qty.setdefault(level, {"qty": level})

    def requirement(self, quantity: int) -> dict[str, frozenset[str]]:
        found = self.need_requirements.get(quantity)
        if found is None:
            allowed = frozenset(str(level) for level in self.levels if level >= quantity)
            found = self.need_requirements[quantity] = {"qty": allowed}
        return found

    def promise(self, p: PromiseRow, capacity: int) -> Item:
        return Item(
            id=p.pk,
            lat=p.lat,  # type: ignore[arg-type]
            lon=p.lon,  # type: ignore[arg-type]
            languages=LANGUAGES,
            kinds=self.kind(p.category),
            waiting_since=p.published_at.date() if p.published_at else self.today,
            attributes=self.quantity_level(p.remaining_quantity),
            requirements=self.verified_only if p.eligibility == Eligibility.VERIFIED else {},
            max_km=RADIUS_KM,
            capacity=capacity,
        )

    def need(self, n: NeedRow, capacity: int) -> Item:
        return Item(
            id=n.pk,
            lat=n.lat,
            lon=n.lon,
            languages=LANGUAGES,
            kinds=self.kind(n.category),
            waiting_since=n.published_at.date() if n.published_at else self.today,
            attributes=self.org[bool(n.verified)],
            requirements=self.requirement(n.quantity),
            max_km=RADIUS_KM,
            capacity=capacity,
        )


def reasons_for(promise: PromiseRow, distance_km: float) -> dict[str, Any]:
    return {
        "category": True,
        "km": None if promise.municipality_id is None else round(distance_km, 1),
        "remaining": promise.remaining_quantity,
        "quantity": promise.quantity,
        "unit": promise.unit,
        "unit_singular": promise.unit_singular,
        "deadline": promise.deadline.isoformat(),
    }


def propose(
    promises: Sequence[PromiseRow],
    needs: Sequence[NeedRow],
    *,
    need_capacity: Callable[[int], int],
) -> list[tuple[int, int, float, dict[str, Any]]]:
    """Run the engine over the given rows; the new (need, promise, score, reasons).

    `need_capacity(open proposals of the need among these promises)` says how many proposals a
    need may have after the run. Promises with a place come first: the engine matches them
    optimally; then nationwide promises go to the needs that still have room (so a promise
    nearby always wins over one from anywhere)."""
    today = timezone.localdate()
    need_ids = [n.pk for n in needs]
    proposals = Proposal.objects.all()
    if len(needs) == 1:
        proposals = proposals.filter(need_id=need_ids[0])
    elif len(promises) == 1:
        proposals = proposals.filter(promise_id=promises[0].pk)
    rows = list(proposals.values_list("need_id", "promise_id", "state"))
    need_set, promise_set = set(need_ids), {p.pk for p in promises}
    existing = [
        (promise, need)
        for need, promise, state in rows
        if state == Proposal.State.PROPOSED and need in need_set and promise in promise_set
    ]
    excluded = excluded_pairs(needs, promises, rows) - set(existing)
    per_need: dict[int, int] = defaultdict(int)
    for _promise, need in existing:
        per_need[need] += 1
    room = {n.pk: max(need_capacity(per_need[n.pk]) - per_need[n.pk], 0) for n in needs}
    encoder = _Encoder(needs, today)
    config = Config(weights=CONFIG_WEIGHTS, today=today, k=4)
    by_pk = {p.pk: p for p in promises}
    new: list[tuple[int, int, float, dict[str, Any]]] = []
    local = [p for p in promises if p.municipality_id is not None]
    local_ids = {p.pk for p in local}
    local_existing = [pair for pair in existing if pair[0] in local_ids]
    held_promise: dict[int, int] = defaultdict(int)
    held_need: dict[int, int] = defaultdict(int)
    for promise, need in local_existing:
        held_promise[promise] += 1
        held_need[need] += 1
    left = [
        encoder.promise(p, max(p.remaining_capacity, held_promise[p.pk]))
        for p in local
        if p.remaining_capacity > 0 or held_promise[p.pk]
    ]
    right = [
        encoder.need(n, held_need[n.pk] + room[n.pk])
        for n in needs
        if held_need[n.pk] + room[n.pk] > 0
    ]
    if left and right:
        right_ids = {item.id for item in right}
        local_excluded = [
            pair for pair in excluded if pair[0] in local_ids and pair[1] in right_ids
        ]
        result = match(left, right, config, existing=local_existing, excluded=local_excluded)
        for pair in result.new_pairs:
            need_pk, promise_pk = int(pair.right), int(pair.left)
            room[need_pk] -= 1
            reasons = reasons_for(by_pk[promise_pk], pair.distance_km)
            new.append((need_pk, promise_pk, round(pair.score, 4), reasons))
    nationwide = [p for p in promises if p.municipality_id is None]
    new += _nationwide(nationwide, needs, existing, excluded, room, today)
    return new


def _nationwide(
    promises: Sequence[PromiseRow],
    needs: Sequence[NeedRow],
    existing: Sequence[tuple[int, int]],
    excluded: set[tuple[int, int]],
    room: dict[int, int],
    today: datetime.date,
) -> list[tuple[int, int, float, dict[str, Any]]]:
    """Nationwide promises for the needs that still have room, under the same hard rules.

    A nationwide promise is equally near to every need, so the engine's search by place has
    nothing to choose by: the needs that have waited longest come first and get the promise
    of their category that has waited longest and still has a place (the engine's waiting
    criterion, without the map). Existing proposals hold their places."""
    free = {p.pk: p.remaining_capacity for p in promises}
    for promise, _need in existing:
        if promise in free:
            free[promise] -= 1
    blocked = set(existing) | excluded
    by_category: dict[str, list[PromiseRow]] = defaultdict(list)
    for p in sorted(promises, key=lambda p: (p.published_at or _midnight(today), p.pk)):
        by_category[p.category].append(p)
    start: dict[str, int] = defaultdict(int)
    new: list[tuple[int, int, float, dict[str, Any]]] = []
    waiting = sorted(
        (n for n in needs if room[n.pk] > 0),
        key=lambda n: (n.published_at or _midnight(today), n.pk),
    )
    for need in waiting:
        candidates = by_category.get(need.category, [])
        first = start[need.category]
        while first < len(candidates) and free[candidates[first].pk] <= 0:
            first += 1  # the oldest promises fill up first
        start[need.category] = first
        for p in candidates[first:]:
            if room[need.pk] <= 0:
                break
            if (
                free[p.pk] <= 0
                or p.remaining_quantity < need.quantity
                or (p.eligibility == Eligibility.VERIFIED and not need.verified)
                or (p.pk, need.pk) in blocked
            ):
                continue
            free[p.pk] -= 1
            room[need.pk] -= 1
            new.append((need.pk, p.pk, 0.0, reasons_for(p, 0.0)))
    return new


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
