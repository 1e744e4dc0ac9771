"""The hard constraints, vectorised over arrays of pairs (left position, right position) into
two Sides. Capacity is the assignment's business (assign.py)."""

from __future__ import annotations

import numpy as np

from .encode import F64, I64, Bools, Side, intersects, is_empty


def within_both(left: Side, li: I64, right: Side, ri: I64, dot: F64) -> Bools:
    """Distance within both items' maximum."""
    return (dot >= left.threshold[li]) & (dot >= right.threshold[ri])


def reachable(left: Side, li: I64, right: Side, ri: I64, dot: F64) -> Bools:
    """The distance rule: within both items' maximum, or both online."""
    return within_both(left, li, right, ri, dot) | (left.online[li] & right.online[ri])


def share_language(left: Side, li: I64, right: Side, ri: I64) -> Bools:
    return intersects(left.languages, li, right.languages, ri)


def kinds_compatible(left: Side, li: I64, right: Side, ri: I64) -> Bools:
    """Kinds intersect, or one side names no kind (= any kind)."""
    return (
        intersects(left.kinds, li, right.kinds, ri)
        | is_empty(left.kinds, li)
        | is_empty(right.kinds, ri)
    )


def wishes_met(me: Side, mine: I64, other: Side, others: I64) -> Bools:
    """`me`'s requirements are met by `other`'s attributes."""
    ok = np.ones(len(mine), dtype=np.bool_)
    if not me.requirements:
        return ok
    rows = np.flatnonzero(me.picky[mine])
    if len(rows) == 0:
        return ok
    met = np.ones(len(rows), dtype=np.bool_)
    for requirement in me.requirements:
        stated = ~is_empty(requirement, mine[rows])
        met &= ~stated | intersects(requirement, mine[rows], other.attributes, others[rows])
    ok[rows] = met
    return ok


def allowed(excluded: I64, n_right: int, left: Side, li: I64, right: Side, ri: I64) -> Bools:
    """Not an excluded pair; `excluded` holds sorted keys left row * n_right + right row."""
    ok = np.ones(len(li), dtype=np.bool_)
    if len(excluded) == 0:
        return ok
    check = np.flatnonzero(left.excluding[li])
    if len(check):
        keys = left.rows[li[check]] * n_right + right.rows[ri[check]]
        ok[check] = ~contains(excluded, keys)
    return ok


def contains(sorted_keys: I64, keys: I64) -> Bools:
    if len(sorted_keys) == 0:
        return np.zeros(len(keys), dtype=np.bool_)
    position = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[position] == keys


def union_sorted(a: I64, b: I64) -> I64:
    """np.union1d of two sorted arrays of keys, in linear time: a stable sort merges the two
    sorted runs (np.union1d hashes every key, some ten times slower at 200,000 keys)."""
    keys = np.concatenate((a, b))
    keys.sort(kind="stable")
    if len(keys) < 2:
        return keys
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
