"""The languages a mentor or mentee can name, with gettext names (the codes of the matching
engine's labels, so its explanations and these names agree), and the levels they speak them at.
"""

from __future__ import annotations

from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext_lazy as _

from .models import LanguageLevel

# German and the languages asked for most in local integration work first, then the others
# in alphabetical order of their German names.
LANGUAGES: tuple[tuple[str, str | LazyText], ...] = (
    ("de", _("Deutsch")),
    ("ar", _("Arabisch")),
    ("uk", _("Ukrainisch")),
    ("ru", _("Russisch")),
    ("fa", _("Farsi")),
    ("prs", _("Dari")),
    ("tr", _("Türkisch")),
    ("en", _("Englisch")),
    ("ps", _("Paschtu")),
    ("ku", _("Kurdisch")),
    ("kmr", _("Kurmandschi")),
    ("ckb", _("Sorani")),
    ("ti", _("Tigrinya")),
    ("so", _("Somali")),
    ("fr", _("Französisch")),
    ("sq", _("Albanisch")),
    ("am", _("Amharisch")),
    ("hy", _("Armenisch")),
    ("az", _("Aserbaidschanisch")),
    ("bn", _("Bengalisch")),
    ("bs", _("Bosnisch")),
    ("bg", _("Bulgarisch")),
    ("zh", _("Chinesisch")),
    ("ka", _("Georgisch")),
    ("el", _("Griechisch")),
    ("ha", _("Hausa")),
    ("hi", _("Hindi")),
    ("it", _("Italienisch")),
    ("hr", _("Kroatisch")),
    ("pl", _("Polnisch")),
    ("pt", _("Portugiesisch")),
    ("ro", _("Rumänisch")),
    ("sr", _("Serbisch")),
    ("es", _("Spanisch")),
    ("sw", _("Suaheli")),
    ("ta", _("Tamil")),
    ("ur", _("Urdu")),
    ("vi", _("Vietnamesisch")),
)
NAMES = dict(LANGUAGES)
LEVELS = dict(LanguageLevel.choices)


def language_name(code: str) -> str:
    """The language's name in the reader's language; an unknown code as it is."""
    return str(NAMES.get(code, code))


def spoken(languages: list[dict[str, str]]) -> str:
    """ "Arabisch (Muttersprache), Deutsch (Grundkenntnisse)" for a profile's languages."""
    return ", ".join(
        f"{language_name(entry.get('code', ''))} ({LEVELS.get(entry.get('level', ''), '')})"
        if entry.get("level") in LEVELS
        else language_name(entry.get("code", ""))
        for entry in languages
    )
