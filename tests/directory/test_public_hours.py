"""Opening hours as readers see them: the week by weekday, the days that differ, and "open
now?" on Berlin's clocks, whatever the server's time zone."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from handschlag.directory.public_hours import (
    OpenNow,
    any_open,
    berlin_now,
    open_now,
    upcoming_exceptions,
    weekly_hours,
)

UTC = datetime.UTC
T = datetime.time
D = datetime.date


@dataclass
class Row:
    weekday: int
    opens_at: datetime.time
    closes_at: datetime.time
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


@dataclass
class Closed:
    starts_on: datetime.date
    ends_on: datetime.date
    closed: bool = True
    opens_at: datetime.time | None = None
    closes_at: datetime.time | None = None
    note: str = ""


MONDAY = D(2030, 1, 7)  # a Monday in winter (UTC+1)
WEEK = [Row(0, T(9), T(12)), Row(0, T(14), T(16)), Row(2, T(18), T(20))]


def at_berlin(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """The UTC instant at which Berlin's clocks show `day` `hour`:`minute`."""
    local = datetime.datetime.combine(day, T(hour, minute)).replace(tzinfo=berlin_now().tzinfo)
    return local.astimezone(UTC)


def test_the_week_is_grouped_by_weekday_monday_first_slots_in_time_order():
    week = weekly_hours([Row(2, T(18), T(20)), Row(0, T(14), T(16)), Row(0, T(9), T(12))], MONDAY)
    assert [(day.weekday, [s.opens_at for s in day.slots]) for day in week] == [
        (0, [T(9), T(14)]),
        (2, [T(18)]),
    ]
    assert week[0].label == "Montag"


def test_slots_that_ended_are_left_out_and_later_ones_keep_their_dates():
    summer = Row(4, T(9), T(11), valid_from=D(2030, 7, 1), valid_to=D(2030, 8, 31))
    week = weekly_hours([Row(1, T(9), T(11), valid_to=D(2029, 12, 31)), summer], MONDAY)
    assert [day.weekday for day in week] == [4]
    assert week[0].slots[0].limited and week[0].slots[0].valid_from == D(2030, 7, 1)


def test_only_days_that_differ_from_today_on_are_shown_soonest_first():
    past = Closed(D(2030, 1, 1), D(2030, 1, 2))
    later = Closed(D(2030, 3, 1), D(2030, 3, 1))
    soon = Closed(D(2030, 1, 7), D(2030, 1, 9))
    assert upcoming_exceptions([past, later, soon], MONDAY) == [soon, later]


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (8, 59, OpenNow(False, opens_at=T(9))),
        (9, 0, OpenNow(True, until=T(12))),
        (11, 59, OpenNow(True, until=T(12))),
        (12, 0, OpenNow(False, opens_at=T(14))),
        (16, 0, OpenNow(False)),
    ],
)
def test_open_now_reads_berlin_time(hour, minute, expected):
    assert open_now(WEEK, [], at_berlin(MONDAY, hour, minute)) == expected


def test_open_now_is_right_in_summer_time_too():
    summer_monday = D(2030, 7, 1)  # UTC+2: 09:30 in Berlin is 07:30 UTC
    moment = datetime.datetime(2030, 7, 1, 7, 30, tzinfo=UTC)
    assert open_now(WEEK, [], moment) == OpenNow(True, until=T(12))
    # and at 10:30 UTC on a winter-time Monday it is 11:30 in Berlin
    assert open_now(WEEK, [], datetime.datetime(2030, 1, 7, 10, 30, tzinfo=UTC)).open
    assert at_berlin(summer_monday, 9, 30) == moment


def test_a_closed_day_wins_over_the_weekly_hours():
    holiday = Closed(MONDAY, MONDAY, note="Betriebsausflug")
    assert open_now(WEEK, [holiday], at_berlin(MONDAY, 10)) == OpenNow(
        False, note="Betriebsausflug"
    )


def test_a_day_with_other_hours_uses_them():
    short = Closed(MONDAY, MONDAY, closed=False, opens_at=T(10), closes_at=T(11))
    assert open_now(WEEK, [short], at_berlin(MONDAY, 9, 30)) == OpenNow(False, opens_at=T(10))
    assert open_now(WEEK, [short], at_berlin(MONDAY, 10, 30)) == OpenNow(True, until=T(11))


def test_slots_outside_their_validity_do_not_open():
    summer_only = [Row(0, T(9), T(12), valid_from=D(2030, 7, 1), valid_to=D(2030, 8, 31))]
    assert open_now(summer_only, [], at_berlin(MONDAY, 10)) == OpenNow(False)
    assert open_now(summer_only, [], at_berlin(D(2030, 7, 1), 10)).open


def test_back_to_back_slots_read_as_one_opening():
    rows = [Row(0, T(9), T(12)), Row(0, T(12), T(15))]
    assert open_now(rows, [], at_berlin(MONDAY, 10)) == OpenNow(True, until=T(15))


def test_without_any_hours_nobody_can_say():
    assert open_now([], [], at_berlin(MONDAY, 10)) is None


def test_an_offer_is_open_if_one_of_its_places_is():
    assert any_open([None, OpenNow(False, opens_at=T(14)), OpenNow(True, until=T(12))]) == OpenNow(
        True, until=T(12)
    )
    assert any_open([OpenNow(False, opens_at=T(14)), OpenNow(False, opens_at=T(10))]) == OpenNow(
        False, opens_at=T(10)
    )
    assert any_open([None, None]) is None


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError):
        berlin_now(datetime.datetime(2030, 1, 7, 10))
