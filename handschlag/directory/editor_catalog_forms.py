"""Forms for a portal's providers and places."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from handschlag.organisations.models import Organisation
from handschlag.places.models import Municipality

from .editor_forms import Grouped, NumberInput, validate_phone, website_field
from .models import Accessibility, Location, Provider

POSTCODE = re.compile(r"\d{5}")
# Germany with a margin: coordinates outside were mistyped (often latitude and longitude swapped)
LATITUDES, LONGITUDES = (47.0, 55.2), (5.5, 15.5)


class ProviderForm(forms.ModelForm):
    website = website_field()

    class Meta:
        model = Provider
        fields = ("name", "description", "website", "email", "phone")
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "description": _("Wer Sie sind und was Sie tun, in zwei, drei einfachen Sätzen."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(validate_phone)
        self.fields["phone"].widget.input_type = "tel"


class ProviderLinkForm(forms.Form):
    """Which verified organisation of the platform keeps the provider's offers (admins only)."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation auf Handschlag"), queryset=Organisation.objects.none(),
        required=False, empty_label=_("keine – die Kommune pflegt die Angebote"),
        help_text=_("Deren Mitglieder bearbeiten dann die Angebote dieses Anbieters selbst."),
    )  # fmt: skip
    other = forms.SlugField(
        label=_("… oder Kurzname einer anderen verifizierten Organisation"), required=False,
        help_text=_("Steht in der Adresse ihrer Seite: /organisationen/<Kurzname>/"),
    )  # fmt: skip

    def __init__(self, *args: Any, provider: Provider, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        portal = provider.portal
        self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(is_verified=True)
            .filter(Q(municipality_id=portal.municipality_id) | Q(pk=provider.organisation_id))
            .exclude(pk=portal.organisation_id)
            .order_by("name")
        )
        self.initial.setdefault("organisation", provider.organisation_id)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        slug = data.get("other")
        if slug:
            found = Organisation.objects.filter(slug=slug, is_verified=True).first()
            if found is None:
                self.add_error("other", _("Eine verifizierte Organisation mit diesem Kurznamen "
                                          "gibt es nicht."))  # fmt: skip
            else:
                data["organisation"] = found
        return data


class LocationForm(Grouped, forms.ModelForm):
    """A place: address, coordinates (typed, or the town's), accessibility, how to get there."""

    GROUPS = (
        (_("Adresse"), "", ("name", "street", "postcode", "city")),
        (_("Lage auf der Karte"),
         _("Für die Karte und die Suche „in meiner Nähe“. Übernehmen Sie die Koordinaten der "
           "Gemeinde, wenn Sie die genauen nicht kennen."),
         ("latitude", "longitude", "town_coordinates")),
        (_("Barrierefreiheit und Weg"), "", ("accessibility", "accessibility_note", "directions")),
    )  # fmt: skip

    town_coordinates = forms.BooleanField(
        label=_("Koordinaten der Gemeinde übernehmen"), required=False,
        help_text=_("Die Ortsmitte – ungefähr richtig. Überschreibt, was oben steht."),
    )  # fmt: skip
    accessibility = forms.MultipleChoiceField(
        label=_("Was es dort gibt"), choices=Accessibility.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = Location
        fields = (
            "name", "street", "postcode", "city", "latitude", "longitude", "accessibility",
            "accessibility_note", "directions",
        )  # fmt: skip
        widgets = {
            "latitude": NumberInput,
            "longitude": NumberInput,
            "directions": forms.Textarea(attrs={"rows": 3}),
            "accessibility_note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "name": _("Wie Lesende den Ort erkennen, z. B. „Rathaus, Bürgerbüro“."),
            "directions": _("Bus, Bahn, Eingang, Stockwerk – in einfachen Worten."),
            "latitude": _("z. B. 50.3592"),
            "longitude": _("z. B. 11.1746"),
        }

    def __init__(self, *args: Any, town: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.town = town
        self.fields["postcode"].widget.attrs.update({"inputmode": "numeric", "pattern": r"\d{5}"})
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs["step"] = "any"

    def clean_postcode(self) -> str:
        code = (self.cleaned_data.get("postcode") or "").strip()
        if code and not POSTCODE.fullmatch(code):
            raise forms.ValidationError(_("Eine Postleitzahl hat fünf Ziffern."), code="postcode")
        return code

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("town_coordinates"):
            for name in ("latitude", "longitude"):
                self.errors.pop(name, None)
                data[name] = round(getattr(self.town, name), 5)
        lat, lon = data.get("latitude"), data.get("longitude")
        if "latitude" in self.errors or "longitude" in self.errors:
            return data
        if (lat is None) != (lon is None):
            self.add_error(
                "longitude" if lon is None else "latitude",
                _("Bitte geben Sie Breiten- und Längengrad an – oder keinen von beiden."),
            )
        elif (
            lat is not None
            and lon is not None
            and not (LATITUDES[0] <= lat <= LATITUDES[1] and LONGITUDES[0] <= lon <= LONGITUDES[1])
        ):
            swapped = LATITUDES[0] <= lon <= LATITUDES[1] and LONGITUDES[0] <= lat <= LONGITUDES[1]
            self.add_error(
                "latitude",
                _("Breiten- und Längengrad sind vertauscht.")
                if swapped
                else _("Diese Koordinaten liegen nicht in Deutschland."),
            )
        return data

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
