"""The events API: the list page's filters, pagination, the detail, and the online link
only for those who may see it."""

import datetime

import pytest
from django.utils import timezone

from handschlag.events.models import Event, Format, Kind, Registration
from tests import factories
from tests.conftest import client_for
from tests.events.factories import EventFactory, RegistrationFactory, organiser_of

LIST = "/api/v1/events"
LINK = "https://meet.example.org/geheim-123"
pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_the_list_has_upcoming_public_events_soonest_first(client):
    later = EventFactory(title="später", starts_at=timezone.now() + datetime.timedelta(days=30))
    soon = EventFactory(title="bald", starts_at=timezone.now() + datetime.timedelta(days=1))
    EventFactory(title="Entwurf", state=Event.State.DRAFT)
    EventFactory(title="intern", audience="members")
    assert titles(client.get(LIST)) == [soon.title, later.title]


def test_the_list_takes_the_pages_filters(client):
    gera = factories.MunicipalityFactory(slug="gera", name="Gera")
    EventFactory(
        title="Dialog", kind=Kind.CITIZEN_DIALOGUE, municipality=gera, languages=["de", "ar"]
    )
    EventFactory(title="Webinar", kind=Kind.WEBINAR, format=Format.ONLINE, languages=["uk"])
    assert titles(client.get(LIST, {"place": "Gera", "radius": 0})) == ["Dialog"]
    assert titles(client.get(LIST, {"kind": "webinar"})) == ["Webinar"]
    assert titles(client.get(LIST, {"attendance": "online"})) == ["Webinar"]
    assert titles(client.get(LIST, {"language": "ar"})) == ["Dialog"]
    assert titles(client.get(LIST, {"q": "webin"})) == ["Webinar"]
    day = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    assert len(titles(client.get(LIST, {"date_from": day, "date_to": day}))) == 2


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "party"},
        {"radius": 7},
        {"attendance": "somewhere"},
        {"language": "d'e"},
        {"date_from": "gestern"},
        {"date_from": "2026-12-10", "date_to": "2026-12-01"},
        {"place": "Nirgendwo-am-See"},
        {"page": 0},
    ],
)
def test_bad_parameters_are_a_422_never_a_500(client, query):
    assert client.get(LIST, query).status_code == 422


def test_the_list_is_paginated_with_few_queries(client, django_assert_max_num_queries):
    for _ in range(25):
        EventFactory(format=Format.ONLINE, online_url=LINK)
    with django_assert_max_num_queries(3):
        first = client.get(LIST).json()
    assert first["count"] == 25 and len(first["items"]) == 20
    assert len(client.get(LIST, {"page": 2}).json()["items"]) == 5
    person = client_for(factories.UserFactory())
    with django_assert_max_num_queries(8):
        assert person.get(LIST).status_code == 200


def test_the_online_link_is_null_unless_the_caller_may_see_it(client):
    event = EventFactory(format=Format.ONLINE, online_url=LINK)
    waiting = RegistrationFactory(event=event, state=Registration.State.WAITING).user
    confirmed = RegistrationFactory(event=event).user
    member = organiser_of(event, role="member")
    detail = f"{LIST}/{event.pk}"
    for reader in (client, client_for(factories.UserFactory()), client_for(waiting)):
        assert reader.get(detail).json()["online_url"] is None
        assert reader.get(LIST).json()["items"][0]["online_url"] is None
        assert LINK not in reader.get(LIST).content.decode()
    for person in (confirmed, member):
        reader = client_for(person)
        assert reader.get(detail).json()["online_url"] == LINK
        assert reader.get(LIST).json()["items"][0]["online_url"] == LINK


def test_the_detail_is_404_for_what_the_caller_may_not_see(client):
    draft = EventFactory(state=Event.State.DRAFT)
    members_only = EventFactory(audience="members")
    assert client.get(f"{LIST}/{draft.pk}").status_code == 404
    assert client.get(f"{LIST}/{members_only.pk}").status_code == 404
    assert client.get(f"{LIST}/999999").status_code == 404
    member = client_for(organiser_of(members_only, role="member"))
    assert member.get(f"{LIST}/{members_only.pk}").status_code == 200


def test_the_detail_gives_times_in_the_events_zone_and_its_links(client):
    event = EventFactory()
    data = client.get(f"{LIST}/{event.pk}").json()
    start = datetime.datetime.fromisoformat(data["starts_at"])
    assert (
        start == event.starts_at
        and start.utcoffset() == event.starts_at.astimezone(event.zone).utcoffset()
    )
    assert data["timezone"] == "Europe/Berlin"
    assert data["ics_url"].endswith(f"/veranstaltungen/{event.pk}/termin.ics")
    assert data["organisation"]["slug"] == event.organisation.slug
