"""A quantity with its unit, said right: "1 Platz", "3 Plätze", "noch 2 von 10 Plätzen".

Promises and needs carry a free-text unit that people type in German, in two forms: the plural
("Plätze", the field `unit`) and the singular ("Platz", `unit_singular`). This module knows
German grammar only as far as these need it, and takes plain numbers and strings (the kernel
imports no feature app):

- `unit_for(count, singular, plural)`: the singular after exactly 1, else the plural.
- `dative_plural(plural)`: the plural after "von" ("von 10 Plätzen", "von 2 Kursen"): German
  adds -n to a plural ending in -e, -el or -er ("Kurse" → "Kursen", "Mäntel" → "Mänteln",
  "Fahrräder" → "Fahrrädern"); a plural ending in -n or -s keeps its form ("Stunden",
  "Tablets"), and so do measure words ("Stück", "Euro", "Paar"). In a unit of several words the
  first noun is the head ("Nachmittage pro Woche" → "Nachmittagen pro Woche") and adjectives
  before it follow ("neue Laptops" → "neuen Laptops").
- `amount(count, singular, plural, dative=False)`: number and unit in the active language. The
  unit is German user content: other languages show it as typed (nominative), and the dative is
  applied only when the page is German. Without a unit the count is of pieces: "3 Stück" in
  German, "3 items" in English (from the catalogue).
- `singular_of(plural)` / `plural_of(singular)`: known pairs from `KNOWN_UNITS`, used to fill in
  the other form (forms, data migration); compounds follow their last part ("Sitzplätze" →
  "Sitzplatz"), units of several words their first ("Stunden Nachhilfe" → "Stunde Nachhilfe").
"""

from __future__ import annotations

import re

from django.utils import formats
from django.utils.translation import get_language, ngettext

# Common units first (offered as suggestions in the forms), then more that people use.
COMMON_UNITS: tuple[tuple[str, str], ...] = (
    ("Platz", "Plätze"), ("Stunde", "Stunden"), ("Tablet", "Tablets"), ("Laptop", "Laptops"),
    ("Kurs", "Kurse"), ("Stück", "Stück"), ("Gutschein", "Gutscheine"), ("Euro", "Euro"),
    ("Ticket", "Tickets"), ("Fahrrad", "Fahrräder"), ("Termin", "Termine"), ("Raum", "Räume"),
)  # fmt: skip
KNOWN_UNITS: tuple[tuple[str, str], ...] = (
    *COMMON_UNITS,
    ("Abend", "Abende"), ("Ausbildungsplatz", "Ausbildungsplätze"), ("Beratung", "Beratungen"),
    ("Buch", "Bücher"), ("Computer", "Computer"), ("Fahrt", "Fahrten"), ("Führung", "Führungen"),
    ("Handy", "Handys"), ("Karte", "Karten"), ("Kilometer", "Kilometer"), ("Kiste", "Kisten"),
    ("Kita", "Kitas"), ("Mahlzeit", "Mahlzeiten"), ("Mantel", "Mäntel"), ("Monat", "Monate"),
    ("Nachmittag", "Nachmittage"), ("Nähmaschine", "Nähmaschinen"), ("Paar", "Paar"),
    ("Paket", "Pakete"), ("Parzelle", "Parzellen"), ("Person", "Personen"),
    ("Praktikum", "Praktika"), ("Samstag", "Samstage"), ("Schulung", "Schulungen"),
    ("Set", "Sets"), ("Smartphone", "Smartphones"), ("Spende", "Spenden"), ("Stand", "Stände"),
    ("Stipendium", "Stipendien"), ("Tag", "Tage"), ("Tandem", "Tandems"), ("Trikot", "Trikots"),
    ("Vormittag", "Vormittage"), ("Woche", "Wochen"), ("Workshop", "Workshops"),
    ("Wohnung", "Wohnungen"), ("Zimmer", "Zimmer"), ("Zuschuss", "Zuschüsse"),
)  # fmt: skip

_SINGULAR_OF = {plural.lower(): singular for singular, plural in KNOWN_UNITS}
_PLURAL_OF = {singular.lower(): plural for singular, plural in KNOWN_UNITS}
# Plurals that do not take the dative -n although they end in -e, -l or -r.
_INVARIANT = frozenset({"paar", "dollar", "mal"})
# A compound's first part must be this long ("Sitz|plätze"), so that "Etage" is no "E|tag".
_MIN_PREFIX = 3


def unit_for(count: int, singular: str, plural: str) -> str:
    """The unit after `count`: the singular after exactly 1 (the plural when it has none)."""
    if count == 1:
        return singular or singular_of(plural)
    return plural


def _dative_word(word: str) -> str:
    lowered = word.lower()
    if lowered in _INVARIANT or not lowered.endswith(("e", "l", "r")):
        return word
    return word + "n"


def dative_plural(plural: str) -> str:
    """The plural as it stands after "von": "Plätze" → "Plätzen", "Tablets" → "Tablets"."""
    words = plural.split(" ")
    head = next((i for i, word in enumerate(words) if word[:1].isupper()), 0)
    for i in range(head + 1):
        word = words[i]
        # adjectives before the noun: "neue" → "neuen"; the noun itself by the rule above
        if i < head:
            words[i] = word + "n" if word.endswith("e") else word
        else:
            words[i] = _dative_word(word)
    return " ".join(words)


def _german() -> bool:
    return (get_language() or "de").split("-")[0] == "de"


def amount(count: int, singular: str = "", plural: str = "", *, dative: bool = False) -> str:
    """`count` with its unit in the active language: "1 Platz", "3 Plätze"; with
    `dative=True` the form after "von" ("10 Plätzen"). Without a unit: "3 Stück" / "3 items"."""
    number = formats.localize(count, use_l10n=True)
    singular, plural = singular.strip(), plural.strip()
    if not plural and not singular:
        return ngettext("%(n)s Stück", "%(n)s Stück", count) % {"n": number}
    plural = plural or plural_of(singular)
    unit = unit_for(count, singular, plural)
    if dative and count != 1 and _german():
        unit = dative_plural(unit)
    return f"{number} {unit}"


def _match_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word[:1].lower() + word[1:]


def _lookup(unit: str, table: dict[str, str]) -> str | None:
    """The other form of `unit` from `table`: the whole unit, else its first word (the head of
    "Stunden Nachhilfe"), each whole or as the last part of a compound."""
    unit = unit.strip()
    first, _space, rest = unit.partition(" ")
    key = first.lower()
    found = _match_case(table[key], first) if key in table else None
    if found is None:
        for length in range(len(key) - _MIN_PREFIX, 2, -1):
            if key[-length:] in table:
                head, tail = first[: len(first) - length], first[-length:]
                found = head + _match_case(table[key[-length:]], tail)
                break
    if found is None:
        return None
    return f"{found} {rest}" if rest else found


def singular_of(plural: str) -> str:
    """The singular of a known plural ("Plätze" → "Platz", "Sitzplätze" → "Sitzplatz"); the
    plural itself when it is not known."""
    return _lookup(plural, _SINGULAR_OF) or plural.strip()


def known_singular(plural: str) -> str | None:
    """The singular of a known plural, None when it is not known."""
    return _lookup(plural, _SINGULAR_OF)


def plural_of(singular: str) -> str:
    """The plural of a known singular ("Raum" → "Räume"); the singular itself when unknown."""
    return _lookup(singular, _PLURAL_OF) or singular.strip()


def known_plural(singular: str) -> str | None:
    """The plural of a known singular, None when it is not known."""
    return _lookup(singular, _PLURAL_OF)


_LEADING_NUMBER = re.compile(r"^\s*\d")


def starts_with_number(unit: str) -> bool:
    """Whether someone typed the number into the unit ("10 Tablets")."""
    return bool(_LEADING_NUMBER.match(unit))


def stored_pair(singular: str, plural: str) -> tuple[str, str]:
    """Both forms as they are stored, from what is known of them: the missing one from a known
    pair; a known singular typed as the plural ("Raum") gets its plural ("Räume"); an unknown
    unit keeps its one form for both. Used by the data migrations for existing rows."""
    singular, plural = singular.strip(), plural.strip()
    if plural and not singular:
        singular = known_singular(plural) or ""
        if not singular and (corrected := known_plural(plural)):
            singular, plural = plural, corrected
        singular = singular or plural
    elif singular and not plural:
        plural = plural_of(singular)
    return singular, plural
