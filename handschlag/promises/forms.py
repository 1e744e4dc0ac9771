"""Forms: they validate input; the services decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.organisations.models import Organisation
from handschlag.organisations.selectors import organisations_of
from handschlag.places.forms import (
    MunicipalityChoiceField,
    PlaceField,
    PlaceRadiusField,
    suggestions_for,
)
from handschlag.places.selectors import DEFAULT_RADIUS_KM, ONLY_HERE

from .filters import DEFAULT_FILTERS, PromiseFilters
from .models import Category, Eligibility, Promise, ReportPhoto


class PromiseFilterForm(forms.Form):
    """The list page's filters; `filters()` turns them into the selector's PromiseFilters.

    One place field (with suggestions) and a radius choice ("nur dieser Ort" or a distance).
    Older links with `municipality=` (that town) or `near=` (around it) still work."""

    q = forms.CharField(
        label=_("Suchbegriff"),
        required=False,
        max_length=200,
        help_text=_("Sucht in Titel, Beschreibung, Bedingung, Ort und Name – z. B. „Laptops“."),
    )
    place = PlaceField(
        label=_("Ort"),
        required=False,
        help_text=_("Stadt oder Gemeinde; beim Tippen erscheinen Vorschläge."),
    )
    radius = PlaceRadiusField(label=_("Umkreis"))
    category = forms.ChoiceField(
        label=_("Kategorie"),
        choices=[("", _("alle Kategorien")), *Category.choices],
        required=False,
    )
    open = forms.BooleanField(label=_("nur offene Versprechen"), required=False)
    sort = forms.ChoiceField(
        label=_("Sortierung"),
        choices=[
            ("newest", _("neueste zuerst")),
            ("deadline", _("Frist läuft bald ab")),
            ("remaining", _("meiste freie Plätze")),
        ],
        required=False,
        initial=DEFAULT_FILTERS.sort,
    )

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None:
            data = _with_defaults(data)
        super().__init__(data, *args, **kwargs)

    def filters(self) -> PromiseFilters:
        """What the form asks for. A field with an error is left out (its error is shown next
        to the results); the other fields still apply."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        given = {
            "q": data.get("q"),
            "category": data.get("category"),
            "open_only": data.get("open"),
            "sort": data.get("sort"),
        }
        # what was left empty takes PromiseFilters' default
        others = {k: v for k, v in given.items() if v not in ("", None)}
        radius = data.get("radius", DEFAULT_RADIUS_KM)
        return PromiseFilters.around(data.get("place") or "", radius, **others)

    @property
    def place_suggestions(self) -> list[tuple[Any, str]]:
        """(town, link) for each town offered for an unknown place ("Meinten Sie …?"); the
        link keeps the other filters."""
        if not self.is_bound:
            return []
        links = []
        for town in suggestions_for(self, "place"):
            query = QueryDict(mutable=True)
            for key in self.data:
                if key not in ("page", "municipality", "near", "place"):
                    values = self.data.getlist(key) if hasattr(self.data, "getlist") else None
                    query.setlist(key, values or [self.data[key]])
            query["place"] = town.pick  # type: ignore[attr-defined]
            links.append((town, "?" + query.urlencode()))
        return links


def _with_defaults(data: Any) -> Any:
    """The query with old parameter names mapped and the radius kept at its default when not
    given (so the select never jumps to its first option once some filter is set)."""
    data = data.copy()
    if not data.get("place"):
        if data.get("municipality"):
            data["place"], data["radius"] = data["municipality"], str(ONLY_HERE)
        elif data.get("near"):
            data["place"] = data["near"]
    if not data.get("radius"):
        data["radius"] = str(DEFAULT_RADIUS_KM)
    return data


class DateInput(forms.DateInput):
    input_type = "date"


class PromiseForm(forms.ModelForm):
    municipality = MunicipalityChoiceField(
        label=_("Ort"),
        required=False,
        help_text=_("Name der Stadt oder Gemeinde. Leer lassen für ein bundesweites Versprechen."),
    )

    class Meta:
        model = Promise
        fields = [
            "organisation", "title", "description", "category", "quantity", "unit",
            "estimated_value", "condition", "report_requirements", "municipality", "deadline",
            "capacity", "eligibility",
        ]  # fmt: skip
        widgets = {
            "deadline": DateInput(format="%Y-%m-%d"),
            "quantity": forms.NumberInput(attrs={"min": 1}),
            "capacity": forms.NumberInput(attrs={"min": 1}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        organisation.queryset = organisations_of(user)  # type: ignore[attr-defined]
        organisation.empty_label = _("als Privatperson")  # type: ignore[attr-defined]

    def clean_deadline(self) -> datetime.date:
        deadline: datetime.date = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise forms.ValidationError(_("Die Frist muss in der Zukunft liegen."))
        return deadline

    def clean_estimated_value(self) -> Any:
        value = self.cleaned_data.get("estimated_value")
        if value is not None and value < 0:
            raise forms.ValidationError(_("Der Wert darf nicht negativ sein."))
        return value

    def clean_capacity(self) -> int:
        capacity: int = self.cleaned_data["capacity"]
        if capacity < 1:
            raise forms.ValidationError(_("Mindestens 1."))
        return capacity

    def clean_quantity(self) -> int:
        quantity: int = self.cleaned_data["quantity"]
        if quantity < 1:
            raise forms.ValidationError(_("Mindestens 1."))
        return quantity


class ApplyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("im Namen von"), queryset=Organisation.objects.none(), required=False
    )
    plan = forms.CharField(
        label=_("Wie erfüllen Sie die Bedingung?"), widget=forms.Textarea, max_length=3000
    )
    quantity = forms.IntegerField(label=_("Wie viel brauchen Sie?"), min_value=1, initial=1)

    def __init__(self, *args: Any, user: Any, promise: Promise, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = organisations_of(user)
        field = self.fields["organisation"]
        field.queryset = organisations  # type: ignore[attr-defined]
        field.empty_label = _("für mich selbst")  # type: ignore[attr-defined]
        if promise.eligibility != Eligibility.ANYONE:
            field.required = True
            field.empty_label = None  # type: ignore[attr-defined]
        elif not organisations.exists():
            field.widget = forms.HiddenInput()
        self.fields["quantity"].validators.append(_MaxValue(promise.remaining_quantity))
        if promise.unit:
            self.fields["quantity"].help_text = _("in %(unit)s, noch %(n)d verfügbar") % {
                "unit": promise.unit,
                "n": promise.remaining_quantity,
            }


class _MaxValue:
    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, value: int) -> None:
        if value > self.limit:
            raise forms.ValidationError(
                _("Es sind nur noch %(n)d verfügbar.") % {"n": self.limit}, code="max_value"
            )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Begründung"), widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(forms.Form):
    """The report: text, consent and up to five photos, each with a required description."""

    text = forms.CharField(label=_("Ihr Bericht"), widget=forms.Textarea, max_length=10000)
    consent = forms.BooleanField(
        label=_("Ich bin einverstanden, dass der Bericht mit Fotos öffentlich im Blog erscheint."),
        required=False,
    )

    def __init__(self, *args: Any, existing_photos: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing_photos = existing_photos
        for i in range(1, ReportPhoto.MAX_PER_REPORT - existing_photos + 1):
            self.fields[f"photo_{i}"] = forms.FileField(
                label=_("Foto %(n)d") % {"n": i},
                required=False,
                widget=forms.ClearableFileInput(
                    attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
                ),
                help_text=_("JPEG, PNG, WebP oder GIF, höchstens %(mb)d MB")
                % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
            self.fields[f"alt_{i}"] = forms.CharField(
                label=_("Bildbeschreibung zu Foto %(n)d") % {"n": i},
                required=False,
                max_length=200,
                help_text=_("Was ist auf dem Foto zu sehen?"),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        photos = []
        for i in range(1, ReportPhoto.MAX_PER_REPORT - self.existing_photos + 1):
            upload, alt = data.get(f"photo_{i}"), (data.get(f"alt_{i}") or "").strip()
            if upload and not alt:
                self.add_error(f"alt_{i}", _("Bitte beschreiben Sie das Foto."))
            if upload and upload.size > settings.MAX_UPLOAD_BYTES:
                self.add_error(
                    f"photo_{i}",
                    _("Die Datei ist zu groß (höchstens %(mb)d MB).")
                    % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)},
                )
            if upload:
                photos.append((upload, alt))
        data["photos"] = photos
        return data


class DisputeForm(forms.Form):
    """A moderator's decision on a disputed report."""

    OUTCOMES = [
        ("confirm", _("Erfüllung bestätigen")),
        ("rework", _("Nachbesserung: zurück in die Umsetzung")),
        ("fail", _("nicht erfüllt")),
    ]
    outcome = forms.ChoiceField(label=_("Entscheidung"), choices=OUTCOMES, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Begründung"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Beide Seiten bekommen diese Begründung."),
        error_messages={"required": _("Bitte begründen Sie Ihre Entscheidung.")},
    )
