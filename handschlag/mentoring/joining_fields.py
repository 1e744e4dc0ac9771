"""The parts of a profile form that are more than one field: languages with their levels (a few
rows of two selects, more rows when a profile has more languages — no JavaScript needed) and
the week as a grid of 7 days × 4 parts of the day; both render as a fieldset with a legend."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from handschlag.matching.model import DAYS, PARTS

from .languages import LANGUAGES
from .models import LanguageLevel

DAY_NAMES = {
    "mon": _("Montag"),
    "tue": _("Dienstag"),
    "wed": _("Mittwoch"),
    "thu": _("Donnerstag"),
    "fri": _("Freitag"),
    "sat": _("Samstag"),
    "sun": _("Sonntag"),
}
DAY_SHORT = {
    "mon": pgettext_lazy("weekday", "Mo"),
    "tue": pgettext_lazy("weekday", "Di"),
    "wed": pgettext_lazy("weekday", "Mi"),
    "thu": pgettext_lazy("weekday", "Do"),
    "fri": pgettext_lazy("weekday", "Fr"),
    "sat": pgettext_lazy("weekday", "Sa"),
    "sun": pgettext_lazy("weekday", "So"),
}
PART_NAMES = {
    "morning": _("vormittags"),
    "midday": _("mittags"),
    "afternoon": _("nachmittags"),
    "evening": _("abends"),
}


def slot_label(slot: str) -> str:
    day, part = slot.split("-", 1)
    return f"{DAY_NAMES.get(day, day)} {PART_NAMES.get(part, part)}"


@dataclass(frozen=True)
class Cell:
    code: str
    id: str
    label: str
    checked: bool


@dataclass(frozen=True)
class GridRow:
    label: str
    cells: list[Cell]


class AvailabilityField(forms.MultipleChoiceField):
    """Any of the 28 weekly slots ("tue-afternoon"); rendered as a grid by the template
    mentoring/joining/includes/availability.html (see `grid`)."""

    def __init__(self, **kwargs: Any) -> None:
        choices = [(f"{d}-{p}", "") for d in DAYS for p in PARTS]
        kwargs.setdefault("required", False)
        super().__init__(choices=choices, **kwargs)


def grid(bound: forms.BoundField) -> list[GridRow]:
    """The rows (parts of the day) and cells (days) of an availability field, with its value."""
    chosen = set(bound.value() or [])
    prefix = bound.auto_id or bound.html_name
    return [
        GridRow(
            label=str(PART_NAMES[part]),
            cells=[
                Cell(
                    code=f"{day}-{part}",
                    id=f"{prefix}_{day}_{part}",
                    label=f"{DAY_NAMES[day]} {PART_NAMES[part]}",
                    checked=f"{day}-{part}" in chosen,
                )
                for day in DAYS
            ],
        )
        for part in PARTS
    ]


def day_headers() -> list[tuple[str, str]]:
    return [(str(DAY_SHORT[day]), str(DAY_NAMES[day])) for day in DAYS]


class LanguageRowsMixin:
    """Adds `rows` pairs of fields lang_N / level_N to a form; `clean_language_rows()` turns them
    into the profile's [{"code", "level"}, …], `language_rows` gives the pairs to the template."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    LANGUAGE_ROWS = 4

    def add_language_rows(self, languages: list[dict[str, str]] | None) -> None:
        languages = list(languages or [])
        self.language_row_count = max(self.LANGUAGE_ROWS, len(languages) + 1)
        for number in range(self.language_row_count):
            given = languages[number] if number < len(languages) else {}
            self.fields[f"lang_{number}"] = forms.ChoiceField(
                label=_("Sprache %(n)d") % {"n": number + 1},
                choices=[("", _("– bitte wählen –")), *LANGUAGES],
                required=False,
                initial=given.get("code", ""),
            )
            self.fields[f"level_{number}"] = forms.ChoiceField(
                label=_("Wie gut? (Sprache %(n)d)") % {"n": number + 1},
                choices=[("", _("– bitte wählen –")), *LanguageLevel.choices],
                required=False,
                initial=given.get("level", ""),
            )

    def language_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        form: Any = self
        return [(form[f"lang_{n}"], form[f"level_{n}"]) for n in range(self.language_row_count)]

    def clean_language_rows(self) -> list[dict[str, str]]:
        form: Any = self
        languages: list[dict[str, str]] = []
        seen: set[str] = set()
        for number in range(self.language_row_count):
            code = self.cleaned_data.get(f"lang_{number}") or ""
            level = self.cleaned_data.get(f"level_{number}") or ""
            if not code and not level:
                continue
            if not code:
                form.add_error(f"lang_{number}", _("Welche Sprache?"))
            elif not level:
                form.add_error(f"level_{number}", _("Bitte sagen Sie, wie gut."))
            elif code in seen:
                form.add_error(f"lang_{number}", _("Diese Sprache steht schon oben."))
            else:
                seen.add(code)
                languages.append({"code": code, "level": level})
        if not languages and not form.has_error("lang_0"):
            form.add_error("lang_0", _("Bitte nennen Sie mindestens eine Sprache."))
        return languages
