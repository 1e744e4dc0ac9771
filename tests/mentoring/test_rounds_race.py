"""Confirming under races: two confirms of one round (the second, holding a stale copy, is
refused and nothing is made twice), a mentor's place taken meanwhile (that proposal is
reported, not made), and two confirms at once on PostgreSQL."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection

from handschlag.core.errors import DomainError
from handschlag.mentoring import mentor_places, rounds
from handschlag.mentoring.models import MatchingRound, Mentor, Proposal, Tandem
from tests.promises.concurrency import run_at_once

from .factories import MenteeFactory, TandemFactory
from .rounds_helpers import ready_round

State = MatchingRound.State
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="runs in the PostgreSQL pass (DATABASE_URL)"
)


def accepted_round(world, mentees: int = 1) -> MatchingRound:
    for _ in range(mentees - 1):
        MenteeFactory(site=world.site)
    world.mentor.capacity = world.mentor.free_places = mentees
    world.mentor.save()
    matching_round = ready_round(world.site_coordinator, site=world.site)
    matching_round.proposals.update(state=Proposal.State.ACCEPTED)
    return matching_round


@pytest.mark.django_db
def test_a_second_confirm_with_a_stale_copy_is_refused(world):
    matching_round = accepted_round(world, mentees=2)
    stale = MatchingRound.objects.get(pk=matching_round.pk)  # a second request's copy

    rounds.confirm_round(matching_round=matching_round, by=world.site_coordinator)
    with pytest.raises(DomainError):
        rounds.confirm_round(matching_round=stale, by=world.carrier_coordinator)

    assert Tandem.objects.count() == 2
    assert Mentor.objects.get(pk=world.mentor.pk).free_places == 0
    assert MatchingRound.objects.get().state == State.CONFIRMED


@pytest.mark.django_db
def test_a_place_taken_meanwhile_is_reported_and_not_made(world):
    matching_round = accepted_round(world, mentees=2)
    # meanwhile the mentor gets a tandem elsewhere: one of the two places is gone
    assert mentor_places.take_place(Mentor.objects.get(pk=world.mentor.pk))
    TandemFactory(site=world.site, mentor=world.mentor)

    outcome = rounds.confirm_round(matching_round=matching_round, by=world.site_coordinator)

    assert len(outcome.tandems) == 1 and len(outcome.skipped) == 1
    proposal, why = outcome.skipped[0]
    assert why == f"{world.mentor.display_name} hat keinen freien Platz mehr."
    assert Mentor.objects.get(pk=world.mentor.pk).free_places == 0
    assert Tandem.objects.filter(round=matching_round).count() == 1
    assert not Tandem.objects.filter(round=matching_round, mentee=proposal.mentee).exists()


@pytest.mark.django_db
def test_a_mentee_who_got_a_tandem_meanwhile_is_reported(world):
    matching_round = accepted_round(world)
    TandemFactory(site=world.site, mentee=world.mentee)

    outcome = rounds.confirm_round(matching_round=matching_round, by=world.site_coordinator)

    assert not outcome.tandems and outcome.skipped[0][1].endswith("hat inzwischen ein Tandem.")
    assert Mentor.objects.get(pk=world.mentor.pk).free_places == 1  # the place was not taken


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_confirms_at_once_make_every_tandem_once(world):
    matching_round = accepted_round(world, mentees=3)
    people = [world.site_coordinator, world.carrier_coordinator, world.staff] * 4

    def confirm(person):
        return lambda: rounds.confirm_round(
            matching_round=MatchingRound.objects.get(pk=matching_round.pk), by=person
        )

    results = run_at_once([confirm(person) for person in people])

    assert Counter(results)["ok"] == 1
    assert set(results) - {"ok"} <= {"wrong_state", "changed"}
    assert Tandem.objects.count() == 3
    assert Mentor.objects.get(pk=world.mentor.pk).free_places == 0
