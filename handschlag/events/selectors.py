"""Reads for finding events: the typed filters shared by the list page, the month calendar and
the API, the lists themselves, the occurrences of recurring events, and the calendar feeds.

Times are stored in UTC and shown in the event's own zone. A recurring event (RRULE) is one row;
its dates are expanded here on local wall-clock times and localised afterwards, so a weekly
meeting at 18:00 Europe/Berlin stays at 18:00 across the change to winter time.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime
import re
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, get_args
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone

from handschlag.places.selectors import (
    DEFAULT_RADIUS_KM,
    ONLY_HERE,
    RADII_KM,
    municipality_ids_near,
)

from .models import Audience, Event, Format, Kind, Registration

Attendance = Literal["online", "in_person"]
ATTENDANCE_KEYS: tuple[Attendance, ...] = get_args(Attendance)
# "online" finds online and hybrid events, "in person" finds in-person and hybrid ones
ATTENDANCE_FORMATS: dict[str, tuple[str, ...]] = {
    "online": (Format.ONLINE, Format.HYBRID),
    "in_person": (Format.IN_PERSON, Format.HYBRID),
}
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
# A series is shown for at most this long after its first date (bounds the expansion work of
# the calendar and keeps a forgotten endless series from filling every month).
SERIES_HORIZON = datetime.timedelta(days=400)
# Feeds: what lies this far back stays in a subscriber's calendar
FEED_PAST = datetime.timedelta(days=90)
FEED_LENGTH = 500
MONTH_MAX_PER_DAY = 4
MONTH_FIELDS = ("pk", "title", "starts_at", "ends_at", "timezone", "recurrence", "state")
_PK_MARK = 987654321987


@dataclass(frozen=True)
class EventFilters:
    """What a person asked the event list (or calendar) for. `EventFilters()` lists every
    upcoming public event. Strings are "" when not given; places are municipality slugs;
    `date_from`/`date_to` are days in the events' own zone, both included."""

    q: str = ""
    municipality: str = ""
    near: str = ""
    radius_km: int = DEFAULT_RADIUS_KM
    kind: Kind | None = None
    language: str = ""
    attendance: Attendance | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def __post_init__(self) -> None:
        if self.radius_km not in RADII_KM:
            raise ValueError(f"radius_km must be one of {RADII_KM}, not {self.radius_km!r}")
        if self.kind is not None:
            object.__setattr__(self, "kind", Kind(self.kind))
        if self.attendance is not None and self.attendance not in ATTENDANCE_KEYS:
            raise ValueError(f"attendance must be one of {ATTENDANCE_KEYS}")
        if self.language and not LANGUAGE_CODE.match(self.language):
            raise ValueError(f"language must be a language code, not {self.language!r}")
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValueError("date_to lies before date_from")

    @classmethod
    def around(cls, place: str, radius_km: int, **others: Any) -> EventFilters:
        """The page's place picker and the API's `place`: ONLY_HERE (0) is the town itself,
        any other radius its surroundings."""
        if not place:
            return cls(**others)
        if radius_km == ONLY_HERE:
            return cls(municipality=place, **others)
        return cls(near=place, radius_km=radius_km, **others)


DEFAULT_FILTERS = EventFilters()


def _day_start(day: datetime.date) -> datetime.datetime:
    """The start of `day` in the site's zone; the margin of a few hours to other zones is
    taken care of by the events' local dates where it matters (the calendar)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _filtered(events: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    if filters.municipality:
        events = events.filter(municipality__slug=filters.municipality)
    if filters.near:
        events = events.filter(
            municipality__in=municipality_ids_near(slug=filters.near, radius_km=filters.radius_km)
        )
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.attendance:
        events = events.filter(format__in=ATTENDANCE_FORMATS[filters.attendance])
    if filters.language:
        # the JSON list's text holds the code in quotes on SQLite and PostgreSQL alike
        events = events.filter(languages__icontains=f'"{filters.language}"')
    if filters.q:
        q = filters.q
        events = events.filter(
            Q(title__icontains=q) | Q(description__icontains=q) | Q(venue_name__icontains=q)
        )
    return events


def _public(states: tuple[str, ...] = Event.PUBLIC_STATES) -> QuerySet[Event]:
    return (
        Event.objects.filter(state__in=states, audience=Audience.PUBLIC)
        .select_related("organisation", "municipality")
        .defer("description", "outcome", "accessibility", "moderation_comment", "cancel_reason")
    )


def event_list(*, filters: EventFilters = DEFAULT_FILTERS) -> QuerySet[Event]:
    """Upcoming published public events, soonest first (a cancelled one is no longer listed;
    the month calendar and the feeds still show it, marked). A series counts as upcoming
    while it may still have dates (SERIES_HORIZON); it is listed at its first date."""
    now = timezone.now()
    start = _day_start(filters.date_from) if filters.date_from else None
    # One range on starts_at (read along event_calendar_idx, which also holds the other
    # columns asked here, so neither the page nor the count reads the table to filter):
    # nothing that began before the horizon is listed, not even an event lasting that long.
    events = _public((Event.State.PUBLISHED,)).filter(starts_at__gte=now - SERIES_HORIZON)
    events = events.filter(Q(ends_at__gte=max(now, start) if start else now) | ~Q(recurrence=""))
    if filters.date_to:
        events = events.filter(starts_at__lt=_day_start(filters.date_to + datetime.timedelta(1)))
    return _filtered(events, filters).order_by("starts_at", "pk")


def event_detail(*, pk: int, user: Any) -> Event | None:
    """The event if `user` may see it, else None."""
    event = Event.objects.select_related("organisation", "municipality").filter(pk=pk).first()
    if event is None or not user.has_perm("events.view_event", event):
        return None
    return event


# --- occurrences ----------------------------------------------------------------------------


class Timed(Protocol):
    """What occurrences need of an event (an Event or a MonthEvent)."""

    @property
    def starts_at(self) -> datetime.datetime: ...

    @property
    def ends_at(self) -> datetime.datetime: ...

    @property
    def recurrence(self) -> str: ...

    @property
    def zone(self) -> ZoneInfo: ...


@dataclass(frozen=True, slots=True)
class MonthEvent:
    """The few fields of an event the month grid shows (a busy month has thousands of events:
    model instances for them took longer than the whole page may)."""

    pk: int
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    timezone: str
    recurrence: str
    state: str
    url: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def get_absolute_url(self) -> str:
        return self.url


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One date of an event, in the event's zone."""

    event: Any
    starts_at: datetime.datetime
    ends_at: datetime.datetime

    @property
    def day(self) -> datetime.date:
        return self.starts_at.date()

    @property
    def time_label(self) -> str:
        """The start time in the event's zone, in the reader's format ("18:00", "6 p.m.")."""
        return formats.time_format(self.starts_at, "TIME_FORMAT")


_UNTIL_UTC = re.compile(r"UNTIL=(\d{8})(?:T(\d{6}))?Z?", re.IGNORECASE)


def _local_rule(recurrence: str, zone: ZoneInfo) -> str:
    """The rule with UNTIL as local wall-clock time (dateutil wants UNTIL naive when the
    start is naive; RFC 5545 writes it in UTC)."""

    def local(match: re.Match[str]) -> str:
        day, clock = match.group(1), match.group(2) or "235959"
        moment = datetime.datetime.strptime(day + clock, "%Y%m%d%H%M%S")
        if match.group(0).upper().endswith("Z"):
            moment = moment.replace(tzinfo=datetime.UTC).astimezone(zone).replace(tzinfo=None)
        return "UNTIL=" + moment.strftime("%Y%m%dT%H%M%S")

    return _UNTIL_UTC.sub(local, recurrence)


def occurrences(
    event: Timed, *, start: datetime.datetime, end: datetime.datetime
) -> list[Occurrence]:
    """The dates of `event` that begin in [start, end) (aware datetimes), in its zone.

    A recurring event is expanded with dateutil on local wall-clock times and then localised,
    so 18:00 stays 18:00 across a change of daylight-saving time. A rule that cannot be read
    counts as no repetition (the first date only)."""
    zone = event.zone
    first = event.starts_at.astimezone(zone)
    if not event.recurrence:  # the common case, without the detour through wall-clock time
        if start <= first < end:
            return [Occurrence(event, first, event.ends_at.astimezone(zone))]
        return []
    duration = event.ends_at - event.starts_at
    dates = [first.replace(tzinfo=None)]
    if event.recurrence:
        try:
            rule = rrule.rrulestr(
                "RRULE:" + _local_rule(event.recurrence, zone), dtstart=dates[0], forceset=True
            )
            limit = min(end.astimezone(zone).replace(tzinfo=None), dates[0] + SERIES_HORIZON)
            dates = rule.between(  # type: ignore[union-attr]
                start.astimezone(zone).replace(tzinfo=None) - duration, limit, inc=True
            )
        except (ValueError, TypeError):
            pass
    found = []
    for local in dates:
        begins = local.replace(tzinfo=zone)
        if start <= begins < end:
            # the end: the same length in wall-clock time (a 2-hour meeting stays 2 hours)
            found.append(Occurrence(event, begins, (local + duration).replace(tzinfo=zone)))
    return found


def next_occurrence(event: Event, *, after: datetime.datetime | None = None) -> Occurrence | None:
    now = after or timezone.now()
    found = occurrences(event, start=now, end=now + SERIES_HORIZON)
    return found[0] if found else None


# --- the month calendar ---------------------------------------------------------------------


@dataclass
class CalendarDay:
    day: datetime.date
    in_month: bool
    is_today: bool
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def shown(self) -> list[Occurrence]:
        return self.occurrences[:MONTH_MAX_PER_DAY]

    @property
    def more(self) -> int:
        return max(0, len(self.occurrences) - MONTH_MAX_PER_DAY)


@dataclass
class Month:
    first: datetime.date
    weeks: list[list[CalendarDay]]

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.first + datetime.timedelta(days=32)).replace(day=1)

    @property
    def days_with_events(self) -> list[CalendarDay]:
        return [d for week in self.weeks for d in week if d.in_month and d.occurrences]


def month_calendar(*, month: datetime.date, filters: EventFilters = DEFAULT_FILTERS) -> Month:
    """The weeks (Monday first) that show `month`, each day with the public events that begin on
    it (in the event's zone), occurrences of series included. One query."""
    first = month.replace(day=1)
    grid = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start, end = _day_start(grid[0][0]), _day_start(grid[-1][-1] + datetime.timedelta(days=1))
    # An event is shown on the day it begins (each date of a series on its day): one range
    # on starts_at (event_calendar_idx), the rest decided from the index's other columns. A
    # margin of a day for events in other zones; the local date decides below.
    margin = datetime.timedelta(days=1)
    events = Event.objects.filter(
        state__in=Event.PUBLIC_STATES,
        audience=Audience.PUBLIC,
        starts_at__gte=start - SERIES_HORIZON,
        starts_at__lt=end + margin,
    )
    events = events.filter(Q(starts_at__gte=start - margin) | ~Q(recurrence=""))
    rows = _filtered(events, filters).order_by("starts_at", "pk").values_list(*MONTH_FIELDS)
    url = reverse("events:detail", args=[_PK_MARK]).replace(str(_PK_MARK), "{}")
    by_day: dict[datetime.date, list[Occurrence]] = {}
    for row in rows:
        pk, title, starts_at, ends_at, zone, recurrence, state = row
        event = MonthEvent(pk, title, starts_at, ends_at, zone, recurrence, state, url.format(pk))
        for occurrence in occurrences(event, start=start - margin, end=end + margin):
            by_day.setdefault(occurrence.day, []).append(occurrence)
    today = timezone.localdate()
    weeks = [
        [
            CalendarDay(
                day=day,
                in_month=day.month == first.month,
                is_today=day == today,
                occurrences=sorted(by_day.get(day, []), key=lambda o: o.starts_at),
            )
            for day in week
        ]
        for week in grid
    ]
    return Month(first=first, weeks=weeks)


# --- feeds ----------------------------------------------------------------------------------


def _feed(events: QuerySet[Event]) -> list[Event]:
    recent = timezone.now() - FEED_PAST
    events = events.filter(starts_at__gte=recent - SERIES_HORIZON)
    events = events.filter(Q(ends_at__gte=recent) | ~Q(recurrence=""))
    return list(events.order_by("starts_at", "pk")[:FEED_LENGTH])


def organisation_feed(*, slug: str) -> list[Event]:
    """The public events of one organisation, from a few months back on."""
    return _feed(_public().filter(organisation__slug=slug).defer(None))


def municipality_feed(*, slug: str) -> list[Event]:
    """The public events in one town, from a few months back on."""
    return _feed(_public().filter(municipality__slug=slug).defer(None))


FEED_REGISTRATION_STATES = (
    Registration.State.CONFIRMED,
    Registration.State.OFFERED,
    Registration.State.WAITING,
)


def personal_feed(*, user: Any) -> list[Registration]:
    """A person's own registrations that are still on (confirmed, offered, waiting), with
    their events, from a few months back on."""
    recent = timezone.now() - FEED_PAST
    return list(
        Registration.objects.filter(user=user, state__in=FEED_REGISTRATION_STATES)
        .filter(event__starts_at__gte=recent - SERIES_HORIZON)
        .filter(Q(event__ends_at__gte=recent) | ~Q(event__recurrence=""))
        .select_related("event", "event__organisation", "event__municipality")
        .order_by("event__starts_at", "pk")[:FEED_LENGTH]
    )


def upcoming_in(municipality: Any, *, limit: int = 6) -> list[Event]:
    """The next public events in a town (for its page)."""
    return list(event_list(filters=EventFilters(municipality=municipality.slug))[:limit])


def upcoming(*, limit: int = 3) -> list[Event]:
    """The next public events anywhere (for the home page)."""
    return list(
        event_list().filter(state=Event.State.PUBLISHED, ends_at__gte=timezone.now())[:limit]
    )
