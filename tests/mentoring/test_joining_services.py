"""Joining's services for mentors and decisions: every transition and every refusal, the
refusals leaving the profile as it was."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.mentoring import joining, mentor_places
from handschlag.mentoring.models import Mentor, Tandem
from handschlag.notifications.models import Notification
from tests import factories as base

from . import factories
from .joining_helpers import profile_data, snapshot

pytestmark = pytest.mark.django_db
State = Mentor.State


def test_a_person_registers_as_mentor_and_the_coordination_is_told(world):
    person = base.UserFactory()
    mentor = joining.register_mentor(
        site=world.site, by=person, data=profile_data(municipality=world.site.municipality),
        capacity=2,
    )  # fmt: skip
    assert (mentor.state, mentor.capacity, mentor.free_places) == (State.SUBMITTED, 2, 2)
    assert mentor.languages[0] == {"code": "de", "level": "native"}
    told = Notification.objects.get(kind="mentoring.profile_waiting")
    assert told.recipient == world.site_coordinator and told.url.endswith(f"/mentor/{mentor.pk}/")
    assert AuditEntry.objects.filter(verb=joining.MENTOR_REGISTERED, object_id=mentor.pk).exists()


def test_without_site_coordinators_the_carriers_coordinators_are_told(world):
    joining.register_mentor(
        site=world.sister_site, by=base.UserFactory(),
        data=profile_data(municipality=world.sister_site.municipality),
    )  # fmt: skip
    told = Notification.objects.filter(kind="mentoring.profile_waiting")
    assert [n.recipient for n in told] == [world.carrier_coordinator]


@pytest.mark.parametrize(
    "changes",
    [
        {"languages": []},
        {"languages": [{"code": "xx", "level": "native"}]},
        {"languages": [{"code": "de", "level": "native"}, {"code": "de", "level": "good"}]},
        {"kinds": []},
        {"availability": ["someday"]},
        {"partner_age_groups": ["elderly"]},
    ],
)
def test_registration_with_invalid_data_is_refused(world, changes):
    person = base.UserFactory()
    data = profile_data(municipality=world.site.municipality, **changes)
    with pytest.raises(DomainError):
        joining.register_mentor(site=world.site, by=person, data=data)
    assert not Mentor.objects.filter(user=person).exists()


def test_a_kind_the_programme_does_not_support_is_refused(world):
    world.programme.kinds = ["everyday"]
    world.programme.save()
    person = base.UserFactory()
    data = profile_data(municipality=world.site.municipality, kinds=["job"])
    with pytest.raises(DomainError):
        joining.register_mentor(site=world.site, by=person, data=data)
    assert not Mentor.objects.filter(user=person).exists()


def test_registering_twice_is_refused(world):
    data = profile_data(municipality=world.site.municipality)
    with pytest.raises(DomainError, match="bereits"):
        joining.register_mentor(site=world.site, by=world.mentor.user, data=data)
    assert Mentor.objects.get(user=world.mentor.user).state == State.APPROVED


def test_after_withdrawing_the_same_profile_is_submitted_again(world):
    Mentor.objects.filter(pk=world.mentor.pk).update(
        state=State.WITHDRAWN, capacity=1, free_places=1, state_comment="alt"
    )
    data = profile_data(municipality=world.site.municipality)
    mentor = joining.register_mentor(site=world.site, by=world.mentor.user, data=data, capacity=2)
    assert mentor.pk == world.mentor.pk
    mentor.refresh_from_db()
    assert (mentor.state, mentor.capacity, mentor.free_places, mentor.state_comment) == (
        State.SUBMITTED,
        2,
        2,
        "",
    )
    assert Mentor.objects.filter(user=world.mentor.user).count() == 1


def test_a_site_that_takes_no_registrations_refuses_mentors(world):
    world.site.accepts_registrations = False
    world.site.save()
    person = base.UserFactory()
    with pytest.raises(PermissionDenied):
        joining.register_mentor(
            site=world.site, by=person, data=profile_data(municipality=world.site.municipality)
        )
    assert not Mentor.objects.filter(user=person).exists()


def test_the_mentor_edits_a_returned_profile_and_it_is_submitted_again(world):
    mentor = factories.MentorFactory(site=world.site, state=State.RETURNED, state_comment="x")
    joining.update_mentor(mentor=mentor, by=mentor.user, data={"interests": "Schach"})
    mentor.refresh_from_db()
    assert (mentor.state, mentor.interests, mentor.state_comment) == (State.SUBMITTED, "Schach", "")
    assert Notification.objects.filter(kind="mentoring.profile_waiting").exists()


def test_a_coordinator_edits_without_submitting_for_the_mentor(world):
    mentor = factories.MentorFactory(site=world.site, state=State.RETURNED)
    joining.update_mentor(mentor=mentor, by=world.site_coordinator, data={"interests": "Schach"})
    mentor.refresh_from_db()
    assert (mentor.state, mentor.interests) == (State.RETURNED, "Schach")


@pytest.mark.parametrize("who", ["other_site_coordinator", "stranger"])
def test_others_cannot_edit_a_profile(world, who):
    before = snapshot(world.mentor)
    with pytest.raises(PermissionDenied):
        joining.update_mentor(mentor=world.mentor, by=getattr(world, who), data={"about": "x"})
    assert snapshot(world.mentor) == before


# --- capacity ------------------------------------------------------------------------------


def test_raising_capacity_adds_free_places(world):
    mentor = factories.MentorFactory(site=world.site, capacity=2, free_places=2)
    assert mentor_places.take_place(mentor)
    joining.change_capacity(mentor=mentor, by=mentor.user, capacity=3)
    mentor.refresh_from_db()
    assert (mentor.capacity, mentor.free_places) == (3, 2)


def test_lowering_capacity_keeps_the_places_held(world):
    mentor = factories.MentorFactory(site=world.site, capacity=3, free_places=3)
    assert mentor_places.take_place(mentor)
    joining.change_capacity(mentor=mentor, by=mentor.user, capacity=1)
    mentor.refresh_from_db()
    assert (mentor.capacity, mentor.free_places) == (1, 0)


def test_lowering_capacity_below_the_places_held_is_refused(world):
    mentor = factories.MentorFactory(site=world.site, capacity=3, free_places=3)
    assert mentor_places.take_place(mentor) and mentor_places.take_place(mentor)
    before = snapshot(mentor)
    with pytest.raises(DomainError, match="2 Person"):
        joining.change_capacity(mentor=mentor, by=mentor.user, capacity=1)
    assert snapshot(mentor) == before


def test_capacity_reads_the_places_held_at_the_moment_of_the_update(world):
    """A place taken by another request after this one read the mentor still counts: the
    guard is in the UPDATE, not in what the caller read."""
    mentor = factories.MentorFactory(site=world.site, capacity=2, free_places=2)
    stale = Mentor.objects.get(pk=mentor.pk)
    assert mentor_places.take_place(mentor) and mentor_places.take_place(mentor)
    with pytest.raises(DomainError):
        joining.change_capacity(mentor=stale, by=mentor.user, capacity=1)
    mentor.refresh_from_db()
    assert (mentor.capacity, mentor.free_places) == (2, 0)


@pytest.mark.parametrize("capacity", [0, 4])
def test_capacity_outside_one_to_three_is_refused(world, capacity):
    before = snapshot(world.mentor)
    with pytest.raises(DomainError):
        joining.change_capacity(mentor=world.mentor, by=world.mentor.user, capacity=capacity)
    assert snapshot(world.mentor) == before


# --- decisions -----------------------------------------------------------------------------


def test_a_coordinator_approves_and_the_mentor_is_told(world):
    mentor = factories.MentorFactory(site=world.site, state=State.SUBMITTED)
    joining.approve_profile(profile=mentor, by=world.carrier_coordinator)
    mentor.refresh_from_db()
    assert mentor.state == State.APPROVED
    told = Notification.objects.get(kind="mentoring.profile_approved")
    assert told.recipient == mentor.user and told.params["role"] == "mentor"
    change = mentor.state_changes.get(to_state=State.APPROVED)
    assert change.by == world.carrier_coordinator


@pytest.mark.parametrize("who", ["other_site_coordinator", "stranger", "own"])
def test_only_the_sites_coordination_approves(world, who):
    mentor = factories.MentorFactory(site=world.site, state=State.SUBMITTED)
    by = mentor.user if who == "own" else getattr(world, who)
    before = snapshot(mentor)
    with pytest.raises(PermissionDenied):
        joining.approve_profile(profile=mentor, by=by)
    assert snapshot(mentor) == before
    assert not Notification.objects.filter(kind="mentoring.profile_approved").exists()


def test_approving_twice_is_refused(world):
    before = snapshot(world.mentor)
    with pytest.raises(DomainError):
        joining.approve_profile(profile=world.mentor, by=world.site_coordinator)
    assert snapshot(world.mentor) == before


def test_returning_needs_a_comment_and_tells_the_person(world):
    mentor = factories.MentorFactory(site=world.site, state=State.SUBMITTED)
    before = snapshot(mentor)
    with pytest.raises(DomainError):
        joining.return_profile(profile=mentor, by=world.site_coordinator, comment="  ")
    assert snapshot(mentor) == before
    joining.return_profile(
        profile=mentor, by=world.site_coordinator, comment="Bitte Zeiten ergänzen."
    )
    mentor.refresh_from_db()
    assert (mentor.state, mentor.state_comment) == (State.RETURNED, "Bitte Zeiten ergänzen.")
    told = Notification.objects.get(kind="mentoring.profile_returned")
    assert told.recipient == mentor.user and told.params["comment"] == "Bitte Zeiten ergänzen."
    assert "Bitte Zeiten ergänzen." in told.body


def test_a_mentee_without_account_cannot_be_returned(world):
    mentee = factories.MenteeFactory(site=world.site, state=State.SUBMITTED)
    before = snapshot(mentee)
    with pytest.raises(DomainError, match="kein Konto"):
        joining.return_profile(profile=mentee, by=world.site_coordinator, comment="x")
    assert snapshot(mentee) == before


def test_an_approved_mentee_without_account_but_with_email_is_told_by_mail(world):
    mentee = factories.MenteeFactory(
        site=world.site, state=State.SUBMITTED, email="amal@example.org", language="en"
    )
    joining.approve_profile(profile=mentee, by=world.site_coordinator)
    told = Notification.objects.get(kind="mentoring.profile_approved")
    assert (told.recipient, told.email, told.language, told.url) == (
        None, "amal@example.org", "en", ""
    )  # fmt: skip


# --- withdrawing ---------------------------------------------------------------------------


def test_a_mentor_withdraws(world):
    joining.withdraw_profile(profile=world.mentor, by=world.mentor.user)
    world.mentor.refresh_from_db()
    assert world.mentor.state == State.WITHDRAWN


@pytest.mark.parametrize("state", [Tandem.State.PROPOSED, Tandem.State.ACTIVE, Tandem.State.PAUSED])
def test_withdrawing_with_an_open_tandem_is_refused(world, state):
    tandem = factories.TandemFactory(site=world.site, state=state)
    before = snapshot(tandem.mentor)
    with pytest.raises(DomainError, match="offene"):
        joining.withdraw_profile(profile=tandem.mentor, by=tandem.mentor.user)
    assert snapshot(tandem.mentor) == before
    with pytest.raises(DomainError):
        joining.withdraw_profile(profile=tandem.mentee, by=world.site_coordinator)
    assert tandem.mentee.__class__.objects.get(pk=tandem.mentee.pk).state == State.APPROVED


def test_an_ended_tandem_does_not_stop_withdrawing(world):
    tandem = factories.TandemFactory(
        site=world.site, state=Tandem.State.ENDED, ended_on=timezone.localdate()
    )
    joining.withdraw_profile(profile=tandem.mentor, by=tandem.mentor.user)
    assert Mentor.objects.get(pk=tandem.mentor.pk).state == State.WITHDRAWN


def test_someone_else_cannot_withdraw_a_mentor(world):
    before = snapshot(world.mentor)
    with pytest.raises(PermissionDenied):
        joining.withdraw_profile(profile=world.mentor, by=world.other_site_coordinator)
    assert snapshot(world.mentor) == before


# --- police certificate ----------------------------------------------------------------------


def test_a_coordinator_records_a_certificate(world):
    today = timezone.localdate()
    issued = today - datetime.timedelta(days=20)
    joining.record_certificate(
        mentor=world.mentor, by=world.site_coordinator, seen_on=today, issued_on=issued
    )
    world.mentor.refresh_from_db()
    assert world.mentor.has_valid_certificate()
    assert (world.mentor.certificate_seen_by, world.mentor.certificate_issued_on) == (
        world.site_coordinator, issued
    )  # fmt: skip


@pytest.mark.parametrize(
    ("seen_days_ago", "issued_days_ago", "message"),
    [
        (-1, 10, "Zukunft"),
        (10, 5, "nach dem Tag"),
        (0, 5 * 365 + 2, "fünf Jahre"),
    ],
)
def test_impossible_certificate_dates_are_refused(world, seen_days_ago, issued_days_ago, message):
    today = timezone.localdate()
    before = snapshot(world.mentor)
    with pytest.raises(DomainError, match=message):
        joining.record_certificate(
            mentor=world.mentor,
            by=world.site_coordinator,
            seen_on=today - datetime.timedelta(days=seen_days_ago),
            issued_on=today - datetime.timedelta(days=issued_days_ago),
        )
    assert snapshot(world.mentor) == before


@pytest.mark.parametrize("who", ["own", "other_site_coordinator"])
def test_only_the_coordination_records_a_certificate(world, who):
    by = world.mentor.user if who == "own" else world.other_site_coordinator
    before = snapshot(world.mentor)
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        joining.record_certificate(mentor=world.mentor, by=by, seen_on=today, issued_on=today)
    assert snapshot(world.mentor) == before
