from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from handschlag.core.languages import reading_language, ui_language_choices
from handschlag.places.forms import MunicipalityChoiceField

from .models import User


class SignupForm(forms.Form):
    """Extra fields on allauth's signup: the name shown as "first name + initial"."""

    first_name = forms.CharField(label=_("Vorname"), max_length=80)
    last_name = forms.CharField(
        label=_("Nachname"),
        max_length=80,
        required=False,
        help_text=_("Öffentlich erscheint nur der erste Buchstabe."),
    )
    privacy = forms.BooleanField(
        label=_("Ich habe die Datenschutzhinweise gelesen und bin einverstanden."), required=True
    )

    def signup(self, request: object, user: object) -> None:
        user.first_name = self.cleaned_data["first_name"]  # type: ignore[attr-defined]
        user.last_name = self.cleaned_data["last_name"]  # type: ignore[attr-defined]
        user.preferred_language = reading_language()  # type: ignore[attr-defined]
        user.save()  # type: ignore[attr-defined]


class ProfileForm(forms.ModelForm):
    """What a person may change about themselves (the email address is managed by allauth)."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "municipality", "preferred_language"]
        field_classes = {"municipality": MunicipalityChoiceField}  # typed, not 10,800 options
        help_texts = {
            "last_name": _("Öffentlich erscheint nur der erste Buchstabe."),
            "municipality": format_lazy(
                "{}. {}",
                _("Name der Stadt oder Gemeinde"),
                _("Hilft uns, Ihnen Versprechen in Ihrer Nähe zu zeigen."),
            ),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["first_name"].required = True
        self.fields["preferred_language"] = forms.ChoiceField(
            label=_("Sprache für E-Mails"), choices=ui_language_choices
        )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Ihr Passwort zur Bestätigung"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: object, user: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):  # type: ignore[attr-defined]
            raise forms.ValidationError(_("Das Passwort ist nicht richtig."))
        return password
