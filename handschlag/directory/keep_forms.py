"""Forms of keeping offers current."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OfferCheck


class CheckAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Ihre Antwort"), choices=OfferCheck.Answer.choices, widget=forms.RadioSelect
    )
    correction = forms.CharField(
        label=_("Was stimmt nicht? (bei Korrektur oder Ende)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
