"""Pages of the registration part: registering (account and guest), a guest's token page,
accepting, cancelling (asks first), an organiser cancelling one registration, "Meine
Anmeldungen"; a role × URL matrix where every refused write changes nothing; the online link
never shown to the unconfirmed."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime

from handschlag.events import registration as services
from handschlag.events.models import Audience, Event, Format, Registration
from handschlag.organisations.models import Membership
from tests import factories
from tests.conftest import client_for

from .factories import EventFactory, organiser_of
from .registration_helpers import fresh, register_people

pytestmark = pytest.mark.django_db
State = Registration.State
SECRET = "https://meet.example.org/geheimer-raum"


def snapshot(event):
    """Everything a write could change."""
    event.refresh_from_db()
    rows = Registration.objects.filter(event=event).order_by("pk")
    return event.free_places, list(rows.values_list("pk", "state", "places", "offer_expires_at"))


def text(response):
    return response.content.decode()


# ---------------------------------------------------------------- registering


def test_the_register_page_shows_a_one_click_form_to_a_person_with_an_account():
    event = EventFactory(max_places_per_registration=3)
    response = client_for(factories.UserFactory()).get(reverse("events:register", args=[event.pk]))
    assert response.status_code == 200
    page = text(response)
    assert "Jetzt anmelden" in page and "Noch 10 Plätze frei." in page
    assert 'name="places"' in page and 'name="email"' not in page
    assert 'name="interpreter_language"' in page and 'name="step_free"' in page


def test_a_person_registers_with_places_and_needs_and_sees_the_state():
    event = EventFactory(max_places_per_registration=3)
    person = factories.UserFactory()
    client = client_for(person)
    response = client.post(
        reverse("events:register", args=[event.pk]),
        {"places": "2", "interpreter_language": "ar", "childcare": "1", "step_free": "on"},
    )
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    registration = Registration.objects.get(user=person)
    assert (registration.state, registration.places, registration.interpreter_language) == (
        State.CONFIRMED,
        2,
        "ar",
    )
    assert registration.childcare == 1 and registration.step_free
    page = text(client.get(reverse("events:register", args=[event.pk])))
    assert "angemeldet" in page and "Abmelden" in page and "Jetzt anmelden" not in page


def test_a_full_event_offers_the_waiting_list_and_says_the_position():
    event = EventFactory(capacity=1)
    register_people(event, 1)
    client = client_for(factories.UserFactory())
    page = text(client.get(reverse("events:register", args=[event.pk])))
    assert "Auf die Warteliste" in page
    response = client.post(
        reverse("events:register", args=[event.pk]), {"places": "1"}, follow=True
    )
    assert "Platz 1 der Warteliste" in text(response)


def test_too_many_places_re_render_the_form_with_an_error_and_register_nothing():
    event = EventFactory(max_places_per_registration=2)
    before = snapshot(event)
    response = client_for(factories.UserFactory()).post(
        reverse("events:register", args=[event.pk]), {"places": "5"}
    )
    assert response.status_code == 200 and "errorlist" in text(response)
    assert snapshot(event) == before


def test_a_closed_registration_says_why_and_takes_nothing():
    event = EventFactory(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    client = client_for(factories.UserFactory())
    assert "Die Anmeldefrist ist abgelaufen." in text(
        client.get(reverse("events:register", args=[event.pk]))
    )
    before = snapshot(event)
    client.post(reverse("events:register", args=[event.pk]), {"places": "1"})
    assert snapshot(event) == before


def test_a_guest_registers_with_name_email_and_consent():
    event = EventFactory()
    client = Client()
    page = text(client.get(reverse("events:register", args=[event.pk])))
    assert 'name="email"' in page and 'name="consent"' in page and reverse("privacy") in page
    missing_consent = client.post(
        reverse("events:register", args=[event.pk]),
        {"name": "Amira", "email": "amira@example.org", "places": "1"},
    )
    assert missing_consent.status_code == 200 and "errorlist" in text(missing_consent)
    assert not Registration.objects.exists()
    response = client.post(
        reverse("events:register", args=[event.pk]),
        {"name": "Amira", "email": "amira@example.org", "places": "1", "consent": "on"},
        follow=True,
    )
    guest = Registration.objects.get()
    assert guest.state == State.REQUESTED and guest.guest_name == "Amira"
    assert "amira@example.org" in text(response)
    # the browser is never sent to the token page: only the mailbox proves the address
    assert guest.token not in text(response)
    assert fresh(event).free_places == 10


def test_members_only_events_are_hidden_from_others_and_refuse_guests():
    event = EventFactory(audience=Audience.MEMBERS)
    assert Client().get(reverse("events:register", args=[event.pk])).status_code == 404
    assert (
        client_for(factories.UserFactory())
        .get(reverse("events:register", args=[event.pk]))
        .status_code
        == 404
    )
    before = snapshot(event)
    Client().post(
        reverse("events:register", args=[event.pk]),
        {"name": "A", "email": "a@example.org", "places": "1", "consent": "on"},
    )
    assert snapshot(event) == before
    member = organiser_of(event, role=Membership.Role.MEMBER)
    client_for(member).post(reverse("events:register", args=[event.pk]), {"places": "1"})
    assert Registration.objects.get().user == member


def test_a_draft_event_has_no_register_page():
    event = EventFactory(state=Event.State.DRAFT)
    assert (
        client_for(factories.UserFactory())
        .get(reverse("events:register", args=[event.pk]))
        .status_code
        == 404
    )


# ---------------------------------------------------------------- a guest's page


def guest_of(event, *, confirm=True):
    guest = services.register_guest(event=event, name="Olena", email="olena@example.org")
    if confirm:
        services.confirm_guest_email(registration=guest, token=guest.token)
    return fresh(guest)


def test_a_guest_confirms_by_a_button_on_the_token_page_not_by_opening_it():
    event = EventFactory()
    guest = guest_of(event, confirm=False)
    client = Client()
    page = client.get(reverse("events:registration", args=[guest.token]))
    assert page.status_code == 200 and "E-Mail-Adresse bestätigen" in text(page)
    assert fresh(guest).state == State.REQUESTED  # a mail scanner opening the link confirms nothing
    client.post(reverse("events:confirm_email", args=[guest.token]))
    assert fresh(guest).state == State.CONFIRMED and fresh(event).free_places == 9


def test_a_guest_cancels_after_a_page_that_names_the_consequence():
    event = EventFactory()
    guest = guest_of(event)
    client = Client()
    ask = client.get(reverse("events:cancel_by_token", args=[guest.token]))
    assert (
        ask.status_code == 200 and "Nächste Person auf der Warteliste".lower() in text(ask).lower()
    )
    assert fresh(guest).state == State.CONFIRMED
    client.post(reverse("events:cancel_by_token", args=[guest.token]))
    assert fresh(guest).state == State.CANCELLED and fresh(event).free_places == 10


def test_a_guest_accepts_an_offer_on_the_token_page():
    event = EventFactory(capacity=1)
    [holder] = register_people(event, 1)
    guest = guest_of(event)
    services.cancel_registration(registration=holder, by=holder.user)
    client = Client()
    page = text(client.get(reverse("events:registration", args=[guest.token])))
    assert "Platz annehmen" in page
    client.post(reverse("events:accept_offer_by_token", args=[guest.token]))
    assert fresh(guest).state == State.CONFIRMED


def test_a_token_of_a_registration_with_an_account_opens_no_guest_page():
    event = EventFactory()
    [registration] = register_people(event, 1)
    assert (
        Client().get(reverse("events:registration", args=[registration.token])).status_code == 404
    )


# ---------------------------------------------------------------- the online link


@pytest.mark.parametrize(
    "state", [State.REQUESTED, State.WAITING, State.OFFERED, State.CANCELLED, State.EXPIRED]
)
def test_the_online_link_is_never_shown_to_the_unconfirmed(state):
    event = EventFactory(format=Format.ONLINE, online_url=SECRET)
    person_reg = factories_registration(event, state, guest=False)
    guest_reg = factories_registration(event, state, guest=True)
    assert SECRET not in text(
        client_for(person_reg.user).get(reverse("events:register", args=[event.pk]))
    )
    assert SECRET not in text(Client().get(reverse("events:registration", args=[guest_reg.token])))
    assert SECRET not in text(client_for(person_reg.user).get(reverse("events:my_registrations")))


def test_the_online_link_is_shown_to_the_confirmed():
    event = EventFactory(format=Format.HYBRID, online_url=SECRET)
    person_reg = factories_registration(event, State.CONFIRMED, guest=False)
    guest_reg = factories_registration(event, State.CONFIRMED, guest=True)
    assert SECRET in text(
        client_for(person_reg.user).get(reverse("events:register", args=[event.pk]))
    )
    assert SECRET in text(Client().get(reverse("events:registration", args=[guest_reg.token])))
    # and not to anyone else on the same page
    assert SECRET not in text(
        client_for(factories.UserFactory()).get(reverse("events:register", args=[event.pk]))
    )
    assert SECRET not in text(Client().get(reverse("events:register", args=[event.pk])))


def test_cancelling_a_registration_is_not_named_like_logging_out():
    """The header's "Abmelden" logs out; the registration's link must say what it does, in
    German and in English ("Log out" was the English of both)."""
    from django.conf import settings

    event = EventFactory()
    registration = factories_registration(event, State.CONFIRMED, guest=False)
    cancel = reverse("events:cancel_registration", args=[registration.pk])
    client = client_for(registration.user)
    assert f'href="{cancel}">Von der Veranstaltung abmelden</a>' in text(
        client.get(event.get_absolute_url())
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = text(client.get(event.get_absolute_url()))
    assert f'href="{cancel}">Cancel my registration</a>' in page
    assert "<title>Cancel my registration" in text(client.get(cancel))


def test_a_closed_event_says_it_is_over_instead_of_offering_no_registration():
    start = timezone.now() - datetime.timedelta(days=1)
    event = EventFactory(
        state=Event.State.CLOSED, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    page = text(Client().get(event.get_absolute_url()))
    assert "Die Veranstaltung ist vorbei." in page
    assert "keine Anmeldung möglich" not in page


# ---------------------------------------------------------------- the code for the door


def test_the_confirmed_see_their_code_for_the_door_and_its_qr_code():
    event = EventFactory()
    person_reg = factories_registration(event, State.CONFIRMED, guest=False)
    guest_reg = factories_registration(event, State.CONFIRMED, guest=True)
    mine = text(client_for(person_reg.user).get(event.get_absolute_url()))
    assert "Ihr Code für den Einlass" in mine and person_reg.checkin_code in mine
    assert reverse("events:checkin_qr", args=[event.pk, person_reg.pk]) in mine
    theirs = text(Client().get(reverse("events:registration", args=[guest_reg.token])))
    assert guest_reg.checkin_code in theirs and f"?token={guest_reg.token}" in theirs
    # nobody else sees either code
    other = text(client_for(factories.UserFactory()).get(event.get_absolute_url()))
    assert person_reg.checkin_code not in other and guest_reg.checkin_code not in other


@pytest.mark.parametrize("state", [State.REQUESTED, State.WAITING, State.OFFERED])
def test_no_code_for_the_door_before_the_place_is_confirmed(state):
    event = EventFactory()
    person_reg = factories_registration(event, state, guest=False)
    guest_reg = factories_registration(event, state, guest=True)
    mine = text(client_for(person_reg.user).get(event.get_absolute_url()))
    theirs = text(Client().get(reverse("events:registration", args=[guest_reg.token])))
    assert "Ihr Code für den Einlass" not in mine + theirs
    assert person_reg.checkin_code not in mine and guest_reg.checkin_code not in theirs


def factories_registration(event, state, *, guest):
    from .factories import RegistrationFactory

    extra = (
        {"user": None, "guest_name": "Gast", "guest_email": f"g{state}@example.org"}
        if guest
        else {}
    )
    return RegistrationFactory(
        event=event,
        state=state,
        waiting_since=timezone.now() if state == State.WAITING else None,
        offer_expires_at=timezone.now() + datetime.timedelta(hours=5)
        if state == State.OFFERED
        else None,
        **extra,
    )


# ---------------------------------------------------------------- Meine Anmeldungen


def test_my_registrations_lists_upcoming_first_and_past_below():
    person = factories.UserFactory()
    soon = EventFactory(title="Bald")
    later = EventFactory(title="Später", starts_at=timezone.now() + datetime.timedelta(days=30))
    Event.objects.filter(pk=later.pk).update(ends_at=later.starts_at + datetime.timedelta(hours=2))
    past = EventFactory(title="Vorbei")
    services.register(event=later, by=person)
    services.register(event=soon, by=person)
    services.register(event=past, by=person)
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    services.register(event=EventFactory(title="Fremd"), by=factories.UserFactory())
    page = text(client_for(person).get(reverse("events:my_registrations")))
    assert (
        page.index("Bald") < page.index("Später") < page.index("Vergangen") < page.index("Vorbei")
    )
    assert "Fremd" not in page


def test_my_registrations_when_empty_says_how_to_begin():
    page = text(client_for(factories.UserFactory()).get(reverse("events:my_registrations")))
    assert "noch zu keiner Veranstaltung angemeldet" in page


def test_my_registrations_runs_a_constant_number_of_queries(django_assert_max_num_queries):
    person = factories.UserFactory()
    for _ in range(8):
        services.register(event=EventFactory(), by=person)
    client = client_for(person)
    with django_assert_max_num_queries(8):
        client.get(reverse("events:my_registrations"))


# ---------------------------------------------------------------- the role × URL matrix


@pytest.fixture
def scene():
    """An event with a confirmed participant, a guest holding an offer, and its people."""
    event = EventFactory(capacity=2)
    participant = services.register(event=event, by=factories.UserFactory())
    [holder] = register_people(event, 1)
    guest = guest_of(event)  # waiting
    services.cancel_registration(registration=holder, by=holder.user)  # the guest is offered
    return {
        "event": event,
        "participant": fresh(participant),
        "guest": fresh(guest),
        "admin": organiser_of(event),
        "member": organiser_of(event, role=Membership.Role.MEMBER),
        "other": factories.UserFactory(),
    }


def person_urls(registration):
    return {
        "accept": reverse("events:accept_offer", args=[registration.pk]),
        "cancel": reverse("events:cancel_registration", args=[registration.pk]),
        "organiser_cancel": reverse("events:cancel_by_organiser", args=[registration.pk]),
    }


@pytest.mark.parametrize("who", ["other", "admin", "member", "anonymous"])
def test_nobody_but_the_participant_cancels_a_registration(scene, who):
    registration = scene["participant"]
    client = Client() if who == "anonymous" else client_for(scene[who])
    before = snapshot(scene["event"])
    url = person_urls(registration)["cancel"]
    get, post = client.get(url), client.post(url)
    expected = 302 if who == "anonymous" else 404
    assert (get.status_code, post.status_code) == (expected, expected)
    if who == "anonymous":
        assert "/konto/login/" in post["Location"]
    assert snapshot(scene["event"]) == before


def test_the_participant_cancels_their_own(scene):
    registration = scene["participant"]
    client = client_for(registration.user)
    assert client.get(person_urls(registration)["cancel"]).status_code == 200
    assert client.post(person_urls(registration)["cancel"]).status_code == 302
    assert fresh(registration).state == State.CANCELLED


@pytest.mark.parametrize("who", ["participant", "other", "member", "anonymous"])
def test_only_an_organiser_admin_cancels_for_the_organiser(scene, who):
    registration = scene["participant"]
    client = (
        Client()
        if who == "anonymous"
        else client_for(registration.user if who == "participant" else scene[who])
    )
    before = snapshot(scene["event"])
    url = person_urls(registration)["organiser_cancel"]
    get, post = client.get(url), client.post(url, {"reason": "weil"})
    expected = 302 if who == "anonymous" else 403
    assert (get.status_code, post.status_code) == (expected, expected)
    assert snapshot(scene["event"]) == before


def test_the_organiser_admin_cancels_with_a_reason(scene):
    registration = scene["participant"]
    client = client_for(scene["admin"])
    page = client.get(person_urls(registration)["organiser_cancel"])
    assert page.status_code == 200 and registration.user.public_name in text(page)
    before = snapshot(scene["event"])
    assert (
        client.post(person_urls(registration)["organiser_cancel"], {"reason": ""}).status_code
        == 200
    )
    assert snapshot(scene["event"]) == before
    client.post(
        person_urls(registration)["organiser_cancel"], {"reason": "Ausgebucht durch Fehler"}
    )
    assert fresh(registration).state == State.CANCELLED_BY_ORGANISER


@pytest.mark.parametrize("who", ["participant", "other", "admin", "member", "anonymous"])
def test_nobody_accepts_a_guests_offer_without_the_token(scene, who):
    guest = scene["guest"]
    assert guest.state == State.OFFERED
    client = (
        Client()
        if who == "anonymous"
        else client_for(scene["participant"].user if who == "participant" else scene[who])
    )
    before = snapshot(scene["event"])
    response = client.post(reverse("events:accept_offer", args=[guest.pk]))
    assert response.status_code in (302, 404)
    for wrong in ("x" * 32, scene["participant"].token):
        for name in ("accept_offer_by_token", "cancel_by_token", "confirm_email", "registration"):
            assert client.post(reverse(f"events:{name}", args=[wrong])).status_code == 404
    assert snapshot(scene["event"]) == before


def test_the_guest_with_the_token_sees_and_acts(scene):
    guest = scene["guest"]
    client = Client()
    page = client.get(reverse("events:registration", args=[guest.token]))
    assert page.status_code == 200 and "Olena" in text(page)
    client.post(reverse("events:accept_offer_by_token", args=[guest.token]))
    assert fresh(guest).state == State.CONFIRMED


@pytest.mark.parametrize("who", ["participant", "other", "admin", "member"])
def test_accept_by_id_only_for_ones_own_offer(scene, who):
    event = scene["event"]
    participant = scene["participant"]
    client = client_for(participant.user if who == "participant" else scene[who])
    before = snapshot(event)
    response = client.post(reverse("events:accept_offer", args=[participant.pk]))
    if who == "participant":  # their registration is confirmed, not offered: refused
        assert response.status_code == 302
    else:
        assert response.status_code == 404
    assert snapshot(event) == before


def test_get_on_a_post_only_action_changes_nothing(scene):
    guest = scene["guest"]
    before = snapshot(scene["event"])
    response = Client().get(reverse("events:accept_offer_by_token", args=[guest.token]))
    assert response.status_code == 405
    assert snapshot(scene["event"]) == before


def test_my_registrations_needs_a_login():
    response = Client().get(reverse("events:my_registrations"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_my_registrations_offers_one_click_accept():
    event = EventFactory(capacity=1)
    [holder] = register_people(event, 1)
    [waiting] = register_people(event, 1)
    services.cancel_registration(registration=holder, by=holder.user)
    client = client_for(waiting.user)
    page = text(client.get(reverse("events:my_registrations")))
    assert reverse("events:accept_offer", args=[waiting.pk]) in page
    # with the deadline, in the reader's time
    until = date_format(localtime(fresh(waiting).offer_expires_at), "DATETIME_FORMAT")
    assert f"Nächster Schritt: Platz annehmen. Wir halten ihn bis {until} für Sie." in page
    client.post(reverse("events:accept_offer", args=[waiting.pk]))
    assert fresh(waiting).state == State.CONFIRMED


def test_access_needs_with_an_error_open_their_fold():
    event = EventFactory()
    response = client_for(factories.UserFactory()).post(
        reverse("events:register", args=[event.pk]), {"places": "1", "childcare": "-3"}
    )
    assert response.status_code == 200
    assert "<details open>" in text(response)
    assert not Registration.objects.exists()


def render_box(event, user):
    from django.contrib.auth.models import AnonymousUser
    from django.template import engines
    from django.test import RequestFactory

    request = RequestFactory().get(event.get_absolute_url())
    request.user = user or AnonymousUser()
    template = engines["django"].from_string(
        '{% include "events/includes/registration_box.html" %}'
    )
    return template.render({"event": event}, request)


def test_the_include_on_the_event_page_renders_the_box_for_each_reader(
    django_assert_max_num_queries,
):
    event = EventFactory(capacity=1)
    register_people(event, 1)
    [waiting] = register_people(event, 1)
    event.refresh_from_db()
    anonymous = render_box(event, None)
    assert "Auf die Warteliste" in anonymous and "Jetzt anmelden" not in anonymous
    assert 'name="email"' in anonymous  # guests: the short form
    # the registration and its place in line (+ the unread count of the base context)
    with django_assert_max_num_queries(3):
        page = render_box(event, waiting.user)
    assert "Platz 1 der Warteliste" in page and "Warteliste verlassen" in page
