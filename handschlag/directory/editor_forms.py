"""Forms of the editor's offer pages: the offer itself (in the parts an editor thinks in), its
status, and the filters of the editor's list. Forms check what they can see and say it in the
editor's language; the services decide (their refusals come back next to the field)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.core.languages import LANGUAGES
from handschlag.core.widgets import DateInput

from .models import Offer, Provider, Topic

MAX_AGE = 120
PHONE = re.compile(r"\+?[0-9 ()/.\-]+")


def validate_phone(value: str) -> None:
    """Digits with the usual separators, at least five digits: "03675 123456", "+49 30 1234"."""
    if value and (not PHONE.fullmatch(value) or sum(c.isdigit() for c in value) < 5):
        raise ValidationError(
            _("Bitte geben Sie eine Telefonnummer aus Ziffern an, z. B. 03675 123456 oder "
              "+49 3675 123456."),
            code="phone",
        )  # fmt: skip


class NumberInput(forms.NumberInput):
    """`<input type="number">` that leaves out a value that is no number ("x" sent back with
    its error): HTML does not allow it there; the field's error says what was wrong."""

    def format_value(self, value: Any) -> str | None:
        formatted = super().format_value(value)
        if formatted in (None, ""):
            return formatted
        try:
            float(formatted)
        except (TypeError, ValueError):
            return None
        return formatted


class WebsiteInput(forms.TextInput):
    """A web address typed as text (a mistyped one is shown again to be corrected: HTML allows
    only valid addresses in `type="url"`); phones still show their address keyboard."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "url", "autocomplete": "url", **(attrs or {})})


def website_field() -> forms.URLField:
    return forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https",
        widget=WebsiteInput(), help_text=_("z. B. https://www.beispiel.de"),
    )  # fmt: skip


def language_choices() -> list[tuple[str, str]]:
    """Every language of core.languages, by its own name (the UI name beside it)."""
    return [(lang.code, f"{lang.native} ({lang.name})") for lang in LANGUAGES]


class Grouped:
    """A form shown in fieldsets: GROUPS = ((legend, hint, field names), …)."""

    GROUPS: tuple[tuple[Any, Any, tuple[str, ...]], ...] = ()
    fields: dict[str, forms.Field]

    def groups(self) -> list[tuple[Any, Any, list[forms.BoundField]]]:
        return [
            (legend, hint, [self[name] for name in names if name in self.fields])  # type: ignore[index]
            for legend, hint, names in self.GROUPS
        ]


OFFER_FIELDS = (
    "name", "summary", "description", "eligibility", "required_documents", "cost", "cost_note",
    "min_age", "max_age", "website", "contact_name", "contact_phone", "contact_email",
)  # fmt: skip


class OfferForm(Grouped, forms.ModelForm):
    """All HSDS fields of an offer, its topics and languages, its provider (picked, or a new one
    named by editors of the portal), and "Ich habe alle Angaben geprüft"."""

    GROUPS = (
        (_("Das Angebot"), _("Auf Deutsch, in einfachen Worten: Die Übersetzungen entstehen "
                            "daraus, Abschnitt für Abschnitt."),
         ("name", "summary", "description", "topics")),
        (_("Für wen und was es kostet"), "",
         ("eligibility", "min_age", "max_age", "required_documents", "cost", "cost_note")),
        (_("Anbieter, Kontakt und Sprachen"), _("Die Kontaktadresse bekommt regelmäßig die "
                                                "Frage „Ist das noch richtig?“."),
         ("provider", "new_provider", "contact_name", "contact_phone", "contact_email", "website",
          "languages")),
        (_("Prüfung"), "", ("checked",)),
    )  # fmt: skip

    topics = forms.MultipleChoiceField(
        label=_("Worum geht es?"), choices=Topic.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Danach suchen Lesende. Wählen Sie alle passenden Themen."),
    )  # fmt: skip
    languages = forms.MultipleChoiceField(
        label=_("Diese Sprachen spricht das Team"), choices=language_choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    provider = forms.ModelChoiceField(
        label=_("Anbieter"), queryset=Provider.objects.none(), required=False,
        empty_label=_("– bitte wählen –"),
    )  # fmt: skip
    new_provider = forms.CharField(
        label=_("… oder neuer Anbieter"), max_length=160, required=False,
        help_text=_("Nur wenn der Anbieter noch nicht in der Liste steht."),
    )  # fmt: skip
    website = website_field()
    checked = forms.BooleanField(
        label=_("Ich habe alle Angaben geprüft."), required=False,
        help_text=_("Setzt „Zuletzt geprüft“ auf heute."),
    )  # fmt: skip

    class Meta:
        model = Offer
        fields = OFFER_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "required_documents": forms.Textarea(attrs={"rows": 3}),
            "cost": forms.RadioSelect,
            "min_age": NumberInput,
            "max_age": NumberInput,
        }
        help_texts = {
            "summary": _("Ein Satz, der in der Liste steht: Was, für wen, wie oft."),
            "min_age": _("Leer lassen, wenn das Alter keine Rolle spielt."),
            "contact_name": _("Am besten eine Stelle (z. B. „Migrationsberatung“), keine Person."),
        }

    def __init__(
        self, *args: Any, providers: QuerySet[Provider], may_add_provider: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        self.fields["contact_phone"].validators.append(validate_phone)
        self.fields["contact_phone"].widget.input_type = "tel"
        for name in ("min_age", "max_age"):
            self.fields[name].widget.attrs.update({"min": 0, "max": MAX_AGE})
            self.fields[name].validators.append(MaxValueValidator(MAX_AGE))
        if not may_add_provider:
            del self.fields["new_provider"]
            self.fields["provider"].required = True
        if self.instance.pk is not None:
            self.fields["checked"].label = _("Ich habe alle Angaben geprüft. Sie stimmen.")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and high < low:
            self.add_error("max_age", _("„bis Alter“ muss mindestens „ab Alter“ sein."))
        if "new_provider" in self.fields:
            named = (data.get("new_provider") or "").strip()
            if named and data.get("provider"):
                self.add_error(
                    "new_provider",
                    _("Bitte wählen Sie einen Anbieter aus der Liste oder nennen Sie einen neuen – "
                      "nicht beides."),
                )  # fmt: skip
            elif not named and not data.get("provider") and "provider" not in self.errors:
                self.add_error("provider", _("Bitte wählen Sie den Anbieter."))
        return data

    def values(self) -> dict[str, Any]:
        """The offer's own fields, for the services."""
        return {name: self.cleaned_data[name] for name in OFFER_FIELDS}


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Das Angebot ist"), choices=Offer.Status.choices, widget=forms.RadioSelect
    )
    closed_until = forms.DateField(
        label=_("geschlossen bis einschließlich"), required=False, widget=DateInput(),
        help_text=_("Nur bei „vorübergehend geschlossen“: Danach zeigt das Portal das Angebot "
                    "wieder als geöffnet."),
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("status") == Offer.Status.CLOSED:
            until = data.get("closed_until")
            if until is None and "closed_until" not in self.errors:
                self.add_error("closed_until", _("Bitte geben Sie an, bis wann geschlossen ist."))
            elif until is not None and until < timezone.localdate():
                self.add_error("closed_until", _("Das Datum liegt in der Vergangenheit."))
        return data


class EditorFilterForm(forms.Form):
    """The editor's list filters; an invalid one is shown with its error and left out."""

    STATUS = (
        ("", _("alle")), ("active", _("aktiv")), ("closed", _("vorübergehend geschlossen")),
        ("ended", _("beendet")), ("draft", _("nicht veröffentlicht")),
    )  # fmt: skip
    ATTENTION = (
        ("", _("alle")), ("due", _("Prüfung fällig")), ("flagged", _("als ungeprüft gemeldet")),
        ("reports", _("mit offenen Hinweisen")),
    )  # fmt: skip

    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS, required=False)
    attention = forms.ChoiceField(label=_("Zu tun"), choices=ATTENTION, required=False)
    topic = forms.ChoiceField(
        label=_("Thema"), choices=[("", _("alle")), *Topic.choices], required=False
    )
    provider = forms.ModelChoiceField(
        label=_("Anbieter"), queryset=Provider.objects.none(), required=False,
        empty_label=_("alle"),
    )  # fmt: skip

    def __init__(self, *args: Any, providers: QuerySet[Provider], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.fields if data.get(name)}
