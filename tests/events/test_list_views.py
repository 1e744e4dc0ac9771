"""The event list and the month calendar: filters, inline errors, pagination, query counts."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from handschlag.events.models import Event, Format, Kind
from tests import factories
from tests.events.factories import EventFactory

BERLIN = ZoneInfo("Europe/Berlin")
LIST = reverse("events:list")
CALENDAR = reverse("events:calendar")
pytestmark = pytest.mark.django_db


def berlin(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def results(response) -> str:
    html = response.content.decode()
    return html[html.index('id="results"') :]


def test_the_list_shows_upcoming_public_events(client):
    shown = EventFactory(title="Sprachcafé im Rathaus")
    EventFactory(title="Geheimer Entwurf", state=Event.State.DRAFT)
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert shown.title in html and "Geheimer Entwurf" not in html
    assert "1 Veranstaltung gefunden" in html and "10 Plätze frei" in html


def test_the_empty_list_says_what_to_do(client):
    html = client.get(LIST).content.decode()
    assert "0 Veranstaltungen gefunden" in html and "Ändern Sie die Filter" in html


def test_filters_apply_from_the_query(client):
    gera = factories.MunicipalityFactory(slug="gera", name="Gera")
    EventFactory(title="Webinar Aufenthaltsrecht", kind=Kind.WEBINAR, format=Format.ONLINE)
    EventFactory(title="Bürgerdialog Gera", kind=Kind.CITIZEN_DIALOGUE, municipality=gera)
    html = results(client.get(LIST, {"kind": "webinar", "attendance": "online"}))
    assert "Webinar Aufenthaltsrecht" in html and "Bürgerdialog Gera" not in html
    html = results(client.get(LIST, {"place": "Gera", "radius": "0"}))
    assert "Bürgerdialog Gera" in html and "Webinar" not in html


def test_an_invalid_filter_is_shown_at_its_field_and_the_others_still_apply(client):
    EventFactory(title="Webinar Aufenthaltsrecht", kind=Kind.WEBINAR)
    EventFactory(title="Workshop Vereine", kind=Kind.WORKSHOP)
    response = client.get(LIST, {"kind": "webinar", "von": "gestern", "language": "xx"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_von_error"' in html and 'id="id_language_error"' in html
    assert "Diese Filter konnten nicht angewendet werden" in html
    assert "Webinar Aufenthaltsrecht" in results(response)
    assert "Workshop Vereine" not in results(response)


def test_an_unknown_place_offers_similar_towns(client):
    factories.MunicipalityFactory(slug="gera", name="Gera")
    html = client.get(LIST, {"place": "Gerra"}).content.decode()
    assert "Diesen Ort kennen wir nicht." in html and "Gera" in html


def test_an_end_before_the_start_is_a_field_error(client):
    html = client.get(LIST, {"von": "2026-12-10", "bis": "2026-12-01"}).content.decode()
    assert "Das Ende liegt vor dem Anfang." in html


def test_htmx_gets_only_the_results_and_the_field_errors_out_of_band(client):
    EventFactory(title="Webinar Aufenthaltsrecht")
    response = client.get(LIST, {"von": "kaputt"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and 'id="results"' in html
    assert 'id="id_von_errors" data-hx-swap-oob="true"' in html


def test_the_list_is_paginated(client):
    start = timezone.now() + datetime.timedelta(days=1)
    for i in range(23):
        EventFactory(title=f"Termin {i:02d}", starts_at=start + datetime.timedelta(hours=i))
    first = results(client.get(LIST))
    second = results(client.get(LIST, {"page": 2}))
    assert "Termin 00" in first and "Termin 19" in first and "Termin 20" not in first
    assert "Termin 20" in second and "Termin 22" in second and "Seite 2 von 2" in second
    assert client.get(LIST, {"page": "viele"}).status_code == 200


def test_a_series_shows_its_next_date(client):
    now = timezone.localtime()
    first = (now - datetime.timedelta(days=14)).replace(hour=18, minute=0, second=0, microsecond=0)
    end = first + datetime.timedelta(hours=1)
    EventFactory(title="Tandem", starts_at=first, ends_at=end, recurrence="FREQ=WEEKLY;COUNT=10")
    html = results(client.get(LIST))
    assert "Tandem" in html and "nächster Termin" in html


def test_the_list_runs_few_queries(client, django_assert_max_num_queries):
    for _ in range(25):
        EventFactory(recurrence="FREQ=WEEKLY;COUNT=3")
    with django_assert_max_num_queries(6):
        assert (
            client.get(LIST, {"kind": "workshop", "place": "", "q": "Workshop"}).status_code == 200
        )
    with django_assert_max_num_queries(6):
        assert client.get(LIST).status_code == 200


def test_the_month_grid_has_weekday_headers_and_the_events_of_each_day(client):
    EventFactory(title="Bürgerdialog", starts_at=berlin(2026, 12, 10, 19, 0),
                 ends_at=berlin(2026, 12, 10, 21, 0))  # fmt: skip
    EventFactory(title="Tandem Gera", starts_at=berlin(2026, 12, 1, 18, 0),
                 ends_at=berlin(2026, 12, 1, 19, 0), recurrence="FREQ=WEEKLY;COUNT=3")  # fmt: skip
    response = client.get(CALENDAR, {"monat": "2026-12"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dezember 2026" in html and '<th scope="col" abbr="Montag">Mo</th>' in html
    assert html.count("Tandem Gera") == 6  # 3 dates, in the grid and in the phone list
    assert "19:00" in html and "Bürgerdialog" in html
    assert "?monat=2026-11" in html and "?monat=2027-01" in html


def test_the_month_keeps_the_filters_in_its_links(client):
    html = client.get(CALENDAR, {"monat": "2026-12", "kind": "webinar"}).content.decode()
    assert "?monat=2027-01&amp;kind=webinar" in html


def test_an_unknown_month_says_so_and_shows_this_month(client):
    html = client.get(CALENDAR, {"monat": "2026-13"}).content.decode()
    assert "Den Monat „2026-13“ kennen wir nicht" in html
    this_month = timezone.localdate()
    assert re.search(rf"{this_month.year}</h2>", html)


def test_the_calendar_runs_few_queries(client, django_assert_max_num_queries):
    for day in range(1, 28):
        EventFactory(starts_at=berlin(2026, 12, day, 10), ends_at=berlin(2026, 12, day, 12))
        EventFactory(starts_at=berlin(2026, 12, day, 14), ends_at=berlin(2026, 12, day, 16),
                     recurrence="FREQ=DAILY;COUNT=5")  # fmt: skip
    with django_assert_max_num_queries(5):
        assert client.get(CALENDAR, {"monat": "2026-12", "language": "de"}).status_code == 200


def test_the_main_navigation_leads_to_the_events(client):
    html = client.get(reverse("home")).content.decode()
    assert f'href="{LIST}"' in html
    html = client.get(LIST).content.decode()
    assert f'<a href="{LIST}" aria-current="page">Veranstaltungen</a>' in html


def test_the_town_page_shows_its_next_events(client):
    town = factories.MunicipalityFactory(slug="gera", name="Gera")
    EventFactory(title="Bürgerdialog Gera", municipality=town)
    html = client.get(reverse("municipality", args=["gera"])).content.decode()
    assert "Bürgerdialog Gera" in html and "Veranstaltungen in Gera" in html


def test_the_home_page_shows_the_next_events(client):
    EventFactory(title="Netzwerktreffen Ehrenamt")
    assert "Netzwerktreffen Ehrenamt" in client.get(reverse("home")).content.decode()


def test_the_pages_speak_english(client, settings):
    EventFactory(title="Sprachcafé")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(LIST).content.decode()
    assert "1 event found" in html and "10 places free" in html and "Search and filter" in html
    html = client.get(CALENDAR, {"monat": "2026-12"}).content.decode()
    assert "Event calendar" in html and "December 2026" in html
