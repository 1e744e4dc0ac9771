from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Message


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Ihre Nachricht"),
        max_length=Message.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Die andere Seite bekommt eine E-Mail mit dem Anfang Ihrer Nachricht."),
    )


class ContactReleaseForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"), required=False)
    phone = forms.CharField(
        label=_("Telefonnummer"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    consent = forms.BooleanField(label=_("Ich bin einverstanden (Text oben)."), required=True)

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone") and not self.errors:
            raise forms.ValidationError(
                _("Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.")
            )
        return data
