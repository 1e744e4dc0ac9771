from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from handschlag.accounts.models import User
from handschlag.audit.registry import moderation_verbs

from .models import AbuseReport


class OptionalCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RequiredCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sagen Sie, was geändert werden muss; die Person bekommt den Text."),
        error_messages={"required": _("Bitte begründen Sie Ihre Entscheidung.")},
    )


class AbuseReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Grund"), choices=AbuseReport.Reason.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Was ist das Problem?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Bitte nennen Sie keine persönlichen Daten anderer Personen."),
    )


class AbuseDecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Begründung"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Was haben Sie getan oder warum verwerfen Sie die Meldung?"),
        error_messages={"required": _("Bitte begründen Sie Ihre Entscheidung.")},
    )


class ModeratorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # Staff see each other by public name here, as everywhere else.
        return str(obj.public_name)


class LogFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Aktion"), required=False)
    moderator = ModeratorChoiceField(
        label=_("Moderator:in"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("alle"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action = self.fields["action"]
        assert isinstance(action, forms.ChoiceField)
        action.choices = [("", _("alle Aktionen"))] + [
            (verb.key, verb.label) for verb in moderation_verbs()
        ]
        field = self.fields["moderator"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(is_moderator=True).order_by("first_name", "pk")
