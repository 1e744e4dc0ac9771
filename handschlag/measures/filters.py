"""The filters of the library: one typed object for the list page and the API.

The page's form (`forms.MeasureFilterForm.filters()`) and the API's query
(`api.MeasureQuery.to_filters()`) each translate their input into a `MeasureFilters`;
`selectors.measure_list` takes only that. The defaults live here and nowhere else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .models import Effort, Format, TargetGroup, Topic

MAX_QUERY_WORDS = 8
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class MeasureFilters:
    """What a person asked the library for. `MeasureFilters()` lists every published measure.

    `q` is free text: every word must occur in the measure's texts, in any language."""

    q: str = ""
    format: Format | None = None
    topic: Topic | None = None
    target_group: TargetGroup | None = None
    effort: Effort | None = None

    def __post_init__(self) -> None:
        # a value that is not one of the choices is a programming error: ValueError
        for name, choices in (
            ("format", Format),
            ("topic", Topic),
            ("target_group", TargetGroup),
            ("effort", Effort),
        ):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, choices(value))

    @property
    def words(self) -> list[str]:
        """The words of `q`, lower-cased like `Measure.search_text` (each once, at most
        MAX_QUERY_WORDS)."""
        text = unicodedata.normalize("NFC", self.q or "").lower()
        return list(dict.fromkeys(_WORD.findall(text)))[:MAX_QUERY_WORDS]

    @property
    def is_default(self) -> bool:
        return self == DEFAULT_FILTERS


DEFAULT_FILTERS = MeasureFilters()
