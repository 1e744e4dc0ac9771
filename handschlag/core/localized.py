"""Texts that the platform ships as data (assessment frameworks, the measures library) in
several languages: one JSON object per text, {"de": "…", "en": "…"}.

German is the source and always present; a reader gets their UI language where it exists and
the German text otherwise. Content that users write and translate section by section (the
newcomer portal) has its own model; this is for curated data that is loaded from fixtures and
edited in the admin.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

SOURCE_LANGUAGE = "de"

LocalizedText = Mapping[str, str]


def pick(texts: LocalizedText | None, language: str | None = None) -> str:
    """The text in `language` (default: the active one), else German, else ""."""
    if not texts:
        return ""
    language = (language or translation.get_language() or SOURCE_LANGUAGE).split("-")[0]
    return texts.get(language) or texts.get(SOURCE_LANGUAGE) or ""


def validate_localized(value: Any) -> None:
    """A JSON text field's value: an object of language codes to strings, German present."""
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and isinstance(text, str) for key, text in value.items()
    ):
        raise ValidationError(_('Erwartet wird ein Objekt wie {"de": "…", "en": "…"}.'))
    if not value.get(SOURCE_LANGUAGE, "").strip():
        raise ValidationError(_("Der deutsche Text fehlt."))


def validate_localized_optional(value: Any) -> None:
    """Like `validate_localized`, but an empty object is allowed."""
    if value in ({}, None):
        return
    validate_localized(value)
