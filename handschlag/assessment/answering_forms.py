"""Forms of the answering part: starting a round, adding a respondent group, handing areas to
someone, and one form per question (its value, "trifft nicht zu", the evidence)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from handschlag.accounts.models import User
from handschlag.core.localized import pick

from .answering import AnswerInput
from .answering_evidence import checked_upload
from .models import Answer, Area, Assessment, Framework, Question, RespondentGroup

NOT_APPLICABLE = "na"
FIELDS = ("value", "na", "note", "link", "evidence", "remove_evidence")
OPTION_KINDS = (Question.Kind.YES_PARTLY_NO, Question.Kind.SCALE, Question.Kind.CHOICE)


class FrameworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Framework) -> str:
        return f"{pick(obj.title)} ({_('Version')} {obj.version})"


class StartForm(forms.Form):
    title = forms.CharField(
        label=_("Titel der Runde"),
        max_length=160,
        required=False,
        help_text=_("Leer lassen für „Standortbestimmung“ und das laufende Jahr."),
        widget=forms.TextInput(attrs={"placeholder": _("Standortbestimmung")}),
    )
    framework = FrameworkChoiceField(
        label=_("Fragebogen"), queryset=Framework.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, frameworks: list[Framework], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["framework"])
        field.queryset = Framework.objects.filter(pk__in=[f.pk for f in frameworks])
        if frameworks:
            field.initial = frameworks[0].pk
        if len(frameworks) < 2:  # nothing to choose: the one there is
            field.widget = forms.HiddenInput()


class GroupForm(forms.Form):
    name = forms.CharField(
        label=_("Name der Gruppe"),
        max_length=120,
        help_text=_("Zum Beispiel „Migrantenorganisationen“ oder „Integrationsbeirat“."),
    )
    kind = forms.ChoiceField(label=_("Art"), choices=RespondentGroup.Kind.choices)


class ColleagueField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name())


class AreasField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return pick(obj.title)


class DelegationForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Gruppe"), queryset=RespondentGroup.objects.none(), empty_label=None
    )
    areas = AreasField(
        label=_("Handlungsfelder"),
        queryset=Area.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte wählen Sie mindestens ein Handlungsfeld.")},
    )
    colleague = ColleagueField(
        label=_("Kolleg:in aus Ihrem Team"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("– niemand aus dem Team –"),
        help_text=_("Mitglieder Ihrer Organisation; sie werden benachrichtigt."),
    )
    email = forms.EmailField(
        label=_("oder E-Mail-Adresse einer Partnerin oder eines Partners"),
        required=False,
        help_text=_(
            "Zum Beispiel eine Migrantenorganisation oder ein Verein. Die Person bekommt einen "
            "Link; sie meldet sich an oder legt ein Konto an und nimmt die Einladung an."
        ),
    )

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["group"]).queryset = assessment.groups.order_by(
            "pk"
        )
        cast(
            forms.ModelChoiceField, self.fields["areas"]
        ).queryset = assessment.framework.areas.order_by("position", "pk")
        cast(forms.ModelChoiceField, self.fields["colleague"]).queryset = User.objects.filter(
            memberships__organisation=assessment.organisation, is_active=True
        ).order_by("first_name", "last_name", "email")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("colleague")) == bool(data.get("email")):
            raise ValidationError(
                _(
                    "Wählen Sie entweder eine Person aus Ihrem Team oder geben Sie die "
                    "E-Mail-Adresse einer Partnerin oder eines Partners an."
                ),
                code="whom",
            )
        return data


class AnswerForm(forms.Form):
    """One question: `value` fits its kind (radio buttons for options, a number, a text);
    `na` is "trifft nicht zu" for number and text questions (for options it is a radio)."""

    note = forms.CharField(
        label=_("Beleg oder Anmerkung"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # a text field: a wrong address sent back must stay valid HTML (type=url would not)
    link = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.TextInput(attrs={"inputmode": "url"}),
    )
    evidence = forms.FileField(
        label=_("Datei"),
        required=False,
        help_text=_("PDF, Bild oder Office-Dokument, höchstens 8 MB."),
    )

    def __init__(
        self,
        *args: Any,
        question: Question,
        answer: Answer | None,
        autosave_url: str = "",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", f"q{question.pk}")
        kwargs.setdefault("initial", _initial(question, answer))
        super().__init__(*args, **kwargs)
        self.question = question
        self.answer = answer
        kind = question.kind
        if kind in OPTION_KINDS:
            choices = [(str(o.pk), pick(o.label)) for o in question.options.all()]
            if question.allows_not_applicable:
                choices.append((NOT_APPLICABLE, str(_("trifft auf uns nicht zu"))))
            self.fields["value"] = forms.ChoiceField(
                label=_("Ihre Antwort"),
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )
        elif kind == Question.Kind.NUMBER:
            unit = pick(question.number_unit)
            self.fields["value"] = forms.DecimalField(
                label=_("Zahl (%(unit)s)") % {"unit": unit} if unit else _("Zahl"),
                required=False,
                min_value=0,
                max_digits=12,
                decimal_places=2,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
        else:
            self.fields["value"] = forms.CharField(
                label=_("Ihre Antwort"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        if kind not in OPTION_KINDS and question.allows_not_applicable:
            self.fields["na"] = forms.BooleanField(
                label=_("trifft auf uns nicht zu"), required=False
            )
        if answer is not None and answer.evidence:
            self.fields["remove_evidence"] = forms.BooleanField(
                label=_("Datei entfernen"), required=False
            )
        self.order_fields(list(FIELDS))
        if autosave_url:  # typing saves after a pause; choices save on change (the fieldset)
            for name in ("value", "note", "link"):
                widget = self.fields[name].widget
                if not isinstance(widget, forms.RadioSelect):
                    widget.attrs.update(
                        {"data-hx-post": autosave_url, "data-hx-trigger": "input delay:1500ms"}
                    )

    @property
    def param_names(self) -> str:
        """The names this question's fields send (htmx sends these, and only these; the
        file's "remove" box appears once a file is there)."""
        return ",".join(self.add_prefix(name) for name in FIELDS)

    def problems(self) -> list[str]:
        """Every error with the label of its field, for the status line."""
        return [
            f"{self.fields[name].label}: {message}" if name in self.fields else str(message)
            for name, messages in self.errors.items()
            for message in messages
        ]

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data.get("evidence")
        return checked_upload(upload) if upload else None

    def to_input(self) -> AnswerInput:
        data = self.cleaned_data
        value = data.get("value")
        option_id = number = None
        text = ""
        na = bool(data.get("na"))
        if self.question.kind in OPTION_KINDS:
            na = value == NOT_APPLICABLE
            option_id = int(value) if value and not na else None
        elif self.question.kind == Question.Kind.NUMBER:
            number = value
        else:
            text = (value or "").strip()
        return AnswerInput(
            option_id=option_id,
            number=number,
            text=text,
            not_applicable=na,
            note=data.get("note", "").strip(),
            link=data.get("link", ""),
            evidence=data.get("evidence"),
            remove_evidence=bool(data.get("remove_evidence")),
        )


def _initial(question: Question, answer: Answer | None) -> dict[str, Any]:
    if answer is None:
        return {}
    value: Any
    if question.kind in OPTION_KINDS:
        value = (
            NOT_APPLICABLE
            if answer.not_applicable
            else (str(answer.option_id) if answer.option_id else "")
        )
    elif question.kind == Question.Kind.NUMBER:
        value = answer.number
        if value is not None and value == value.to_integral_value():
            value = int(value)  # "12", not "12,00"
    else:
        value = answer.text
    return {
        "value": value,
        "na": answer.not_applicable,
        "note": answer.note,
        "link": answer.link,
    }
