"""Forms of keeping offers current."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OfferCheck, ReaderReport


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


class ReaderReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Was stimmt nicht?"), choices=ReaderReport.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Hinweis (freiwillig)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
