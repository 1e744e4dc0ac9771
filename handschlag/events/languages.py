"""The languages an event can be held in or interpreted into: ISO 639 codes with each
language's own name (a person looking for their language recognises it in its own script)."""

from __future__ import annotations

# code → native name; German first, then the languages most asked for in local integration work
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("de", "Deutsch"),
    ("en", "English"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
    ("fa", "فارسی"),
    ("ps", "پښتو"),
    ("ku", "Kurdî"),
    ("ti", "ትግርኛ"),
    ("so", "Soomaali"),
    ("fr", "Français"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("pl", "Polski"),
    ("ro", "Română"),
    ("bg", "Български"),
    ("sq", "Shqip"),
    ("sr", "Српски"),
    ("vi", "Tiếng Việt"),
    ("zh", "中文"),
    ("dgs", "Deutsche Gebärdensprache"),
)
NATIVE_NAMES = dict(LANGUAGES)


def language_name(code: str) -> str:
    """The language's own name; an unknown code is shown as it is."""
    return NATIVE_NAMES.get(code, code)


def language_names(codes: list[str]) -> list[str]:
    return [language_name(code) for code in codes]
