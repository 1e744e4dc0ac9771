"""The languages people on the platform speak: newcomers, mentors, event organisers.

Codes are ISO 639 (two letters where they exist, three otherwise: "prs" Dari, "kmr"
Kurmanji, "ckb" Sorani, "dgs" German Sign Language). Each language has its name in the UI
language (gettext, German source) and its own name, in its own script, so that a person
looking for their language recognises it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import Promise, lazy
from django.utils.translation import get_language, get_language_info
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


@dataclass(frozen=True, slots=True)
class UILanguage:
    """A language the interface speaks (settings.LANGUAGES), for the switcher: its own name in
    its own script, and its writing direction."""

    code: str
    native: str
    rtl: bool

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"


def ui_languages() -> list[UILanguage]:
    """The interface languages in the order of settings.LANGUAGES, each by its own name."""
    return [
        UILanguage(code, native_name(code), get_language_info(code)["bidi"])
        for code, _name in settings.LANGUAGES
    ]


def _ui_language_label(code: str) -> str:
    """ "Arabisch – العربية" in a German interface, "العربية" in an Arabic one (as the
    languages of a mentoring profile are offered)."""
    name, native = str(dict(settings.LANGUAGES).get(code, code)), native_name(code)
    return name if name == native else f"{name} – {native}"


def ui_language_choices() -> list[tuple[str, Promise | str]]:
    """settings.LANGUAGES as form choices for the language a person reads messages in, each
    by its name in the interface language and its own, so that a newcomer recognises theirs."""
    label = lazy(_ui_language_label, str)
    return [(code, label(code)) for code, _name in settings.LANGUAGES]


def reading_language() -> str:
    """The interface language now active (the one this request is read in), as the language
    to write to the reader in: a newcomer who signs up on the Arabic pages gets Arabic mail."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def reader_language(request: HttpRequest, language: str) -> str:
    """The language to show a page reached by a personal link in: the one this browser chose
    in the switcher, else the one the person gave us (`language`, e.g. what they registered
    in), else what the request would get anyway (Accept-Language, German)."""
    known = dict(settings.LANGUAGES)
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in known:
        return chosen
    if language in known:
        return language
    return reading_language()
