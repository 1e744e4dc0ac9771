"""The languages an event can be held in or interpreted into: ISO 639 codes with each
language's own name (a person looking for their language recognises it in its own script).
The list is the platform's (handschlag.core.languages)."""

from __future__ import annotations

from handschlag.core import languages

# code → native name; German first, then the languages most asked for in local integration work
LANGUAGES: tuple[tuple[str, str], ...] = tuple(
    (language.code, language.native) for language in languages.LANGUAGES
)
NATIVE_NAMES = dict(LANGUAGES)


def language_name(code: str) -> str:
    """The language's own name; an unknown code is shown as it is."""
    return languages.native_name(code)


def language_names(codes: list[str]) -> list[str]:
    return [language_name(code) for code in codes]
