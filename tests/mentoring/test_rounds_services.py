"""Rounds: starting, running (the task), discarding and confirming — every transition and
every refusal, each refusal leaving the database as it was."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from handschlag.core.errors import DomainError
from handschlag.core.models import StateChange
from handschlag.mentoring import pool, rounds
from handschlag.mentoring.models import MatchingRound, Mentor, Proposal, Tandem
from handschlag.notifications.models import Notification
from handschlag.notifications.registry import render_body, render_title

from .factories import MenteeFactory
from .rounds_helpers import ready_round

pytestmark = pytest.mark.django_db
State = MatchingRound.State


def states_of(matching_round: MatchingRound) -> list[tuple[str, str]]:
    return list(
        StateChange.objects.filter(
            content_type__model="matchinground", object_id=matching_round.pk
        ).values_list("from_state", "to_state")
    )


# --- start -------------------------------------------------------------------------------


def test_a_started_round_runs_as_a_task_after_the_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        matching_round = rounds.start_round(by=world.site_coordinator, site=world.site)
        assert matching_round.state == State.QUEUED
    assert len(callbacks) == 1
    matching_round.refresh_from_db()
    assert matching_round.state == State.READY and matching_round.progress == 100
    assert states_of(matching_round) == [("queued", "running"), ("running", "ready")]
    assert (matching_round.mentors_in_pool, matching_round.mentees_in_pool) == (1, 1)
    assert matching_round.proposals.get().mentee == world.mentee
    assert matching_round.objective == matching_round.proposals.get().points > 0


@pytest.mark.parametrize(
    "who", ["other_site_coordinator", "stranger", "mentor_user", "mentee_user"]
)
def test_only_the_sites_coordination_starts_a_round_for_it(world, who):
    person = {"mentor_user": world.mentor.user, "mentee_user": world.mentee.user}.get(who)
    with pytest.raises(PermissionDenied):
        rounds.start_round(by=person or getattr(world, who), site=world.site)
    assert not MatchingRound.objects.exists()


def test_a_site_coordinator_cannot_start_a_round_over_the_carrier(world):
    with pytest.raises(PermissionDenied):
        rounds.start_round(by=world.site_coordinator, carrier=world.carrier)
    assert not MatchingRound.objects.exists()


def test_a_round_needs_a_pool_and_a_site_of_its_carrier(world):
    with pytest.raises(DomainError):
        rounds.start_round(by=world.staff)
    with pytest.raises(DomainError):
        rounds.start_round(by=world.staff, site=world.other_site, carrier=world.carrier)
    assert not MatchingRound.objects.exists()


def test_a_second_open_round_for_the_same_pool_is_refused(world):
    first = rounds.start_round(by=world.site_coordinator, site=world.site)
    with pytest.raises(DomainError) as refused:
        rounds.start_round(by=world.carrier_coordinator, site=world.site)
    assert refused.value.code == "open"
    assert list(MatchingRound.objects.all()) == [first]


def test_the_database_refuses_a_second_open_round_too(world):
    """The constraint behind the check: a round slipped past it becomes a DomainError."""
    MatchingRound.objects.create(carrier=world.carrier, site=world.site)
    from handschlag.mentoring import rounds as module

    original = module._refuse_overlap
    module._refuse_overlap = lambda carrier, site: None
    try:
        with pytest.raises(DomainError):
            rounds.start_round(by=world.site_coordinator, site=world.site)
    finally:
        module._refuse_overlap = original
    assert MatchingRound.objects.count() == 1


def test_site_and_carrier_rounds_never_overlap(world):
    site_round = rounds.start_round(by=world.site_coordinator, site=world.site)
    with pytest.raises(DomainError):
        rounds.start_round(by=world.carrier_coordinator, carrier=world.carrier)
    other = rounds.start_round(by=world.staff, carrier=world.other_carrier)
    rounds.discard_round(matching_round=site_round, by=world.site_coordinator)
    carrier_round = rounds.start_round(by=world.carrier_coordinator, carrier=world.carrier)
    with pytest.raises(DomainError):
        rounds.start_round(by=world.carrier_coordinator, site=world.sister_site)
    assert set(MatchingRound.objects.filter(state=State.QUEUED)) == {other, carrier_round}


def test_a_finished_round_does_not_block_the_next(world):
    ready = ready_round(world.site_coordinator, site=world.site)
    rounds.discard_round(matching_round=ready, by=world.site_coordinator)
    failed = MatchingRound.objects.create(carrier=world.carrier, site=world.site, state="failed")
    assert rounds.start_round(by=world.site_coordinator, site=world.site).pk > failed.pk


# --- run ---------------------------------------------------------------------------------


def test_running_a_round_that_is_not_queued_changes_nothing(world):
    matching_round = ready_round(world.site_coordinator, site=world.site)
    rounds.run_round(matching_round.pk)
    assert matching_round.proposals.count() == 1
    discarded = MatchingRound.objects.create(
        carrier=world.carrier, site=world.sister_site, state=State.DISCARDED
    )
    rounds.run_round(discarded.pk)
    discarded.refresh_from_db()
    assert discarded.state == State.DISCARDED and not discarded.proposals.exists()


def test_an_error_fails_the_round_with_a_message(world, monkeypatch):
    def broken(the_pool):
        raise ValueError("kaputt")

    monkeypatch.setattr(pool, "match_pool", broken)
    matching_round = ready_round(world.site_coordinator, site=world.site)
    assert matching_round.state == State.FAILED
    assert matching_round.error == "ValueError: kaputt"
    assert not matching_round.proposals.exists()
    assert states_of(matching_round)[-1] == ("running", "failed")


def test_progress_is_saved_as_the_round_runs(world, monkeypatch):
    seen = []
    original = pool.match_pool

    def watching(the_pool):
        seen.append(MatchingRound.objects.values_list("state", "progress", "progress_step").get())
        return original(the_pool)

    monkeypatch.setattr(pool, "match_pool", watching)
    ready_round(world.site_coordinator, site=world.site)
    assert seen == [("running", 30, "matching")]


# --- discard -----------------------------------------------------------------------------


def test_a_queued_or_ready_round_can_be_discarded(world):
    queued = rounds.start_round(by=world.site_coordinator, site=world.site)
    rounds.discard_round(matching_round=queued, by=world.site_coordinator)
    assert queued.state == State.DISCARDED
    ready = ready_round(world.site_coordinator, site=world.site)
    rounds.discard_round(matching_round=ready, by=world.site_coordinator)
    ready.refresh_from_db()
    assert ready.state == State.DISCARDED and states_of(ready)[-1] == ("ready", "discarded")


@pytest.mark.parametrize("state", ["running", "confirmed", "failed", "discarded"])
def test_other_rounds_cannot_be_discarded(world, state):
    matching_round = MatchingRound.objects.create(
        carrier=world.carrier, site=world.site, state=state
    )
    with pytest.raises(DomainError):
        rounds.discard_round(matching_round=matching_round, by=world.site_coordinator)
    matching_round.refresh_from_db()
    assert matching_round.state == state


def test_only_the_pools_coordination_discards(world):
    matching_round = ready_round(world.site_coordinator, site=world.site)
    with pytest.raises(PermissionDenied):
        rounds.discard_round(matching_round=matching_round, by=world.other_site_coordinator)
    matching_round.refresh_from_db()
    assert matching_round.state == State.READY


# --- confirm -----------------------------------------------------------------------------


def accept_everything(matching_round: MatchingRound) -> None:
    matching_round.proposals.update(state=Proposal.State.ACCEPTED)


def test_confirming_makes_tandems_and_tells_both_sides_in_their_language(world):
    with_email = MenteeFactory(site=world.site, email="amal@example.org", language="ar")
    by_phone = MenteeFactory(site=world.site, phone="0341 123")
    world.mentor.capacity = world.mentor.free_places = 3
    world.mentor.save()
    matching_round = ready_round(world.site_coordinator, site=world.site)
    accept_everything(matching_round)

    outcome = rounds.confirm_round(matching_round=matching_round, by=world.site_coordinator)

    matching_round.refresh_from_db()
    assert matching_round.state == State.CONFIRMED and matching_round.confirmed_at
    tandems = Tandem.objects.filter(round=matching_round)
    assert {t.mentee for t in tandems} == {world.mentee, with_email, by_phone}
    assert {t.state for t in tandems} == {Tandem.State.PROPOSED}
    assert {t.kind for t in tandems} == {"everyday"}
    world.mentor.refresh_from_db()
    assert world.mentor.free_places == 0
    assert outcome.to_call == [by_phone] and not outcome.skipped
    to_mentor = Notification.objects.filter(recipient=world.mentor.user)
    assert to_mentor.count() == 3
    assert Notification.objects.get(email="amal@example.org").language == "ar"
    assert Notification.objects.filter(recipient=world.mentee.user).count() == 1
    assert Notification.objects.count() == 5  # nobody for the mentee without email


def test_the_messages_read_in_german(world, settings):
    settings.LANGUAGE_CODE = "de"
    params = {"mentor": "Jonas K.", "mentee": "Amal", "site": "Paten Leipzig", "contact": ""}
    assert render_title("mentoring.tandem_proposed_mentor", params) == "Ein Tandem für Sie: Amal"
    assert render_body("mentoring.tandem_proposed_mentee", params) == (
        "Gute Nachricht: Jonas K. möchte Sie begleiten. Die Koordination von Paten Leipzig "
        "meldet sich bei Ihnen. Dann verabreden Sie das erste Treffen."
    )
    params["contact"] = "paten@example.org"
    assert render_body("mentoring.tandem_proposed_mentor", params).endswith(
        "Kontakt zur Koordination: paten@example.org"
    )


def test_the_mail_to_a_mentee_without_account_goes_out_after_the_commit(
    world, django_capture_on_commit_callbacks
):
    world.mentee.delete()
    MenteeFactory(site=world.site, email="amal@example.org", language="de")
    matching_round = ready_round(world.site_coordinator, site=world.site)
    accept_everything(matching_round)
    with django_capture_on_commit_callbacks(execute=True):
        rounds.confirm_round(matching_round=matching_round, by=world.site_coordinator)
    to_mentee = [m for m in mail.outbox if m.to == ["amal@example.org"]]
    assert [m.subject.split("]")[-1].strip() for m in to_mentee] == [
        "Wir haben eine Begleitung für Sie gefunden"
    ]


def test_undecided_and_rejected_proposals_make_no_tandem(world):
    second = MenteeFactory(site=world.site)
    world.mentor.capacity = world.mentor.free_places = 2
    world.mentor.save()
    matching_round = ready_round(world.site_coordinator, site=world.site)
    matching_round.proposals.filter(mentee=world.mentee).update(state=Proposal.State.ACCEPTED)

    rounds.confirm_round(matching_round=matching_round, by=world.site_coordinator)

    assert list(Tandem.objects.values_list("mentee", flat=True)) == [world.mentee.pk]
    assert second.pk in pool.pool_mentees([world.site.pk]).values_list("pk", flat=True)


def test_confirming_without_an_accepted_proposal_is_refused(world):
    matching_round = ready_round(world.site_coordinator, site=world.site)
    with pytest.raises(DomainError) as refused:
        rounds.confirm_round(matching_round=matching_round, by=world.site_coordinator)
    assert refused.value.code == "nothing_accepted"
    matching_round.refresh_from_db()
    assert matching_round.state == State.READY and not Tandem.objects.exists()


@pytest.mark.parametrize("state", ["queued", "running", "confirmed", "discarded", "failed"])
def test_only_a_ready_round_can_be_confirmed(world, state):
    matching_round = ready_round(world.site_coordinator, site=world.site)
    accept_everything(matching_round)
    MatchingRound.objects.filter(pk=matching_round.pk).update(state=state)
    with pytest.raises(DomainError):
        rounds.confirm_round(matching_round=matching_round, by=world.site_coordinator)
    assert MatchingRound.objects.get().state == state and not Tandem.objects.exists()


def test_only_the_pools_coordination_confirms(world):
    matching_round = ready_round(world.carrier_coordinator, carrier=world.carrier)
    accept_everything(matching_round)
    for outsider in (world.site_coordinator, world.other_site_coordinator, world.mentor.user):
        with pytest.raises(PermissionDenied):
            rounds.confirm_round(matching_round=matching_round, by=outsider)
    assert MatchingRound.objects.get().state == State.READY and not Tandem.objects.exists()
    assert Mentor.objects.get(pk=world.mentor.pk).free_places == 1
