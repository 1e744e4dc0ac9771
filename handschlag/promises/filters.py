"""The filters of the public promise list: one typed object for the list page and the API.

The page's form (`PromiseFilterForm.filters()`) and the API's query (`PromiseQuery.to_filters()`)
each translate their input into a `PromiseFilters`; `selectors.promise_list` takes only that.
The defaults live here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

from handschlag.places.selectors import DEFAULT_RADIUS_KM, ONLY_HERE, RADII_KM

from .models import Category

Sort = Literal["newest", "deadline", "remaining"]
SORT_KEYS: tuple[Sort, ...] = get_args(Sort)


@dataclass(frozen=True)
class PromiseFilters:
    """What a person asked the list for. The empty `PromiseFilters()` lists every public promise.

    Strings are "" when not given; `municipality` and `near` are municipality slugs.
    """

    q: str = ""
    municipality: str = ""
    near: str = ""
    radius_km: int = DEFAULT_RADIUS_KM
    category: Category | None = None
    open_only: bool = False
    sort: Sort = "newest"

    def __post_init__(self) -> None:
        if self.radius_km not in RADII_KM:
            raise ValueError(f"radius_km must be one of {RADII_KM}, not {self.radius_km!r}")
        if self.sort not in SORT_KEYS:
            raise ValueError(f"sort must be one of {SORT_KEYS}, not {self.sort!r}")
        if self.category is not None:
            object.__setattr__(self, "category", Category(self.category))

    @classmethod
    def around(cls, place: str, radius_km: int, **others: Any) -> PromiseFilters:
        """Filters for one place and a radius choice, as the page's place picker and the API's
        `place` give them: ONLY_HERE (0) is the town itself, any other radius its surroundings
        (promises for the whole country included)."""
        if not place:
            return cls(**others)
        if radius_km == ONLY_HERE:
            return cls(municipality=place, **others)
        return cls(near=place, radius_km=radius_km, **others)


DEFAULT_FILTERS = PromiseFilters()
