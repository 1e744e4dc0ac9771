"""The languages people on the platform speak: newcomers, mentors, event organisers.

Codes are ISO 639 (two letters where they exist, three otherwise: "prs" Dari, "kmr"
Kurmanji, "ckb" Sorani, "dgs" German Sign Language). Each language has its name in the UI
language (gettext, German source) and its own name, in its own script, so that a person
looking for their language recognises it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    name: Promise | str  # in the active UI language
    native: str


# German first, then the languages most asked for in local integration work, then others.
LANGUAGES: tuple[Language, ...] = (
    Language("de", _("Deutsch"), "Deutsch"),
    Language("en", _("Englisch"), "English"),
    Language("ar", _("Arabisch"), "العربية"),
    Language("uk", _("Ukrainisch"), "Українська"),
    Language("ru", _("Russisch"), "Русский"),
    Language("tr", _("Türkisch"), "Türkçe"),
    Language("fa", _("Persisch (Farsi)"), "فارسی"),
    Language("prs", _("Dari"), "دری"),
    Language("ps", _("Paschtu"), "پښتو"),
    Language("ku", _("Kurdisch"), "Kurdî"),
    Language("kmr", _("Kurmandschi"), "Kurmancî"),
    Language("ckb", _("Sorani"), "سۆرانی"),
    Language("ti", _("Tigrinya"), "ትግርኛ"),
    Language("am", _("Amharisch"), "አማርኛ"),
    Language("so", _("Somali"), "Soomaali"),
    Language("fr", _("Französisch"), "Français"),
    Language("es", _("Spanisch"), "Español"),
    Language("it", _("Italienisch"), "Italiano"),
    Language("pt", _("Portugiesisch"), "Português"),
    Language("pl", _("Polnisch"), "Polski"),
    Language("ro", _("Rumänisch"), "Română"),
    Language("bg", _("Bulgarisch"), "Български"),
    Language("sq", _("Albanisch"), "Shqip"),
    Language("sr", _("Serbisch"), "Српски"),
    Language("bs", _("Bosnisch"), "Bosanski"),
    Language("hr", _("Kroatisch"), "Hrvatski"),
    Language("el", _("Griechisch"), "Ελληνικά"),
    Language("hy", _("Armenisch"), "Հայերեն"),
    Language("ka", _("Georgisch"), "ქართული"),
    Language("az", _("Aserbaidschanisch"), "Azərbaycan dili"),
    Language("vi", _("Vietnamesisch"), "Tiếng Việt"),
    Language("zh", _("Chinesisch"), "中文"),
    Language("hi", _("Hindi"), "हिन्दी"),
    Language("ur", _("Urdu"), "اردو"),
    Language("bn", _("Bengalisch"), "বাংলা"),
    Language("ta", _("Tamil"), "தமிழ்"),
    Language("sw", _("Swahili"), "Kiswahili"),
    Language("ha", _("Hausa"), "Hausa"),
    Language("dgs", _("Deutsche Gebärdensprache"), "Deutsche Gebärdensprache"),
)
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}


def language_name(code: str) -> str:
    """The language's name in the active UI language ("Arabisch", "Arabic"); an unknown code
    is shown as it is."""
    language = BY_CODE.get(code)
    return str(language.name) if language else code


def native_name(code: str) -> str:
    """The language's own name ("العربية"); an unknown code is shown as it is."""
    language = BY_CODE.get(code)
    return language.native if language else code
