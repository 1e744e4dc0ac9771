from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Message


class ThreadForm(forms.Form):
    """The thread is part of its subject's page, beside the page's own forms (a report form has
    a "consent" too): its fields get ids of their own, e.g. "contact_consent"."""

    id_prefix = "thread"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class MessageForm(ThreadForm):
    id_prefix = "message"

    text = forms.CharField(
        label=_("Ihre Nachricht"),
        max_length=Message.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Die andere Seite bekommt eine E-Mail mit dem Anfang Ihrer Nachricht."),
    )


class ContactReleaseForm(ThreadForm):
    id_prefix = "contact"

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
