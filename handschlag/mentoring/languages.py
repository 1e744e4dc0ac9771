"""The languages of a mentoring profile: the platform's list (handschlag.core.languages), each
offered as "Arabisch – العربية" so that a newcomer finds their language in its own script, and
the levels they speak them at."""

from __future__ import annotations

from django.utils.functional import lazy

from handschlag.core.languages import BY_CODE, language_name
from handschlag.core.languages import LANGUAGES as PLATFORM_LANGUAGES

from .models import LanguageLevel

# German Sign Language is a language of events, not of a tandem profile
SPOKEN = tuple(language for language in PLATFORM_LANGUAGES if language.code != "dgs")


def _choice_label(code: str) -> str:
    language = BY_CODE[code]
    name = str(language.name)
    return name if name == language.native else f"{name} – {language.native}"


choice_label = lazy(_choice_label, str)

LANGUAGES: tuple[tuple[str, str], ...] = tuple(
    (language.code, choice_label(language.code)) for language in SPOKEN
)
CODES = frozenset(language.code for language in SPOKEN)
LEVELS = dict(LanguageLevel.choices)


def spoken(languages: list[dict[str, str]]) -> str:
    """ "Arabisch (Muttersprache), Deutsch (Grundkenntnisse)" for a profile's languages."""
    return ", ".join(
        f"{language_name(entry.get('code', ''))} ({LEVELS[entry['level']]})"
        if entry.get("level") in LEVELS
        else language_name(entry.get("code", ""))
        for entry in languages
    )
