from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind


class EmailPreferencesForm(forms.Form):
    """One checkbox per kind of notification: "E-Mail bei …"; all on unless opted out."""

    def __init__(self, *args: Any, disabled_kinds: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.BooleanField(
                label=_("E-Mail bei: %(kind)s") % {"kind": kind.label},
                required=False,
                initial=kind.value not in disabled_kinds,
            )

    def enabled_kinds(self) -> set[str]:
        return {kind for kind, enabled in self.cleaned_data.items() if enabled}
