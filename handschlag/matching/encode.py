"""Items to numpy columns: unit vectors for distances, bitmasks of languages, kinds, slots and
attributes.

A bitmask over more than 64 codes is a list of uint64 words (word w holds codes 64w..64w+63),
so any number of codes works; in practice every mask is one word.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from operator import attrgetter
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .model import SLOTS, Item, ItemId

EARTH_RADIUS_KM = 6371.0088

U64 = NDArray[np.uint64]
F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
Bools = NDArray[np.bool_]
Mask = list[U64]
"""A bitmask column: one uint64 array per word."""

IMPOSSIBLE = "\x00impossible"
"""Attribute code nobody has: a requirement with an empty set of allowed values is never met."""

DOT_TOLERANCE = 1e-15
"""Rounding slack on dot products, so that a point is always within distance 0 of itself; it
allows at most about 0.3 m beyond a limit."""
# Distances are straight-line (chord) distances between points on the sphere: exact to compare
# through dot products, and within centimetres of great-circle distances at these scales.

_WORD = (1 << 64) - 1
_SLOT_INDEX = {code: i for i, code in enumerate(SLOTS)}


def id_key(item_id: ItemId) -> tuple[int, int | str]:
    """Total order on ids: ints before strings."""
    return (0, item_id) if isinstance(item_id, int) else (1, item_id)


class Vocabulary:
    """Codes to bit positions, in sorted order (deterministic)."""

    def __init__(self, codes: Iterable[str]) -> None:
        self.codes: list[str] = sorted(set(codes))
        self.bit: dict[str, int] = {code: 1 << i for i, code in enumerate(self.codes)}
        self.words = max(1, (len(self.codes) + 63) // 64)
        self._cache: dict[Hashable, int] = {}

    def mask(self, codes: Collection[str]) -> int:
        """The bitmask of `codes`; memoised, since most items share a few code sets."""
        try:
            return self._cache[codes]  # type: ignore[index]
        except KeyError:
            pass
        except TypeError:  # unhashable collection, e.g. a list
            return self._compute(codes)
        value = self._cache[codes] = self._compute(codes)  # type: ignore[index]
        return value

    def _compute(self, codes: Iterable[str]) -> int:
        bit = self.bit
        value = 0
        for code in codes:
            value |= bit[code]
        return value

    def to_words(self, values: Sequence[int]) -> Mask:
        if self.words == 1:
            return [np.array(values, dtype=np.uint64)]
        return [
            np.array([(v >> (64 * w)) & _WORD for v in values], dtype=np.uint64)
            for w in range(self.words)
        ]

    def decode(self, value: int) -> list[str]:
        codes = []
        while value:
            low = value & -value
            codes.append(self.codes[low.bit_length() - 1])
            value ^= low
        return codes


def words_to_int(mask: Mask, index: int) -> int:
    return sum(int(word[index]) << (64 * w) for w, word in enumerate(mask))


@dataclass(slots=True)
class Vocabularies:
    languages: Vocabulary
    kinds: Vocabulary
    attributes: Vocabulary  # codes "name=value"
    attribute_bit: dict[tuple[str, str], int]  # (name, value) -> bit


def objects(values: list[Any]) -> tuple[list[Any], I64]:
    """(the distinct objects among `values`, by identity, in the order they first occur; the
    index of each value's object among them): a column is computed once per distinct
    object, then indexed."""
    from . import kernels  # numba: loaded on the first match, not with the package

    keys = np.fromiter(map(id, values), dtype=np.uint64, count=len(values))
    first, index = kernels.distinct(keys)
    return list(map(values.__getitem__, first.tolist())), index


SHARED = ("languages", "kinds", "availability", "waiting_since", "attributes", "requirements")
"""The fields whose values items share: collections and dates, which the callers intern."""


@dataclass(slots=True)
class Shared:
    """One shared field of a side's items: each distinct object once (`objects`), and the
    index of each item's object among them (`index`)."""

    objects: list[Any]
    index: I64

    def column(self, values: list[Any] | NDArray[Any]) -> NDArray[Any]:
        """The item column from one value per distinct object."""
        return np.asarray(values)[self.index]

    def mask(self, compute: Callable[[Any], int], vocabulary: Vocabulary) -> Mask:
        """compute(object) as a bitmask column over `vocabulary`, once per distinct object."""
        words = vocabulary.to_words([compute(value) for value in self.objects])
        return [word[self.index] for word in words]


def shared_fields(items: list[Item]) -> dict[str, Shared]:
    """SHARED of `items`, each distinct object found once (for the vocabularies and the
    columns alike)."""
    return {name: Shared(*objects(list(map(attrgetter(name), items)))) for name in SHARED}


def vocabularies(*sides: dict[str, Shared]) -> Vocabularies:
    """The codes of all sides' items, from their distinct objects."""
    languages: set[str] = set()
    kinds: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for shared in sides:
        for codes in shared["languages"].objects:
            languages.update(codes)
        for codes in shared["kinds"].objects:
            kinds.update(codes)
        for attributes in shared["attributes"].objects:
            pairs.update(attributes.items())
        for requirements in shared["requirements"].objects:
            for name, allowed in requirements.items():
                pairs.update((name, value) for value in allowed)
    attributes = Vocabulary([IMPOSSIBLE, *(f"{name}={value}" for name, value in pairs)])
    attribute_bit = {(name, value): attributes.bit[f"{name}={value}"] for name, value in pairs}
    return Vocabularies(Vocabulary(languages), Vocabulary(kinds), attributes, attribute_bit)


@dataclass(slots=True)
class Side:
    """One side as columns. Row r of every column is item `rows[r]` in id order; a Side may be
    permuted (`take`) so that rows close in space are close in memory."""

    rows: I64
    xyz: F64  # (n, 3) unit vectors; the chord between two of them gives the distance
    max_km: F64
    threshold: F64  # minimal dot product of unit vectors within max_km
    capacity: I64  # places left after existing pairs
    waiting: F64  # normalised waiting time in [0, 1]
    waiting_points: I64  # this item's half of the waiting criterion, in points
    waited_days: I64  # days since waiting_since (0 without a date)
    languages: Mask
    kinds: Mask
    slots: U64
    attributes: Mask
    requirements: list[Mask]  # one mask per requirement slot; an all-zero mask: no requirement
    picky: Bools  # has any requirement
    profile: I64  # index of the item's (languages, kinds) combination, see problem.py
    excluding: Bools  # takes part in an excluded or existing pair (no new pair of those)
    online: Bools  # meets online too: any distance to another online item

    def __len__(self) -> int:
        return len(self.rows)

    def take(self, positions: I64) -> Side:
        """The rows at `positions`, as a new Side."""
        values: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "requirements":
                values[f.name] = [[word[positions] for word in mask] for mask in value]
            elif isinstance(value, list):
                values[f.name] = [word[positions] for word in value]
            else:
                values[f.name] = value[positions]
        return Side(**values)


def in_id_order(items: Sequence[Item], side: str) -> tuple[list[Item], list[ItemId]]:
    """(the items in id order, their ids)."""
    ids = list(map(attrgetter("id"), items))
    kinds = set(map(type, ids))
    if kinds <= {int} or kinds <= {str}:  # the common case: compare the ids themselves
        order = sorted(range(len(ids)), key=ids.__getitem__)
    else:
        order = sorted(range(len(ids)), key=lambda i: id_key(ids[i]))
    ordered = list(map(items.__getitem__, order))
    ordered_ids = list(map(ids.__getitem__, order))
    # Neighbours in id order, compared at C speed; the loop runs only to name a duplicate.
    if any(map(operator.eq, ordered_ids, ordered_ids[1:])):
        for a, b in itertools.pairwise(ordered_ids):
            if a == b:
                raise ValueError(f"{side}: id {a!r} occurs twice")
    return ordered, ordered_ids


def encode_side(
    items: list[Item],
    shared: dict[str, Shared],
    vocab: Vocabularies,
    today: date,
    waiting_cap_days: int,
    side: str,
) -> Side:
    """`shared`: shared_fields(items)."""
    n = len(items)
    # One C-level pass per attribute (attrgetter) instead of a Python loop per column.
    lat, lon, max_km = (
        np.fromiter(map(attrgetter(name), items), dtype=np.float64, count=n)
        for name in ("lat", "lon", "max_km")
    )
    capacity = np.fromiter(map(attrgetter("capacity"), items), dtype=np.int64, count=n)
    spoken = shared["languages"]
    no_language = spoken.column(np.array([not codes for codes in spoken.objects], np.bool_))
    _validate(items, lat, lon, max_km, capacity, no_language, side)
    ordinal = today.toordinal()
    dates = shared["waiting_since"]
    days = dates.column(
        np.array([0 if d is None else ordinal - d.toordinal() for d in dates.objects], np.float64)
    )
    waiting = np.clip(days, 0, waiting_cap_days) / waiting_cap_days

    phi, lam = np.radians(lat), np.radians(lon)
    xyz = np.empty((n, 3))
    xyz[:, 0] = np.cos(phi) * np.cos(lam)
    xyz[:, 1] = np.cos(phi) * np.sin(lam)
    xyz[:, 2] = np.sin(phi)

    attributes, requirements, picky = _attribute_masks(shared, vocab)
    return Side(
        rows=np.arange(n, dtype=np.int64),
        xyz=xyz,
        max_km=max_km,
        threshold=dot_threshold(max_km),
        capacity=capacity,
        waiting=waiting,
        waiting_points=np.zeros(n, dtype=np.int64),
        waited_days=np.maximum(days, 0).astype(np.int64),
        languages=spoken.mask(vocab.languages.mask, vocab.languages),
        kinds=shared["kinds"].mask(vocab.kinds.mask, vocab.kinds),
        slots=shared["availability"].column(_slot_masks(shared["availability"].objects)),
        attributes=attributes,
        requirements=requirements,
        picky=picky,
        profile=np.zeros(n, dtype=np.int64),
        excluding=np.zeros(n, dtype=np.bool_),
        online=np.fromiter(map(bool, map(attrgetter("online"), items)), np.bool_, n),
    )


def _attribute_masks(
    shared: dict[str, Shared], vocab: Vocabularies
) -> tuple[Mask, list[Mask], Bools]:
    bit = vocab.attribute_bit

    def attribute_mask(attributes: Mapping[str, str]) -> int:
        value = 0
        for pair in attributes.items():
            value |= bit[pair]
        return value

    impossible = vocab.attributes.bit[IMPOSSIBLE]

    def requirement_masks(requirements: Mapping[str, Collection[str]]) -> tuple[int, ...]:
        masks = []
        for _name, allowed in sorted(requirements.items()):
            wanted = 0
            for code in allowed:
                wanted |= bit[_name, code]
            masks.append(wanted or impossible)
        return tuple(masks)

    words = vocab.attributes.to_words
    values = shared["attributes"].mask(attribute_mask, vocab.attributes)
    requirements = shared["requirements"]
    wanted = [requirement_masks(stated) for stated in requirements.objects]
    rows = [
        words([masks[slot] if slot < len(masks) else 0 for masks in wanted])
        for slot in range(max(map(len, wanted), default=0))
    ]
    picky = requirements.column(np.array([bool(masks) for masks in wanted], dtype=np.bool_))
    return values, [[requirements.column(word) for word in row] for row in rows], picky


def _slot_masks(sets: list[Collection[str]]) -> U64:
    """The bitmask of each set of slot codes (vectorised: most items have their own set)."""
    lengths = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
    codes = list(itertools.chain.from_iterable(sets))
    bits = np.fromiter(map(_SLOT_INDEX.get, codes, itertools.repeat(-1)), np.int64, len(codes))
    if (bits < 0).any():
        raise ValueError(f"unknown time slot {codes[int(np.argmax(bits < 0))]!r}")
    masks = np.zeros(len(sets), dtype=np.uint64)
    # OR over each set's codes (a code given twice counts once); an empty set keeps 0.
    stated = lengths > 0
    starts = np.cumsum(lengths) - lengths
    values = np.left_shift(np.uint64(1), bits.astype(np.uint64))
    if len(values):
        masks[stated] = np.bitwise_or.reduceat(values, starts[stated])
    return masks


def _validate(
    items: list[Item],
    lat: F64,
    lon: F64,
    max_km: F64,
    capacity: I64,
    no_language: Bools,
    side: str,
) -> None:
    checks = {
        "latitude must be within [-90, 90]": ~(np.abs(lat) <= 90),
        "longitude must be within [-180, 180]": ~(np.abs(lon) <= 180),
        "max_km must be a non-negative number": ~(max_km >= 0) | ~np.isfinite(max_km),
        "capacity must not be negative": capacity < 0,
        "at least one language is required": no_language,
    }
    for message, bad in checks.items():
        if bad.any():
            raise ValueError(f"{side} item {items[int(np.argmax(bad))].id!r}: {message}")


def dot_threshold(km: F64) -> F64:
    """The smallest dot product of two unit vectors at most `km` apart: the chord c between
    them has c² = 2 - 2·dot, so c <= km/R  <=>  dot >= 1 - (km/R)²/2. Comparing dot products
    needs no square root per pair."""
    return 1.0 - 0.5 * np.square(km / EARTH_RADIUS_KM) - DOT_TOLERANCE


def distance_km(dot: F64) -> F64:
    """Straight-line (chord) distance from the dot product of two unit vectors. For distances
    up to 100 km it is shorter than the great-circle distance by less than 1 m."""
    return EARTH_RADIUS_KM * np.sqrt(np.maximum(2.0 - 2.0 * dot, 0.0))


def arc_km(chord_km: F64) -> F64:
    """The great-circle length of a chord (for the spatial index, which works in degrees)."""
    ratio = np.minimum(chord_km / (2 * EARTH_RADIUS_KM), 1.0)
    return 2 * EARTH_RADIUS_KM * np.arcsin(ratio)


def intersects(a: Mask, ai: I64, b: Mask, bi: I64) -> Bools:
    result = (a[0][ai] & b[0][bi]) != 0
    for w in range(1, len(a)):
        result |= (a[w][ai] & b[w][bi]) != 0
    return result


def popcount(a: Mask, ai: I64) -> I64:
    total = np.bitwise_count(a[0][ai]).astype(np.int64)
    for w in range(1, len(a)):
        total += np.bitwise_count(a[w][ai])
    return total


def popcount_and(a: Mask, ai: I64, b: Mask, bi: I64) -> I64:
    total = np.bitwise_count(a[0][ai] & b[0][bi]).astype(np.int64)
    for w in range(1, len(a)):
        total += np.bitwise_count(a[w][ai] & b[w][bi])
    return total


def is_empty(a: Mask, ai: I64) -> Bools:
    result = a[0][ai] == 0
    for w in range(1, len(a)):
        result &= a[w][ai] == 0
    return result
