"""Opening hours as a reader sees them: the week grouped by weekday, the days that differ, and
whether a place is open right now — in Europe/Berlin, whatever the server's clock says.

Pure functions over the schedule rows (`Schedule`, `ScheduleException` or anything with the
same attributes), so they are tested without a database and the page runs no extra query.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol
from zoneinfo import ZoneInfo

from .models import Weekday

BERLIN = ZoneInfo("Europe/Berlin")


class SlotRow(Protocol):
    weekday: int
    opens_at: datetime.time
    closes_at: datetime.time
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class ExceptionRow(Protocol):
    starts_on: datetime.date
    ends_on: datetime.date
    closed: bool
    opens_at: datetime.time | None
    closes_at: datetime.time | None
    note: str


@dataclass(frozen=True)
class Slot:
    opens_at: datetime.time
    closes_at: datetime.time
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None

    @property
    def limited(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None


@dataclass
class Day:
    weekday: int
    slots: list[Slot] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(Weekday(self.weekday).label)


@dataclass(frozen=True)
class OpenNow:
    """Whether a place is open at a moment: `open`, and until when (`until`), or when it opens
    later the same day (`opens_at`); `note` is the reason of a day that differs."""

    open: bool
    until: datetime.time | None = None
    opens_at: datetime.time | None = None
    note: str = ""


def berlin_now(now: datetime.datetime | None = None) -> datetime.datetime:
    """`now` (default: the current time) on the clocks of Berlin."""
    moment = now or datetime.datetime.now(tz=datetime.UTC)
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    return moment.astimezone(BERLIN)


def _valid_on(slot: SlotRow, day: datetime.date) -> bool:
    return (slot.valid_from is None or slot.valid_from <= day) and (
        slot.valid_to is None or day <= slot.valid_to
    )


def weekly_hours(schedules: Iterable[SlotRow], today: datetime.date) -> list[Day]:
    """The weekdays that have hours, Monday first, each with its slots in time order. Slots that
    ended before `today` are left out; slots that start later keep their dates ("ab 1.9.")."""
    days: dict[int, Day] = {}
    for row in schedules:
        if row.valid_to is not None and row.valid_to < today:
            continue
        days.setdefault(row.weekday, Day(row.weekday)).slots.append(
            Slot(row.opens_at, row.closes_at, row.valid_from, row.valid_to)
        )
    for day in days.values():
        day.slots.sort(key=lambda slot: (slot.opens_at, slot.valid_from or datetime.date.min))
    return [days[weekday] for weekday in sorted(days)]


def upcoming_exceptions(
    exceptions: Iterable[ExceptionRow], today: datetime.date
) -> list[ExceptionRow]:
    """The days that differ from today on, soonest first."""
    return sorted((e for e in exceptions if e.ends_on >= today), key=lambda e: e.starts_on)


def open_now(
    schedules: Iterable[SlotRow],
    exceptions: Iterable[ExceptionRow],
    now: datetime.datetime | None = None,
) -> OpenNow | None:
    """Open at `now` (Berlin time)? None when the place has no hours at all (then nobody can
    say). A day that differs (holiday, other hours) decides before the weekly hours."""
    schedules = list(schedules)
    exceptions = list(exceptions)
    if not schedules and not exceptions:
        return None
    moment = berlin_now(now)
    today, time = moment.date(), moment.time().replace(tzinfo=None)
    for exception in exceptions:
        if exception.starts_on <= today <= exception.ends_on:
            if exception.closed or exception.opens_at is None or exception.closes_at is None:
                return OpenNow(False, note=exception.note)
            return _state([(exception.opens_at, exception.closes_at)], time, exception.note)
    slots = [
        (row.opens_at, row.closes_at)
        for row in schedules
        if row.weekday == today.weekday() and _valid_on(row, today)
    ]
    return _state(slots, time)


def _state(
    slots: list[tuple[datetime.time, datetime.time]], time: datetime.time, note: str = ""
) -> OpenNow:
    for opens_at, closes_at in sorted(slots):
        if opens_at <= time < closes_at:
            # back-to-back slots (9–12, 12–15) read as one opening
            until = closes_at
            for later_opens, later_closes in sorted(slots):
                if later_opens == until:
                    until = later_closes
            return OpenNow(True, until=until, note=note)
    later = [opens_at for opens_at, _ in slots if opens_at > time]
    return OpenNow(False, opens_at=min(later) if later else None, note=note)


def any_open(states: Iterable[OpenNow | None]) -> OpenNow | None:
    """An offer at several places: open if one of them is (the one that stays open longest);
    None if none of them has hours."""
    known = [state for state in states if state is not None]
    if not known:
        return None
    opened = [state for state in known if state.open]
    if opened:
        return max(opened, key=lambda state: state.until or datetime.time.min)
    later = [state.opens_at for state in known if state.opens_at is not None]
    return OpenNow(False, opens_at=min(later) if later else None)
