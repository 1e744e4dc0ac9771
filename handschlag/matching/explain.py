"""Pairs with their score breakdown and reasons, unmatched items with their reason: codes with
parameters, never words. The caller puts them into words in the reader's language (gettext);
the codes and parameters are listed in the package docstring.

Few distinct reasons recur (a few hundred language sets, distances in half kilometres, ...),
so each distinct reason is built once and shared by every pair that has it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import repeat
from typing import Any, TypeVar

import numpy as np

from .constraints import within_both
from .encode import F64, I64, Bools, Mask, Vocabulary, distance_km, words_to_int
from .funnel import STAGES
from .model import CRITERIA, SCALE, SLOTS, Because, Config, Item, Pair, Reason, Unmatched
from .problem import Problem, dots
from .score import criteria, points

WAITING_FROM_DAYS = 30
"""A pair's reasons name the right item's waiting time from this many days on."""
LANGUAGES_NAMED = 2
"""A pair's "language" reason names at most this many shared languages, the rarest first."""

K = TypeVar("K", bound=Hashable)

_ABOUT_THE_ITEM = {Reason.NO_SHARED_LANGUAGE, Reason.KIND_MISMATCH, Reason.OWN_PREFERENCES}


class Explainer:
    """Builds pairs and unmatched items with their reasons."""

    def __init__(self, p: Problem, config: Config) -> None:
        self.p = p
        self.config = config
        self._language_rank = _rarity(p.vocab.languages, p.left.languages, p.right.languages)

    # --- pairs -------------------------------------------------------------------------

    def pairs(self, left_rows: I64, right_rows: I64, pts: I64, existing: Bools) -> list[Pair]:
        """Pairs of id-order rows, in the given order; `pts` < 0: compute the points (the
        existing pairs, which need not be candidates)."""
        p = self.p
        dot = dots(p.left, left_rows, p.right, right_rows)
        values = criteria(p.left, left_rows, p.right, right_rows, dot)
        missing = np.flatnonzero(pts < 0)
        pts = pts.copy()
        pts[missing] = points(
            p.weights, p.left, left_rows[missing], p.right, right_rows[missing], dot[missing]
        )
        km = distance_km(dot)
        # In the order they are shown: the most telling first.
        columns = [
            _shared(existing.tolist(), _existing),
            _shared(  # an existing pair may share no language
                _ints(p.left.languages, p.right.languages, left_rows, right_rows), self._languages
            ),
            _shared(self._online_beyond(left_rows, right_rows, dot).tolist(), _online),
            _shared(np.rint(km * 2).astype(np.int64).tolist(), _distance, zero=True),
            _shared((p.left.slots[left_rows] & p.right.slots[right_rows]).tolist(), _slots),
            _shared(_ints(p.left.kinds, p.right.kinds, left_rows, right_rows), self._kinds),
            _shared(p.right.waited_days[right_rows].tolist(), _waiting),
        ]
        # Hundreds of thousands of pairs: every step below is a map() at C speed, no Python
        # code per pair but the Pair's own __init__. A Because is always true, None false:
        # filter(None, ...) drops the Nones.
        reasons = map(tuple, map(filter, repeat(None), zip(*columns, strict=True)))
        breakdowns = map(dict, map(zip, repeat(CRITERIA), values.tolist()))
        return list(
            map(
                Pair,
                p.left_ids[left_rows].tolist(),
                p.right_ids[right_rows].tolist(),
                (pts / SCALE).tolist(),
                pts.tolist(),
                breakdowns,
                km.tolist(),
                reasons,
                existing.tolist(),
            )
        )

    def _online_beyond(self, left_rows: I64, right_rows: I64, dot: F64) -> Bools:
        """Both online, and farther apart than one of them travels."""
        p = self.p
        both = p.left.online[left_rows] & p.right.online[right_rows]
        return both & ~within_both(p.left, left_rows, p.right, right_rows, dot)

    def _languages(self, mask: int) -> Because:
        codes = self._by_rarity(self.p.vocab.languages.decode(mask))
        return Because("language", {"languages": tuple(codes[:LANGUAGES_NAMED])})

    def _kinds(self, mask: int) -> Because:
        return Because("kinds", {"kinds": tuple(self.p.vocab.kinds.decode(mask))})

    def _by_rarity(self, codes: list[str]) -> list[str]:
        return sorted(codes, key=lambda code: self._language_rank.get(code, (0, code)))

    # --- unmatched -----------------------------------------------------------------------

    def unmatched(
        self,
        side: str,
        rows: I64,
        degree: I64,
        free_partners: I64,
        funnels: dict[int, list[int]],
    ) -> list[Unmatched]:
        """`rows`: items without any partner (existing or new); `degree`: candidate edges of
        each item; `free_partners`: compatible partners with a free place that are not in the
        graph; `funnels`: STAGES counts of items without any candidate, by row."""
        p = self.p
        items, ids = (p.left_items, p.left_ids) if side == "left" else (p.right_items, p.right_ids)
        my = p.left if side == "left" else p.right
        # Without existing pairs (they have partners), an item's places are its capacity.
        taken = (my.capacity[rows] > 0) & (free_partners == 0) & (degree > 0)
        reasons = [Reason.TAKEN] * len(rows)
        params: list[dict[str, Any]] = [{}] * len(rows)
        counts: list[dict[str, int]] = [{}] * len(rows)
        # Most items found all their candidates taken: their reason depends on their distance
        # and the number of candidates only, and is built once per distinct pair of them.
        by_km_and_count: dict[tuple[float, int], tuple[dict[str, Any], dict[str, int]]] = {}
        for i, km, n in zip(
            np.flatnonzero(taken).tolist(),
            my.max_km[rows[taken]].tolist(),
            degree[taken].tolist(),
            strict=True,
        ):
            found = by_km_and_count.get((km, n))
            if found is None:
                found = by_km_and_count[km, n] = ({"km": km, "candidates": n}, {"candidates": n})
            params[i], counts[i] = found
        # The others (few), one by one.
        shared: dict[tuple[object, ...], dict[str, Any]] = {}
        for i in np.flatnonzero(~taken).tolist():
            row, n, free = int(rows[i]), int(degree[i]), int(free_partners[i])
            item = items[row]
            funnel: dict[str, int]
            if item.capacity == 0:
                reason, funnel = Reason.NO_CAPACITY, {}
            elif free:
                reason, funnel = Reason.NOT_SELECTED, {"candidates": n, "free_partners": free}
            else:
                funnel = dict(zip(STAGES, funnels[row], strict=True))
                reason = _first_empty(funnel)
            if reason in _ABOUT_THE_ITEM:  # names its languages, kinds or wishes
                params[i] = self._params(item, reason, funnel)
            else:  # depends on the distance and the counts only: shared by many items
                key = (reason, item.max_km, *funnel.values())
                params[i] = shared.get(key) or shared.setdefault(
                    key, self._params(item, reason, funnel)
                )
            reasons[i], counts[i] = reason, funnel
        return list(
            map(
                Unmatched,
                repeat(side),
                ids[rows].tolist(),
                reasons,
                params,
                counts,
            )
        )

    def _params(self, item: Item, reason: Reason, funnel: dict[str, int]) -> dict[str, Any]:
        if reason is Reason.NO_CAPACITY:
            return {}
        km = {"km": float(item.max_km)}
        if reason is Reason.NOBODY_NEARBY:
            return km
        if reason is Reason.TOO_FAR_FOR_THEM:
            return km | {"people": funnel["nearby"]}
        if reason is Reason.NO_SHARED_LANGUAGE:
            return km | {"languages": tuple(self._by_rarity(list(item.languages)))}
        if reason is Reason.KIND_MISMATCH:
            return km | {"kinds": tuple(sorted(item.kinds))}
        if reason is Reason.OWN_PREFERENCES:
            wishes = {
                name: tuple(sorted(allowed)) for name, allowed in sorted(item.requirements.items())
            }
            return km | {"people": funnel["kind"], "wishes": wishes}
        if reason is Reason.THEIR_PREFERENCES:
            return km | {"people": funnel["own_wishes"]}
        if reason is Reason.EXCLUDED:
            return km | {"people": funnel["their_wishes"]}
        if reason is Reason.NOT_SELECTED:
            return km | {"free_partners": funnel["free_partners"], "k": self.config.k}
        if "candidates" in funnel:  # TAKEN, by candidates of this run
            return km | {"candidates": funnel["candidates"]}
        return km | {"people": funnel["allowed"]}  # TAKEN: all fitting partners were full


def _first_empty(funnel: dict[str, int]) -> Reason:
    """The first check that leaves nobody; if none, every fitting partner was full."""
    for stage, reason in (
        ("nearby", Reason.NOBODY_NEARBY),
        ("within_both", Reason.TOO_FAR_FOR_THEM),
        ("language", Reason.NO_SHARED_LANGUAGE),
        ("kind", Reason.KIND_MISMATCH),
        ("own_wishes", Reason.OWN_PREFERENCES),
        ("their_wishes", Reason.THEIR_PREFERENCES),
        ("allowed", Reason.EXCLUDED),
    ):
        if funnel[stage] == 0:
            return reason
    return Reason.TAKEN


def _shared(
    keys: list[K], build: Callable[[K], Because | None], zero: bool = False
) -> list[Because | None]:
    """The reason of each key, built once per distinct key; a key of 0 has none unless
    `zero`."""
    table = {key: build(key) if key or zero else None for key in set(keys)}
    return list(map(table.__getitem__, keys))


def _distance(half_km: int) -> Because:
    """From the distance in half kilometres: the distance rounded to half a kilometre."""
    return Because("distance", {"km": half_km / 2})


_EXISTING = Because("existing", {})
_ONLINE = Because("online", {})


def _existing(old: bool) -> Because:
    return _EXISTING


def _online(beyond: bool) -> Because:
    return _ONLINE


def _waiting(days: int) -> Because | None:
    return Because("waiting", {"days": days}) if days >= WAITING_FROM_DAYS else None


def _slots(mask: int) -> Because:
    """The shared weekly slots, in SLOTS order (Monday morning first)."""
    slots = []
    while mask:  # the lowest bit first: a few steps, not one per slot of the week
        low = mask & -mask
        slots.append(SLOTS[low.bit_length() - 1])
        mask ^= low
    return Because("slots", {"slots": tuple(slots)})


def _ints(a: Mask, b: Mask, ai: I64, bi: I64) -> list[int]:
    """The shared codes of pairs as Python ints (all words)."""
    if len(a) == 1:
        return (a[0][ai] & b[0][bi]).tolist()
    words = [x[ai] & y[bi] for x, y in zip(a, b, strict=True)]
    return [words_to_int(words, i) for i in range(len(ai))]


def _rarity(vocabulary: Vocabulary, *masks: Mask) -> dict[str, tuple[int, str]]:
    """Sort key per language: fewer speakers first (the distinctive language is named)."""
    counts = dict.fromkeys(vocabulary.codes, 0)
    for mask in masks:
        for index, code in enumerate(vocabulary.codes):
            word, bit = divmod(index, 64)
            counts[code] += int(np.count_nonzero(mask[word] & np.uint64(1 << bit)))
    return {code: (count, code) for code, count in counts.items()}
