"""Forms of the structure pages (programme, carriers, sites): they validate input; the
services in structure.py decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from handschlag.core.widgets import DateInput
from handschlag.organisations.models import Organisation

from .joining_forms import place_field
from .models import Programme, Site, TandemKind


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name des Programms"), max_length=160)
    funder = forms.CharField(
        label=_("Gefördert von"),
        max_length=200,
        required=False,
        help_text=_("Zum Beispiel das Ministerium oder die Stiftung, die das Programm fördert."),
    )
    description = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Steht auf der öffentlichen Seite des Programms."),
    )
    starts_on = forms.DateField(label=_("Beginn"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Ende"),
        widget=DateInput(),
        required=False,
        help_text=_("Leer lassen, solange kein Ende feststeht."),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Arten von Tandems"),
        choices=TandemKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Mentor:innen und Mentees wählen bei der Anmeldung unter diesen Arten."),
    )
    inactivity_weeks = forms.IntegerField(
        label=_("Hinweis an die Koordination nach wie vielen Wochen ohne Kontakt?"),
        min_value=2,
        max_value=26,
    )

    @staticmethod
    def initial_from(programme: Programme) -> dict[str, Any]:
        return {
            name: getattr(programme, name)
            for name in (
                "name",
                "funder",
                "description",
                "starts_on",
                "ends_on",
                "kinds",
                "inactivity_weeks",
            )
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Das Ende liegt vor dem Beginn."))
        return data


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        town = f", {obj.municipality.name}" if obj.municipality_id else ""
        return f"{obj.name} ({obj.get_kind_display()}{town})"


class CarrierForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Welche Organisation trägt die Patenschaften?"),
        queryset=Organisation.objects.none(),
        empty_label=_("– bitte wählen –"),
        help_text=_(
            "Zur Auswahl stehen verifizierte Organisationen, die in diesem Programm noch nicht "
            "Träger sind. Fehlt eine, registriert sie sich zuerst bei Handschlag und lässt sich "
            "verifizieren."
        ),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations.select_related("municipality")  # type: ignore[attr-defined]


class SiteDetailsForm(forms.Form):
    name = forms.CharField(
        label=_("Name des Standorts"),
        max_length=160,
        help_text=_("Zum Beispiel „Patenschaften Sonneberg“."),
    )
    municipality = place_field(_("Ort"))
    response_days = forms.IntegerField(
        label=_("Wir melden uns nach einer Anmeldung innerhalb von … Tagen"),
        min_value=1,
        max_value=60,
        initial=14,
        help_text=_("Das steht auf der Seite, die Mentees nach ihrer Anmeldung sehen."),
    )
    contact_email = forms.EmailField(label=_("E-Mail-Adresse der Koordination"), required=False)
    contact_phone = forms.CharField(
        label=_("Telefon der Koordination"),
        max_length=40,
        required=False,
        help_text=_(
            "Viele Mentees haben keine E-Mail-Adresse: Nennen Sie am besten auch ein Telefon."
        ),
    )

    @staticmethod
    def initial_from(site: Site) -> dict[str, Any]:
        return {
            "name": site.name,
            "municipality": site.municipality,
            "response_days": site.response_days,
            "contact_email": site.contact_email,
            "contact_phone": site.contact_phone,
        }
