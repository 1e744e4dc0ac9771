"""Recurring events: the few plain choices of the form ("jede Woche, 6-mal") as RFC 5545
RRULEs, a free rule for experts checked with dateutil, the rule said in words, and the dates
of the series in the event's own zone (so 18:00 stays 18:00 across a change to summer time).
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from handschlag.core.errors import DomainError

MAX_OCCURRENCES = 104  # two years of weekly meetings
WEEKLY = "weekly"
BIWEEKLY = "biweekly"
MONTHLY = "monthly"
PLAIN_RULES = {
    WEEKLY: "FREQ=WEEKLY",
    BIWEEKLY: "FREQ=WEEKLY;INTERVAL=2",
    MONTHLY: "FREQ=MONTHLY",
}
PLAIN_CHOICES = (
    ("", gettext_lazy("findet einmal statt")),
    (WEEKLY, gettext_lazy("jede Woche")),
    (BIWEEKLY, gettext_lazy("alle zwei Wochen")),
    (MONTHLY, gettext_lazy("jeden Monat")),
)


def plain_rule(kind: str, count: int) -> str:
    """The RRULE for a plain choice: `kind` one of PLAIN_RULES, `count` dates in all."""
    return f"{PLAIN_RULES[kind]};COUNT={count}" if kind else ""


def as_plain(rule: str) -> tuple[str, int] | None:
    """(kind, count) if `rule` is one of the plain choices, else None (an expert's rule)."""
    for kind, stem in PLAIN_RULES.items():
        prefix = f"{stem};COUNT="
        if rule.startswith(prefix) and rule[len(prefix) :].isdigit():
            return kind, int(rule[len(prefix) :])
    return None


def normalise(rule: str) -> str:
    """The rule without an "RRULE:" prefix, spaces or a trailing ";", in capitals."""
    rule = "".join(rule.split()).upper()
    if rule.startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    return rule.strip(";")


def check(rule: str, *, starts_at: datetime.datetime | None = None) -> str:
    """`rule` normalised if it is a valid, bounded RRULE; a DomainError in words if not."""
    rule = normalise(rule)
    if not rule:
        return ""
    if "DTSTART" in rule or "\n" in rule:
        raise DomainError(_("Bitte geben Sie nur die Regel an, ohne DTSTART."), code="recurrence")
    start = starts_at or datetime.datetime(2026, 1, 1, 18, 0, tzinfo=datetime.UTC)
    try:
        dates = _series(rule, start, limit=MAX_OCCURRENCES + 1)
    except (ValueError, TypeError, KeyError, AttributeError):
        raise DomainError(
            _("Diese Regel verstehen wir nicht. Beispiel: FREQ=WEEKLY;COUNT=6"), code="recurrence"
        ) from None
    if "COUNT=" not in rule and "UNTIL=" not in rule:
        raise DomainError(
            _("Bitte begrenzen Sie die Wiederholung mit COUNT (Anzahl) oder UNTIL (Enddatum)."),
            code="recurrence",
        )
    if len(dates) > MAX_OCCURRENCES:
        raise DomainError(
            _("Höchstens %(n)d Termine je Reihe.") % {"n": MAX_OCCURRENCES}, code="recurrence"
        )
    if not dates:
        raise DomainError(_("Nach dieser Regel gibt es keinen Termin."), code="recurrence")
    return rule


def occurrences(
    rule: str, starts_at: datetime.datetime, zone: str, *, limit: int = MAX_OCCURRENCES
) -> list[datetime.datetime]:
    """The starts of the series as aware datetimes in `zone`, the first one included. The rule
    runs on the local wall clock, so every date keeps the local start time across DST."""
    local = starts_at.astimezone(ZoneInfo(zone))
    return _series(rule, local, limit=limit) if rule else [local]


def _series(rule: str, local: datetime.datetime, *, limit: int) -> list[datetime.datetime]:
    """Up to `limit` starts from `local` (aware, in the event's zone) on. Python's arithmetic
    on aware datetimes keeps the wall clock, so the series keeps its local time over DST.
    RFC 5545 wants UNTIL in UTC ("…Z") beside a zoned start; a floating UNTIL is read as local.
    """
    try:
        parsed = rrulestr(rule, dtstart=local)
    except ValueError:
        if "UNTIL=" not in rule:
            raise
        parsed = rrulestr(rule, dtstart=local.replace(tzinfo=None))
    if not isinstance(parsed, rrule):
        raise ValueError("not a single RRULE")
    moments: list[datetime.datetime] = []
    for moment in parsed:
        if len(moments) >= limit:
            break
        moments.append(moment if moment.tzinfo else moment.replace(tzinfo=local.tzinfo))
    return [moment.astimezone(local.tzinfo) for moment in moments]


def describe(rule: str) -> str:
    """The rule in words: "jede Woche, insgesamt 6 Termine"; an expert's rule as it is."""
    if not rule:
        return ""
    plain = as_plain(rule)
    if plain is None:
        return _("wiederholt sich nach der Regel %(rule)s") % {"rule": rule}
    kind, count = plain
    every = {
        WEEKLY: _("jede Woche"),
        BIWEEKLY: _("alle zwei Wochen"),
        MONTHLY: _("jeden Monat"),
    }[kind]
    return ngettext(
        "%(every)s, insgesamt %(n)d Termin", "%(every)s, insgesamt %(n)d Termine", count
    ) % {"every": every, "n": count}
