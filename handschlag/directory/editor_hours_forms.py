"""Forms of an offer's places and hours: picking a place, the weekly hours (one row per slot, a
row can stand for Monday to Friday at once), and the exceptions (closed days, other hours).
Plain formsets: no JavaScript needed; "Weitere Zeilen" re-renders with more empty rows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from handschlag.core.widgets import DateInput

from .editor_catalog_forms import LocationForm
from .models import Location, Weekday
from .offer_locations import ExceptionDays, Slot

WORKDAYS = "workdays"
FROM, UNTIL = pgettext_lazy("time", "von"), pgettext_lazy("time", "bis")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class PlaceForm(forms.Form):
    """Pick a place of the portal where the offer also happens."""

    location = forms.ModelChoiceField(
        label=_("Ort"), queryset=Location.objects.none(), empty_label=_("– bitte wählen –")
    )
    by_appointment = forms.BooleanField(label=_("nur mit Termin"), required=False)

    def __init__(self, *args: Any, locations: QuerySet[Location], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = locations  # type: ignore[attr-defined]


class NewPlaceForm(LocationForm):
    """A new place of the portal where the offer happens."""

    GROUPS = (*LocationForm.GROUPS, (_("Termine"), "", ("by_appointment",)))  # type: ignore[assignment]

    by_appointment = forms.BooleanField(label=_("nur mit Termin"), required=False)


class SlotForm(forms.Form):
    """One weekly slot. A row left empty is ignored; a row that has begun must be complete."""

    weekday = forms.ChoiceField(
        label=_("Wochentag"), required=False,
        choices=[("", "–"), *[(str(v), label) for v, label in Weekday.choices],
                 (WORKDAYS, _("Montag bis Freitag"))],
    )  # fmt: skip
    opens_at = forms.TimeField(label=FROM, required=False, widget=TimeInput())
    closes_at = forms.TimeField(label=UNTIL, required=False, widget=TimeInput())
    valid_from = forms.DateField(label=_("gültig ab"), required=False, widget=DateInput())
    valid_to = forms.DateField(label=_("gültig bis"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.is_blank(data):
            return data
        for name, message in (
            ("weekday", _("Bitte wählen Sie den Wochentag.")),
            ("opens_at", _("Bitte geben Sie die Anfangszeit an.")),
            ("closes_at", _("Bitte geben Sie die Endzeit an.")),
        ):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Die Endzeit muss nach der Anfangszeit liegen."))
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("„gültig bis“ liegt vor „gültig ab“."))
        return data

    def is_blank(self, data: dict[str, Any]) -> bool:
        return not any(data.get(name) for name in self.fields) and not any(
            self.errors.get(name) for name in self.fields
        )

    def slots(self) -> list[Slot]:
        data = self.cleaned_data
        if self.is_blank(data):
            return []
        days = range(5) if data["weekday"] == WORKDAYS else [int(data["weekday"])]
        return [
            Slot(day, data["opens_at"], data["closes_at"], data["valid_from"], data["valid_to"])
            for day in days
        ]


class ExceptionForm(forms.Form):
    """Days that differ from the weekly hours: closed, or other hours."""

    starts_on = forms.DateField(label=_("vom"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("bis einschließlich"), required=False, widget=DateInput())
    closed = forms.TypedChoiceField(
        label=_("an diesen Tagen"), coerce=lambda value: value == "1", initial="1",
        empty_value=True,  # type: ignore[arg-type]
        choices=[("1", _("geschlossen")), ("0", _("andere Zeiten"))], required=False,
    )  # fmt: skip
    opens_at = forms.TimeField(label=FROM, required=False, widget=TimeInput())
    closes_at = forms.TimeField(label=UNTIL, required=False, widget=TimeInput())
    note = forms.CharField(label=_("Hinweis"), max_length=160, required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.is_blank(data):
            return data
        start = data.get("starts_on")
        if start is None:
            if "starts_on" not in self.errors:
                self.add_error("starts_on", _("Bitte geben Sie den ersten Tag an."))
            return data
        end = data.get("ends_on") or start
        data["ends_on"] = end
        if end < start:
            self.add_error("ends_on", _("Das Ende liegt vor dem Anfang."))
        if not data.get("closed"):
            opens, closes = data.get("opens_at"), data.get("closes_at")
            if not opens or not closes:
                self.add_error(
                    "opens_at",
                    _("Für andere Öffnungszeiten geben Sie bitte an, von wann bis wann."),
                )
            elif closes <= opens:
                self.add_error("closes_at", _("Die Endzeit muss nach der Anfangszeit liegen."))
        return data

    def is_blank(self, data: dict[str, Any]) -> bool:
        filled = ("starts_on", "ends_on", "opens_at", "closes_at", "note")
        return not any(data.get(name) for name in filled) and not any(
            self.errors.get(name) for name in filled
        )

    def days(self) -> list[ExceptionDays]:
        data = self.cleaned_data
        if self.is_blank(data):
            return []
        closed = bool(data.get("closed"))
        return [
            ExceptionDays(
                starts_on=data["starts_on"], ends_on=data["ends_on"], closed=closed,
                opens_at=None if closed else data["opens_at"],
                closes_at=None if closed else data["closes_at"], note=data.get("note", ""),
            )
        ]  # fmt: skip


class RowsFormSet(forms.BaseFormSet):
    """A formset whose rows can be removed with their "entfernen" box."""

    def rows(self) -> list[Any]:
        return [form for form in self.forms if not self._should_delete_form(form)]  # type: ignore[attr-defined]


def slot_initial(offer_location: Any) -> list[dict[str, Any]]:
    return [
        {"weekday": str(s.weekday), "opens_at": s.opens_at, "closes_at": s.closes_at,
         "valid_from": s.valid_from, "valid_to": s.valid_to}
        for s in offer_location.schedules.all()
    ]  # fmt: skip


def exception_initial(offer_location: Any) -> list[dict[str, Any]]:
    return [
        {"starts_on": e.starts_on, "ends_on": e.ends_on, "closed": "1" if e.closed else "0",
         "opens_at": e.opens_at, "closes_at": e.closes_at, "note": e.note}
        for e in offer_location.exceptions.all()
    ]  # fmt: skip


class HoursForm(forms.Form):
    by_appointment = forms.BooleanField(
        label=_("nur mit Termin"), required=False,
        help_text=_("Die Zeiten sind dann die, zu denen man einen Termin bekommen kann."),
    )  # fmt: skip
