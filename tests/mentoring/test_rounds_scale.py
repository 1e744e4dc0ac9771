"""A round on 2,000 mentors × 2,000 mentees runs as a task (django-tasks, in-process in the
tests) to its proposals, within a few seconds."""

from __future__ import annotations

from time import perf_counter

import pytest

from handschlag.mentoring import rounds
from handschlag.mentoring.models import Leftover, MatchingRound, Mentor

from .rounds_helpers import random_pool

pytestmark = pytest.mark.django_db

SIZE = 2_000


def test_a_round_of_two_thousand_on_each_side_runs_as_a_task(
    world, django_capture_on_commit_callbacks
):
    random_pool([world.site, world.sister_site], SIZE, SIZE - 1, seed=2000, towns=60)
    started = perf_counter()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        matching_round = rounds.start_round(by=world.carrier_coordinator, carrier=world.carrier)
    seconds = perf_counter() - started
    assert len(callbacks) == 1  # the task, enqueued after the commit

    matching_round.refresh_from_db()
    assert matching_round.state == MatchingRound.State.READY, matching_round.error
    assert (matching_round.mentors_in_pool, matching_round.mentees_in_pool) == (SIZE + 1, SIZE)
    proposed = matching_round.proposals.count()
    leftovers = Leftover.objects.filter(round=matching_round)
    assert proposed > SIZE // 2
    assert proposed + leftovers.filter(mentee__isnull=False).count() == SIZE
    places = dict(Mentor.objects.values_list("pk", "free_places"))
    per_mentor: dict[int, int] = {}
    for mentor_id in matching_round.proposals.values_list("mentor_id", flat=True):
        per_mentor[mentor_id] = per_mentor.get(mentor_id, 0) + 1
    assert all(n <= places[m] for m, n in per_mentor.items())
    print(f"\n2000 × 2000: {proposed} proposals in {seconds:.1f} s")
    assert seconds < 60
