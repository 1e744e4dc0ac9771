"""Forms about places, and the place picker and radius field the feature apps share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import FederalState, Municipality
from .selectors import DEFAULT_RADIUS_KM, RADII_KM, find_municipality

UNKNOWN_PLACE = _("Diesen Ort kennen wir nicht.")


class MunicipalityFilterForm(forms.Form):
    q = forms.CharField(label=_("Name oder Gemeindeschlüssel"), required=False, max_length=120)
    state = forms.ChoiceField(
        label=_("Bundesland"),
        required=False,
        choices=[("", _("alle Bundesländer")), *FederalState.choices],
    )


class MunicipalityField(forms.CharField):
    """A filter field: a town given by its slug or exact name; cleans to the slug ("" if empty)."""

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
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return municipality.slug


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


class RadiusField(forms.TypedChoiceField):
    """One of RADII_KM as an int; empty means `empty_value` (DEFAULT_RADIUS_KM unless given)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Umkreis"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_value", DEFAULT_RADIUS_KM)
        kwargs.setdefault("initial", DEFAULT_RADIUS_KM)
        super().__init__(choices=[(km, radius_label(km)) for km in RADII_KM], coerce=int, **kwargs)
