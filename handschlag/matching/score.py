"""The soft criteria of a pair and its score in points, vectorised over arrays of pairs
(left position, right position) into two Sides.

Each criterion has a value in [0, 1] and contributes round(SCALE · weight · value) points (the
waiting criterion: each side's half separately), so a score is an exact integer, whichever way
and in whatever parts it is computed.
"""

from __future__ import annotations

import numpy as np

from .encode import F64, I64, Mask, Side, distance_km, popcount, popcount_and
from .model import SCALE

SAME_PLACE_KM = 1e-3
"""Within a metre: the same place (for a maximum distance of 0)."""
NEUTRAL = 0.5
"""Value of kinds/availability when one side states none: neither bonus nor penalty."""


def criteria(left: Side, li: I64, right: Side, ri: I64, dot: F64) -> F64:
    """(n, 5) values in [0, 1], in CRITERIA order."""
    values = np.empty((len(li), 5))
    values[:, 0] = distance_value(left, li, right, ri, dot)
    values[:, 1] = overlap(left.languages, li, right.languages, ri)
    values[:, 2] = overlap(left.kinds, li, right.kinds, ri)
    values[:, 3] = slot_value(left, li, right, ri)
    values[:, 4] = (left.waiting[li] + right.waiting[ri]) / 2
    return values


def points(weights: F64, left: Side, li: I64, right: Side, ri: I64, dot: F64) -> I64:
    """The score of pairs in points, every criterion computed directly."""
    total = language_kind_points(weights, left, li, right, ri)
    total += place_time_points(weights, left, li, right, ri, dot)
    return total


def language_kind_points(weights: F64, left: Side, li: I64, right: Side, ri: I64) -> I64:
    total = criterion_points(weights[1], overlap(left.languages, li, right.languages, ri))
    total += criterion_points(weights[2], overlap(left.kinds, li, right.kinds, ri))
    return total


def place_time_points(weights: F64, left: Side, li: I64, right: Side, ri: I64, dot: F64) -> I64:
    """Distance, availability and waiting points."""
    total = criterion_points(weights[0], distance_value(left, li, right, ri, dot))
    total += criterion_points(weights[3], slot_value(left, li, right, ri))
    total += left.waiting_points[li]
    total += right.waiting_points[ri]
    return total


def waiting_points(weight: float, side: Side) -> I64:
    """Each item's half of the waiting criterion, in points."""
    return criterion_points(weight, side.waiting / 2)


def criterion_points(weight: float, value: F64) -> I64:
    return np.rint(value * (SCALE * weight)).astype(np.int64)


def distance_value(left: Side, li: I64, right: Side, ri: I64, dot: F64) -> F64:
    """1 at distance 0, 0 at the smaller of both maximum distances and beyond it (two online
    items farther apart than that)."""
    km = distance_km(dot)
    limit = np.minimum(left.max_km[li], right.max_km[ri])
    if limit.all():
        value = km / limit
        np.subtract(1.0, value, out=value)
    else:  # a maximum of 0 km: only the same place is within it, and it is perfect
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(limit > 0, 1.0 - km / limit, np.where(km <= SAME_PLACE_KM, 1.0, 0.0))
    return np.clip(value, 0.0, 1.0, out=value)


def overlap(a: Mask, ai: I64, b: Mask, bi: I64) -> F64:
    """Shared codes over the smaller set's size; NEUTRAL when one side states none."""
    smaller = np.minimum(popcount(a, ai), popcount(b, bi))
    shared = popcount_and(a, ai, b, bi)
    return np.where(smaller > 0, shared / np.maximum(smaller, 1), NEUTRAL)


def slot_value(left: Side, li: I64, right: Side, ri: I64) -> F64:
    slots_l, slots_r = left.slots[li], right.slots[ri]
    smaller = np.minimum(np.bitwise_count(slots_l), np.bitwise_count(slots_r))
    shared = np.bitwise_count(slots_l & slots_r)
    return np.where(smaller > 0, shared / np.maximum(smaller, 1), NEUTRAL)
