"""Tandem life, service by service: every transition, every refusal (and that a refusal
changes nothing), the mentor's place given back exactly once."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from handschlag.core.errors import DomainError
from handschlag.mentoring import tandems
from handschlag.mentoring.models import (
    Meeting,
    Mentor,
    ProblemReport,
    SurveyInvitation,
    Tandem,
)
from handschlag.notifications.models import Notification

from . import factories
from .tandems_helpers import changes, kinds_to, proposed_fixture, snapshot, tandem_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
R = Tandem.EndReason


# --- activate ----------------------------------------------------------------------------------


def test_activating_sets_the_start_and_invites_both_sides_to_the_start_survey(world, proposed):
    day = TODAY() - datetime.timedelta(days=2)
    tandems.activate_tandem(tandem=proposed, by=world.site_coordinator, started_on=day)
    proposed.refresh_from_db()
    assert (proposed.state, proposed.started_on, proposed.last_contact_on) == ("active", day, day)
    assert changes(proposed) == [("proposed", "active")]
    assert set(SurveyInvitation.objects.filter(tandem=proposed).values_list("side", "phase")) == {
        ("mentor", "start"),
        ("mentee", "start"),
    }
    assert kinds_to(world.mentor.user) == ["mentoring.survey_invitation"]
    assert kinds_to(world.mentee.user) == ["mentoring.survey_invitation"]


@pytest.mark.parametrize("who", ["mentor", "stranger", "other_site_coordinator"])
def test_only_the_coordination_activates(world, proposed, who):
    user = world.mentor.user if who == "mentor" else getattr(world, who)
    before = snapshot(proposed)
    with pytest.raises(PermissionDenied):
        tandems.activate_tandem(tandem=proposed, by=user)
    assert snapshot(proposed) == before


@pytest.mark.parametrize(
    ("days", "message"), [(-1, "Zukunft"), (90, "vor dem Vorschlag")], ids=["future", "early"]
)
def test_the_first_meeting_must_lie_between_proposal_and_today(world, proposed, days, message):
    before = snapshot(proposed)
    with pytest.raises(DomainError, match=message):
        tandems.activate_tandem(
            tandem=proposed,
            by=world.site_coordinator,
            started_on=TODAY() - datetime.timedelta(days=days),
        )
    assert snapshot(proposed) == before


def test_an_active_tandem_is_not_activated_again(world, tandem):
    before = snapshot(tandem)
    with pytest.raises(DomainError):
        tandems.activate_tandem(tandem=tandem, by=world.site_coordinator)
    assert snapshot(tandem) == before


# --- pause and resume ----------------------------------------------------------------------------


def test_pausing_and_resuming_are_recorded_and_told(world, tandem):
    tandems.pause_tandem(tandem=tandem, by=world.carrier_coordinator, comment="Krankheit")
    assert Tandem.objects.get(pk=tandem.pk).state == "paused"
    assert "mentoring.tandem_paused" in kinds_to(world.mentee.user)
    tandems.resume_tandem(tandem=tandem, by=world.staff)
    tandem.refresh_from_db()
    assert (tandem.state, tandem.last_contact_on) == ("active", TODAY())
    assert changes(tandem) == [("active", "paused"), ("paused", "active")]
    assert "mentoring.tandem_resumed" in kinds_to(world.mentor.user)


def test_parties_do_not_pause(world, tandem):
    before = snapshot(tandem)
    for user in (world.mentor.user, world.mentee.user):
        with pytest.raises(PermissionDenied):
            tandems.pause_tandem(tandem=tandem, by=user)
    assert snapshot(tandem) == before


def test_a_proposed_tandem_is_not_paused_nor_resumed(world, proposed):
    before = snapshot(proposed)
    with pytest.raises(DomainError):
        tandems.pause_tandem(tandem=proposed, by=world.site_coordinator)
    with pytest.raises(DomainError):
        tandems.resume_tandem(tandem=proposed, by=world.site_coordinator)
    assert snapshot(proposed) == before


# --- end ----------------------------------------------------------------------------------------


def test_the_coordination_ends_a_tandem_both_sides_are_told(world, tandem):
    tandems.end_tandem(tandem=tandem, by=world.site_coordinator, reason=R.GOAL_REACHED)
    tandem.refresh_from_db()
    assert (tandem.state, tandem.ended_on, tandem.end_reason) == ("ended", TODAY(), "goal_reached")
    assert Mentor.objects.get(pk=world.mentor.pk).free_places == 1
    assert "mentoring.tandem_ended" in kinds_to(world.mentor.user)
    assert "mentoring.tandem_ended" in kinds_to(world.mentee.user)
    assert set(
        SurveyInvitation.objects.filter(tandem=tandem, phase="end").values_list("side", flat=True)
    ) == {"mentor", "mentee"}


@pytest.mark.parametrize("side", ["mentor", "mentee"])
def test_either_side_may_end_the_coordination_and_the_other_side_are_told(world, tandem, side):
    by = getattr(world, side).user
    other = world.mentee.user if side == "mentor" else world.mentor.user
    tandems.end_tandem(tandem=tandem, by=by, reason=R.TIME, comment="Neue Arbeitsstelle")
    assert Tandem.objects.get(pk=tandem.pk).state == "ended"
    assert "mentoring.tandem_ended" not in kinds_to(by)
    assert "mentoring.tandem_ended" in kinds_to(other)
    told = Notification.objects.get(
        recipient=world.site_coordinator, kind="mentoring.coordination_tandem_ended"
    )
    assert told.params["by"] == side and "partner" not in told.params
    assert world.mentee.first_name not in told.title + told.body


def test_a_side_does_not_end_a_tandem_that_has_not_started(world, proposed):
    before = snapshot(proposed)
    with pytest.raises(PermissionDenied):
        tandems.end_tandem(tandem=proposed, by=world.mentor.user, reason=R.NOT_STARTED)
    assert snapshot(proposed) == before


def test_a_proposed_tandem_that_never_started_gets_no_end_survey(world, proposed):
    tandems.end_tandem(tandem=proposed, by=world.site_coordinator, reason=R.NOT_STARTED)
    assert Tandem.objects.get(pk=proposed.pk).state == "ended"
    assert not SurveyInvitation.objects.filter(tandem=proposed).exists()
    assert Mentor.objects.get(pk=world.mentor.pk).free_places == 1


@pytest.mark.parametrize(
    "reason", [R.NOT_STARTED, R.DATA_ERASED, "anything"], ids=["not_started", "erased", "bogus"]
)
def test_reasons_that_do_not_fit_are_refused(world, tandem, reason):
    before = snapshot(tandem)
    with pytest.raises(DomainError):
        tandems.end_tandem(tandem=tandem, by=world.site_coordinator, reason=reason)
    assert snapshot(tandem) == before


@pytest.mark.parametrize("who", ["stranger", "other_site_coordinator"])
def test_outsiders_do_not_end(world, tandem, who):
    before = snapshot(tandem)
    with pytest.raises(PermissionDenied):
        tandems.end_tandem(tandem=tandem, by=getattr(world, who), reason=R.OTHER)
    assert snapshot(tandem) == before


def test_an_ended_tandem_is_not_ended_again(world, tandem):
    tandems.end_tandem(tandem=tandem, by=world.site_coordinator, reason=R.MOVED)
    before = snapshot(tandem)
    with pytest.raises((DomainError, PermissionDenied)):
        tandems.end_tandem(tandem=tandem, by=world.site_coordinator, reason=R.MOVED)
    assert snapshot(tandem) == before


def test_the_place_goes_back_exactly_once_when_two_requests_end_the_same_tandem(world):
    """Two requests read the tandem while it is active and both end it. Without the claim
    (a conditional UPDATE on the state read), the second one would give the mentor's place
    back a second time although their other tandem still holds it."""
    mentor = factories.MentorFactory(site=world.site, capacity=2, free_places=0)
    first, second = (
        factories.TandemFactory(site=world.site, mentor=mentor, state=Tandem.State.ACTIVE)
        for _ in range(2)
    )
    stale = Tandem.objects.get(pk=first.pk)  # the second request's copy, read before the end
    tandems.end_tandem(tandem=first, by=world.site_coordinator, reason=R.MOVED)
    with pytest.raises(DomainError, match="inzwischen"):
        tandems.end_tandem(tandem=stale, by=world.site_coordinator, reason=R.CONFLICT)
    assert Mentor.objects.get(pk=mentor.pk).free_places == 1
    assert Tandem.objects.get(pk=first.pk).end_reason == "moved"
    assert changes(first) == [("active", "ended")]
    assert Tandem.objects.get(pk=second.pk).state == "active"


# --- meetings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["mentor", "mentee", "site_coordinator"])
def test_either_side_or_the_coordination_logs_a_meeting(world, tandem, who):
    by = getattr(world, who).user if who in ("mentor", "mentee") else getattr(world, who)
    day = TODAY() - datetime.timedelta(days=1)
    meeting = tandems.log_meeting(
        tandem=tandem, by=by, date=day, duration_minutes=90, kind="in_person", note="Stadtbücherei"
    )
    assert (meeting.logged_by, meeting.note) == (by, "Stadtbücherei")
    assert Tandem.objects.get(pk=tandem.pk).last_contact_on == day


def test_an_older_meeting_does_not_move_the_last_contact_back(world, tandem):
    tandems.log_meeting(
        tandem=tandem,
        by=world.mentor.user,
        date=TODAY() - datetime.timedelta(days=20),
        duration_minutes=30,
        kind="phone",
    )
    assert Tandem.objects.get(pk=tandem.pk).last_contact_on == TODAY() - datetime.timedelta(days=7)


def test_a_recent_meeting_ends_an_episode_of_inactivity(world, tandem):
    Tandem.objects.filter(pk=tandem.pk).update(inactivity_notified_on=TODAY())
    tandem.refresh_from_db()
    tandems.log_meeting(
        tandem=tandem, by=world.mentor.user, date=TODAY(), duration_minutes=30, kind="phone"
    )
    assert Tandem.objects.get(pk=tandem.pk).inactivity_notified_on is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": 1}, "Zukunft"),
        ({"date": -90}, "noch nicht"),
        ({"duration_minutes": 2}, "Dauer"),
        ({"kind": "dinner"}, "gemacht"),
    ],
    ids=["future", "before_tandem", "too_short", "unknown_kind"],
)
def test_meetings_that_cannot_be_are_refused(world, tandem, fields, message):
    data = {"date": 0, "duration_minutes": 60, "kind": "in_person", **fields}
    data["date"] = TODAY() + datetime.timedelta(days=data["date"])
    before = snapshot(tandem)
    with pytest.raises(DomainError, match=message):
        tandems.log_meeting(tandem=tandem, by=world.mentor.user, **data)
    assert snapshot(tandem) == before


@pytest.mark.parametrize("state", ["proposed", "ended"])
def test_no_meetings_in_a_tandem_that_is_not_open(world, tandem, state):
    Tandem.objects.filter(pk=tandem.pk).update(state=state, ended_on=TODAY())
    tandem.refresh_from_db()
    with pytest.raises(PermissionDenied):
        tandems.log_meeting(
            tandem=tandem, by=world.mentor.user, date=TODAY(), duration_minutes=60, kind="phone"
        )
    assert not Meeting.objects.exists()


def test_outsiders_log_no_meetings(world, tandem):
    for user in (world.stranger, world.other_site_coordinator):
        with pytest.raises(PermissionDenied):
            tandems.log_meeting(
                tandem=tandem, by=user, date=TODAY(), duration_minutes=60, kind="phone"
            )
    assert not Meeting.objects.exists()


# --- problems ---------------------------------------------------------------------------------


def test_a_problem_reaches_the_coordination_and_never_the_other_side(world, tandem):
    problem = tandems.report_problem(tandem=tandem, by=world.mentee.user, text="Er kommt nie.")
    assert (problem.side, problem.reported_by) == ("mentee", world.mentee.user)
    assert kinds_to(world.site_coordinator) == ["mentoring.problem_reported"]
    assert kinds_to(world.mentor.user) == []
    told = Notification.objects.get(recipient=world.site_coordinator)
    assert "Er kommt nie" not in told.title + told.body  # the text stays on the page


def test_the_coordination_does_not_file_problems_as_a_side(world, tandem):
    with pytest.raises(PermissionDenied):
        tandems.report_problem(tandem=tandem, by=world.site_coordinator, text="x")
    assert not ProblemReport.objects.exists()


def test_an_empty_problem_is_refused(world, tandem):
    with pytest.raises(DomainError):
        tandems.report_problem(tandem=tandem, by=world.mentor.user, text="   ")
    assert not ProblemReport.objects.exists()


def test_a_problem_is_marked_handled_once(world, tandem):
    problem = tandems.report_problem(tandem=tandem, by=world.mentor.user, text="Streit")
    with pytest.raises(PermissionDenied):
        tandems.mark_problem_handled(problem=problem, by=world.other_site_coordinator)
    assert ProblemReport.objects.get(pk=problem.pk).handled_at is None
    tandems.mark_problem_handled(problem=problem, by=world.site_coordinator)
    handled = ProblemReport.objects.get(pk=problem.pk)
    assert handled.handled_by == world.site_coordinator
    with pytest.raises(DomainError):
        tandems.mark_problem_handled(problem=problem, by=world.carrier_coordinator)
    assert ProblemReport.objects.get(pk=problem.pk).handled_by == world.site_coordinator


def test_a_site_without_site_coordinators_tells_the_carriers(world):
    tandem = factories.TandemFactory(site=world.sister_site)
    tandems.report_problem(tandem=tandem, by=tandem.mentor.user, text="Hilfe")
    assert kinds_to(world.carrier_coordinator) == ["mentoring.problem_reported"]
    assert kinds_to(world.site_coordinator) == []


def test_a_mentee_without_account_but_with_email_is_told_by_mail_in_their_language(world):
    mentee = factories.MenteeFactory(site=world.site, email="amal@example.org", language="en")
    tandem = factories.TandemFactory(site=world.site, mentee=mentee)
    tandems.end_tandem(tandem=tandem, by=world.site_coordinator, reason=R.MOVED)
    mail = Notification.objects.get(email="amal@example.org", kind="mentoring.tandem_ended")
    assert (mail.recipient, mail.language) == (None, "en")
