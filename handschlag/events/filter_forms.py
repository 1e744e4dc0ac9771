"""The filters of the event list and the month calendar: a form that gives EventFilters."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from handschlag.core.widgets import DateInput
from handschlag.places.forms import PlaceField, PlaceRadiusField
from handschlag.places.selectors import DEFAULT_RADIUS_KM

from .languages import LANGUAGES
from .models import Kind
from .selectors import EventFilters

# Languages events are held in: the event form's list, each in its own name.
SPOKEN_LANGUAGES = list(LANGUAGES)


class EventFilterForm(forms.Form):
    """The list's filters; `filters()` turns them into the selectors' EventFilters. A field
    with an error is left out (its error is shown), the others still apply."""

    q = forms.CharField(
        label=_("Suchbegriff"),
        required=False,
        max_length=200,
        help_text=_("Sucht in Titel, Beschreibung und Veranstaltungsort."),
    )
    place = PlaceField(
        label=_("Ort"),
        required=False,
        help_text=_("Stadt oder Gemeinde; beim Tippen erscheinen Vorschläge."),
    )
    radius = PlaceRadiusField(label=_("Umkreis"))
    kind = forms.ChoiceField(
        label=_("Art"), choices=[("", _("alle Arten")), *Kind.choices], required=False
    )
    attendance = forms.ChoiceField(
        label=_("Teilnahme"),
        choices=[
            ("", _("vor Ort oder online")),
            ("in_person", _("vor Ort")),
            ("online", _("online")),
        ],
        required=False,
        help_text=_("Hybride Veranstaltungen erscheinen bei beiden."),
    )
    language = forms.ChoiceField(
        label=_("Sprache"),
        choices=[("", _("alle Sprachen")), *SPOKEN_LANGUAGES],
        required=False,
    )
    von = forms.DateField(label=_("von"), required=False, widget=DateInput)
    bis = forms.DateField(label=_("bis"), required=False, widget=DateInput)

    def __init__(self, data: Any = None, *args: Any, dates: bool = True, **kwargs: Any) -> None:
        if data is not None:
            data = data.copy()
            if not data.get("radius"):
                data["radius"] = str(DEFAULT_RADIUS_KM)
        super().__init__(data, *args, **kwargs)
        if not dates:  # the month calendar: the month is the date range
            del self.fields["von"], self.fields["bis"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("von"), data.get("bis")
        if start and end and end < start:
            self.add_error("bis", _("Das Ende liegt vor dem Anfang."))
        return data

    def filters(self) -> EventFilters:
        self.is_valid()
        data: dict[str, Any] = getattr(self, "cleaned_data", {})
        given: dict[str, Any] = {
            "q": (data.get("q") or "").strip(),
            "kind": data.get("kind") or None,
            "language": data.get("language") or "",
            "attendance": data.get("attendance") or None,
            "date_from": data.get("von"),
            "date_to": data.get("bis") if "bis" in data else None,
        }
        if given["date_from"] and given["date_to"] and given["date_to"] < given["date_from"]:
            given["date_to"] = None
        radius = data.get("radius", DEFAULT_RADIUS_KM)
        return EventFilters.around(data.get("place") or "", radius, **given)


def parse_month(text: str | None) -> datetime.date | None:
    """`2026-12` as the first of that month; None for anything else."""
    if not text:
        return None
    try:
        day = datetime.datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2999 else None
