"""Finding events: the typed filters, the list, occurrences of series across DST, the month."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from handschlag.events import selectors
from handschlag.events.models import Audience, Event, Format, Kind
from handschlag.events.selectors import EventFilters
from tests import factories
from tests.events.factories import EventFactory

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


def titles(events):
    return [e.title for e in events]


def berlin(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def test_filters_refuse_what_the_list_cannot_take():
    with pytest.raises(ValueError):
        EventFilters(radius_km=7)
    with pytest.raises(ValueError):
        EventFilters(attendance="somewhere")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        EventFilters(language="de'; --")
    with pytest.raises(ValueError):
        EventFilters(date_from=datetime.date(2026, 5, 2), date_to=datetime.date(2026, 5, 1))
    assert EventFilters(kind="webinar").kind is Kind.WEBINAR


def test_the_list_shows_upcoming_public_events_only_soonest_first():
    later = EventFactory(title="später", starts_at=timezone.now() + datetime.timedelta(days=20))
    soon = EventFactory(title="bald", starts_at=timezone.now() + datetime.timedelta(days=2))
    cancelled = EventFactory(title="abgesagt", state=Event.State.CANCELLED)
    EventFactory(title="Entwurf", state=Event.State.DRAFT)
    EventFactory(title="in Moderation", state=Event.State.PENDING)
    EventFactory(title="nur Mitglieder", audience=Audience.MEMBERS)
    past = timezone.now() - datetime.timedelta(days=3)
    EventFactory(title="vorbei", starts_at=past, ends_at=past + datetime.timedelta(hours=2))
    EventFactory(title="abgeschlossen", state=Event.State.CLOSED)
    # a cancelled event leaves the list (the month and the feeds still show it, marked)
    assert titles(selectors.event_list()) == [soon.title, later.title]
    assert cancelled.title not in titles(selectors.event_list())


def test_every_filter_narrows_the_list():
    town = factories.MunicipalityFactory(slug="gera", name="Gera", latitude=50.88, longitude=12.08)
    near = factories.MunicipalityFactory(
        slug="zeitz", name="Zeitz", latitude=51.05, longitude=12.14
    )
    far = factories.MunicipalityFactory(slug="kiel", name="Kiel", latitude=54.32, longitude=10.13)
    in_town = EventFactory(title="Sprachcafé", municipality=town, languages=["de", "ar"])
    nearby = EventFactory(title="Webinar Recht", municipality=near, kind=Kind.WEBINAR,
                          format=Format.ONLINE, languages=["de"])  # fmt: skip
    hybrid = EventFactory(title="Dialog", municipality=far, format=Format.HYBRID,
                          kind=Kind.CITIZEN_DIALOGUE, languages=["uk", "de"])  # fmt: skip
    assert titles(selectors.event_list(filters=EventFilters(municipality="gera"))) == [
        in_town.title
    ]
    around = selectors.event_list(filters=EventFilters(near="gera", radius_km=25))
    assert set(titles(around)) == {in_town.title, nearby.title}
    assert titles(selectors.event_list(filters=EventFilters(kind=Kind.WEBINAR))) == [nearby.title]
    online = selectors.event_list(filters=EventFilters(attendance="online"))
    assert set(titles(online)) == {nearby.title, hybrid.title}
    on_site = selectors.event_list(filters=EventFilters(attendance="in_person"))
    assert set(titles(on_site)) == {in_town.title, hybrid.title}
    assert titles(selectors.event_list(filters=EventFilters(language="ar"))) == [in_town.title]
    assert titles(selectors.event_list(filters=EventFilters(language="uk"))) == [hybrid.title]
    assert titles(selectors.event_list(filters=EventFilters(q="sprachcaf"))) == [in_town.title]


def test_the_date_range_includes_both_days():
    today = timezone.localdate()
    day = today + datetime.timedelta(days=10)
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(20)))
    on_the_day = EventFactory(title="am Tag", starts_at=at)
    EventFactory(title="davor", starts_at=at - datetime.timedelta(days=2))
    EventFactory(title="danach", starts_at=at + datetime.timedelta(days=1))
    found = selectors.event_list(filters=EventFilters(date_from=day, date_to=day))
    assert titles(found) == [on_the_day.title]


def test_a_weekly_series_stays_at_six_in_the_evening_across_the_change_to_winter_time():
    # the last Sunday of October 2026 is the 25th: clocks go back from 03:00 to 02:00
    event = EventFactory(
        starts_at=berlin(2026, 10, 13, 18, 0), ends_at=berlin(2026, 10, 13, 20, 0),
        recurrence="FREQ=WEEKLY;COUNT=4",
    )  # fmt: skip
    dates = selectors.occurrences(
        event, start=berlin(2026, 10, 1, 0, 0), end=berlin(2026, 12, 1, 0, 0)
    )
    assert [o.starts_at.strftime("%d.%m. %H:%M") for o in dates] == [
        "13.10. 18:00", "20.10. 18:00", "27.10. 18:00", "03.11. 18:00",
    ]  # fmt: skip
    # in UTC the hour moves by one: summer time before, winter time after
    assert dates[1].starts_at.astimezone(datetime.UTC).hour == 16
    assert dates[2].starts_at.astimezone(datetime.UTC).hour == 17
    assert all(o.ends_at - o.starts_at == datetime.timedelta(hours=2) for o in dates)


def test_until_in_utc_ends_a_series_on_its_last_local_date():
    event = EventFactory(
        starts_at=berlin(2026, 3, 2, 9, 0), ends_at=berlin(2026, 3, 2, 10, 0),
        recurrence="FREQ=DAILY;UNTIL=20260304T080000Z",
    )  # fmt: skip
    dates = selectors.occurrences(event, start=berlin(2026, 3, 1), end=berlin(2026, 4, 1))
    assert [o.day.day for o in dates] == [2, 3, 4]


def test_an_unreadable_rule_gives_the_first_date_only():
    event = EventFactory(starts_at=berlin(2026, 3, 2, 9, 0), ends_at=berlin(2026, 3, 2, 10, 0),
                         recurrence="FREQ=SOMETIMES")  # fmt: skip
    dates = selectors.occurrences(event, start=berlin(2026, 3, 1), end=berlin(2026, 4, 1))
    assert len(dates) == 1


def test_the_month_lists_each_date_of_a_series_on_its_day():
    series = EventFactory(
        title="Tandemtreffen", starts_at=berlin(2026, 12, 1, 18, 0),
        ends_at=berlin(2026, 12, 1, 19, 30), recurrence="FREQ=WEEKLY;COUNT=10",
    )  # fmt: skip
    single = EventFactory(title="Bürgerdialog", starts_at=berlin(2026, 12, 10, 19, 0),
                          ends_at=berlin(2026, 12, 10, 21, 0))  # fmt: skip
    EventFactory(title="Entwurf", state=Event.State.DRAFT, starts_at=berlin(2026, 12, 10, 9, 0),
                 ends_at=berlin(2026, 12, 10, 10, 0))  # fmt: skip
    month = selectors.month_calendar(month=datetime.date(2026, 12, 1))
    assert month.weeks[0][0].day == datetime.date(2026, 11, 30)  # weeks begin on Monday
    days = {d.day.day: [o.event.title for o in d.occurrences] for d in month.days_with_events}
    assert days == {1: [series.title], 8: [series.title], 10: [single.title],
                    15: [series.title], 22: [series.title], 29: [series.title]}  # fmt: skip
    assert (month.previous, month.next) == (datetime.date(2026, 11, 1), datetime.date(2027, 1, 1))
    filtered = selectors.month_calendar(
        month=datetime.date(2026, 12, 1), filters=EventFilters(q="dialog")
    )
    assert [d.day.day for d in filtered.days_with_events] == [10]


def test_a_busy_day_shows_a_few_and_counts_the_rest():
    for hour in range(8, 15):
        EventFactory(starts_at=berlin(2026, 12, 3, hour, 0), ends_at=berlin(2026, 12, 3, hour, 30))
    (day,) = selectors.month_calendar(month=datetime.date(2026, 12, 1)).days_with_events
    assert len(day.shown) == selectors.MONTH_MAX_PER_DAY and day.more == 7 - len(day.shown)


def test_the_town_page_gets_the_next_events_of_the_town():
    town = factories.MunicipalityFactory()
    here = EventFactory(municipality=town)
    EventFactory()
    assert selectors.upcoming_in(town) == [here]
