"""Forms of the registration part: they validate input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Event
from .registration import AccessNeeds

# Languages asked for most often in German towns; the event's own interpretation comes first.
INTERPRETER_LANGUAGES = [
    ("dgs", _("Deutsche Gebärdensprache")),
    ("ar", _("Arabisch")),
    ("fa", _("Persisch (Farsi/Dari)")),
    ("uk", _("Ukrainisch")),
    ("ru", _("Russisch")),
    ("tr", _("Türkisch")),
    ("ku", _("Kurdisch")),
    ("ps", _("Paschtu")),
    ("ti", _("Tigrinya")),
    ("en", _("Englisch")),
    ("fr", _("Französisch")),
    ("easy", _("Leichte Sprache")),
]


class RegistrationForm(forms.Form):
    """Places and access needs; a person with an account needs nothing else."""

    places = forms.TypedChoiceField(label=_("Wie viele Plätze?"), coerce=int, initial=1)
    interpreter_language = forms.ChoiceField(
        label=_("Verdolmetschung gewünscht in"), required=False
    )
    childcare = forms.IntegerField(
        label=_("Kinderbetreuung für wie viele Kinder?"),
        min_value=0,
        max_value=20,
        initial=0,
        required=False,
        help_text=_("0, wenn Sie keine Kinderbetreuung brauchen."),
    )
    step_free = forms.BooleanField(label=_("Ich brauche einen stufenlosen Zugang."), required=False)
    other_needs = forms.CharField(
        label=_("Sonst noch etwas, das Ihnen die Teilnahme erleichtert?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        most = max(1, min(event.max_places_per_registration, event.bookable_places))
        field = self.fields["places"]
        field.choices = [(n, str(n)) for n in range(1, most + 1)]  # type: ignore[attr-defined]
        field.help_text = _("für Sie und die Menschen, die Sie mitbringen")
        offered = [(c, c.upper()) for c in event.interpretation if c]
        known = {code for code, _label in INTERPRETER_LANGUAGES}
        self.fields["interpreter_language"].choices = [  # type: ignore[attr-defined]
            ("", _("keine")),
            *INTERPRETER_LANGUAGES,
            *[(code, label) for code, label in offered if code not in known],
        ]

    def needs(self) -> AccessNeeds:
        data = self.cleaned_data
        return AccessNeeds(
            interpreter_language=data.get("interpreter_language") or "",
            childcare=data.get("childcare") or 0,
            step_free=bool(data.get("step_free")),
            other_needs=data.get("other_needs") or "",
        )


class GuestRegistrationForm(RegistrationForm):
    """Without an account: name and address too, and the privacy note."""

    name = forms.CharField(label=_("Ihr Name"), max_length=120)
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        help_text=_("Dorthin schicken wir den Link, mit dem Sie Ihre Anmeldung bestätigen."),
    )
    consent = forms.BooleanField(label=_("Ich habe den Datenschutzhinweis gelesen."))

    field_order = ["name", "email", "places"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["consent"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Wir geben Ihren Namen, Ihre Adresse und Ihre Angaben nur an die Veranstaltenden "
                "weiter und löschen sie spätestens ein halbes Jahr nach der Veranstaltung."
            ),
            reverse("privacy"),
            _("Datenschutzhinweis lesen"),
        )


class OrganiserCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Absage"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Die Person bekommt ihn per E-Mail mitgeteilt."),
    )
