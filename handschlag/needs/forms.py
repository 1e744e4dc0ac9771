"""Forms: they validate input; the services decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core import validators
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.core.unit_fields import UnitFieldsMixin
from handschlag.core.widgets import DateInput
from handschlag.organisations.models import Organisation
from handschlag.organisations.selectors import organisations_of
from handschlag.places.forms import MunicipalityChoiceField, MunicipalityField, RadiusField
from handschlag.promises.models import Category

from .models import Need
from .selectors import NeedFilters


class NeedFilterForm(forms.Form):
    place = MunicipalityField(
        label=_("Ort"), required=False, help_text=_("Name der Stadt oder Gemeinde")
    )
    radius = RadiusField()
    category = forms.ChoiceField(
        label=_("Kategorie"),
        choices=[("", _("alle Kategorien")), *Category.choices],
        required=False,
    )

    def filters(self) -> NeedFilters:
        """What the form asks for; no filter at all when it is invalid (the page shows why)."""
        if not self.is_valid():
            return NeedFilters()
        data = self.cleaned_data
        return NeedFilters(
            place=data["place"], radius_km=data["radius"], category=data["category"] or None
        )


class NeedForm(UnitFieldsMixin, forms.ModelForm):
    municipality = MunicipalityChoiceField(
        label=_("Ort"), help_text=_("Name der Stadt oder Gemeinde, in der Sie es brauchen.")
    )

    class Meta:
        model = Need
        fields = [
            "organisation", "title", "description", "category", "quantity", "unit",
            "unit_singular", "municipality", "needed_by",
        ]  # fmt: skip
        widgets = {
            "needed_by": DateInput(),
            "quantity": forms.NumberInput(attrs={"min": 1}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = organisations_of(user)
        field = self.fields["organisation"]
        field.queryset = organisations  # type: ignore[attr-defined]
        field.empty_label = None  # type: ignore[attr-defined]
        field.help_text = _("Bedarfe stellen Organisationen, für die Sie tätig sind.")
        self.set_up_unit_fields(example="Laptops")
        if not self.instance.pk and not self.is_bound:
            first = organisations.first()
            if first is not None:
                self.initial.setdefault("organisation", first.pk)
                if first.municipality_id:
                    self.initial.setdefault("municipality", first.municipality_id)

    def clean_needed_by(self) -> datetime.date:
        needed_by: datetime.date = self.cleaned_data["needed_by"]
        if needed_by < timezone.localdate():
            raise forms.ValidationError(_("Das Datum darf nicht in der Vergangenheit liegen."))
        return needed_by

    def clean_quantity(self) -> int:
        quantity: int = self.cleaned_data["quantity"]
        if quantity < 1:
            raise forms.ValidationError(_("Mindestens 1."))
        return quantity

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_unit_pair(data)
        return data


class AnswerForm(forms.Form):
    """ "Ich kann das versprechen": for whom the new promise is made."""

    organisation = forms.ModelChoiceField(
        label=_("im Namen von"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any, need: Need, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations_of(user).exclude(pk=need.organisation_id)  # type: ignore[attr-defined]
        field.empty_label = _("als Privatperson")  # type: ignore[attr-defined]


class ProposalApplyForm(forms.Form):
    """The one-click application from a proposal, to adapt before sending: the plan starts as
    the need's text, the quantity as much of the need as the promise still has."""

    plan = forms.CharField(
        label=_("Wie erfüllen Sie die Bedingung?"),
        widget=forms.Textarea,
        max_length=3000,
        help_text=_("Die Versprechenden lesen das und entscheiden danach."),
    )
    quantity = forms.IntegerField(label=_("Wie viel brauchen Sie?"), min_value=1)

    def __init__(self, *args: Any, left: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["quantity"]
        field.max_value = left  # type: ignore[attr-defined]
        field.widget.attrs["max"] = left
        field.validators.append(validators.MaxValueValidator(left))
        field.help_text = _("Noch verfügbar: %(n)d") % {"n": left}
