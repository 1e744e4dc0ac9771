"""iCalendar output, parsed back with the icalendar library: UIDs, zones, series over a DST
change, cancellations, and the online link only for those who may see it."""

import datetime
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil import rrule
from django.urls import reverse

from handschlag.events import calendar_tokens, ical
from handschlag.events.models import CalendarToken, Event, Format, Registration
from tests import factories
from tests.conftest import client_for
from tests.events.factories import EventFactory, RegistrationFactory, organiser_of

BERLIN = ZoneInfo("Europe/Berlin")
LINK = "https://meet.example.org/geheim-123"
pytestmark = pytest.mark.django_db


def parse(body: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


def webinar(**fields):
    return EventFactory(format=Format.ONLINE, online_url=LINK, **fields)


def test_one_event_parses_back_with_a_stable_uid_and_its_zone(client):
    event = EventFactory(
        starts_at=datetime.datetime(2026, 12, 10, 19, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2026, 12, 10, 21, 0, tzinfo=BERLIN),
    )
    first = client.get(reverse("events:ics", args=[event.pk]))
    second = client.get(reverse("events:ics", args=[event.pk]))
    assert first.status_code == 200 and first["Content-Type"].startswith("text/calendar")
    assert "attachment" in first["Content-Disposition"]
    (one,), (again,) = parse(first.content), parse(second.content)
    assert str(one["uid"]) == str(again["uid"]) == f"event-{event.pk}@127.0.0.1"
    assert one["dtstart"].params["TZID"] == "Europe/Berlin"
    assert one["dtend"].params["TZID"] == "Europe/Berlin"
    assert one.decoded("dtstart") == datetime.datetime(2026, 12, 10, 19, 0, tzinfo=BERLIN)
    assert one.decoded("dtend").hour == 21
    assert one["status"] == "CONFIRMED" and int(one["sequence"]) == event.sequence
    assert str(one["summary"]) == event.title and event.venue_name in str(one["location"])
    assert str(one["url"]).endswith(event.get_absolute_url())
    calendar = icalendar.Calendar.from_ical(first.content)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_a_weekly_series_over_the_change_to_winter_time_expands_at_six_local():
    event = EventFactory(
        starts_at=datetime.datetime(2026, 10, 13, 18, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2026, 10, 13, 20, 0, tzinfo=BERLIN),
        recurrence="FREQ=WEEKLY;COUNT=4",
    )
    (parsed,) = parse(ical.build_calendar([(event, False)]))
    assert parsed["rrule"].to_ical() == b"FREQ=WEEKLY;COUNT=4"
    start = parsed.decoded("dtstart")
    dates = list(rrule.rrulestr(parsed["rrule"].to_ical().decode(), dtstart=start))
    assert [d.astimezone(BERLIN).strftime("%d.%m. %H:%M") for d in dates] == [
        "13.10. 18:00", "20.10. 18:00", "27.10. 18:00", "03.11. 18:00",
    ]  # fmt: skip
    # the moment in UTC moves by an hour when the clocks go back on 25 October
    assert [d.astimezone(datetime.UTC).hour for d in dates] == [16, 16, 17, 17]


def test_a_cancelled_event_is_marked_cancelled_with_its_sequence():
    event = EventFactory(state=Event.State.CANCELLED, cancel_reason="Der Saal ist gesperrt.")
    Event.objects.filter(pk=event.pk).update(sequence=3)
    event.refresh_from_db()
    (parsed,) = parse(ical.build_calendar([(event, False)]))
    assert parsed["status"] == "CANCELLED" and int(parsed["sequence"]) == 3
    assert "Der Saal ist gesperrt." in str(parsed["description"])


def test_the_online_link_is_in_the_download_only_for_those_who_may_see_it(client):
    event = webinar()
    url = reverse("events:ics", args=[event.pk])
    waiting = RegistrationFactory(event=event, state=Registration.State.WAITING).user
    confirmed = RegistrationFactory(event=event).user
    member = organiser_of(event, role="member")
    for reader in (client, client_for(factories.UserFactory()), client_for(waiting)):
        assert LINK not in str(parse(reader.get(url).content)[0]["description"])
    for reader in (confirmed, member):
        assert LINK in str(parse(client_for(reader).get(url).content)[0]["description"])


def test_events_nobody_may_see_have_no_download(client):
    draft = EventFactory(state=Event.State.DRAFT)
    assert client.get(reverse("events:ics", args=[draft.pk])).status_code == 404
    assert client.get(reverse("events:ics", args=[987654])).status_code == 404
    assert (
        client_for(organiser_of(draft)).get(reverse("events:ics", args=[draft.pk])).status_code
        == 200
    )


def test_the_public_feeds_hold_public_events_without_online_links(
    client, django_assert_max_num_queries
):
    town = factories.MunicipalityFactory(slug="gera")
    shown = webinar(municipality=town)
    cancelled = EventFactory(
        municipality=town, state=Event.State.CANCELLED, organisation=shown.organisation
    )
    EventFactory(municipality=town, state=Event.State.DRAFT, organisation=shown.organisation)
    EventFactory(municipality=town, audience="members", organisation=shown.organisation)
    RegistrationFactory(event=shown)  # a confirmed participant does not open the link to all
    for url in (
        reverse("events:feed_municipality", args=["gera"]),
        reverse("events:feed_organisation", args=[shown.organisation.slug]),
    ):
        with django_assert_max_num_queries(4):
            response = client.get(url)
        assert response.status_code == 200
        events = parse(response.content)
        assert {str(e["uid"]) for e in events} == {ical.event_uid(shown), ical.event_uid(cancelled)}
        assert LINK not in response.content.decode()
    assert client.get(reverse("events:feed_municipality", args=["nirgendwo"])).status_code == 404
    assert client.get(reverse("events:feed_organisation", args=["niemand"])).status_code == 404


def test_the_personal_feed_has_ones_registrations_and_links_where_confirmed(
    client, user, django_assert_max_num_queries
):
    confirmed = webinar(title="bestätigt")
    waiting = webinar(title="Warteliste")
    offered = EventFactory(title="angeboten")
    cancelled = EventFactory(title="abgemeldet")
    members_only = webinar(title="intern", audience="members")
    RegistrationFactory(event=confirmed, user=user)
    RegistrationFactory(event=waiting, user=user, state=Registration.State.WAITING)
    RegistrationFactory(event=offered, user=user, state=Registration.State.OFFERED)
    RegistrationFactory(event=cancelled, user=user, state=Registration.State.CANCELLED)
    RegistrationFactory(event=members_only, user=user)
    RegistrationFactory(event=EventFactory(title="fremd"))
    token = calendar_tokens.renew(user=user)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("events:feed_personal", args=[token.token]))
    assert response.status_code == 200
    events = {str(e["summary"]): str(e["description"]) for e in parse(response.content)}
    assert set(events) == {"bestätigt", "Warteliste", "angeboten", "intern"}
    assert LINK in events["bestätigt"] and LINK in events["intern"]
    assert LINK not in events["Warteliste"]


def test_a_renewed_or_revoked_token_is_404(client, user):
    old = calendar_tokens.renew(user=user).token
    new = calendar_tokens.renew(user=user).token
    assert old != new
    assert client.get(reverse("events:feed_personal", args=[old])).status_code == 404
    assert client.get(reverse("events:feed_personal", args=[new])).status_code == 200
    calendar_tokens.revoke(user=user)
    assert client.get(reverse("events:feed_personal", args=[new])).status_code == 404
    assert client.get(reverse("events:feed_personal", args=["ausgedacht"])).status_code == 404
    assert not CalendarToken.objects.filter(user=user).exists()


def test_a_deactivated_persons_feed_is_404(client, user):
    token = calendar_tokens.renew(user=user).token
    user.is_active = False
    user.save()
    assert client.get(reverse("events:feed_personal", args=[token])).status_code == 404


def test_the_subscription_page_shows_renews_and_revokes(user):
    person = client_for(user)
    url = reverse("events:calendar_subscription")
    page = person.get(url)
    assert page.status_code == 200 and not CalendarToken.objects.filter(user=user).exists()
    person.post(url, {"action": "renew"})
    first = CalendarToken.objects.get(user=user).token
    page = person.get(url).content.decode()
    assert f"webcal://testserver/veranstaltungen/feeds/meine/{first}.ics" in page
    assert f"http://testserver/veranstaltungen/feeds/meine/{first}.ics" in page
    person.post(url, {"action": "renew"})
    second = CalendarToken.objects.get(user=user).token
    assert second != first and first not in person.get(url).content.decode()
    person.post(url, {"action": "revoke"})
    assert not CalendarToken.objects.filter(user=user).exists()


def test_the_subscription_page_asks_anonymous_visitors_to_log_in(client):
    response = client.post(reverse("events:calendar_subscription"), {"action": "renew"})
    assert response.status_code == 302 and "/konto/" in response["Location"]
    assert not CalendarToken.objects.exists()


def test_a_public_feed_shows_a_change_at_once(client):
    town = factories.MunicipalityFactory(slug="gera")
    event = EventFactory(municipality=town, title="Erstes Treffen")
    url = reverse("events:feed_municipality", args=["gera"])
    assert "Erstes Treffen" in client.get(url).content.decode()
    event.title = "Umbenanntes Treffen"
    event.save()
    EventFactory(municipality=town, title="Neues Treffen")
    body = client.get(url).content.decode()
    assert "Umbenanntes Treffen" in body and "Neues Treffen" in body


def test_add_to_calendar_gives_plain_links_without_the_online_link():
    from urllib.parse import parse_qs, urlsplit

    from django.template.loader import render_to_string

    event = webinar(
        starts_at=datetime.datetime(2026, 12, 10, 19, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2026, 12, 10, 21, 0, tzinfo=BERLIN),
        recurrence="FREQ=WEEKLY;COUNT=3",
    )
    html = render_to_string("events/includes/calendar_links.html", {"event": event})
    assert reverse("events:ics", args=[event.pk]) in html and "<script" not in html
    assert LINK not in html

    def query_of(host: str) -> dict[str, list[str]]:
        link = re.search(rf'href="(https://{re.escape(host)}[^"]+)"', html)
        assert link is not None, host
        return parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query)

    google = query_of("calendar.google.com")
    assert google["action"] == ["TEMPLATE"] and google["text"] == [event.title]
    assert google["dates"] == ["20261210T180000Z/20261210T200000Z"]
    assert google["ctz"] == ["Europe/Berlin"] and google["recur"] == ["RRULE:FREQ=WEEKLY;COUNT=3"]
    outlook = query_of("outlook.live.com")
    assert outlook["startdt"] == ["2026-12-10T18:00:00Z"] and outlook["subject"] == [event.title]
