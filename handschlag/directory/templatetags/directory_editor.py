"""Template helpers of the editor's pages: language names, hours in words."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from handschlag.core.languages import language_name as _language_name
from handschlag.core.languages import native_name as _native_name

register = template.Library()


@register.filter
def native_name(code: str) -> str:
    """A language's own name ("العربية")."""
    return _native_name(code)


@register.filter
def language_name(code: str) -> str:
    """A language's name in the UI language ("Arabisch")."""
    return _language_name(code)


@register.filter
def slot_text(slot: Any) -> str:
    """A weekly slot in words: "Montag 09:00–12:00 (ab 01.09.2025)"."""
    text = f"{slot.get_weekday_display()} {slot.opens_at:%H:%M}–{slot.closes_at:%H:%M}"
    if slot.valid_from and slot.valid_to:
        text += (
            " ("
            + _("%(start)s bis %(end)s")
            % {
                "start": date_format(slot.valid_from, "SHORT_DATE_FORMAT"),
                "end": date_format(slot.valid_to, "SHORT_DATE_FORMAT"),
            }
            + ")"
        )
    elif slot.valid_from:
        text += (
            " ("
            + _("ab %(date)s") % {"date": date_format(slot.valid_from, "SHORT_DATE_FORMAT")}
            + ")"
        )
    elif slot.valid_to:
        text += (
            " ("
            + _("bis %(date)s") % {"date": date_format(slot.valid_to, "SHORT_DATE_FORMAT")}
            + ")"
        )
    return text


@register.filter
def exception_text(item: Any) -> str:
    """Days that differ, in words: "24.12.2025 – 01.01.2026: geschlossen (Ferien)"."""
    text = date_format(item.starts_on, "SHORT_DATE_FORMAT")
    if item.ends_on != item.starts_on:
        text += " – " + date_format(item.ends_on, "SHORT_DATE_FORMAT")
    if item.closed:
        text += ": " + _("geschlossen")
    else:
        text += f": {item.opens_at:%H:%M}–{item.closes_at:%H:%M}"
    if item.note:
        text += f" ({item.note})"
    return text
