"""Forms of the round pages: the proposal list's filters, rejecting a proposal, a swap by
hand, the pool of a new round."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ExcludedPair, Proposal, Site

VIEWS = [("vorschlaege", _("Vorschläge")), ("uebrig", _("Ohne Vorschlag"))]
DECISIONS = [
    ("", _("alle")),
    ("offen", _("noch offen")),
    ("angenommen", _("angenommen")),
    ("abgelehnt", _("abgelehnt")),
    ("von-hand", _("von Hand getauscht")),
]
DECISION_FILTERS: dict[str, dict[str, Any]] = {
    "offen": {"state": Proposal.State.PROPOSED},
    "angenommen": {"state": Proposal.State.ACCEPTED},
    "abgelehnt": {"state": Proposal.State.REJECTED},
    "von-hand": {"manual": True},
}


class RoundFilterForm(forms.Form):
    """Which proposals (or leftovers) the round page lists. A field with an error is left out
    (its error is shown); the others still apply."""

    ansicht = forms.ChoiceField(label=_("Anzeigen"), choices=VIEWS, required=False)
    standort = forms.TypedChoiceField(
        label=_("Standort der Mentee"), coerce=int, required=False, empty_value=None
    )
    entscheidung = forms.ChoiceField(label=_("Entscheidung"), choices=DECISIONS, required=False)

    def __init__(self, data: Any, *, sites: Sequence[Site]) -> None:
        super().__init__(data)
        self.fields["standort"].choices = [  # type: ignore[attr-defined]
            ("", _("alle Standorte")),
            *((site.pk, site.name) for site in sites),
        ]
        if len(sites) < 2:
            del self.fields["standort"]

    def value(self, name: str) -> Any:
        if name not in self.fields or self.errors.get(name):
            return None
        return self.cleaned_data.get(name) or None


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Warum passt dieses Paar nicht?"),
        choices=ExcludedPair.Reason.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anmerkung (nur für die Koordination)"),
        max_length=300,
        required=False,
    )


class SwapForm(forms.Form):
    """Another mentor for the proposal's mentee, or the mentors of two proposals exchanged."""

    mentor = forms.TypedChoiceField(
        label=_("Andere Mentor:in"), coerce=int, required=False, empty_value=None
    )
    other = forms.TypedChoiceField(
        label=_("Mit den Mentor:innen eines anderen Vorschlags tauschen"),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(
        self,
        data: Any = None,
        *,
        mentors: Sequence[tuple[str, Sequence[tuple[int, str]]]],
        others: Sequence[tuple[int, str]],
    ) -> None:
        super().__init__(data)
        self.fields["mentor"].choices = [("", "—"), *mentors]  # type: ignore[attr-defined]
        self.fields["other"].choices = [("", "—"), *others]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and (data.get("mentor") is None) == (data.get("other") is None):
            raise forms.ValidationError(
                _("Wählen Sie entweder eine andere Mentor:in oder einen Vorschlag zum Tauschen.")
            )
        return data
