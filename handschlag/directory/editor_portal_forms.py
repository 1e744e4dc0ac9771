"""Forms of the portal as a whole: opening it, its settings, who translates it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from handschlag.organisations.models import Membership, Organisation

from .editor_forms import NumberInput
from .models import Portal


class PortalCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Das Portal pflegt"), queryset=Organisation.objects.none(), empty_label=None,
        help_text=_("Alle Mitglieder dieser Organisation können das Portal bearbeiten."),
    )  # fmt: skip
    welcome = forms.CharField(
        label=_("Begrüßung"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ein, zwei einfache Sätze oben auf der Startseite des Portals. Sie können sie "
                    "später ändern."),
    )  # fmt: skip

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])  # type: ignore[attr-defined]
        if len(organisations) == 1:
            field.initial = organisations[0].pk
            field.widget = forms.HiddenInput()


class PortalSettingsForm(forms.ModelForm):
    class Meta:
        model = Portal
        fields = ("welcome", "check_every_days", "flag_after_days")
        widgets = {
            "welcome": forms.Textarea(attrs={"rows": 3}),
            "check_every_days": NumberInput,
            "flag_after_days": NumberInput,
        }
        help_texts = {
            "welcome": _("Oben auf der Startseite des Portals, in einfachen Worten."),
            "check_every_days": _("So oft fragt das Portal die Kontaktadresse jedes Angebots "
                                  "„Ist das noch richtig?“ (30 bis 730 Tage)."),
            "flag_after_days": _("Bleibt die Frage so lange ohne Antwort, erscheint das Angebot "
                                 "hier als ungeprüft (7 bis 180 Tage)."),
        }  # fmt: skip


class TranslatorForm(forms.Form):
    membership = forms.ModelChoiceField(
        label=_("Mitglied"), queryset=Membership.objects.none(),
        empty_label=_("– bitte wählen –"),
    )  # fmt: skip

    def __init__(self, *args: Any, candidates: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        field.queryset = candidates  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: m.user.get_full_name()  # type: ignore[attr-defined]
