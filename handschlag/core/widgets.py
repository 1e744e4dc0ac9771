"""Form widgets every app uses."""

from __future__ import annotations

import re
from typing import Any

from django import forms

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DateInput(forms.DateInput):
    """`<input type="date">`. Its value must be an ISO date: what someone typed that is not one
    ("morgen" in an address) is left out of the field (the field's error says what was wrong),
    since a date input cannot show it and HTML does not allow it there."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value: Any) -> str | None:
        formatted = super().format_value(value)
        if isinstance(formatted, str) and not _ISO_DATE.fullmatch(formatted):
            return None
        return formatted
