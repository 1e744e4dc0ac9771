"""The event form: wall-clock times in the event's zone to UTC (across DST), the plain and the
expert recurrence, the rules of place, places and registration window, errors in German."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms

from handschlag.events.forms import EventForm, initial_from, local_moment
from handschlag.events.models import Event
from tests import factories

from .factories import EventFactory
from .publishing import admin_of, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(db):
    return factories.MunicipalityFactory(name="Pirna", slug="pirna")


@pytest.fixture
def organisation(town):
    return factories.OrganisationFactory(municipality=town)


@pytest.fixture
def admin(organisation):
    return admin_of(organisation)


def data(organisation, town, **overrides):
    values = {
        "organisation": str(organisation.pk),
        "title": "Netzwerktreffen Integration",
        "description": "Wer macht was in Pirna?",
        "kind": "network_meeting",
        "format": "in_person",
        "date": in_days(30).date().isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "timezone": "Europe/Berlin",
        "municipality": town.name,
        "venue_name": "Stadtbibliothek",
        "audience": "public",
        "capacity": "30",
        "reserved_places": "2",
        "max_places_per_registration": "4",
        "languages": ["de", "uk"],
        "offer_hours": "48",
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def bound(admin, organisation, town, event=None, **overrides):
    return EventForm(data(organisation, town, **overrides), user=admin, event=event)


def test_a_complete_form_gives_the_services_their_fields(admin, organisation, town):
    form = bound(admin, organisation, town)
    assert form.is_valid(), form.errors
    fields = form.event_fields()
    local = fields["starts_at"].astimezone(datetime.UTC)
    assert fields["ends_at"] - fields["starts_at"] == datetime.timedelta(hours=2)
    assert fields["municipality"] == town
    assert fields["languages"] == ["de", "uk"] and fields["recurrence"] == ""
    assert local.tzinfo is datetime.UTC
    assert form.cleaned_data["organisation"] == organisation


def test_the_organisations_offered_are_those_the_user_runs(admin, organisation, town):
    other = factories.OrganisationFactory()
    member = factories.UserFactory()
    factories.MembershipFactory(organisation=other, user=member, role="member")
    form = EventForm(user=admin)
    assert list(form.fields["organisation"].queryset) == [organisation]
    assert form.initial["organisation"] == organisation.pk
    refused = EventForm(data(other, town), user=admin)
    assert not refused.is_valid() and "organisation" in refused.errors


def test_the_end_before_the_start_is_named_in_german(admin, organisation, town):
    form = bound(admin, organisation, town, end_time="17:30")
    assert not form.is_valid()
    assert form.errors["end_time"] == ["Das Ende liegt vor dem Beginn."]


def test_an_event_over_several_days(admin, organisation, town):
    day = in_days(30).date()
    form = bound(
        admin, organisation, town, start_time="09:00", end_time="16:00",
        end_date=(day + datetime.timedelta(days=1)).isoformat(),
    )  # fmt: skip
    assert form.is_valid(), form.errors
    fields = form.event_fields()
    assert fields["ends_at"] - fields["starts_at"] == datetime.timedelta(hours=31)


def test_a_start_in_the_past_is_refused(admin, organisation, town):
    form = bound(admin, organisation, town, date=in_days(-2).date().isoformat())
    assert not form.is_valid()
    assert form.errors["date"] == ["Der Beginn liegt in der Vergangenheit."]


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(datetime.date(2026, 10, 24), 16), (datetime.date(2026, 10, 26), 17)],
)
def test_the_wall_clock_becomes_the_right_utc_across_the_october_change(day, utc_hour):
    moment = local_moment(day, datetime.time(18), "Europe/Berlin")
    assert moment.hour == utc_hour and moment.tzinfo is datetime.UTC


def test_a_time_skipped_in_spring_is_refused_and_a_repeated_one_is_summer_time():
    with pytest.raises(forms.ValidationError, match="Zeitumstellung"):
        local_moment(datetime.date(2026, 3, 29), datetime.time(2, 30), "Europe/Berlin")
    twice = local_moment(datetime.date(2026, 10, 25), datetime.time(2, 30), "Europe/Berlin")
    assert twice == datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC)


def test_another_zone_is_taken_as_its_wall_clock(admin, organisation, town):
    form = bound(admin, organisation, town, timezone="Europe/London", date="2027-01-12")
    assert form.is_valid(), form.errors
    assert form.event_fields()["starts_at"] == datetime.datetime(
        2027, 1, 12, 18, 0, tzinfo=datetime.UTC
    )


@pytest.mark.parametrize(
    ("repeat", "count", "rule"),
    [
        ("weekly", "6", "FREQ=WEEKLY;COUNT=6"),
        ("biweekly", "4", "FREQ=WEEKLY;INTERVAL=2;COUNT=4"),
        ("monthly", "12", "FREQ=MONTHLY;COUNT=12"),
    ],
)
def test_the_plain_recurrence_becomes_an_rrule(admin, organisation, town, repeat, count, rule):
    form = bound(admin, organisation, town, repeat=repeat, repeat_count=count)
    assert form.is_valid(), form.errors
    assert form.event_fields()["recurrence"] == rule


def test_a_plain_recurrence_needs_the_number_of_dates(admin, organisation, town):
    form = bound(admin, organisation, town, repeat="weekly")
    assert not form.is_valid()
    assert "repeat_count" in form.errors


def test_an_experts_rule_is_checked_with_dateutil(admin, organisation, town):
    ok = bound(admin, organisation, town, rule="freq=weekly;byday=tu,th;count=10")
    assert ok.is_valid(), ok.errors
    assert ok.event_fields()["recurrence"] == "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10"
    for rule in ("FREQ=WEEKLY", "FREQ=SOMETIMES;COUNT=2", "FREQ=DAILY;COUNT=1000"):
        form = bound(admin, organisation, town, rule=rule)
        assert not form.is_valid(), rule
        assert "rule" in form.errors
    both = bound(
        admin, organisation, town, repeat="weekly", repeat_count="3", rule="FREQ=DAILY;COUNT=2"
    )
    assert not both.is_valid() and "rule" in both.errors


@pytest.mark.parametrize("fmt", ["online", "hybrid"])
def test_online_and_hybrid_need_the_link(admin, organisation, town, fmt):
    form = bound(admin, organisation, town, format=fmt)
    assert not form.is_valid()
    assert form.errors["online_url"] == ["Für eine Teilnahme online brauchen wir den Link."]
    ok = bound(admin, organisation, town, format=fmt, online_url="meet.example.org/raum")
    assert ok.is_valid(), ok.errors
    assert ok.event_fields()["online_url"] == "https://meet.example.org/raum"


def test_in_person_needs_town_and_venue_but_online_does_not(admin, organisation, town):
    form = bound(admin, organisation, town, municipality="", venue_name="")
    assert not form.is_valid()
    assert set(form.errors) == {"municipality", "venue_name"}
    unknown = bound(admin, organisation, town, municipality="Atlantis")
    assert unknown.errors["municipality"] == ["Diesen Ort kennen wir nicht."]
    online = bound(
        admin, organisation, town, format="online", municipality="", venue_name="",
        online_url="https://meet.example.org/x",
    )  # fmt: skip
    assert online.is_valid(), online.errors


def test_reserved_places_cannot_exceed_the_capacity(admin, organisation, town):
    form = bound(admin, organisation, town, capacity="5", reserved_places="6")
    assert not form.is_valid() and "reserved_places" in form.errors


def test_the_registration_window_is_read_in_the_events_zone_and_ends_by_the_start(
    admin, organisation, town
):
    day = in_days(30).date()
    closes = f"{(day - datetime.timedelta(days=1)).isoformat()}T12:00"
    form = bound(admin, organisation, town, timezone="Europe/London", registration_closes_at=closes)
    assert form.is_valid(), form.errors
    value = form.event_fields()["registration_closes_at"]
    wall = datetime.datetime.combine(day - datetime.timedelta(days=1), datetime.time(12))
    assert value == wall.replace(tzinfo=ZoneInfo("Europe/London"))
    late = bound(admin, organisation, town, registration_closes_at=f"{day.isoformat()}T19:00")
    assert not late.is_valid() and "registration_closes_at" in late.errors
    backwards = bound(
        admin, organisation, town,
        registration_opens_at=f"{(day - datetime.timedelta(days=2)).isoformat()}T12:00",
        registration_closes_at=f"{(day - datetime.timedelta(days=3)).isoformat()}T12:00",
    )  # fmt: skip
    assert not backwards.is_valid()
    assert backwards.errors["registration_closes_at"] == [
        "Die Anmeldung muss enden, nachdem sie begonnen hat."
    ]


def test_languages_come_from_the_list_with_their_own_names(admin, organisation, town):
    form = EventForm(user=admin)
    names = dict(form.fields["languages"].choices)
    assert names["ar"] == "العربية" and names["uk"] == "Українська" and names["de"] == "Deutsch"
    unknown = bound(admin, organisation, town, languages=["de", "xx"])
    assert not unknown.is_valid() and "languages" in unknown.errors


def test_editing_shows_the_event_on_its_wall_clock_and_keeps_the_organiser(
    admin, organisation, town
):
    starts = datetime.datetime(2027, 7, 6, 16, 30, tzinfo=datetime.UTC)  # 18:30 CEST
    event = EventFactory(
        organisation=organisation, municipality=town, starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2), recurrence="FREQ=MONTHLY;COUNT=5",
    )  # fmt: skip
    initial = initial_from(event)
    assert initial["date"] == datetime.date(2027, 7, 6)
    assert initial["start_time"] == datetime.time(18, 30)
    assert initial["end_time"] == datetime.time(20, 30)
    assert (initial["repeat"], initial["repeat_count"], initial["rule"]) == ("monthly", 5, "")
    form = EventForm(user=admin, event=event)
    assert "organisation" not in form.fields
    expert = EventFactory(recurrence="FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8")
    assert initial_from(expert)["rule"] == "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8"


def test_an_unchanged_past_start_does_not_block_other_edits(admin, organisation, town):
    starts = in_days(-1)
    event = EventFactory(
        organisation=organisation, municipality=town, starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )  # fmt: skip
    values = {**initial_from(event), "municipality": town.name}
    values = {k: v for k, v in values.items() if v not in (None, "")}
    values["date"] = values["date"].isoformat()
    values["start_time"] = values["start_time"].strftime("%H:%M")
    values["end_time"] = values["end_time"].strftime("%H:%M")
    form = EventForm(values, user=admin, event=event)
    assert form.is_valid(), form.errors


def test_capacity_below_the_places_held_is_refused(admin, organisation, town):
    event = EventFactory(organisation=organisation, municipality=town, capacity=10, free_places=4)
    local = event.starts_at.astimezone(event.zone)
    form = EventForm(
        data(
            organisation, town, capacity="7", reserved_places="2",
            date=local.date().isoformat(), start_time=local.strftime("%H:%M"), end_time="23:59",
        ),
        user=admin,
        event=event,
    )  # fmt: skip
    assert not form.is_valid()
    assert form.errors["capacity"] == [
        "6 Plätze sind schon vergeben; so viele Plätze (ohne reservierte) muss es mindestens geben."
    ]
    assert Event.objects.get(pk=event.pk).capacity == 10
