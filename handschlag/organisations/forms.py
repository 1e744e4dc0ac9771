from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from handschlag.places.forms import MunicipalityChoiceField
from handschlag.places.models import Municipality

from .models import Invitation, JoinRequest, Membership, Organisation


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=160)
    kind = forms.ChoiceField(
        label=_("Art"), required=False, choices=[("", _("alle Arten")), *Organisation.Kind.choices]
    )
    municipality = forms.ModelChoiceField(
        label=_("Ort"),
        required=False,
        empty_label=_("alle Orte"),
        # Only towns that have organisations: a short list instead of 10,800 options.
        queryset=Municipality.objects.filter(organisations__isnull=False).distinct(),
        to_field_name="slug",
    )


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "municipality", "description", "website"]
        field_classes = {"municipality": MunicipalityChoiceField}  # typed, not 10,800 options
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "municipality": _("Name der Stadt oder Gemeinde"),
            "kind": _(
                "„Kommune“ und „Träger“ bringen Befugnisse mit: Sie werden wirksam, sobald die "
                "Moderation die Organisation geprüft hat. Ändert sich die Art einer "
                "verifizierten Organisation, wird sie erneut geprüft."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.requested_kind:
            self.initial["kind"] = self.instance.requested_kind


class JoinRequestForm(forms.ModelForm):
    class Meta:
        model = JoinRequest
        fields = ["message"]
        labels = {"message": _("Nachricht an die Administrator:innen (optional)")}
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=Membership.Role.choices)


class DecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        choices=[("1", _("annehmen")), ("0", _("ablehnen"))], coerce=lambda v: v == "1"
    )


class ContactForm(forms.Form):
    function = forms.CharField(
        label=_("Funktion"), max_length=120,
        help_text=_("z. B. Integrationsbeauftragte:r, Koordination Ehrenamt"),
    )  # fmt: skip
    email = forms.EmailField(
        label=_("Dienstliche E-Mail-Adresse für Anfragen (freiwillig)"), required=False,
        help_text=_(
            "Wird öffentlich gezeigt. Leer lassen, wenn Anfragen über die Organisation laufen "
            "sollen."
        ),
    )  # fmt: skip
    consent = forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass mein Name, meine Funktion und die angegebene "
            "E-Mail-Adresse öffentlich als Ansprechperson dieser Organisation gezeigt werden. "
            "Ich kann das hier jederzeit zurücknehmen."
        )
    )
