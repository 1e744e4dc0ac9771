"""Decisions on proposals: accept, reject (the pair is excluded from later rounds), take back,
accept all, swaps by hand with their cost in points; every refusal changes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from handschlag.core.errors import DomainError
from handschlag.matching import pair_table
from handschlag.mentoring import pool, rounds, rounds_decisions
from handschlag.mentoring.models import ExcludedPair, MatchingRound, Proposal

from .factories import MenteeFactory, MentorFactory
from .rounds_helpers import km_east, pairs_of, ready_round

pytestmark = pytest.mark.django_db
State = Proposal.State


@pytest.fixture
def ready(world) -> MatchingRound:
    return ready_round(world.site_coordinator, site=world.site)


def only(matching_round: MatchingRound) -> Proposal:
    return matching_round.proposals.select_related("round__carrier__programme").get()


def snapshot(matching_round: MatchingRound) -> tuple:
    return (
        list(matching_round.proposals.values_list("pk", "mentor", "mentee", "state", "points")),
        list(ExcludedPair.objects.values_list("mentor", "mentee")),
    )


def test_accepting_and_taking_it_back(world, ready):
    proposal = only(ready)
    rounds_decisions.accept_proposal(proposal=proposal, by=world.site_coordinator)
    assert Proposal.objects.get().state == State.ACCEPTED
    with pytest.raises(DomainError):
        rounds_decisions.accept_proposal(proposal=proposal, by=world.site_coordinator)
    rounds_decisions.reset_proposal(proposal=proposal, by=world.site_coordinator)
    assert Proposal.objects.get().state == State.PROPOSED


def test_a_rejected_pair_is_never_proposed_again(world, ready):
    proposal = only(ready)
    rounds_decisions.reject_proposal(
        proposal=proposal, by=world.site_coordinator, reason="known", comment="Nachbarn"
    )
    excluded = ExcludedPair.objects.get()
    assert (excluded.mentor, excluded.mentee, excluded.reason, excluded.comment) == (
        world.mentor,
        world.mentee,
        "known",
        "Nachbarn",
    )
    rounds.discard_round(matching_round=ready, by=world.site_coordinator)
    again = ready_round(world.site_coordinator, site=world.site)
    assert pairs_of(again) == set()
    assert again.leftovers.get(mentee=world.mentee).reason == "excluded"


def test_taking_back_a_rejection_allows_the_pair_again(world, ready):
    proposal = only(ready)
    rounds_decisions.reject_proposal(proposal=proposal, by=world.site_coordinator, reason="time")
    rounds_decisions.reset_proposal(proposal=proposal, by=world.site_coordinator)
    assert not ExcludedPair.objects.exists() and Proposal.objects.get().state == State.PROPOSED


def test_a_rejection_needs_a_known_reason(world, ready):
    before = snapshot(ready)
    with pytest.raises(DomainError):
        rounds_decisions.reject_proposal(
            proposal=only(ready), by=world.site_coordinator, reason="x"
        )
    assert snapshot(ready) == before


def test_accepting_all_open_proposals(world):
    MenteeFactory(site=world.site)
    world.mentor.capacity = world.mentor.free_places = 2
    world.mentor.save()
    matching_round = ready_round(world.site_coordinator, site=world.site)
    first = matching_round.proposals.first()
    rounds_decisions.reject_proposal(proposal=first, by=world.site_coordinator, reason="other")

    assert (
        rounds_decisions.accept_all(matching_round=matching_round, by=world.site_coordinator) == 1
    )
    assert sorted(matching_round.proposals.values_list("state", flat=True)) == [
        "accepted",
        "rejected",
    ]
    with pytest.raises(DomainError):
        rounds_decisions.accept_all(matching_round=matching_round, by=world.site_coordinator)


@pytest.mark.parametrize("state", ["confirmed", "discarded"])
def test_no_decision_once_the_round_is_over(world, ready, state):
    proposal = only(ready)
    MatchingRound.objects.filter(pk=ready.pk).update(state=state)
    before = snapshot(ready)
    for decide in (
        lambda: rounds_decisions.accept_proposal(proposal=proposal, by=world.site_coordinator),
        lambda: rounds_decisions.reject_proposal(
            proposal=proposal, by=world.site_coordinator, reason="time"
        ),
        lambda: rounds_decisions.accept_all(matching_round=ready, by=world.site_coordinator),
    ):
        with pytest.raises(DomainError):
            decide()
    assert snapshot(ready) == before


def test_no_decision_by_outsiders(world, ready):
    proposal = only(ready)
    before = snapshot(ready)
    for outsider in (world.other_site_coordinator, world.mentor.user, world.stranger):
        with pytest.raises(PermissionDenied):
            rounds_decisions.accept_proposal(proposal=proposal, by=outsider)
        with pytest.raises(PermissionDenied):
            rounds_decisions.reject_proposal(proposal=proposal, by=outsider, reason="time")
    assert snapshot(ready) == before


# --- swaps -------------------------------------------------------------------------------


@pytest.fixture
def two_pairs(world):
    """Two proposals at one place; a third mentor with a free place, 4 km away."""
    world.mentee.delete()
    home = world.site.municipality
    amal = MenteeFactory(site=world.site, first_name="Amal")
    omar = MenteeFactory(site=world.site, first_name="Omar")
    MentorFactory(site=world.site)
    spare = MentorFactory(site=world.site, municipality=km_east(4, home))
    matching_round = ready_round(world.site_coordinator, site=world.site)
    # the spare is further away: the engine proposed the other two
    assert {m for m, _e in pairs_of(matching_round)} == {world.mentor.pk, spare.pk - 1}
    return matching_round, amal, omar, spare


def test_a_swap_says_what_it_costs_with_the_engines_points(world, two_pairs):
    matching_round, amal, _omar, spare = two_pairs
    proposal = matching_round.proposals.select_related("mentee__municipality").get(mentee=amal)

    plan = rounds_decisions.plan_swap(proposal=proposal, mentor=spare)

    the_pool = pool.build_pool(
        [spare], [amal], programme=world.programme, today=rounds.round_day(matching_round)
    )
    ok, points = pair_table(the_pool.mentors, the_pool.mentees, the_pool.config)
    assert plan.ok and ok[0, 0]
    assert plan.after == points[0, 0] and plan.before == proposal.points
    assert plan.cost == proposal.points - points[0, 0] > 0

    rounds_decisions.carry_out(plan=plan, by=world.site_coordinator)

    proposal.refresh_from_db()
    assert (proposal.mentor, proposal.manual, proposal.state) == (spare, True, State.ACCEPTED)
    assert proposal.points == points[0, 0] and proposal.reasons[0]["code"] == "language"
    assert (
        matching_round.objective - sum(matching_round.proposals.values_list("points", flat=True))
        == plan.cost
    )


def test_a_swap_that_breaks_a_hard_rule_is_refused_and_says_which(world, two_pairs):
    matching_round, amal, _omar, _spare = two_pairs
    russian = MentorFactory(site=world.site, languages=[{"code": "ru", "level": "native"}])
    proposal = matching_round.proposals.get(mentee=amal)
    before = snapshot(matching_round)

    plan = rounds_decisions.plan_swap(proposal=proposal, mentor=russian)
    assert plan.problems == ["Die beiden sprechen keine gemeinsame Sprache."]
    with pytest.raises(DomainError) as refused:
        rounds_decisions.carry_out(plan=plan, by=world.site_coordinator)
    assert "keine gemeinsame Sprache" in refused.value.message
    assert snapshot(matching_round) == before


def test_a_swap_to_a_mentor_without_a_place_in_the_round_is_refused(world, two_pairs):
    matching_round, amal, omar, _spare = two_pairs
    proposal = matching_round.proposals.get(mentee=amal)
    taken = matching_round.proposals.get(mentee=omar).mentor
    plan = rounds_decisions.plan_swap(proposal=proposal, mentor=taken)
    assert not plan.ok and "keinen freien Platz" in plan.problems[0]


def test_exchanging_the_mentors_of_two_proposals(world, two_pairs):
    matching_round, amal, omar, _spare = two_pairs
    first = matching_round.proposals.get(mentee=amal)
    second = matching_round.proposals.get(mentee=omar)
    plan = rounds_decisions.plan_exchange(proposal=first, other=second)
    assert plan.ok
    rounds_decisions.carry_out(plan=plan, by=world.site_coordinator)
    first.refresh_from_db()
    second.refresh_from_db()
    mentors = [new.mentor.pk for _proposal, new in plan.changes]
    assert [first.mentor_id, second.mentor_id] == mentors
    assert first.manual and second.manual


def test_swap_options_fit_and_are_best_first(world, two_pairs):
    matching_round, amal, _omar, spare = two_pairs
    MentorFactory(site=world.site, languages=[{"code": "ru", "level": "native"}])
    proposal = matching_round.proposals.get(mentee=amal)
    options = rounds_decisions.swap_options(proposal)
    assert [m for m, _points in options] == [spare]
    exchanges = rounds_decisions.exchange_options(proposal)
    assert [o.mentee for o, _cost in exchanges] == [_omar]
