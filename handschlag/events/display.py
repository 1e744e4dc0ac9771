"""An event's facts in words, as its page shows them: "Dienstag, 12. Mai 2026, 18:00–20:00
Uhr" on the wall clock of the event's zone, the series in words, the places left with correct
plurals, the languages by their own names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import recurrence
from .languages import language_name
from .models import Event

SHOWN_DATES = 12


def _day(moment: datetime) -> str:
    # Translators: a date with its weekday, in Django's date format syntax
    return date_format(moment, _("l, j. F Y"))


def when(event: Event) -> str:
    """Start and end on the event's wall clock, with the weekday."""
    start, end = event.starts_at.astimezone(event.zone), event.ends_at.astimezone(event.zone)
    params = {
        "day": _day(start),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
        "end_day": _day(end),
    }
    if start.date() == end.date():
        text = _("%(day)s, %(start)s–%(end)s Uhr") % params
    else:
        text = _("%(day)s, %(start)s Uhr bis %(end_day)s, %(end)s Uhr") % params
    if event.timezone != settings.TIME_ZONE:
        text += " " + _("(Zeitzone %(zone)s)") % {"zone": event.timezone}
    return text


def places(event: Event) -> str:
    """ "noch 3 von 20 Plätzen", "ausgebucht – Warteliste offen"."""
    total = event.bookable_places
    if event.free_places <= 0:
        if event.registration_is_open():
            return _("ausgebucht – Warteliste offen")
        return _("ausgebucht")
    return ngettext(
        "noch %(free)d von %(total)d Platz",
        "noch %(free)d von %(total)d Plätzen",
        total,
    ) % {"free": event.free_places, "total": total}


@dataclass(frozen=True)
class Language:
    code: str
    name: str

    @property
    def lang(self) -> str:
        """For the `lang` attribute: only the two-letter codes are also HTML language tags."""
        return self.code if len(self.code) == 2 else ""


def languages(codes: list[str]) -> list[Language]:
    return [Language(code, language_name(code)) for code in codes]


@dataclass(frozen=True)
class Facts:
    when: str
    series: str
    dates: list[str]
    more_dates: int
    places: str
    languages: list[Language]
    interpretation: list[Language]


def facts(event: Event) -> Facts:
    dates: list[str] = []
    more = 0
    if event.recurrence:
        moments = recurrence.occurrences(
            event.recurrence, event.starts_at, event.timezone, limit=recurrence.MAX_OCCURRENCES
        )
        dates = [_day(moment) for moment in moments[:SHOWN_DATES]]
        more = max(len(moments) - SHOWN_DATES, 0)
    return Facts(
        when=when(event),
        series=recurrence.describe(event.recurrence),
        dates=dates,
        more_dates=more,
        places=places(event),
        languages=languages(event.languages),
        interpretation=languages(event.interpretation),
    )
