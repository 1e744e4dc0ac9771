"""Forms about places, and the place picker and radius field the feature apps share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import FederalState, Municipality
from .selectors import (
    DEFAULT_RADIUS_KM,
    ONLY_HERE,
    RADII_KM,
    find_municipality,
    similar_municipalities,
)

UNKNOWN_PLACE = _("Diesen Ort kennen wir nicht.")


class MunicipalityFilterForm(forms.Form):
    q = forms.CharField(label=_("Name oder Gemeindeschlüssel"), required=False, max_length=120)
    state = forms.ChoiceField(
        label=_("Bundesland"),
        required=False,
        choices=[("", _("alle Bundesländer")), *FederalState.choices],
    )


class MunicipalityField(forms.CharField):
    """A filter field: a town given by its slug or exact name; cleans to the slug ("" if empty).

    An unknown name is refused with up to three similar towns ("Meinten Sie …?"); they are kept
    in `self.suggestions` of the bound form's field (see `suggestions_for`)."""

    default_error_messages = {"unknown": UNKNOWN_PLACE}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 140)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value).strip()
        if not value:
            return ""
        municipality = find_municipality(value)
        if municipality is None:
            similar = similar_municipalities(value)
            message = self.error_messages["unknown"]
            if similar:
                message = gettext("%(unknown)s Meinten Sie: %(names)s?") % {
                    "unknown": message,
                    "names": ", ".join(town.name for town in similar),
                }
            raise forms.ValidationError(message, code="unknown", params={"similar": similar})
        return municipality.slug


def suggestions_for(form: forms.Form, name: str) -> list[Municipality]:
    """The similar towns offered for the refused value of the form's field `name`."""
    for error in form.errors.as_data().get(name, []):
        if error.code == "unknown" and error.params:
            return list(error.params.get("similar", []))
    return []


class PlaceInput(forms.TextInput):
    """The place picker: a text input that asks for suggestions as one types (htmx) and offers
    them in a listbox (ARIA combobox pattern, handschlag/js/place-picker.js). Without
    JavaScript it is a plain text field that takes a town's name."""

    template_name = "places/widgets/place_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "role": "combobox",
            "autocomplete": "off",
            "aria-autocomplete": "list",
            "aria-expanded": "false",
            "data-place-picker": "",
            "data-hx-get": reverse_lazy("places:suggest"),
            "data-hx-trigger": "input changed delay:250ms",
            "data-hx-swap": "innerHTML",
            "data-hx-push-url": "false",
            "data-hx-sync": "this:replace",
        }
        super().__init__({**defaults, **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        listbox = f"{widget_attrs.get('id') or name}_suggestions"
        widget_attrs["aria-controls"] = listbox
        widget_attrs["data-hx-target"] = f"#{listbox}"
        context["widget"]["listbox_id"] = listbox
        return context


class PlaceField(MunicipalityField):
    """One place for a list filter, picked with suggestions; cleans to the town's slug."""

    widget = PlaceInput


class MunicipalityChoiceField(forms.ModelChoiceField):
    """A model field's town, typed by name or slug (a select of 10,800 towns is not usable).

    Renders as a text input showing the town's name; cleans to a Municipality or None.
    Use it in a ModelForm with `field_classes = {"municipality": MunicipalityChoiceField}`.
    """

    widget = forms.TextInput
    default_error_messages = {"invalid_choice": UNKNOWN_PLACE}

    def __init__(self, queryset: QuerySet[Municipality] | None = None, **kwargs: Any) -> None:
        kwargs.pop("to_field_name", None)  # the picker looks up by slug or name, never by pk
        super().__init__(Municipality.objects.all() if queryset is None else queryset, **kwargs)

    def to_python(self, value: Any) -> Municipality | None:
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        found = find_municipality(text, among=self.queryset)
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return found

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Municipality):
            return value.name
        if isinstance(value, int):
            return Municipality.objects.filter(pk=value).values_list("name", flat=True).first()
        return value


def _radius_label(km: int) -> str:
    return gettext("%(km)d km") % {"km": km}


radius_label = lazy(_radius_label, str)


def _place_radius_label(km: int) -> str:
    if km == ONLY_HERE:
        return gettext("nur dieser Ort")
    return gettext("im Umkreis von %(km)d km") % {"km": km}


place_radius_label = lazy(_place_radius_label, str)


class PlaceRadiusField(forms.TypedChoiceField):
    """How far around the place: ONLY_HERE or one of RADII_KM; empty is DEFAULT_RADIUS_KM."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Umkreis"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_value", DEFAULT_RADIUS_KM)
        kwargs.setdefault("initial", DEFAULT_RADIUS_KM)
        choices = [(km, place_radius_label(km)) for km in (ONLY_HERE, *RADII_KM)]
        super().__init__(choices=choices, coerce=int, **kwargs)


class RadiusField(forms.TypedChoiceField):
    """One of RADII_KM as an int; empty means `empty_value` (DEFAULT_RADIUS_KM unless given)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Umkreis"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_value", DEFAULT_RADIUS_KM)
        kwargs.setdefault("initial", DEFAULT_RADIUS_KM)
        super().__init__(choices=[(km, radius_label(km)) for km in RADII_KM], coerce=int, **kwargs)
