"""The consent a mentee gives (or a guardian for a child or young person), versioned.

A mentee's row keeps the version they agreed to (`Mentee.consent_version`); the text of every
version ever used stays here, so a coordinator can always show what exactly was agreed. A new
wording gets a new version id and becomes CURRENT; old ones are never changed or removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ConsentText:
    version: str
    title: str | LazyText
    paragraphs: tuple[str | LazyText, ...]


VERSIONS: dict[str, ConsentText] = {
    "2026-11": ConsentText(
        version="2026-11",
        title=_("Einwilligung zur Vermittlung einer Patenschaft"),
        paragraphs=(
            _(
                "Ich bin einverstanden, dass die Koordination des Standorts meine Angaben "
                "speichert, um eine passende Mentorin oder einen passenden Mentor für mich zu "
                "finden."
            ),
            _(
                "Die Koordination sieht alle meine Angaben. Eine Mentorin oder ein Mentor sieht "
                "nur meinen Vornamen, meine Sprachen, meinen Ort und meine Wünsche. Meine "
                "Telefonnummer und E-Mail-Adresse gibt die Koordination nur mit meinem "
                "Einverständnis weiter."
            ),
            _(
                "Ich kann meine Einwilligung jederzeit zurücknehmen. Dann werden meine Angaben "
                "gelöscht. Dafür genügt eine kurze Nachricht an die Koordination."
            ),
        ),
    ),
}
CURRENT = "2026-11"


def current() -> ConsentText:
    return VERSIONS[CURRENT]


def text_of(version: str) -> ConsentText | None:
    """The text of a stored version; None for a version this code does not know."""
    return VERSIONS.get(version)
