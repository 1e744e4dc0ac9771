"""The engine's data in and out: small frozen dataclasses, no behaviour beyond validation."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import NDArray

ItemId = int | str
"""Ids are ints or strings, unique per side. Items are processed in id order (ints before
strings), so the order of the input never changes the result."""

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS = ("morning", "midday", "afternoon", "evening")
SLOTS = tuple(f"{day}-{part}" for day in DAYS for part in PARTS)
"""The 28 weekly time slots, e.g. "tue-afternoon". Availability is a set of these codes."""

SCALE = 10_000
"""A score of 1.0 is SCALE points. Points are integers, so objectives compare exactly."""

CRITERIA = ("distance", "language", "kinds", "availability", "waiting")
"""The soft criteria, in the order of `Weights` and of every breakdown."""


@dataclass(frozen=True, slots=True, eq=False)
class Item:
    """One side's participant: a mentor, a mentee, a promise, a need.

    - `languages`: language codes (ISO 639, e.g. "ar", "uk", "prs" for Dari); a pair needs one
      in common. At least one is required.
    - `kinds`: what is offered (left) or needed (right), e.g. "homework", "job". A pair needs one
      kind in common; an item with no kinds accepts any kind.
    - `availability`: codes from `SLOTS`; a soft criterion only.
    - `waiting_since`: since when the item waits for a partner; longer waiting scores higher.
    - `attributes` / `requirements`: e.g. attributes {"gender": "f", "age_band": "adult"};
      requirements {"gender": {"f"}} means the partner's "gender" attribute must be "f". A
      partner that lacks the attribute does not meet the requirement.
    - `max_km`: how far this item may be from its partner; a pair needs
      distance <= min(left.max_km, right.max_km), unless both are online.
    - `capacity`: how many partners this item may have, existing pairs included.
    - `online`: the item also meets online. Two online items may be paired at any distance
      (each still within its `max_km` of everyone who is not online); such a pair beyond
      the smaller `max_km` scores 0 on distance, like a pair at exactly that distance.
    """

    id: ItemId
    lat: float
    lon: float
    languages: Collection[str]
    kinds: Collection[str] = frozenset()
    availability: Collection[str] = frozenset()
    waiting_since: date | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    requirements: Mapping[str, Collection[str]] = field(default_factory=dict)
    max_km: float = 25.0
    capacity: int = 1
    online: bool = False


@dataclass(frozen=True, slots=True)
class Weights:
    """Relative weights of the soft criteria; normalised by their sum, so a score is in [0, 1]."""

    distance: float = 0.35
    language: float = 0.15
    kinds: float = 0.15
    availability: float = 0.15
    waiting: float = 0.20

    def normalised(self) -> tuple[float, ...]:
        values = (self.distance, self.language, self.kinds, self.availability, self.waiting)
        total = sum(values)
        return tuple(value / total for value in values)


@dataclass(frozen=True, slots=True)
class Config:
    """How to match.

    - `k`: candidates kept per item (plus one per further free place), on both sides; the
      union of all these lists is the candidate graph the optimum is computed on.
    - `today`: reference date for waiting times; None takes the latest `waiting_since` in the
      input, so the result depends on the input alone.
    - `waiting_cap_days`: waiting longer than this scores like waiting exactly this long.
    - `max_rounds`: how often the engine may solve; from the second round on it solves the
      graph among the items still free (repair rounds, see `match`). None (the default):
      until no compatible pair of two items with free places is left; this ends, since every
      repair round makes at least one more pair. With a number, an unmatched item may rarely
      still have a compatible partner with a free place outside the candidate graphs
      (Reason.NOT_SELECTED).
    - `block_pairs`: no longer used (the candidate search walks the grid item by item, in
      compiled code); kept so that callers that set it keep working.
    """

    weights: Weights = field(default_factory=Weights)
    k: int = 6
    today: date | None = None
    waiting_cap_days: int = 365
    max_rounds: int | None = None
    block_pairs: int = 1_000_000

    def __post_init__(self) -> None:
        if not self._weights_positive():
            raise ValueError("weights must be non-negative and not all zero")
        if self.k < 1:
            raise ValueError("k must be at least 1")
        if self.waiting_cap_days < 1:
            raise ValueError("waiting_cap_days must be at least 1")
        if self.max_rounds is not None and self.max_rounds < 1:
            raise ValueError("max_rounds must be None or at least 1")
        if self.block_pairs < 1000:
            raise ValueError("block_pairs must be at least 1000")

    def _weights_positive(self) -> bool:
        w = self.weights
        values = (w.distance, w.language, w.kinds, w.availability, w.waiting)
        return all(v >= 0 for v in values) and sum(values) > 0


class Reason(StrEnum):
    """Why an item has no partner: the first check in the funnel that leaves nobody."""

    NO_CAPACITY = "no_capacity"
    """The item itself has capacity 0."""
    NOBODY_NEARBY = "nobody_nearby"
    """Nobody on the other side within the item's own maximum distance."""
    TOO_FAR_FOR_THEM = "too_far_for_them"
    """Somebody is within the item's distance, but the distance exceeds their own maximum."""
    NO_SHARED_LANGUAGE = "no_shared_language"
    KIND_MISMATCH = "kind_mismatch"
    OWN_PREFERENCES = "own_preferences"
    """Nobody left meets the item's own requirements."""
    THEIR_PREFERENCES = "their_preferences"
    """The item does not meet the requirements of anybody left."""
    EXCLUDED = "excluded"
    TAKEN = "taken"
    """Compatible partners exist, but all their places went to existing or other matches."""
    NOT_SELECTED = "not_selected"
    """A compatible partner with a free place is left, outside the candidate graph (both had
    k better candidates); only when `max_rounds` ran out, rare."""


FUNNEL = ("nearby", "within_both", "language", "kind", "own_wishes", "their_wishes", "allowed")
"""The funnel of an unmatched item: how many partners pass each check, in this order.
"nearby": within the item's own `max_km`, or both online; "within_both": within both
distances, or both online."""


@dataclass(frozen=True, slots=True)
class Because:
    """One reason for a pair: a code and its parameters (plain JSON values), put into words by
    the caller. The codes and their parameters are listed in the package docstring."""

    code: str
    params: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Pair:
    """A match. `breakdown` holds each criterion's value in [0, 1]; `points` is the weighted
    sum in units of 1/SCALE and `score` the same as a float. `existing` pairs were given as
    input and are kept unchanged (scored, but not part of the objective)."""

    left: ItemId
    right: ItemId
    score: float
    points: int
    breakdown: Mapping[str, float]
    distance_km: float
    reasons: tuple[Because, ...]
    existing: bool = False


@dataclass(frozen=True, slots=True)
class Unmatched:
    """An item with no partner at all (existing or new): the reason, its parameters (what a
    text needs, see the package docstring) and the counts behind it (`funnel`):

    - an item that had candidates: {"candidates": n} (TAKEN: all n went to others), or with
      "free_partners" (NOT_SELECTED: compatible partners with a free place outside the graph);
    - an item without any candidate: how many partners passed each check of `FUNNEL`, plus
      "free" (of the allowed ones, how many had a place left before this run);
    - an item with capacity 0: {}.
    """

    side: str  # "left" or "right"
    id: ItemId
    reason: Reason
    params: Mapping[str, Any]
    funnel: Mapping[str, int]


@dataclass(frozen=True, slots=True, eq=False)
class CandidateGraph:
    """The graphs the rounds were solved on: edge e joins left row `left[e]` and right row
    `right[e]` (rows index `left_ids` / `right_ids`, which are in id order), is worth
    `points[e]` and belongs to round `round[e]`: 1 for the first solve's graph, 2, 3, ... for
    the repair rounds' graphs (edges between items still free after the round before).
    Capacities are what was left after existing pairs."""

    left_ids: tuple[ItemId, ...]
    right_ids: tuple[ItemId, ...]
    left_capacity: NDArray[np.int64]
    right_capacity: NDArray[np.int64]
    left: NDArray[np.int64]
    right: NDArray[np.int64]
    points: NDArray[np.int64]
    round: NDArray[np.int8]


@dataclass(frozen=True, slots=True)
class Stats:
    candidate_edges: int
    rounds: int
    seconds_encode: float
    seconds_candidates: float
    seconds_assign: float
    seconds_explain: float
    cpu_candidates: float = 0.0
    """CPU seconds (of this process) of the candidate search; `seconds_*` are wall-clock
    seconds, which on a busy machine say more about the others than about the engine."""
    cpu_assign: float = 0.0
    cpu_encode: float = 0.0
    cpu_explain: float = 0.0


@dataclass(frozen=True, slots=True)
class Result:
    """`pairs`: existing and new pairs, ordered by (left id, right id). `matched`: number of
    new pairs; `objective`: the sum of their points (an exact integer)."""

    pairs: tuple[Pair, ...]
    unmatched: tuple[Unmatched, ...]
    matched: int
    objective: int
    graph: CandidateGraph
    stats: Stats

    @property
    def new_pairs(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if not p.existing)
