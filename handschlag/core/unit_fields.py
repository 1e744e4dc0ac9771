"""The two unit fields of a form ("Einheit (Mehrzahl)" and "(Einzahl)"): suggestions of known
pairs, the missing form filled in from them, and clear errors (handschlag.core.units).

A form with the model fields `unit` (plural) and `unit_singular` mixes in `UnitFieldsMixin`,
calls `set_up_unit_fields()` in `__init__` and `clean_unit_pair(data)` in `clean()`. With
JavaScript (unit-fields.js) the singular is filled in while the plural is typed; without it the
form does the same when it is sent.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import units


class UnitInput(forms.TextInput):
    """A text field with a list of suggestions (`<datalist>`); each suggestion carries the other
    form of the unit (`data-other`) so the script can fill in the second field."""

    template_name = "core/widgets/unit_input.html"

    def __init__(self, *, plural: bool, attrs: dict[str, Any] | None = None) -> None:
        role = "data-unit-plural" if plural else "data-unit-singular"
        super().__init__(attrs={"autocomplete": "off", role: "", **(attrs or {})})
        self.plural = plural

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["list_id"] = f"{widget['attrs'].get('id') or name}-units"
        widget["attrs"]["list"] = widget["list_id"]
        widget["units"] = [
            (plural, singular) if self.plural else (singular, plural)
            for singular, plural in units.KNOWN_UNITS
        ]
        return context


class UnitFieldsMixin:
    """For a ModelForm with the fields `unit` and `unit_singular`."""

    fields: dict[str, forms.Field]

    def set_up_unit_fields(self, *, example: str = "Tablets") -> None:
        plural, singular = self.fields["unit"], self.fields["unit_singular"]
        plural.label = _("Einheit (Mehrzahl)")
        plural.help_text = _(
            "Wie es nach einer Zahl wie 10 heißt, z. B. Plätze, Stunden, %(example)s. "
            "Leer lassen, wenn Stück gemeint ist."
        ) % {"example": example}
        plural.widget = UnitInput(plural=True, attrs={"maxlength": 40})
        singular.label = _("Einheit (Einzahl)")
        singular.help_text = _(
            "Wie es nach 1 heißt, z. B. Platz, Stunde. Bei bekannten Einheiten füllen wir es aus."
        )
        singular.widget = UnitInput(plural=False, attrs={"maxlength": 40})

    def clean_unit_pair(self, data: dict[str, Any]) -> None:
        """Check both forms and fill in the missing one from a known pair (in `data`)."""
        add_error = self.add_error  # type: ignore[attr-defined]
        plural = (data.get("unit") or "").strip()
        singular = (data.get("unit_singular") or "").strip()
        for name, value in (("unit", plural), ("unit_singular", singular)):
            if units.starts_with_number(value):
                add_error(
                    name,
                    _("Bitte nur die Einheit, ohne Zahl – die Menge steht im Feld davor."),
                )
                return
        if plural and not singular:
            singular = units.known_singular(plural) or ""
            if not singular and (corrected := units.known_plural(plural)):
                # the singular typed as the plural ("Raum"): both forms are known
                singular, plural = plural, corrected
            if not singular:
                add_error(
                    "unit_singular",
                    _("Bitte geben Sie an, wie es nach 1 heißt, z. B. „1 Platz“ zu „Plätze“."),
                )
                return
        elif singular and not plural:
            plural = units.known_plural(singular) or ""
            if not plural:
                add_error(
                    "unit",
                    _("Bitte geben Sie auch die Mehrzahl an, z. B. „10 Plätze“ zu „Platz“."),
                )
                return
        data["unit"], data["unit_singular"] = plural, singular
