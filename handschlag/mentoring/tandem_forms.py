"""Forms of tandem life and surveys: they validate input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.core.widgets import DateInput

from . import surveys
from .models import Meeting, SurveyInvitation, Tandem
from .tandems import end_reasons


def _not_in_future(value: Any) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("Das Datum darf nicht in der Zukunft liegen."))


class ActivateForm(forms.Form):
    started_on = forms.DateField(
        label=_("Wann haben sich die beiden kennengelernt?"),
        widget=DateInput(),
        validators=[_not_in_future],
        help_text=_("Ab diesem Tag zählt das Tandem als begonnen (auch in der Statistik)."),
    )


class PauseForm(forms.Form):
    comment = forms.CharField(
        label=_("Warum und wie lange? (nur für die Koordination)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EndForm(forms.Form):
    reason = forms.ChoiceField(label=_("Warum endet das Tandem?"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Möchten Sie noch etwas dazu sagen? (nur für die Koordination)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, tandem: Tandem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [  # type: ignore[attr-defined]
            (reason.value, reason.label) for reason in end_reasons(tandem)
        ]


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DateInput(), validators=[_not_in_future])
    duration_minutes = forms.IntegerField(
        label=_("Dauer in Minuten"), min_value=5, max_value=24 * 60, initial=60
    )
    kind = forms.ChoiceField(
        label=_("Was haben Sie gemacht?"), choices=Meeting.Kind.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Kurze Notiz (freiwillig)"),
        max_length=300,
        required=False,
        help_text=_(
            "Beide Seiten und die Koordination sehen die Notiz. Bitte schreiben Sie nichts "
            "Vertrauliches hinein; zwei Jahre nach dem Ende des Tandems wird sie gelöscht."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProblemForm(forms.Form):
    text = forms.CharField(
        label=_("Was ist los?"),
        max_length=2000,
        help_text=_("Das liest nur die Koordination, nicht die andere Seite des Tandems."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class SurveyForm(forms.Form):
    """The questions of one invitation's survey; every question may be skipped."""

    def __init__(self, *args: Any, invitation: SurveyInvitation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in surveys.questions_for(invitation):
            if question.kind == surveys.LIKERT:
                self.fields[question.key] = forms.TypedChoiceField(
                    label=str(question.text),
                    choices=[(str(n), label) for n, label in surveys.SCALE],
                    coerce=int,
                    required=False,
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[question.key] = forms.CharField(
                    label=str(question.text),
                    max_length=1000,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
