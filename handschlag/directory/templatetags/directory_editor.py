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


def _day(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


@register.filter
def slot_text(slot: Any) -> str:
    """A weekly slot in words: "Montag 09:00–12:00 (ab 01.09.2025)"."""
    text = f"{slot.get_weekday_display()} {slot.opens_at:%H:%M}–{slot.closes_at:%H:%M}"
    start, end = slot.valid_from, slot.valid_to
    if start and end:
        validity = _("%(start)s bis %(end)s") % {"start": _day(start), "end": _day(end)}
    elif start:
        validity = _("ab %(date)s") % {"date": _day(start)}
    elif end:
        validity = _("bis %(date)s") % {"date": _day(end)}
    else:
        return text
    return f"{text} ({validity})"


@register.filter
def exception_text(item: Any) -> str:
    """Days that differ, in words: "24.12.2025 – 01.01.2026: geschlossen (Ferien)"."""
    text = _day(item.starts_on)
    if item.ends_on != item.starts_on:
        text += " – " + _day(item.ends_on)
    if item.closed:
        text += ": " + _("geschlossen")
    else:
        text += f": {item.opens_at:%H:%M}–{item.closes_at:%H:%M}"
    if item.note:
        text += f" ({item.note})"
    return text


@register.filter
def location_markers(location: Any) -> list[dict[str, Any]]:
    """A place as the markers of core's map include (`{% marker_map markers %}`): one, or none
    while it has no coordinates."""
    if location is None or location.latitude is None or location.longitude is None:
        return []
    return [
        {"title": location.name, "url": "", "lat": location.latitude, "lon": location.longitude}
    ]
