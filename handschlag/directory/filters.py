"""The filters of a portal's offer list: one typed object for the list page and the API.

The page's form (`public_forms.OfferFilterForm.filters()`, an error per field) and an API
query (`public_selectors.offer_filters(q=…, topic=…, language=…, place=…, radius_km=…)`, a
DomainError — the API's 400 — for a bad value) each translate their input into an
`OfferFilters`; `public_selectors.offer_list` takes only that. A typed place is resolved once,
by `public_selectors.resolve_place`, into an `Origin` (coordinates and a label), so the
selector never parses text. The defaults live here and nowhere else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from handschlag.core.languages import BY_CODE
from handschlag.places.selectors import RADII_KM

from .models import Topic

MAX_QUERY_WORDS = 8
# letters and digits of any script; `Offer.search_text` is compared word by word
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Origin:
    """Where the reader is, as they typed it: a town or a postcode, with its coordinates.
    No device position is ever asked for."""

    label: str
    latitude: float
    longitude: float
    municipality_id: int | None = None  # when a town was typed (not a postcode)


@dataclass(frozen=True)
class OfferFilters:
    """What a reader asked a portal's list for. `OfferFilters()` lists every public offer.

    - `q`: free text in any language; every word must occur in the offer's search text
      (German and all translations of name, summary and description, and the provider).
    - `topic`: one Topic; `language`: a language the staff speak (core.languages code).
    - `origin`: order by the distance of each offer's nearest place from here; with
      `radius_km` (one of places' RADII_KM) only offers within it (and those without a
      place with coordinates, which are listed last).
    """

    q: str = ""
    topic: Topic | None = None
    language: str = ""
    origin: Origin | None = None
    radius_km: int | None = None

    def __post_init__(self) -> None:
        # a value outside the choices is a programming error here: forms and API check first
        if self.topic is not None:
            object.__setattr__(self, "topic", Topic(self.topic))
        if self.language and self.language not in BY_CODE:
            raise ValueError(f"unknown language {self.language!r}")
        if self.radius_km is not None and self.radius_km not in RADII_KM:
            raise ValueError(f"radius_km must be one of {RADII_KM}, not {self.radius_km!r}")

    @property
    def words(self) -> list[str]:
        """The words of `q`, lower-cased like `Offer.search_text` (each once, at most
        MAX_QUERY_WORDS)."""
        text = unicodedata.normalize("NFC", self.q or "").lower()
        return list(dict.fromkeys(_WORD.findall(text)))[:MAX_QUERY_WORDS]

    @property
    def within_km(self) -> int | None:
        """The radius, when there is a place to measure from."""
        return self.radius_km if self.origin is not None else None

    @property
    def is_default(self) -> bool:
        return self == DEFAULT_FILTERS


DEFAULT_FILTERS = OfferFilters()
