"""Shared helpers for the matching tests: compact item construction, places at known
distances, and an independent (pure Python) check of every hard constraint."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable
from datetime import date

from handschlag.matching import Config, Item, Result

TODAY = date(2025, 6, 1)
BERLIN = (52.52, 13.405)
KM_PER_DEGREE_LAT = 111.195  # on the engine's sphere (R = 6371.0088 km)


def north(km: float, origin: tuple[float, float] = BERLIN) -> tuple[float, float]:
    """The point `km` north of `origin` (along the meridian)."""
    return origin[0] + km / KM_PER_DEGREE_LAT, origin[1]


def item(
    item_id: int | str,
    place: tuple[float, float] = BERLIN,
    languages: Iterable[str] = ("de",),
    *,
    kinds: Iterable[str] = (),
    slots: Iterable[str] = (),
    waiting_since: date | None = None,
    attributes: dict[str, str] | None = None,
    requirements: dict[str, set[str]] | None = None,
    max_km: float = 25.0,
    capacity: int = 1,
    online: bool = False,
) -> Item:
    return Item(
        id=item_id,
        lat=place[0],
        lon=place[1],
        languages=frozenset(languages),
        kinds=frozenset(kinds),
        availability=frozenset(slots),
        waiting_since=waiting_since,
        attributes=attributes or {},
        requirements=requirements or {},
        max_km=max_km,
        capacity=capacity,
        online=online,
    )


def config(**kwargs: object) -> Config:
    return Config(today=TODAY, **kwargs)  # type: ignore[arg-type]


def haversine_km(a: Item, b: Item) -> float:
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi, dlmb = phi2 - phi1, math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def violation(
    left: Item,
    right: Item,
    excluded: Collection[tuple[object, object]] = (),
    slack_km: float = 1e-3,
) -> str | None:
    """The first hard constraint (but capacity) the pair breaks, or None."""
    too_far = haversine_km(left, right) > min(left.max_km, right.max_km) + slack_km
    if too_far and not (left.online and right.online):
        return "distance"
    if not set(left.languages) & set(right.languages):
        return "language"
    if left.kinds and right.kinds and not set(left.kinds) & set(right.kinds):
        return "kind"
    for me, other in ((left, right), (right, left)):
        for name, allowed in me.requirements.items():
            if other.attributes.get(name) not in allowed:
                return "wishes"
    if (left.id, right.id) in excluded:
        return "excluded"
    return None


def assert_valid(
    result: Result,
    left: list[Item],
    right: list[Item],
    existing: Collection[tuple[object, object]] = (),
    excluded: Collection[tuple[object, object]] = (),
) -> None:
    """No new pair breaks a hard constraint; no item has more partners than places; every
    existing pair is kept; every item without a partner is reported, and only those."""
    by_left = {i.id: i for i in left}
    by_right = {i.id: i for i in right}
    for pair in result.pairs:
        if not pair.existing:
            assert violation(by_left[pair.left], by_right[pair.right], excluded) is None, pair
    kept = {(pair.left, pair.right) for pair in result.pairs if pair.existing}
    assert kept == set(existing)
    for counts, items in (
        (Counter(pair.left for pair in result.pairs), by_left),
        (Counter(pair.right for pair in result.pairs), by_right),
    ):
        for item_id, count in counts.items():
            assert count <= items[item_id].capacity, item_id
    partnered = {("left", p.left) for p in result.pairs} | {
        ("right", p.right) for p in result.pairs
    }
    everyone = {("left", i) for i in by_left} | {("right", i) for i in by_right}
    assert {(u.side, u.id) for u in result.unmatched} == everyone - partnered
    assert result.matched == len(result.new_pairs)
    assert result.objective == sum(pair.points for pair in result.new_pairs)
