"""Forms of the coordination pages and the public site finder: filters that never fail a
page (a wrong value is ignored), the choice of a member to appoint."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from handschlag.places.forms import PlaceField, PlaceRadiusField
from handschlag.places.selectors import DEFAULT_RADIUS_KM

from .joining_selectors import ProfileFilters
from .languages import LANGUAGES
from .models import Carrier, Mentor, Programme, TandemKind


class ProfileFilterForm(forms.Form):
    """The filters of a site's mentor and mentee lists."""

    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    state = forms.ChoiceField(
        label=_("Status"), choices=[("", _("alle")), *Mentor.State.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Art"), choices=[("", _("alle Arten")), *TandemKind.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Sprache"), choices=[("", _("alle Sprachen")), *LANGUAGES], required=False
    )

    def filters(self) -> ProfileFilters:
        self.is_valid()
        data: dict[str, Any] = getattr(self, "cleaned_data", {})
        return ProfileFilters(
            state=data.get("state") or "",
            kind=data.get("kind") or "",
            language=data.get("language") or "",
            q=(data.get("q") or "").strip(),
        )


class SiteFinderForm(forms.Form):
    ort = PlaceField(
        label=_("Ihr Ort"),
        required=False,
        help_text=_("Stadt oder Gemeinde; beim Tippen erscheinen Vorschläge."),
    )
    umkreis = PlaceRadiusField(label=_("Umkreis"))
    programm = forms.ModelChoiceField(
        label=_("Programm"),
        queryset=Programme.objects.none(),
        required=False,
        empty_label=_("alle Programme"),
        to_field_name="slug",
    )

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None:
            data = data.copy()
            if not data.get("umkreis"):
                data["umkreis"] = str(DEFAULT_RADIUS_KM)
        super().__init__(data, *args, **kwargs)
        self.fields["programm"].queryset = Programme.objects.order_by("name")  # type: ignore[attr-defined]

    def search(self) -> dict[str, Any]:
        """What to look for; a field with an error is left out (its error is shown)."""
        self.is_valid()
        data: dict[str, Any] = getattr(self, "cleaned_data", {})
        return {
            "place": data.get("ort") or "",
            "radius_km": data.get("umkreis", DEFAULT_RADIUS_KM),
            "programme": data.get("programm"),
        }


class AppointForm(forms.Form):
    """Whom (a member of the carrier's organisation) to make coordinator of what."""

    membership = forms.TypedChoiceField(label=_("Person"), coerce=int)
    scope = forms.ChoiceField(label=_("Aufgabe"))

    def __init__(self, *args: Any, carrier: Carrier, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["membership"].choices = [  # type: ignore[attr-defined]
            (m.pk, f"{m.user.get_full_name()} ({m.user.email})") for m in members
        ]
        self.fields["scope"].choices = [  # type: ignore[attr-defined]
            ("carrier", _("Koordination des ganzen Trägers")),
            *[
                (str(site.pk), _("Koordination des Standorts %(site)s") % {"site": site.name})
                for site in carrier.sites.order_by("name")
            ],
        ]
