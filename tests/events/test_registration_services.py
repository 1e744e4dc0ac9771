"""The registration services: every transition and every refusal (which changes nothing)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.events import registration as services
from handschlag.events import registration_messages as messages
from handschlag.events.models import Audience, Event, Format, Registration
from handschlag.notifications.models import Notification
from handschlag.organisations.models import Membership
from tests import factories

from .factories import EventFactory, RegistrationFactory, organiser_of
from .registration_helpers import (
    assert_counter_consistent,
    fresh,
    now,
    register_people,
)
from .registration_helpers import (
    clock as clock,
)

pytestmark = pytest.mark.django_db
State = Registration.State


def kinds_for(registration):
    if registration.is_guest:
        rows = Notification.objects.filter(email=registration.guest_email)
    else:
        rows = Notification.objects.filter(recipient=registration.user)
    return list(rows.order_by("pk").values_list("kind", flat=True))


def audited(registration):
    return list(
        AuditEntry.objects.filter(object_id=registration.pk, content_type__model="registration")
        .order_by("pk")
        .values_list("verb", flat=True)
    )


def assert_refused(code, action):
    with pytest.raises(DomainError) as error:
        action()
    assert error.value.code == code
    return error.value


# ---------------------------------------------------------------- registering


def test_registering_with_free_places_confirms_and_takes_them():
    event = EventFactory(capacity=10)
    person = factories.UserFactory()
    registration = services.register(event=event, by=person)
    assert fresh(registration).state == State.CONFIRMED
    assert fresh(event).free_places == 9
    assert kinds_for(registration) == [messages.CONFIRMED.key]
    assert audited(registration) == [services.REGISTERED]
    assert registration.state_changes.get().to_state == State.CONFIRMED


def test_a_group_registration_takes_all_its_places_and_keeps_the_access_needs():
    event = EventFactory(capacity=10, max_places_per_registration=4)
    needs = services.AccessNeeds(
        interpreter_language="ar", childcare=2, step_free=True, other_needs="Rollstuhl"
    )
    registration = services.register(event=event, by=factories.UserFactory(), places=3, needs=needs)
    registration = fresh(registration)
    assert (registration.state, registration.places) == (State.CONFIRMED, 3)
    assert (registration.interpreter_language, registration.childcare, registration.step_free) == (
        "ar",
        2,
        True,
    )
    assert registration.other_needs == "Rollstuhl"
    assert fresh(event).free_places == 7


def test_a_full_event_puts_the_next_on_the_waiting_list():
    event = EventFactory(capacity=2)
    register_people(event, 2)
    late = services.register(event=event, by=factories.UserFactory())
    late = fresh(late)
    assert late.state == State.WAITING and late.waiting_since is not None
    assert fresh(event).free_places == 0
    assert kinds_for(late) == [messages.WAITING.key]
    assert services.position_in_line(late) == 1


def test_a_group_larger_than_the_free_places_waits():
    event = EventFactory(capacity=4)
    register_people(event, 1, places=2)
    group = services.register(event=event, by=factories.UserFactory(), places=3)
    assert fresh(group).state == State.WAITING
    assert fresh(event).free_places == 2


@pytest.mark.parametrize("places", [0, 5])
def test_places_outside_one_to_the_maximum_are_refused(places):
    event = EventFactory(capacity=10, max_places_per_registration=4)
    assert_refused(
        "places", lambda: services.register(event=event, by=factories.UserFactory(), places=places)
    )
    assert not Registration.objects.exists() and fresh(event).free_places == 10


def test_more_places_than_bookable_are_refused():
    event = EventFactory(capacity=5, reserved_places=3, max_places_per_registration=4)
    assert_refused(
        "places", lambda: services.register(event=event, by=factories.UserFactory(), places=3)
    )
    assert not Registration.objects.exists() and fresh(event).free_places == 2


def test_registration_window_not_yet_open_and_closed(clock):
    event = EventFactory(
        registration_opens_at=now() + datetime.timedelta(days=1),
        registration_closes_at=now() + datetime.timedelta(days=3),
    )
    person = factories.UserFactory()
    error = assert_refused("not_yet_open", lambda: services.register(event=event, by=person))
    assert "noch nicht geöffnet" in error.message
    clock.advance(days=1)
    assert fresh(services.register(event=event, by=person)).state == State.CONFIRMED
    clock.advance(days=2)
    assert_refused("closed", lambda: services.register(event=event, by=factories.UserFactory()))
    assert Registration.objects.count() == 1 and fresh(event).free_places == 9


@pytest.mark.parametrize(
    ("state", "code"),
    [
        (Event.State.DRAFT, "not_published"),
        (Event.State.PENDING, "not_published"),
        (Event.State.CANCELLED, "cancelled"),
        (Event.State.CLOSED, "over"),
    ],
)
def test_only_published_events_take_registrations(state, code):
    event = EventFactory(state=state)
    person = factories.UserFactory()
    assert_refused(code, lambda: services.register(event=event, by=person))
    assert_refused(
        code, lambda: services.register_guest(event=event, name="A", email="a@example.org")
    )
    assert not Registration.objects.exists() and fresh(event).free_places == 10


def test_an_event_that_has_begun_takes_no_registrations(clock):
    event = EventFactory()
    clock.now = event.starts_at + datetime.timedelta(minutes=1)
    assert_refused("begun", lambda: services.register(event=event, by=factories.UserFactory()))
    assert not Registration.objects.exists()


def test_registering_twice_is_refused_but_again_after_cancelling():
    event = EventFactory()
    person = factories.UserFactory()
    first = services.register(event=event, by=person)
    assert_refused("duplicate", lambda: services.register(event=event, by=person))
    assert Registration.objects.count() == 1 and fresh(event).free_places == 9
    services.cancel_registration(registration=first, by=person)
    again = services.register(event=event, by=person)
    assert fresh(again).state == State.CONFIRMED and fresh(event).free_places == 9


def test_members_only_events_refuse_non_members_and_guests_but_take_members():
    event = EventFactory(audience=Audience.MEMBERS)
    error = assert_refused(
        "members_only", lambda: services.register(event=event, by=factories.UserFactory())
    )
    assert event.organisation.name in error.message
    assert_refused(
        "members_only",
        lambda: services.register_guest(event=event, name="Gast", email="g@example.org"),
    )
    member = organiser_of(event, role=Membership.Role.MEMBER)
    assert fresh(services.register(event=event, by=member)).state == State.CONFIRMED
    assert Registration.objects.count() == 1


def test_an_inactive_account_cannot_register():
    event = EventFactory()
    person = factories.UserFactory(is_active=False)
    with pytest.raises(PermissionDenied):
        services.register(event=event, by=person)
    assert not Registration.objects.exists()


# ---------------------------------------------------------------- guests


def test_a_guest_is_requested_until_the_address_is_confirmed_and_holds_nothing():
    event = EventFactory(capacity=3)
    guest = services.register_guest(
        event=event, name="Amira K.", email="Amira@Example.org ", places=2, language="en"
    )
    guest = fresh(guest)
    assert (guest.state, guest.guest_email, guest.language) == (
        State.REQUESTED,
        "amira@example.org",
        "en",
    )
    assert fresh(event).free_places == 3
    [mail] = Notification.objects.filter(email="amira@example.org")
    assert (mail.kind, mail.language, mail.recipient) == (messages.CHECK_EMAIL.key, "en", None)
    assert mail.url == f"/veranstaltungen/anmeldung/{guest.token}/"
    assert audited(guest) == [services.GUEST_REQUESTED]

    services.confirm_guest_email(registration=guest, token=guest.token)
    guest = fresh(guest)
    assert guest.state == State.CONFIRMED and guest.email_confirmed_at is not None
    assert fresh(event).free_places == 1
    assert kinds_for(guest) == [messages.CHECK_EMAIL.key, messages.CONFIRMED.key]
    assert audited(guest) == [services.GUEST_REQUESTED, services.EMAIL_CONFIRMED]


def test_a_guest_confirming_a_full_event_waits():
    event = EventFactory(capacity=1)
    guest = services.register_guest(event=event, name="B", email="b@example.org")
    register_people(event, 1)
    services.confirm_guest_email(registration=guest, token=guest.token)
    assert fresh(guest).state == State.WAITING


def test_a_wrong_token_confirms_nothing():
    event = EventFactory()
    guest = services.register_guest(event=event, name="B", email="b@example.org")
    with pytest.raises(PermissionDenied):
        services.confirm_guest_email(registration=guest, token="falsch")
    assert fresh(guest).state == State.REQUESTED and fresh(event).free_places == 10


def test_a_guest_cannot_confirm_once_the_event_is_cancelled_or_begun(clock):
    event = EventFactory()
    guest = services.register_guest(event=event, name="B", email="b@example.org")
    Event.objects.filter(pk=event.pk).update(state=Event.State.CANCELLED)
    assert_refused(
        "cancelled", lambda: services.confirm_guest_email(registration=guest, token=guest.token)
    )
    Event.objects.filter(pk=event.pk).update(state=Event.State.PUBLISHED)
    clock.now = event.starts_at
    assert_refused(
        "begun", lambda: services.confirm_guest_email(registration=guest, token=guest.token)
    )
    assert fresh(guest).state == State.REQUESTED and fresh(event).free_places == 10


def test_a_guest_confirming_after_the_window_closed_still_gets_in(clock):
    event = EventFactory(registration_closes_at=now() + datetime.timedelta(hours=1))
    guest = services.register_guest(event=event, name="B", email="b@example.org")
    clock.advance(hours=2)
    services.confirm_guest_email(registration=guest, token=guest.token)
    assert fresh(guest).state == State.CONFIRMED


def test_the_same_address_registers_once_per_event():
    event = EventFactory()
    services.register_guest(event=event, name="B", email="b@example.org")
    assert_refused(
        "duplicate", lambda: services.register_guest(event=event, name="C", email="B@example.org")
    )
    assert Registration.objects.count() == 1


def test_confirming_twice_is_refused():
    event = EventFactory()
    guest = services.register_guest(event=event, name="B", email="b@example.org")
    services.confirm_guest_email(registration=guest, token=guest.token)
    assert_refused(
        "wrong_state", lambda: services.confirm_guest_email(registration=guest, token=guest.token)
    )
    assert fresh(event).free_places == 9


# ---------------------------------------------------------------- the waiting list


def test_cancelling_a_confirmed_place_offers_it_to_the_first_in_line(clock):
    event = EventFactory(capacity=2, offer_hours=48)
    first, _second = register_people(event, 2)
    waiting = register_people(event, 2)
    services.cancel_registration(registration=first, by=first.user)
    assert fresh(first).state == State.CANCELLED
    offered = fresh(waiting[0])
    assert offered.state == State.OFFERED
    assert offered.offer_expires_at == clock.now + datetime.timedelta(hours=48)
    assert fresh(waiting[1]).state == State.WAITING
    assert fresh(event).free_places == 0  # the offer holds the place
    assert kinds_for(offered) == [messages.WAITING.key, messages.OFFERED.key]
    note = Notification.objects.get(recipient=offered.user, kind=messages.OFFERED.key)
    assert note.params["deadline"] == offered.offer_expires_at.isoformat()
    assert audited(offered) == [services.REGISTERED, services.OFFERED]
    assert_counter_consistent(event)


def test_accepting_an_offer_confirms_without_taking_more_places():
    event = EventFactory(capacity=1)
    [holder] = register_people(event, 1)
    [waiting] = register_people(event, 1)
    services.cancel_registration(registration=holder, by=holder.user)
    services.accept_offer(registration=waiting, by=waiting.user)
    assert fresh(waiting).state == State.CONFIRMED
    assert fresh(event).free_places == 0
    assert kinds_for(waiting)[-1] == messages.CONFIRMED.key
    assert audited(waiting)[-1] == services.OFFER_ACCEPTED
    assert_counter_consistent(event)


def test_an_offer_past_its_deadline_cannot_be_accepted(clock):
    event = EventFactory(capacity=1, offer_hours=24)
    [holder] = register_people(event, 1)
    [waiting] = register_people(event, 1)
    services.cancel_registration(registration=holder, by=holder.user)
    clock.advance(hours=24)
    assert_refused(
        "offer_expired", lambda: services.accept_offer(registration=waiting, by=waiting.user)
    )
    assert fresh(waiting).state == State.OFFERED


def test_the_offer_deadline_is_never_after_the_start(clock):
    event = EventFactory(capacity=1, offer_hours=48, starts_at=now() + datetime.timedelta(hours=10))
    event.ends_at = event.starts_at + datetime.timedelta(hours=1)
    event.save()
    [holder] = register_people(event, 1)
    [waiting] = register_people(event, 1)
    services.cancel_registration(registration=holder, by=holder.user)
    assert fresh(waiting).offer_expires_at == event.starts_at


def test_the_first_in_line_whose_group_fits_gets_the_places():
    event = EventFactory(capacity=3, max_places_per_registration=3)
    [holder] = register_people(event, 1, places=2)
    register_people(event, 1)  # the last place
    [big] = register_people(event, 1, places=3)
    [small] = register_people(event, 1, places=2)
    services.cancel_registration(registration=holder, by=holder.user)
    assert fresh(big).state == State.WAITING
    assert fresh(small).state == State.OFFERED
    assert fresh(event).free_places == 0
    assert_counter_consistent(event)


def test_a_raised_capacity_is_offered_by_fill_from_waiting_list():
    event = EventFactory(capacity=1)
    register_people(event, 1)
    waiting = register_people(event, 3)
    Event.objects.filter(pk=event.pk).update(capacity=3, free_places=2)  # as the event form does
    offered = services.fill_from_waiting_list(event)
    assert [r.pk for r in offered] == [waiting[0].pk, waiting[1].pk]
    assert [fresh(r).state for r in waiting] == [State.OFFERED, State.OFFERED, State.WAITING]
    assert services.fill_from_waiting_list(event) == []  # nothing twice
    assert_counter_consistent(event)


def test_no_offers_once_the_event_has_begun_or_is_cancelled(clock):
    event = EventFactory(capacity=1)
    register_people(event, 1)
    [waiting] = register_people(event, 1)
    Event.objects.filter(pk=event.pk).update(capacity=2, free_places=1)
    Event.objects.filter(pk=event.pk).update(state=Event.State.CANCELLED)
    assert services.fill_from_waiting_list(event) == []
    Event.objects.filter(pk=event.pk).update(state=Event.State.PUBLISHED)
    clock.now = event.starts_at
    assert services.fill_from_waiting_list(event) == []
    assert fresh(waiting).state == State.WAITING and fresh(event).free_places == 1


def test_leaving_the_waiting_list_gives_back_nothing():
    event = EventFactory(capacity=1)
    register_people(event, 1)
    [waiting] = register_people(event, 1)
    services.cancel_registration(registration=waiting, by=waiting.user)
    assert fresh(waiting).state == State.CANCELLED and fresh(event).free_places == 0
    assert_counter_consistent(event)


def test_declining_an_offer_moves_it_on():
    event = EventFactory(capacity=1)
    [holder] = register_people(event, 1)
    first, second = register_people(event, 2)
    services.cancel_registration(registration=holder, by=holder.user)
    services.cancel_registration(registration=first, by=first.user)
    assert fresh(second).state == State.OFFERED
    assert_counter_consistent(event)


def test_giving_back_never_goes_beyond_the_bookable_places():
    event = EventFactory(capacity=5, reserved_places=2)
    assert services.give_back_places(event.pk, 1) is False
    assert fresh(event).free_places == 3


# ---------------------------------------------------------------- cancelling


def test_someone_else_cannot_cancel_or_accept_a_registration():
    event = EventFactory(capacity=1)
    [holder] = register_people(event, 1)
    other = factories.UserFactory()
    member = organiser_of(event, role=Membership.Role.MEMBER)
    for person in (other, member, organiser_of(event)):
        with pytest.raises(PermissionDenied):
            services.cancel_registration(registration=holder, by=person)
        with pytest.raises(PermissionDenied):
            services.accept_offer(registration=holder, by=person)
    with pytest.raises(PermissionDenied):
        services.cancel_registration(registration=holder)  # no person, no token
    assert fresh(holder).state == State.CONFIRMED and fresh(event).free_places == 0


def test_a_guest_cancels_with_the_token_only():
    event = EventFactory()
    guest = services.register_guest(event=event, name="B", email="b@example.org")
    services.confirm_guest_email(registration=guest, token=guest.token)
    with pytest.raises(PermissionDenied):
        services.cancel_registration(registration=guest, token="x" * 32)
    with pytest.raises(PermissionDenied):
        services.cancel_registration(registration=guest, by=factories.UserFactory())
    assert fresh(guest).state == State.CONFIRMED
    services.cancel_registration(registration=guest, token=guest.token)
    assert fresh(guest).state == State.CANCELLED and fresh(event).free_places == 10
    assert kinds_for(guest)[-1] == messages.CANCELLED.key


def test_cancelling_twice_gives_back_once():
    event = EventFactory(capacity=2)
    [holder] = register_people(event, 1)
    services.cancel_registration(registration=holder, by=holder.user)
    assert_refused(
        "wrong_state", lambda: services.cancel_registration(registration=holder, by=holder.user)
    )
    assert fresh(event).free_places == 2


def test_a_confirmed_registration_cannot_be_cancelled_once_the_event_has_begun(clock):
    event = EventFactory()
    [holder] = register_people(event, 1)
    clock.now = event.starts_at + datetime.timedelta(minutes=5)
    assert_refused(
        "begun", lambda: services.cancel_registration(registration=holder, by=holder.user)
    )
    assert fresh(holder).state == State.CONFIRMED


def test_an_organiser_admin_cancels_with_a_reason_and_the_line_moves():
    event = EventFactory(capacity=1)
    [holder] = register_people(event, 1)
    [waiting] = register_people(event, 1)
    admin = organiser_of(event)
    assert_refused(
        "reason", lambda: services.cancel_by_organiser(registration=holder, by=admin, reason="  ")
    )
    assert fresh(holder).state == State.CONFIRMED
    services.cancel_by_organiser(registration=holder, by=admin, reason="Doppelt angemeldet")
    holder = fresh(holder)
    assert holder.state == State.CANCELLED_BY_ORGANISER
    assert holder.state_changes.last().comment == "Doppelt angemeldet"
    note = Notification.objects.get(recipient=holder.user, kind=messages.CANCELLED_BY_ORGANISER.key)
    assert note.params["reason"] == "Doppelt angemeldet"
    assert "Doppelt angemeldet" in note.body
    assert fresh(waiting).state == State.OFFERED
    assert audited(holder)[-1] == services.CANCELLED_BY_ORGANISER
    assert_counter_consistent(event)


def test_organiser_members_participants_and_others_cannot_cancel_as_organiser():
    event = EventFactory(capacity=1)
    [holder] = register_people(event, 1)
    for person in (
        holder.user,
        factories.UserFactory(),
        organiser_of(event, role=Membership.Role.MEMBER),
    ):
        with pytest.raises(PermissionDenied):
            services.cancel_by_organiser(registration=holder, by=person, reason="weil")
    assert fresh(holder).state == State.CONFIRMED and fresh(event).free_places == 0


# ---------------------------------------------------------------- messages


def test_the_online_link_is_only_in_messages_to_confirmed_participants():
    event = EventFactory(
        capacity=1, format=Format.ONLINE, online_url="https://meet.example.org/geheim"
    )
    [holder] = register_people(event, 1)
    [waiting] = register_people(event, 1)
    services.cancel_registration(registration=holder, by=holder.user)
    guest = services.register_guest(event=event, name="B", email="b@example.org")
    for note in Notification.objects.exclude(kind=messages.CONFIRMED.key):
        assert "geheim" not in str(note.params) and "geheim" not in note.body, note.kind
    [confirmed] = Notification.objects.filter(kind=messages.CONFIRMED.key)
    assert "https://meet.example.org/geheim" in confirmed.body
    services.accept_offer(registration=waiting, by=waiting.user)
    latest = Notification.objects.filter(recipient=waiting.user).first()
    assert latest.kind == messages.CONFIRMED.key and "geheim" in latest.body
    assert fresh(guest).state == State.REQUESTED


def test_the_confirmation_names_places_time_and_calendar_link():
    event = EventFactory(capacity=5, title="Bürgerdialog Marktplatz")
    registration = services.register(event=event, by=factories.UserFactory(), places=2)
    note = Notification.objects.get(recipient=registration.user)
    assert note.title == "Sie sind angemeldet: „Bürgerdialog Marktplatz“"
    assert "(2 Plätze)" in note.body
    assert f"/veranstaltungen/{event.pk}/termin.ics" in note.body
    assert "Rathaus, Großer Saal" in note.body
    assert note.url == event.get_absolute_url()


def test_only_the_confirmation_and_the_reminder_carry_the_code_for_the_door():
    event = EventFactory(capacity=1)
    [holder] = register_people(event, 1)
    [waiting] = register_people(event, 1)
    services.cancel_registration(registration=holder, by=holder.user)
    services.accept_offer(registration=waiting, by=waiting.user)
    for note in Notification.objects.exclude(kind=messages.CONFIRMED.key):
        assert "Code" not in note.body and "checkin_code" not in note.params, note.kind
    for registration in (holder, waiting):
        note = Notification.objects.filter(
            recipient=registration.user, kind=messages.CONFIRMED.key
        ).get()
        assert f"Ihr Code für den Einlass: {registration.checkin_code}" in note.body
    reminder = messages.params_for(fresh(waiting), messages.REMINDER)
    assert reminder["checkin_code"] == waiting.checkin_code
    online = RegistrationFactory(
        event=EventFactory(format=Format.ONLINE, online_url="https://x.de")
    )
    assert "checkin_code" not in messages.params_for(online, messages.REMINDER)


# ---------------------------------------------------------------- personal data


def test_the_export_holds_the_registrations_with_their_needs():
    from handschlag.accounts.services import export_user_data

    event = EventFactory(title="Netzwerktreffen")
    person = factories.UserFactory()
    services.register(
        event=event, by=person, needs=services.AccessNeeds(childcare=1, other_needs="Rampe")
    )
    [row] = export_user_data(user=person)["event_registrations"]["registrations"]
    assert (row["event"], row["state"], row["childcare"], row["other_needs"]) == (
        "Netzwerktreffen",
        State.CONFIRMED,
        1,
        "Rampe",
    )


def test_deleting_an_account_cancels_through_the_service_and_the_line_moves():
    from handschlag.accounts.services import delete_account

    event = EventFactory(capacity=1)
    person = factories.UserFactory()
    holder = services.register(
        event=event, by=person, needs=services.AccessNeeds(other_needs="Allergie")
    )
    [waiting] = register_people(event, 1)
    past = EventFactory()
    attended = services.register(event=past, by=person)
    Registration.objects.filter(pk=attended.pk).update(state=State.ATTENDED)

    delete_account(user=person)

    holder = fresh(holder)
    assert holder.state == State.CANCELLED and holder.other_needs == ""
    assert fresh(waiting).state == State.OFFERED
    assert fresh(attended).state == State.ATTENDED  # that someone came stays, without needs
    assert not Notification.objects.filter(kind=messages.CANCELLED.key).exists()
    assert audited(holder)[-1] == services.ERASED
    assert_counter_consistent(event)


def test_purge_removes_unconfirmed_guests_and_anonymises_old_ones(clock):
    from handschlag.events import privacy

    event = EventFactory()
    stale = services.register_guest(event=event, name="A", email="a@example.org")
    Registration.objects.filter(pk=stale.pk).update(
        created_at=clock.now - datetime.timedelta(days=8)
    )
    recent = services.register_guest(event=event, name="B", email="b@example.org")
    old_event = EventFactory()
    old_guest = services.register_guest(event=old_event, name="C", email="c@example.org")
    services.confirm_guest_email(registration=old_guest, token=old_guest.token)
    Event.objects.filter(pk=old_event.pk).update(
        starts_at=clock.now - datetime.timedelta(days=200),
        ends_at=clock.now - datetime.timedelta(days=199),
    )

    assert privacy.purge(clock.now) >= 2

    assert not Registration.objects.filter(pk=stale.pk).exists()
    assert fresh(recent).guest_name == "B"
    old_guest = fresh(old_guest)
    assert old_guest.guest_name == "" and "c@example.org" not in old_guest.guest_email
    assert old_guest.state == State.CONFIRMED


def test_the_access_needs_are_added_up_for_the_organiser():
    from handschlag.events.registration_selectors import access_needs_summary

    event = EventFactory(capacity=3)
    needs = services.AccessNeeds
    services.register(event=event, by=factories.UserFactory(), needs=needs("ar", 2, True, "Rampe"))
    services.register(event=event, by=factories.UserFactory(), needs=needs("ar", 1))
    services.register(event=event, by=factories.UserFactory(), needs=needs("uk"))
    waiting = services.register(event=event, by=factories.UserFactory(), needs=needs("fa", 5))
    assert fresh(waiting).state == State.WAITING  # asks for nothing yet
    summary = access_needs_summary(event)
    assert summary.interpreters == {"ar": 2, "uk": 1}
    assert (summary.children, summary.step_free, summary.other) == (3, 1, ["Rampe"])
