"""The matching engine's reasons in words, in the active UI language.

The engine (handschlag.matching) speaks no human language: a proposal's reasons are codes with
parameters (`Because` for a pair, `Unmatched.reason` and `params` for a person left alone;
the codes are listed in handschlag/matching/__init__.py). They are stored as they are and put
into words here, at display time, with gettext: a coordinator reads them in their own
language, numbers formatted for it.

    pair_text(pair.reasons, partner="Amal")
    -> "spricht Arabisch wie Amal · 3,5 km entfernt · beide dienstags nachmittags"
    unmatched_text(unmatched)
    -> "Niemand im Umkreis von 25 km spricht Tigrinya."

A pair's reasons speak about the left item (the mentor) to someone who sees both; `partner`
is the right item's (the mentee's) name. Reasons and unmatched items may also be given as
the mappings they are stored as: {"code": …, "params": …} and {"reason": …, "params": …}.
Unknown codes (a newer engine) give no phrase rather than an error.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.formats import number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy

from handschlag.core.languages import language_name

from .models import Gender, TandemKind

SEPARATOR = " · "


DAYS = {
    "mon": pgettext_lazy("every week on", "montags"),
    "tue": pgettext_lazy("every week on", "dienstags"),
    "wed": pgettext_lazy("every week on", "mittwochs"),
    "thu": pgettext_lazy("every week on", "donnerstags"),
    "fri": pgettext_lazy("every week on", "freitags"),
    "sat": pgettext_lazy("every week on", "samstags"),
    "sun": pgettext_lazy("every week on", "sonntags"),
}
PARTS_OF_DAY = {
    "morning": pgettext_lazy("part of day, every week", "vormittags"),
    "midday": pgettext_lazy("part of day, every week", "mittags"),
    "afternoon": pgettext_lazy("part of day, every week", "nachmittags"),
    "evening": pgettext_lazy("part of day, every week", "abends"),
}

ATTRIBUTES: Mapping[str, tuple[Any, Mapping[str, Any]]] = {
    "gender": (
        gettext_lazy("Geschlecht"),
        dict(Gender.choices),
    ),
    "certificate": (
        gettext_lazy("erweitertes Führungszeugnis"),
        {"valid": gettext_lazy("gültig")},
    ),
    "age_band": (
        gettext_lazy("Alter"),
        {
            "child": gettext_lazy("Kind"),
            "youth": gettext_lazy("jugendlich"),
            "adult": gettext_lazy("erwachsen"),
            "senior": gettext_lazy("älter"),
        },
    ),
}
"""Attributes that wishes name: (label, value labels); others are shown as they are."""


# --- pairs ---------------------------------------------------------------------------------


def pair_reasons(reasons: Iterable[Any], *, partner: str = "") -> list[str]:
    """One short phrase per reason, in the given order (the engine's: most telling first)."""
    phrases = []
    for reason in reasons:
        code, params = _code_and_params(reason, "code")
        phrase = _pair_phrase(code, params, partner)
        if phrase:
            phrases.append(phrase)
    return phrases


def pair_text(reasons: Iterable[Any], *, partner: str = "") -> str:
    """The phrases of `pair_reasons`, joined by " · "."""
    return SEPARATOR.join(pair_reasons(reasons, partner=partner))


def _pair_phrase(code: str, params: Mapping[str, Any], partner: str) -> str:
    if code == "existing":
        return _("besteht bereits")
    if code == "language":
        names = _and([language_name(c) for c in params["languages"]])
        if partner:
            return _("spricht %(languages)s wie %(partner)s") % {
                "languages": names,
                "partner": partner,
            }
        return _("beide sprechen %(languages)s") % {"languages": names}
    if code == "distance":
        return distance_text(params["km"])
    if code == "online":
        return _("beide treffen sich online")
    if code == "slots":
        return _slots(params["slots"])
    if code == "kinds":
        return _("beide: %(kinds)s") % {"kinds": ", ".join(kind_name(k) for k in params["kinds"])}
    if code == "waiting":
        return _waiting(int(params["days"]), partner)
    return ""


def distance_text(km: float) -> str:
    """ "weniger als 1 km entfernt", "3,5 km entfernt" (one decimal below 10 km), "12 km
    entfernt"."""
    if km < 1:
        return _("weniger als 1 km entfernt")
    return _("%(km)s km entfernt") % {"km": km_number(km)}


def km_number(km: float) -> str:
    """Whole kilometres, or one decimal below 10 km when not whole; in the active language's
    number format ("3,5" in German, "3.5" in English)."""
    if km < 10 and not float(km).is_integer():
        return number_format(round(km, 1), decimal_pos=1)
    return number_format(math.floor(km + 0.5))


def slot_name(slot: str) -> str:
    """ "tue-afternoon" -> "dienstags nachmittags"."""
    day, part = slot.split("-")
    return pgettext("weekday and part of day", "%(day)s %(part)s") % {
        "day": DAYS[day],
        "part": PARTS_OF_DAY[part],
    }


def _slots(slots: Sequence[str]) -> str:
    """The first shared time, and how many more there are."""
    if not slots:
        return ""
    first, more = slot_name(slots[0]), len(slots) - 1
    if not more:
        return _("beide %(time)s") % {"time": first}
    return ngettext(
        "beide %(time)s (und %(count)s weitere Zeit)",
        "beide %(time)s (und %(count)s weitere Zeiten)",
        more,
    ) % {"time": first, "count": number_format(more)}


def _waiting(days: int, partner: str) -> str:
    """In months from 60 days on, else in weeks ("wartet seit 3 Wochen")."""
    values: dict[str, Any] = {"partner": partner}
    if days >= 60:
        count = days // 30
        values["count"] = number_format(count)
        if partner:
            text = ngettext(
                "%(partner)s wartet seit %(count)s Monat",
                "%(partner)s wartet seit %(count)s Monaten",
                count,
            )
        else:
            text = ngettext("wartet seit %(count)s Monat", "wartet seit %(count)s Monaten", count)
    else:
        count = max(days // 7, 1)
        values["count"] = number_format(count)
        if partner:
            text = ngettext(
                "%(partner)s wartet seit %(count)s Woche",
                "%(partner)s wartet seit %(count)s Wochen",
                count,
            )
        else:
            text = ngettext("wartet seit %(count)s Woche", "wartet seit %(count)s Wochen", count)
    return text % values


def kind_name(code: str) -> str:
    """The tandem kind's name; an unknown code is shown as it is."""
    return str(TandemKind(code).label) if code in TandemKind.values else code


# --- unmatched -----------------------------------------------------------------------------


def unmatched_text(unmatched: Any) -> str:
    """Why a person has no partner, as a sentence."""
    reason, params = _code_and_params(unmatched, "reason")
    values: dict[str, Any] = {"km": km_number(params["km"])} if "km" in params else {}
    people = int(params.get("people", 0))
    values["count"] = number_format(people)
    if reason == "no_capacity":
        return _("Keine Plätze frei (Kapazität 0).")
    if reason == "nobody_nearby":
        return _("Niemand im Umkreis von %(km)s km.") % values
    if reason == "too_far_for_them":
        return (
            ngettext(
                "Im Umkreis von %(km)s km ist %(count)s Person, aber für sie ist der Weg zu weit.",
                "Im Umkreis von %(km)s km sind %(count)s Personen, "
                "aber für alle ist der Weg zu weit.",
                people,
            )
            % values
        )
    if reason == "no_shared_language":
        values["languages"] = _or([language_name(c) for c in params["languages"]])
        return _("Niemand im Umkreis von %(km)s km spricht %(languages)s.") % values
    if reason == "kind_mismatch":
        values["kinds"] = _or([kind_name(k) for k in params["kinds"]])
        return (
            _("Niemand im Umkreis von %(km)s km mit gemeinsamer Sprache möchte %(kinds)s.") % values
        )
    if reason == "own_preferences":
        values["wishes"] = wishes_text(params.get("wishes", {}))
        return (
            ngettext(
                "Im Umkreis von %(km)s km passt %(count)s Person, aber sie erfüllt die Wünsche "
                "nicht (%(wishes)s).",
                "Im Umkreis von %(km)s km passen %(count)s Personen, aber niemand erfüllt die "
                "Wünsche (%(wishes)s).",
                people,
            )
            % values
        )
    if reason == "their_preferences":
        return (
            ngettext(
                "Im Umkreis von %(km)s km passt %(count)s Person, aber deren Wünsche passen nicht.",
                "Im Umkreis von %(km)s km passen %(count)s Personen, aber deren Wünsche passen "
                "nicht.",
                people,
            )
            % values
        )
    if reason == "excluded":
        return (
            ngettext(
                "Die einzige passende Person ist ausgeschlossen.",
                "Alle %(count)s passenden Personen sind ausgeschlossen.",
                people,
            )
            % values
        )
    if reason == "taken":
        return _taken(params, values)
    if reason == "not_selected":
        free = int(params["free_partners"])
        values |= {"count": number_format(free), "k": number_format(int(params["k"]))}
        return (
            ngettext(
                "Im Umkreis von %(km)s km hat %(count)s passende Person einen freien Platz, war "
                "aber nicht unter den %(k)s besten Vorschlägen.",
                "Im Umkreis von %(km)s km haben %(count)s passende Personen einen freien Platz, "
                "waren aber nicht unter den %(k)s besten Vorschlägen.",
                free,
            )
            % values
        )
    return ""


def _taken(params: Mapping[str, Any], values: dict[str, Any]) -> str:
    if "candidates" in params:
        count = int(params["candidates"])
        values["count"] = number_format(count)
        return (
            ngettext(
                "Der einzige passende Vorschlag im Umkreis von %(km)s km ist bereits anderen "
                "zugeordnet.",
                "Alle %(count)s passenden Vorschläge im Umkreis von %(km)s km sind bereits anderen "
                "zugeordnet.",
                count,
            )
            % values
        )
    return (
        ngettext(
            "Die einzige passende Person im Umkreis von %(km)s km hat keinen freien Platz mehr.",
            "Alle %(count)s passenden Personen im Umkreis von %(km)s km haben keinen freien Platz "
            "mehr.",
            int(params.get("people", 0)),
        )
        % values
    )


def wishes_text(wishes: Mapping[str, Sequence[str]]) -> str:
    """ "Geschlecht: weiblich; Alter: Kind oder jugendlich"."""
    parts = []
    for name, allowed in wishes.items():
        label, values = ATTRIBUTES.get(name, (name, {}))
        shown = _or([str(values.get(value, value)) for value in allowed]) or "–"
        parts.append(_("%(attribute)s: %(values)s") % {"attribute": label, "values": shown})
    return "; ".join(parts)


# --- helpers -------------------------------------------------------------------------------


def _code_and_params(value: Any, key: str) -> tuple[str, Mapping[str, Any]]:
    if isinstance(value, Mapping):
        return str(value[key]), value.get("params") or {}
    return str(getattr(value, key)), value.params


def _and(names: list[str]) -> str:
    return str(get_text_list(names, pgettext("the last of a list", "und")))


def _or(names: list[str]) -> str:
    return str(get_text_list(names, pgettext("the last of a list", "oder")))
