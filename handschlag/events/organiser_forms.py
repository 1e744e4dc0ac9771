"""Forms of the organiser's side: the door, the closing report, the message to all."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import organiser_messages
from .models import CODE_LENGTH, EventPhoto
from .report import OUTCOME_MAX


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=CODE_LENGTH + 6,
        help_text=_("Die sechs Zeichen aus der Anmeldebestätigung, z. B. ABC234."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "door-code",
                "enterkeyhint": "go",
                # a page for one task at the door: the cursor waits in the field
                "autofocus": True,
            }
        ),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund (die Person erfährt ihn)"),
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Betreff"), max_length=organiser_messages.SUBJECT_MAX)
    text = forms.CharField(
        label=_("Nachricht"),
        max_length=organiser_messages.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    include_waiting = forms.BooleanField(label=_("auch an alle auf der Warteliste"), required=False)


class ReportForm(forms.Form):
    """What came out of it, and up to three new photos at a time, each with a description."""

    PHOTO_SLOTS = 3

    outcome = forms.CharField(
        label=_("Was ist herausgekommen?"),
        max_length=OUTCOME_MAX,
        required=False,
        help_text=_("Ergebnisse, Verabredungen, nächste Schritte – so, dass andere Orte davon "
                    "lernen können. Bitte keine Namen von Teilnehmenden."),
        widget=forms.Textarea(attrs={"rows": 10}),
    )  # fmt: skip

    def __init__(self, *args: Any, taken: int = 0, **kwargs: Any) -> None:
        """`taken`: the photos the event has; the new ones are numbered after them (the page
        lists "Foto 1 entfernen" above, so a second "Foto 1" would be a different one)."""
        super().__init__(*args, **kwargs)
        for number in range(1, min(self.PHOTO_SLOTS, free_photo_slots(taken)) + 1):
            shown = taken + number
            self.fields[f"photo_{number}"] = forms.ImageField(
                label=_("Foto %(number)d") % {"number": shown},
                required=False,
                help_text=_("JPEG, PNG oder WebP; Ortsangaben im Bild werden entfernt."),
            )
            self.fields[f"alt_{number}"] = forms.CharField(
                label=_("Was ist auf Foto %(number)d zu sehen?") % {"number": shown},
                required=False,
                max_length=200,
            )

    def photos(self) -> tuple[list[Any], list[str]]:
        uploads, alts = [], []
        for number in range(1, self.PHOTO_SLOTS + 1):
            upload = self.cleaned_data.get(f"photo_{number}")
            if upload:
                uploads.append(upload)
                alts.append(self.cleaned_data.get(f"alt_{number}", ""))
        return uploads, alts


def free_photo_slots(count: int) -> int:
    return max(0, EventPhoto.MAX_PER_EVENT - count)
