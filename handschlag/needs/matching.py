"""The Django side of matching needs and promises: rows in, engine `Item`s, proposals out.

Promises are the left side (as many partners as places are left), needs the right side (one
proposal per run). Every hard rule is a hard constraint of the engine or an excluded pair:

- same category: the category is the engine's kind;
- who may redeem: a promise for verified organisations requires the need's organisation to be
  verified (needs always belong to an organisation, so "organisations only" always holds);
- distance: a promise with a place reaches needs within `RADIUS_KM`; nationwide promises
  are matched afterwards to the needs that still have room (see `_nationwide`);
- quantity: the need's quantity must be left in the promise (exact: the promise's attribute
  is its remaining quantity rounded down to the nearest quantity some need asks for);
- deadlines: only open promises (deadline not passed, a place left) and open needs take part;
- capacity: a promise is proposed at most as often as it has places left (open proposals
  count, `existing` to the engine);
- never twice: every pair that was ever proposed (declined, applied, expired) is excluded, as
  are pairs where the need's organisation promises itself or already applied.

Soft criteria (the engine): distance (mostly) and how long both sides have waited. The
reasons are kept as data on the proposal and put into words for each reader (reasons.py).
"""

from __future__ import annotations

import json
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.constants import OnConflict
from django.utils import timezone

from handschlag.core.versions import bump
from handschlag.places.selectors import near
from handschlag.promises.models import Promise

from .models import Need, Proposal
from .proposing import (
    MAX_OPEN_PER_NEED,
    PREPARING,
    RADIUS_KM,
    RunResult,
    excluded_pairs,
    need_rows,
    promise_rows,
    propose,
)
from .telling import need_side, tell_need_side, tell_promise_side

__all__ = [
    "MAX_OPEN_PER_NEED", "RADIUS_KM", "RunResult", "excluded_pairs", "expire_stale", "for_need",
    "for_promise", "need_side", "nightly", "propose",
]  # fmt: skip


# --- runs -------------------------------------------------------------------------------------


def open_promise_condition(prefix: str = "") -> Q:
    today = timezone.localdate()
    return Q(
        **{
            f"{prefix}state": Promise.State.PUBLISHED,
            f"{prefix}deadline__gte": today,
            f"{prefix}remaining_capacity__gt": 0,
        }
    )


def expire_stale(proposals: QuerySet[Proposal] | None = None) -> int:
    """Open proposals whose need or promise is no longer open stop being proposals."""
    proposals = Proposal.objects.all() if proposals is None else proposals
    # A promise still being written as the answer to a need (draft, in moderation) keeps its
    # proposal; one that ran out, was withdrawn or expired does not.
    preparing = Q(promise__state__in=PREPARING)
    stale = proposals.filter(state=Proposal.State.PROPOSED).filter(
        ~Q(need__state=Need.State.PUBLISHED, need__needed_by__gte=timezone.localdate())
        | (~open_promise_condition("promise__") & ~preparing)
    )
    count = stale.update(
        state=Proposal.State.EXPIRED, decided_at=timezone.now(), updated_at=timezone.now()
    )
    if count:
        bump()
    return count


def _store(new: list[tuple[int, int, float, dict[str, Any]]]) -> list[tuple[int, int]]:
    """Insert the new proposals; a pair that a parallel run stored meanwhile stays one row.

    One prepared INSERT for all rows (`executemany`): the ORM's bulk_create prepares every
    field of every row in Python, which costs more than the matching itself at 50,000 rows."""
    if not new:
        return []
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    fields = ("need_id", "promise_id", "score", "reasons", "state", "created_at", "updated_at")
    table = connection.ops.quote_name(Proposal._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    insert = connection.ops.insert_statement(on_conflict=OnConflict.IGNORE)
    suffix = connection.ops.on_conflict_suffix_sql(
        [], OnConflict.IGNORE, None, None
    )  # "" on SQLite (INSERT OR IGNORE), "ON CONFLICT DO NOTHING" on PostgreSQL
    sql = f"{insert} {table} ({columns}) VALUES ({placeholders}) {suffix}".strip()
    rows = [
        (need, promise, score, json.dumps(reasons), Proposal.State.PROPOSED.value, now, now)
        for need, promise, score, reasons in new
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
    bump()  # raw writes send no signals; the promise pages show proposals
    return [(need, promise) for need, promise, _score, _reasons in new]


@transaction.atomic
def nightly(*, tell: bool = True) -> RunResult:
    """Match all open needs with all open promises; tell both sides about new proposals
    (`tell` False: the demo world, which notifies nobody)."""
    result = RunResult(expired=expire_stale())
    promises = promise_rows(Promise.objects.filter(open_promise_condition()))
    needs = need_rows(Need.objects.open())
    result.promises, result.needs = len(promises), len(needs)
    new = propose(promises, needs, need_capacity=lambda open_count: 1)
    result.proposed = _store(new)
    if tell:
        tell_need_side(result.proposed, {n.pk: n.organisation_id for n in needs})
        tell_promise_side(
            result.proposed,
            {
                p.pk: ("org", p.organisation_id) if p.organisation_id else ("person", p.owner_id)
                for p in promises
            },
        )
    return result


@transaction.atomic
def for_need(need: Need) -> RunResult:
    """On demand: one more proposal for `need` (up to MAX_OPEN_PER_NEED open ones)."""
    result = RunResult(expired=expire_stale(Proposal.objects.filter(need=need)))
    needs = need_rows(Need.objects.open().filter(pk=need.pk))
    if not needs:
        return result
    open_count = Proposal.objects.filter(need=need, state=Proposal.State.PROPOSED).count()
    if open_count >= MAX_OPEN_PER_NEED:
        return result
    candidates = near(
        Promise.objects.filter(open_promise_condition(), category=need.category),
        slug=need.municipality.slug,
        radius_km=RADIUS_KM + 1,  # the engine checks the exact distance
    )
    promises = promise_rows(candidates)
    result.promises, result.needs = len(promises), 1
    new = propose(promises, needs, need_capacity=lambda existing: existing + 1)
    result.proposed = _store(new)
    tell_promise_side(result.proposed)
    return result


@transaction.atomic
def for_promise(promise: Promise) -> RunResult:
    """A promise was published: propose it to the needs it suits best (one per free place)."""
    result = RunResult(expired=expire_stale(Proposal.objects.filter(promise=promise)))
    promises = promise_rows(Promise.objects.filter(open_promise_condition(), pk=promise.pk))
    if not promises:
        return result
    needs_qs: QuerySet[Need] = Need.objects.open().filter(category=promise.category)
    if promise.municipality_id is not None:
        needs_qs = near(
            needs_qs,
            slug=promise.municipality.slug,  # type: ignore[union-attr]
            radius_km=RADIUS_KM + 1,
            include_nationwide=False,
        )
    busy = (
        Proposal.objects.filter(state=Proposal.State.PROPOSED)
        .values("need_id")
        .order_by()
        .annotate(n=Count("pk"))
        .filter(n__gte=MAX_OPEN_PER_NEED)
        .values("need_id")
    )
    needs = need_rows(needs_qs.exclude(pk__in=busy))
    result.promises, result.needs = 1, len(needs)
    new = propose(promises, needs, need_capacity=lambda existing: 1)
    result.proposed = _store(new)
    tell_need_side(result.proposed)
    return result
