"""Size classes of municipalities, as German statistics group them: the basis of "towns like
mine" and of the peer groups of the self-assessment. A population of 0 means unknown (the
official boundary file has none; see vg250.py): such a town has no size class."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SizeClass:
    key: str
    label: Promise
    low: int  # inclusive
    high: int | None  # exclusive; None: no upper bound


SIZE_CLASSES: tuple[SizeClass, ...] = (
    SizeClass("under_5k", _("unter 5.000 Einwohner:innen"), 1, 5_000),
    SizeClass("5k_20k", _("5.000 bis unter 20.000 Einwohner:innen"), 5_000, 20_000),
    SizeClass("20k_50k", _("20.000 bis unter 50.000 Einwohner:innen"), 20_000, 50_000),
    SizeClass("50k_100k", _("50.000 bis unter 100.000 Einwohner:innen"), 50_000, 100_000),
    SizeClass("100k_500k", _("100.000 bis unter 500.000 Einwohner:innen"), 100_000, 500_000),
    SizeClass("500k_plus", _("500.000 Einwohner:innen und mehr"), 500_000, None),
)


def size_class(population: int) -> SizeClass | None:
    """The size class of a town of `population` people, or None if it is unknown (0)."""
    for candidate in SIZE_CLASSES:
        if population >= candidate.low and (candidate.high is None or population < candidate.high):
            return candidate
    return None


def population_range(size: SizeClass) -> dict[str, int]:
    """Lookup arguments for Municipality.population within `size`."""
    bounds = {"population__gte": size.low}
    if size.high is not None:
        bounds["population__lt"] = size.high
    return bounds
