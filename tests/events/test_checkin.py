"""The door: check-in by code, attendance corrections, cancelling as the organiser."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.events import checkin
from handschlag.events.models import Event, Registration
from handschlag.organisations.models import Membership
from tests import factories
from tests.events.factories import EventFactory, RegistrationFactory, organiser_of

pytestmark = pytest.mark.django_db
State = Registration.State


def _running_event(**kwargs):
    """An event that began half an hour ago, with places already counted for its registrations."""
    start = timezone.now() - datetime.timedelta(minutes=30)
    return EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2), **kwargs)


def _registration(event, *, places=1, state=State.CONFIRMED, **kwargs):
    """A registration whose places are taken from the counter, as the registration part does."""
    if state in Registration.HOLDING_STATES:
        Event.objects.filter(pk=event.pk).update(free_places=event.free_places - places)
        event.refresh_from_db()
    return RegistrationFactory(event=event, places=places, state=state, **kwargs)


def _free(event):
    event.refresh_from_db()
    return event.free_places


def test_check_in_by_code_marks_attended_with_time_and_audit():
    event = _running_event()
    member = organiser_of(event, role=Membership.Role.MEMBER)
    registration = _registration(event, places=2)

    done = checkin.check_in_by_code(event=event, code=registration.checkin_code.lower(), by=member)

    registration.refresh_from_db()
    assert done.already is False and done.registration == registration
    assert registration.state == State.ATTENDED and registration.checked_in_at is not None
    assert _free(event) == 8  # attended still holds its two places
    assert AuditEntry.objects.filter(verb=checkin.CHECKED_IN, actor=member).count() == 1


def test_codes_with_spaces_or_dashes_are_the_same_code():
    event = _running_event()
    registration = _registration(event)
    code = registration.checkin_code
    checkin.check_in_by_code(event=event, code=f" {code[:3]}-{code[3:]} ", by=organiser_of(event))
    registration.refresh_from_db()
    assert registration.state == State.ATTENDED


def test_checking_in_twice_keeps_the_first_time():
    event = _running_event()
    admin = organiser_of(event)
    registration = _registration(event)
    checkin.check_in_by_code(event=event, code=registration.checkin_code, by=admin)
    registration.refresh_from_db()
    first = registration.checked_in_at

    again = checkin.check_in_by_code(event=event, code=registration.checkin_code, by=admin)

    registration.refresh_from_db()
    assert again.already is True and registration.checked_in_at == first
    assert AuditEntry.objects.filter(verb=checkin.CHECKED_IN).count() == 1
    assert _free(event) == 9


@pytest.mark.parametrize(
    ("code", "expected"),
    [("ZZZZZZ", "gibt es für diese Veranstaltung nicht"), ("AB", "6 Zeichen")],
)
def test_unknown_or_malformed_code_says_so(code, expected):
    event = _running_event()
    _registration(event)
    with pytest.raises(DomainError, match=expected):
        checkin.check_in_by_code(event=event, code=code, by=organiser_of(event))
    assert not Registration.objects.filter(state=State.ATTENDED).exists()


def test_code_of_another_event_of_the_same_organiser_names_that_event():
    event = _running_event()
    other = EventFactory(organisation=event.organisation, title="Sprachcafé im Mai")
    registration = _registration(other)
    with pytest.raises(DomainError, match="Sprachcafé im Mai") as refused:
        checkin.check_in_by_code(
            event=event, code=registration.checkin_code, by=organiser_of(event)
        )
    assert refused.value.code == "wrong_event"
    registration.refresh_from_db()
    assert registration.state == State.CONFIRMED


def test_code_of_another_organisers_event_is_just_unknown():
    event = _running_event()
    registration = _registration(EventFactory())
    with pytest.raises(DomainError) as refused:
        checkin.check_in_by_code(
            event=event, code=registration.checkin_code, by=organiser_of(event)
        )
    assert refused.value.code == "unknown"


@pytest.mark.parametrize(
    ("state", "code"),
    [
        (State.WAITING, "not_confirmed"),
        (State.REQUESTED, "not_confirmed"),
        (State.OFFERED, "not_confirmed"),
        (State.CANCELLED, "cancelled"),
        (State.CANCELLED_BY_ORGANISER, "cancelled"),
    ],
)
def test_only_confirmed_registrations_get_in(state, code):
    event = _running_event()
    registration = _registration(event, state=state)
    free = _free(event)
    with pytest.raises(DomainError) as refused:
        checkin.check_in_by_code(
            event=event, code=registration.checkin_code, by=organiser_of(event)
        )
    assert refused.value.code == code
    assert refused.value.message.startswith(registration.display_name) or "abgesagt" in (
        refused.value.message
    )
    registration.refresh_from_db()
    assert registration.state == state and registration.checked_in_at is None
    assert _free(event) == free


def test_door_is_closed_for_cancelled_events_and_too_early():
    cancelled = _running_event(state=Event.State.CANCELLED)
    registration = _registration(cancelled)
    with pytest.raises(DomainError, match="veröffentlichten"):
        checkin.check_in_by_code(
            event=cancelled, code=registration.checkin_code, by=organiser_of(cancelled)
        )
    future = EventFactory()  # in two weeks
    early = _registration(future)
    with pytest.raises(DomainError, match="einen Tag vor Beginn"):
        checkin.check_in_by_code(event=future, code=early.checkin_code, by=organiser_of(future))
    for r in (registration, early):
        r.refresh_from_db()
        assert r.state == State.CONFIRMED


@pytest.mark.parametrize("who", ["participant", "stranger", "moderator", "former_member"])
def test_only_the_organiser_team_checks_in(who):
    event = _running_event()
    registration = _registration(event)
    if who == "participant":
        user = registration.user
    elif who == "moderator":
        user = factories.ModeratorFactory()
    elif who == "former_member":
        user = organiser_of(event)
        Membership.objects.filter(user=user).delete()
    else:
        user = factories.UserFactory()
    with pytest.raises(PermissionDenied):
        checkin.check_in_by_code(event=event, code=registration.checkin_code, by=user)
    registration.refresh_from_db()
    assert registration.state == State.CONFIRMED


def test_no_show_gives_places_back_and_correction_takes_them_again():
    event = _running_event()
    member = organiser_of(event, role=Membership.Role.MEMBER)
    registration = _registration(event, places=3)
    assert _free(event) == 7

    checkin.mark_no_show(registration=registration, by=member)
    registration.refresh_from_db()
    assert registration.state == State.NO_SHOW and _free(event) == 10

    checkin.mark_attended(registration=registration, by=member)
    registration.refresh_from_db()
    assert registration.state == State.ATTENDED and registration.checked_in_at is not None
    assert _free(event) == 7

    checkin.mark_no_show(registration=registration, by=member)  # a check-in by mistake
    registration.refresh_from_db()
    assert registration.state == State.NO_SHOW and registration.checked_in_at is None
    assert _free(event) == 10
    assert (
        registration.state_changes.values_list("to_state", flat=True).count() == 3
    )  # every correction is recorded


def test_no_show_before_the_start_is_refused():
    start = timezone.now() + datetime.timedelta(hours=2)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    registration = _registration(event)
    with pytest.raises(DomainError, match="ab Beginn"):
        checkin.mark_no_show(registration=registration, by=organiser_of(event))
    registration.refresh_from_db()
    assert registration.state == State.CONFIRMED and _free(event) == 9


def test_marking_attendance_is_refused_to_the_participant_themselves():
    event = _running_event()
    registration = _registration(event)
    with pytest.raises(PermissionDenied):
        checkin.mark_attended(registration=registration, by=registration.user)
    registration.refresh_from_db()
    assert registration.state == State.CONFIRMED
