"""The encoded problem: both sides as columns, existing and excluded pairs as sorted keys,
remaining capacities, and lookup tables for the language and kind of a pair."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from .constraints import (
    allowed,
    contains,
    kinds_compatible,
    reachable,
    share_language,
    union_sorted,
    wishes_met,
)
from .encode import (
    F64,
    I64,
    Bools,
    Mask,
    Side,
    Vocabularies,
    encode_side,
    id_key,
    in_id_order,
    shared_fields,
    vocabularies,
)
from .model import Config, Item, ItemId
from .score import criterion_points, language_kind_points, overlap, waiting_points

TABLE_LIMIT = 1 << 23
"""Largest lookup table (pairs of profiles, 2 bytes each) built; beyond it, pairs are computed
directly (slower, same result)."""


@dataclass(slots=True)
class Table:
    """values[right profile, left profile]: -1 if the items share no language or no
    compatible kind, else their language and kinds points. A profile is a combination of
    languages and kinds; most items share a few of them. A right item's row is contiguous:
    the candidate search reads it for every partner of the item."""

    values: NDArray[np.int16] | None  # None: too many profiles; pairs are computed directly


@dataclass(slots=True)
class Problem:
    left_items: list[Item]  # in id order; row r of `left` is left_items[r]
    right_items: list[Item]
    left_ids: NDArray[np.object_]  # the ids of left_items (gathered by rows at C speed)
    right_ids: NDArray[np.object_]
    left: Side
    right: Side
    vocab: Vocabularies
    weights: F64  # normalised, in CRITERIA order
    excluded: I64  # sorted pair keys (left row * n_right + right row)
    existing: I64  # sorted pair keys
    # no new pair may be one of these: the excluded pairs and the pairs that already exist
    blocked: I64
    today: date
    table: Table

    def split_keys(self, keys: I64) -> tuple[I64, I64]:
        return keys // len(self.right), keys % len(self.right)

    def allowed(self, left: Side, li: I64, right: Side, ri: I64) -> Bools:
        return allowed(self.blocked, len(self.right), left, li, right, ri)


def build_problem(
    left: Sequence[Item],
    right: Sequence[Item],
    config: Config,
    existing: Collection[tuple[ItemId, ItemId]],
    excluded: Collection[tuple[ItemId, ItemId]],
) -> Problem:
    left_items, left_ids = in_id_order(left, "left")
    right_items, right_ids = in_id_order(right, "right")
    today = config.today or _latest_date(left_items, right_items)
    left_shared, right_shared = shared_fields(left_items), shared_fields(right_items)
    vocab = vocabularies(left_shared, right_shared)
    cap_days = config.waiting_cap_days
    weights = np.array(config.weights.normalised())
    left_side = encode_side(left_items, left_shared, vocab, today, cap_days, "left")
    right_side = encode_side(right_items, right_shared, vocab, today, cap_days, "right")
    for side in (left_side, right_side):
        side.waiting_points = waiting_points(weights[4], side)
    problem = Problem(
        left_items=left_items,
        right_items=right_items,
        left_ids=_object_array(left_ids),
        right_ids=_object_array(right_ids),
        left=left_side,
        right=right_side,
        vocab=vocab,
        weights=weights,
        excluded=np.zeros(0, dtype=np.int64),
        existing=np.zeros(0, dtype=np.int64),
        blocked=np.zeros(0, dtype=np.int64),
        today=today,
        table=_table(left_side, right_side, weights),
    )
    excluded, existing = list(excluded), list(existing)
    named = (*excluded, *existing)
    rows = (
        _rows_of(left_ids, {left_id for left_id, _ in named}),
        _rows_of(right_ids, {right_id for _, right_id in named}),
    )
    problem.excluded = _pair_keys(rows, len(right_items), excluded, "excluded pair")
    problem.existing = _pair_keys(rows, len(right_items), existing, "existing pair")
    if contains(problem.excluded, problem.existing).any():
        raise ValueError("a pair is both existing and excluded")
    problem.blocked = union_sorted(problem.excluded, problem.existing)
    blocked_left, blocked_right = problem.split_keys(problem.blocked)
    left_side.excluding[blocked_left] = True
    right_side.excluding[blocked_right] = True
    _subtract_existing(problem)
    return problem


def _object_array(values: list[ItemId]) -> NDArray[np.object_]:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _rows_of(ids: list[ItemId], wanted: set[ItemId]) -> dict[ItemId, int]:
    """The row of each wanted id that is one of `ids` (in id order). A few wanted ids (the
    usual excluded and existing pairs) are looked up by binary search: a dict of all ids
    would cost a tenth of a second at 240,000 items."""
    if len(wanted) * 16 > len(ids):
        return dict(zip(ids, range(len(ids)), strict=True))
    rows = {}
    for item_id in wanted:
        try:
            key = id_key(item_id)
            row = bisect_left(ids, key, key=id_key)
        except TypeError:  # not an int or str: unknown
            continue
        if row < len(ids) and id_key(ids[row]) == key:
            rows[item_id] = row
    return rows


def _latest_date(left: list[Item], right: list[Item]) -> date:
    """The latest waiting_since of all items (Config.today's default)."""
    dates = [i.waiting_since for i in (*left, *right) if i.waiting_since is not None]
    return max(dates) if dates else date(2000, 1, 1)


def _subtract_existing(p: Problem) -> None:
    left_rows, right_rows = p.split_keys(p.existing)
    for side, rows, items, name in (
        (p.left, left_rows, p.left_items, "left"),
        (p.right, right_rows, p.right_items, "right"),
    ):
        side.capacity = side.capacity - np.bincount(rows, minlength=len(side))
        if (side.capacity < 0).any():
            over = items[int(np.argmax(side.capacity < 0))].id
            raise ValueError(f"{name} item {over!r} has more existing pairs than capacity")


def _pair_keys(
    rows: tuple[dict[ItemId, int], dict[ItemId, int]],
    n_right: int,
    pairs: Collection[tuple[ItemId, ItemId]],
    what: str,
) -> I64:
    left_row, right_row = rows
    keys = []
    for left_id, right_id in pairs:
        if left_id not in left_row or right_id not in right_row:
            raise ValueError(f"{what} ({left_id!r}, {right_id!r}) names an unknown item")
        keys.append(left_row[left_id] * n_right + right_row[right_id])
    array = np.unique(np.array(keys, dtype=np.int64))
    if what == "existing pair" and len(array) != len(keys):
        raise ValueError("an existing pair is given twice")
    return array


def dots(left: Side, li: I64, right: Side, ri: I64) -> F64:
    """Dot products of the unit vectors of pairs (one row each), summed as the candidate
    search sums them (kernels.py), so that both give the same points to the last bit."""
    a, b = left.xyz[li], right.xyz[ri]
    return a[:, 0] * b[:, 0] + a[:, 1] * b[:, 1] + a[:, 2] * b[:, 2]


def compatible(p: Problem, li: I64, ri: I64, dot: F64) -> Bools:
    """Every hard constraint but capacity, for pairs of id-order rows, computed directly."""
    left, right = p.left, p.right
    ok = reachable(left, li, right, ri, dot)
    ok &= share_language(left, li, right, ri) & kinds_compatible(left, li, right, ri)
    ok &= wishes_met(left, li, right, ri) & wishes_met(right, ri, left, li)
    return ok & p.allowed(left, li, right, ri)


def language_kind(p: Problem, left: Side, li: I64, right: Side, ri: I64) -> tuple[Bools, I64]:
    """(shares a language and a compatible kind, the language and kind points of the pairs
    that do)."""
    table = p.table
    if table.values is not None:
        values = table.values[right.profile[ri], left.profile[li]]
        ok = values >= 0
        return ok, values[ok].astype(np.int64)
    ok = share_language(left, li, right, ri) & kinds_compatible(left, li, right, ri)
    return ok, language_kind_points(p.weights, left, li[ok], right, ri[ok])


def _table(left: Side, right: Side, weights: F64) -> Table:
    """Profiles of both sides and the table over pairs of them. The table is built from two
    smaller ones (languages × languages, kinds × kinds), each computed pair by pair."""
    profiles = {
        column: (_profiles(getattr(left, column)), _profiles(getattr(right, column)))
        for column in ("languages", "kinds")
    }
    left.profile, left_first = _combined(profiles["languages"][0], profiles["kinds"][0])
    right.profile, right_first = _combined(profiles["languages"][1], profiles["kinds"][1])
    if len(left_first) * len(right_first) > TABLE_LIMIT:
        return Table(None)
    values = np.zeros((len(right_first), len(left_first)), dtype=np.int16)
    incompatible = np.zeros(values.shape, dtype=np.bool_)
    for column, compatible, weight in (
        ("languages", share_language, weights[1]),
        ("kinds", kinds_compatible, weights[2]),
    ):
        (left_id, left_rep), (right_id, right_rep) = profiles[column]
        if len(left_rep) * len(right_rep) > TABLE_LIMIT:
            return Table(None)
        li = np.tile(left_rep, len(right_rep))
        ri = np.repeat(right_rep, len(left_rep))
        value = overlap(getattr(left, column), li, getattr(right, column), ri)
        points = np.where(compatible(left, li, right, ri), criterion_points(weight, value), -1)
        points = points.astype(np.int16).reshape(len(right_rep), len(left_rep))
        # This criterion's points for every pair of profiles, in int16 (less than SCALE
        # each), indexed by broadcasting: no index array as large as the table.
        factor = points[right_id[right_first][:, None], left_id[left_first][None, :]]
        values += factor
        incompatible |= factor < 0
    values[incompatible] = -1
    return Table(values)


def _combined(languages: tuple[I64, I64], kinds: tuple[I64, I64]) -> tuple[I64, I64]:
    """_profiles of (language profile, kind profile): one key per row, not two masks."""
    (language, _), (kind, kind_rows) = languages, kinds
    return _profiles([(language * len(kind_rows) + kind).astype(np.uint64)])


def _profiles(mask: Mask) -> tuple[I64, I64]:
    """(profile of each row, a row of each profile): rows with equal masks share a profile.
    Profiles are numbered by falling frequency (ties by mask), so the table rows and columns
    that most pairs look up lie together in memory."""
    n = len(mask[0])
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if len(mask) == 1:
        return _profiles_of_words(mask[0])
    order = np.lexsort(mask[::-1])
    change = np.zeros(n, dtype=np.bool_)
    change[0] = True
    for word in mask:
        ordered = word[order]
        change[1:] |= ordered[1:] != ordered[:-1]
    by_mask = np.cumsum(change) - 1
    counts = np.bincount(by_mask)
    rank = np.empty(len(counts), dtype=np.int64)
    rank[np.argsort(-counts, kind="stable")] = np.arange(len(counts))
    profile = np.empty(n, dtype=np.int64)
    profile[order] = rank[by_mask]
    first = np.empty(len(counts), dtype=np.int64)
    first[rank] = order[change]
    return profile, first


def _profiles_of_words(word: NDArray[np.uint64]) -> tuple[I64, I64]:
    """_profiles of a one-word mask (up to 64 codes: the usual case), the same numbers and
    rows, without sorting the rows: the distinct masks by a hash table, then only they are
    sorted (by falling frequency, then by mask). Each profile's row is its first."""
    from . import kernels  # numba: loaded on the first match, not with the package

    first, index = kernels.distinct(word)
    counts = np.bincount(index, minlength=len(first))
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.lexsort((word[first], -counts))] = np.arange(len(first))
    rows = np.empty(len(first), dtype=np.int64)
    rows[rank] = first
    return rank[index], rows
