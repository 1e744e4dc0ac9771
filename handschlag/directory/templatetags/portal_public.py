"""Template tags of the reader's pages: portal texts in the reader's language, marked where
they are shown in German; distances; phone numbers.

    {% load portal_public %}
    <h2>{% text offer.localized.name %}</h2>      inline, <span lang="de" dir="ltr"> if German
    {% paragraphs offer.localized.description %}   paragraphs, each marked the same way
    {{ offer.nearest.distance_km|km }}             "2,3 km" in the reader's number format
"""

from __future__ import annotations

import re

from django import template
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ..translation import SOURCE_LANGUAGE, Section

register = template.Library()

_BLANK_LINES = re.compile(r"\n\s*\n")


def _page_language(context: template.Context) -> str:
    """The language of the page around the text (the UI language, `<html lang>`); also with
    ?original=1, so that every German section of the original is marked as German."""
    language = context.get("ui_language") or translation.get_language() or SOURCE_LANGUAGE
    return str(language).split("-")[0].lower()


def _marks(section: Section | None, context: template.Context) -> str:
    """' lang="de" dir="ltr"' when the section is German on a page in another language."""
    if section is None or section.language == _page_language(context):
        return ""
    direction = "ltr" if section.language == SOURCE_LANGUAGE else "auto"
    return f' lang="{escape(section.language)}" dir="{direction}"'


@register.simple_tag(takes_context=True)
def text(context: template.Context, section: Section | str | None) -> SafeString:
    """One line of a portal text (a name, a heading), escaped; marked when in German. A plain
    string is only escaped."""
    if isinstance(section, str):
        return escape(section)
    if section is None or not section.text:
        return mark_safe("")
    marks = _marks(section, context)
    if not marks:
        return escape(section.text)
    return mark_safe(f"<span{marks}>{escape(section.text)}</span>")


@register.simple_tag(takes_context=True)
def paragraphs(context: template.Context, section: Section | None) -> SafeString:
    """A longer portal text as paragraphs (blank lines) with line breaks, escaped; each
    paragraph marked when in German."""
    if section is None or not section.text.strip():
        return mark_safe("")
    marks = _marks(section, context)
    normal = section.text.replace("\r\n", "\n").strip()
    parts = [part.strip() for part in _BLANK_LINES.split(normal) if part.strip()]
    html = "".join(
        f"<p{marks}>{'<br>'.join(escape(line) for line in part.split(chr(10)))}</p>"
        for part in parts
    )
    return mark_safe(html)


@register.simple_tag(takes_context=True)
def lang_marks(context: template.Context, section: Section | None) -> SafeString:
    """The attributes alone, for an element that holds a portal text: `<dd{% lang_marks s %}>`."""
    return mark_safe(_marks(section, context))


@register.filter
def km(distance: float | None) -> str:
    """A distance as readers say it: "800 m", "2,3 km", "14 km" (the reader's number format)."""
    if distance is None:
        return ""
    if distance < 0.95:
        metres = max(100, round(distance * 10) * 100)
        return gettext("%(m)s m") % {"m": number_format(metres, 0)}
    digits = 1 if distance < 10 else 0
    return gettext("%(km)s km") % {"km": number_format(round(distance, digits), digits)}


@register.simple_tag
def lang_attribute(code: str) -> str:
    """The language tag of a core.languages code (German Sign Language's name is German)."""
    return "de" if code == "dgs" else code


@register.simple_tag
def tel(phone: str) -> str:
    """A phone number as a tel: address ("+49 3675 123-45" → "+49367512345")."""
    digits = re.sub(r"[^\d]", "", phone or "")
    return ("+" if (phone or "").strip().startswith("+") else "") + digits


@register.simple_tag
def accessibility_label(key: str) -> str:
    """The words for one of a place's accessibility features ("" for an unknown key)."""
    from ..models import Accessibility

    return str(Accessibility(key).label) if key in Accessibility.values else ""


@register.simple_tag(takes_context=True)
def german(context: template.Context, value: str) -> SafeString:
    """A text that exists only in German (a note on closed days): marked as German on a page
    in another language."""
    if not value:
        return mark_safe("")
    if _page_language(context) == SOURCE_LANGUAGE:
        return escape(value)
    return mark_safe(f'<span lang="de" dir="ltr">{escape(value)}</span>')
