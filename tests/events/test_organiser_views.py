"""The organiser's pages: role × URL matrix, refused writes change nothing, needs added up."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from handschlag.events import door
from handschlag.events.models import Event, Registration
from handschlag.notifications.models import Notification
from handschlag.organisations.models import Membership
from tests import factories
from tests.conftest import client_for
from tests.events.factories import EventFactory, RegistrationFactory, organiser_of

pytestmark = pytest.mark.django_db
State = Registration.State
ROLES = ["admin", "member", "participant", "other", "moderator", "anonymous"]


@pytest.fixture
def event():
    start = timezone.now() - datetime.timedelta(minutes=20)
    return EventFactory(
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        free_places=8,
        title="Elterncafé",
    )


@pytest.fixture
def registration(event):
    return RegistrationFactory(event=event, places=2, interpreter_language="ar", childcare=1)


def _client(role, event, registration):
    if role == "anonymous":
        return Client()
    user = {
        "admin": lambda: organiser_of(event),
        "member": lambda: organiser_of(event, role=Membership.Role.MEMBER),
        "participant": lambda: registration.user,
        "other": factories.UserFactory,
        "moderator": factories.ModeratorFactory,
    }[role]()
    return client_for(user)


def _refused(response, role):
    assert response.status_code == (302 if role == "anonymous" else 403), response.status_code
    if role == "anonymous":
        assert "/konto/" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["participants", "checkin"])
def test_team_pages_are_for_the_team_only(event, registration, role, name):
    response = _client(role, event, registration).get(reverse(f"events:{name}", args=[event.pk]))
    if role in ("admin", "member"):
        assert response.status_code == 200
        assert registration.display_name in response.text
    else:
        _refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_message_page_is_for_admins_only(event, registration, role):
    client = _client(role, event, registration)
    url = reverse("events:message_participants", args=[event.pk])
    if role == "admin":
        assert client.get(url).status_code == 200
        response = client.post(url, {"subject": "Raumänderung", "text": "Wir sind im Saal 2."})
        assert response.status_code == 302
        note = Notification.objects.get(recipient=registration.user)
        assert note.kind == "events.organiser_message" and note.params["subject"] == "Raumänderung"
        return
    _refused(client.get(url), role)
    _refused(client.post(url, {"subject": "Spam", "text": "Spam"}), role)
    assert not Notification.objects.exists()


def test_message_goes_to_the_waiting_list_only_when_asked(event, registration):
    waiting = RegistrationFactory(event=event, state=State.WAITING)
    client = client_for(organiser_of(event))
    url = reverse("events:message_participants", args=[event.pk])
    client.post(url, {"subject": "A", "text": "an alle Angemeldeten"})
    assert not Notification.objects.filter(recipient=waiting.user).exists()
    client.post(url, {"subject": "B", "text": "auch Warteliste", "include_waiting": "on"})
    assert Notification.objects.filter(recipient=waiting.user).count() == 1
    assert Notification.objects.filter(recipient=registration.user).count() == 2


@pytest.mark.parametrize("role", ROLES)
def test_check_in_by_code_only_by_the_team(event, registration, role):
    client = _client(role, event, registration)
    response = client.post(
        reverse("events:checkin", args=[event.pk]), {"code": registration.checkin_code}
    )
    registration.refresh_from_db()
    if role in ("admin", "member"):
        assert response.status_code == 200
        assert "Willkommen" in response.text and "2 von 2 da" in response.text
        assert registration.state == State.ATTENDED
    else:
        _refused(response, role)
        assert registration.state == State.CONFIRMED and registration.checked_in_at is None


def test_check_in_with_htmx_answers_with_the_door_fragment_only(event, registration):
    client = client_for(organiser_of(event))
    response = client.post(
        reverse("events:checkin", args=[event.pk]), {"code": "XXXXXX"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="door-top"' in response.text
    assert "gibt es für diese Veranstaltung nicht" in response.text


def test_qr_code_prefills_the_door(event, registration):
    client = client_for(organiser_of(event))
    response = client.get(
        reverse("events:checkin", args=[event.pk]) + f"?code={registration.checkin_code.lower()}"
    )
    assert f'value="{registration.checkin_code}"' in response.text


@pytest.mark.parametrize("role", ROLES)
def test_ticking_off_by_name(event, registration, role):
    client = _client(role, event, registration)
    url = reverse("events:checkin_mark", args=[event.pk, registration.pk])
    response = client.post(url, {"action": "attended"})
    registration.refresh_from_db()
    if role in ("admin", "member"):
        assert response.status_code == 302 and registration.state == State.ATTENDED
        client.post(url, {"action": "no_show"})
        registration.refresh_from_db()
        assert registration.state == State.NO_SHOW
    else:
        _refused(response, role)
        assert registration.state == State.CONFIRMED


@pytest.mark.parametrize("role", ROLES)
def test_cancelling_by_the_organiser_is_for_admins(event, registration, role):
    client = _client(role, event, registration)
    url = reverse("events:cancel_by_organiser", args=[registration.pk])
    response = client.post(url, {"reason": "Bitte melden Sie sich für den Folgetermin an."})
    registration.refresh_from_db()
    event.refresh_from_db()
    if role == "admin":
        assert response.status_code == 302
        assert registration.state == State.CANCELLED_BY_ORGANISER and event.free_places == 10
    elif role == "member":
        assert response.status_code == 403
    else:
        _refused(response, role)
    if role != "admin":
        assert registration.state == State.CONFIRMED and event.free_places == 8
        assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("member", 200),
        ("participant", 200),
        ("other", 404),
        ("moderator", 404),
        ("anonymous", 404),
    ],
)
def test_qr_code_for_owner_and_team_only(event, registration, role, status):
    response = _client(role, event, registration).get(
        reverse("events:checkin_qr", args=[event.pk, registration.pk])
    )
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"].startswith("image/svg+xml")
        assert response["Cache-Control"] == "private, no-store"
        # an image file of its own: a browser draws it only with the SVG namespace
        assert response.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')


def test_qr_code_for_a_guest_with_the_token_from_their_link(event):
    guest = RegistrationFactory(
        event=event, user=None, guest_name="Olena", guest_email="o@example.org"
    )
    url = reverse("events:checkin_qr", args=[event.pk, guest.pk])
    assert Client().get(url + f"?token={guest.token}").status_code == 200
    assert Client().get(url + "?token=falsch").status_code == 404
    assert Client().get(url).status_code == 404


def test_draft_event_pages_are_404_for_strangers():
    event = EventFactory(state=Event.State.DRAFT)
    client = client_for(factories.UserFactory())
    assert client.get(reverse("events:participants", args=[event.pk])).status_code == 404


def test_access_needs_are_added_up_with_plurals(event):
    RegistrationFactory(
        event=event, places=2, interpreter_language="ar", childcare=2, step_free=True
    )
    RegistrationFactory(event=event, places=1, interpreter_language="ar")
    RegistrationFactory(event=event, places=1, interpreter_language="uk", other_needs="vegetarisch")
    RegistrationFactory(event=event, places=5, interpreter_language="fa", state=State.CANCELLED)
    needs = door.access_needs(door.registrations(event))
    assert needs.phrases() == [
        "3 × Verdolmetschung Arabisch",
        "1 × Verdolmetschung Ukrainisch",
        "2 Kinder in Betreuung",
        "2 × stufenloser Zugang",
        "1 weiterer Wunsch (siehe Liste)",
    ]
    RegistrationFactory(event=EventFactory(), childcare=1)
    one_child = EventFactory()
    RegistrationFactory(event=one_child, childcare=1)
    assert door.access_needs(door.registrations(one_child)).phrases() == ["1 Kind in Betreuung"]


def test_participants_page_shows_the_sum_and_runs_a_fixed_number_of_queries(
    event, django_assert_max_num_queries
):
    for _ in range(15):
        RegistrationFactory(event=event, interpreter_language="ar", step_free=True)
    client = client_for(organiser_of(event))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("events:participants", args=[event.pk]))
    assert "15 × Verdolmetschung Arabisch" in response.text
    assert "15 × stufenloser Zugang" in response.text


def test_organiser_box_is_for_the_team_only(event, registration):
    from django.template import Context, Template
    from django.test import RequestFactory

    template = Template('{% include "events/includes/organiser_box.html" %}')
    for user, shown in (
        (organiser_of(event, role=Membership.Role.MEMBER), True),
        (registration.user, False),
    ):
        request = RequestFactory().get("/")
        request.user = user
        html = template.render(Context({"event": event, "request": request}))
        assert ("Für das Team" in html) is shown
        assert (reverse("events:participants", args=[event.pk]) in html) is shown


def test_door_page_runs_a_fixed_number_of_queries(event, django_assert_max_num_queries):
    for _ in range(20):
        RegistrationFactory(event=event)
    client = client_for(organiser_of(event, role=Membership.Role.MEMBER))
    with django_assert_max_num_queries(15):
        response = client.get(reverse("events:checkin", args=[event.pk]))
    assert response.text.count("ist da</button>") == 20


def test_people_are_ticked_off_only_once_the_door_is_open(event, registration):
    """Before the door opens (a day before the start) the page offers no "ist da" button that
    would only be refused, and says from when it can be used."""
    admin = organiser_of(event)
    url = reverse("events:participants", args=[event.pk])
    assert "ist da" in client_for(admin).get(url).content.decode()
    later = timezone.now() + datetime.timedelta(days=3)
    Event.objects.filter(pk=event.pk).update(
        starts_at=later, ends_at=later + datetime.timedelta(hours=2)
    )
    html = client_for(admin).get(url).content.decode()
    assert "ist da" not in html and "ab einem Tag vor Beginn" in html
