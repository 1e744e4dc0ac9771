"""Small numbers are never shown: the rule of five ("Fünferregel") and how it is kept.

The rule, as the pages, the API and the funder report state it:

1. **Primary suppression.** A count of 1 to 4 people in a cell that says something about them
   (an answer to a survey, why a tandem ended, and in the funder report every count, because
   it leaves the platform) is shown as "weniger als 5". Zero is shown: it names nobody.
2. **Secondary (complementary) suppression.** A hidden number must not be recomputable from
   the numbers that are shown: from a total and all other cells of its breakdown, or across a
   table whose rows and columns both add up (a carrier's row is the sum of its sites' rows).
   So the reader is simulated: every equation "total = sum of parts" is applied to what is
   shown until nothing more can be inferred (interval propagation), and while some hidden
   small number is still pinned to one value, the smallest shown number ≥ 5 of one of its
   breakdowns is hidden as well ("verdeckt"). Where no such number exists (a breakdown of
   only small numbers and zeros), the breakdown's shown cells — zeros included — are
   "verdeckt" too, so that the reader no longer knows where the small number sits.

The reader is assumed to know the rule: a "weniger als 5" cell lies in 1–4, a cell hidden as
cover in 5 and more. Interval propagation is not a complete linear-programming attack, but it
catches what differencing of totals can reveal in the tables we publish (one-level breakdowns
and the programme → carrier → site hierarchy).
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
BIG = 10**12  # "unbounded" for an interval

K = TypeVar("K", bound=Hashable)


class Shown(enum.StrEnum):
    SHOWN = "shown"
    SMALL = "small"  # 1–4, shown as "weniger als 5"
    COVERED = "covered"  # hidden so that a small number cannot be recomputed


LABELS = {Shown.SMALL: _("weniger als 5"), Shown.COVERED: _("verdeckt")}
SHORT_LABELS = {Shown.SMALL: "<5", Shown.COVERED: "x"}

RULE = _(
    "Zahlen von 1 bis 4 Personen werden nicht gezeigt („weniger als 5“). Damit sie sich nicht "
    "aus Summen errechnen lassen, wird dann auch die nächstkleinere Zahl derselben Summe "
    "verdeckt („verdeckt“). Durchschnitte werden erst ab 5 Tandems gezeigt."
)


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


@dataclass(frozen=True)
class Group(Generic[K]):
    """An equation the reader knows: `total` is the sum of `parts`."""

    total: K
    parts: tuple[K, ...]

    @property
    def members(self) -> tuple[K, ...]:
        return (self.total, *self.parts)


def protect(
    values: Mapping[K, int],
    groups: Iterable[Group[K]],
    *,
    sensitive: Iterable[K] | None = None,
    unknown: Iterable[K] = (),
) -> dict[K, Shown]:
    """Which cells to show. `values`: every cell; `groups`: the sums the reader can use;
    `sensitive`: the cells under the rule of five (all when None); `unknown`: cells that take
    part in a sum but are not published at all (the reader knows only that they are ≥ 0).

    Cells that share no sum, directly or through others, cannot tell anything about each
    other: each such part of the table (e.g. each column of the funder report that no row
    equation ties to another) is protected on its own, with the same result, in less time."""
    sensitive_cells = set(values) if sensitive is None else set(sensitive)
    unknown_cells = set(unknown)
    shown: dict[K, Shown] = {}
    for keys, part_groups in _components(values, list(groups)):
        shown.update(
            _protect(
                {key: values[key] for key in keys},
                part_groups,
                sensitive_cells.intersection(keys),
                [key for key in keys if key in unknown_cells],
            )
        )
    return {key: shown[key] for key in values}


def _components(
    values: Mapping[K, int], groups: list[Group[K]]
) -> list[tuple[list[K], list[Group[K]]]]:
    """The cells and sums of each connected part, in the order of `values` and `groups`."""
    parent: dict[K, K] = {key: key for key in values}

    def root(key: K) -> K:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for group in groups:
        first = root(group.total)
        for member in group.parts:
            other = root(member)
            if other != first:
                parent[other] = first
    keys_of: dict[K, list[K]] = defaultdict(list)
    for key in values:
        keys_of[root(key)].append(key)
    groups_of: dict[K, list[Group[K]]] = defaultdict(list)
    for group in groups:
        groups_of[root(group.total)].append(group)
    return [(keys, groups_of.get(top, [])) for top, keys in keys_of.items()]


def _protect(
    values: Mapping[K, int],
    groups: list[Group[K]],
    sensitive_cells: set[K],
    unknown: Iterable[K],
) -> dict[K, Shown]:
    hidden: dict[K, str] = {}  # cell -> "small" | "cover" | "withheld"
    for key in unknown:
        hidden[key] = "unknown"
    for key in sensitive_cells:
        if is_small(values[key]) and key not in hidden:
            hidden[key] = "small"
    groups_of: dict[K, list[Group[K]]] = defaultdict(list)
    for group in groups:
        for member in group.members:
            groups_of[member].append(group)
        if hidden.get(group.total) == "small":
            # fewer than 5 in all: not broken down (shown zeros would say where they are)
            for part in group.parts:
                hidden.setdefault(part, "withheld")
    given_up: set[K] = set()
    while True:
        bounds = _propagate(values, hidden, groups, groups_of)
        pinned = [
            key
            for key in _in_order(values, sensitive_cells)
            if key in hidden
            and is_small(values[key])
            and key not in given_up
            and bounds[key][0] == bounds[key][1]
        ]
        if not pinned:
            break
        touched: set[int] = set()  # one new cover per sum and round: it may free the others
        for key in pinned:
            if any(id(group) in touched for group in groups_of.get(key, [])):
                continue
            if _cover(key, values, hidden, groups_of):
                touched.update(id(group) for group in groups_of.get(key, []))
            else:
                given_up.add(key)
    return {
        key: Shown.SHOWN
        if key not in hidden or hidden[key] == "unknown"
        else (Shown.SMALL if hidden[key] == "small" else Shown.COVERED)
        for key in values
    }


def _in_order(values: Mapping[K, int], keys: set[K]) -> list[K]:
    return [key for key in values if key in keys]


def _cover(
    key: K, values: Mapping[K, int], hidden: dict[K, str], groups_of: Mapping[K, list[Group[K]]]
) -> bool:
    """Hide one more cell so that `key` is no longer pinned; False when nothing is left."""
    around = [member for group in groups_of.get(key, []) for member in group.members]
    candidates = [m for m in around if m not in hidden and values[m] >= THRESHOLD]
    if candidates:
        # the smallest shown number loses the least information
        hidden[min(candidates, key=lambda m: values[m])] = "cover"
        return True
    # only small numbers and zeros around it: hide them all as "verdeckt"
    changed = False
    for member in around:
        if hidden.get(member) in (None, "small"):
            hidden[member] = "withheld"
            changed = True
    return changed


def _prior(value: int, how: str | None) -> tuple[int, int]:
    if how is None:
        return value, value
    if how == "small":
        return 1, THRESHOLD - 1
    if how == "cover":
        return THRESHOLD, BIG
    if how == "withheld":  # the reader cannot tell a withheld zero from a withheld small number
        return (1 if value > 0 else 0), BIG
    return 0, BIG  # unknown: not published at all


def _propagate(
    values: Mapping[K, int],
    hidden: Mapping[K, str],
    groups: Sequence[Group[K]],
    groups_of: Mapping[K, list[Group[K]]],
) -> dict[K, tuple[int, int]]:
    """What the reader can infer: for each cell the interval its value must lie in."""
    bounds = {key: _prior(values[key], hidden.get(key)) for key in values}
    work = [group for group in groups if any(m in hidden for m in group.members)]
    queued = set(map(id, work))
    while work:
        group = work.pop()
        queued.discard(id(group))
        for key, (lo, hi) in _tighten(group, bounds).items():
            if (lo, hi) != bounds[key]:
                bounds[key] = (lo, hi)
                for other in groups_of[key]:
                    if id(other) not in queued:
                        queued.add(id(other))
                        work.append(other)
    return bounds


def _tighten(group: Group[K], bounds: Mapping[K, tuple[int, int]]) -> dict[K, tuple[int, int]]:
    """One pass of "total = sum of parts" over the intervals."""
    parts = group.parts
    part_bounds = [bounds[p] for p in parts]
    lo_sum = hi_sum = widest = 0
    for lo, hi in part_bounds:
        lo_sum += lo
        hi_sum += hi  # may exceed BIG: Python ints
        if hi - lo > widest:
            widest = hi - lo
    old_total = bounds[group.total]
    total_lo = old_total[0] if old_total[0] > lo_sum else lo_sum
    total_hi = old_total[1] if old_total[1] < hi_sum else hi_sum
    if total_lo > total_hi:  # inconsistent input (not a sum after all): leave it
        return {}
    changed = {}
    if (total_lo, total_hi) != old_total:
        changed[group.total] = (total_lo, total_hi)
    # a part's interval narrows only if it is wider than the total leaves room for
    if widest <= min(total_hi - lo_sum, hi_sum - total_lo):
        return changed
    for part, (lo, hi) in zip(parts, part_bounds, strict=True):
        new_lo = max(lo, total_lo - (hi_sum - hi))
        new_hi = min(hi, total_hi - (lo_sum - lo))
        if new_lo > new_hi:  # inconsistent input (not a sum after all): leave it
            continue
        if new_lo != lo or new_hi != hi:
            changed[part] = (new_lo, new_hi)
    return changed


def breakdown(
    total: K, parts: Sequence[K], values: Mapping[K, int], **kwargs: object
) -> dict[K, Shown]:
    """The common case: one total and its parts, all under the rule."""
    return protect(values, [Group(total, tuple(parts))], **kwargs)  # type: ignore[arg-type]
