from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FederalState


class MunicipalityFilterForm(forms.Form):
    q = forms.CharField(label=_("Name oder Gemeindeschlüssel"), required=False, max_length=120)
    state = forms.ChoiceField(
        label=_("Bundesland"),
        required=False,
        choices=[("", _("alle Bundesländer")), *FederalState.choices],
    )
