from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .registry import notification_kinds


class EmailPreferencesForm(forms.Form):
    """One checkbox per registered kind ("E-Mail bei: …"), all on unless opted out, shown in
    groups (one fieldset per group, see `groups`)."""

    def __init__(self, *args: Any, disabled_kinds: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in notification_kinds:
            self.fields[kind.key] = forms.BooleanField(
                label=_("E-Mail bei: %(kind)s") % {"kind": kind.label},
                required=False,
                initial=kind.key not in disabled_kinds,
            )

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The checkboxes by preference group, groups in the order they were registered."""
        grouped: dict[str, list[forms.BoundField]] = {}
        for kind in notification_kinds:
            grouped.setdefault(str(kind.group), []).append(self[kind.key])
        return list(grouped.items())

    def enabled_kinds(self) -> set[str]:
        return {kind for kind, enabled in self.cleaned_data.items() if enabled}
