"""The results and comparison pages run a constant number of queries (≤ 10 with the session,
the user and the unread count), however many groups, answers, rules and peers there are."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from handschlag.assessment.models import Indicator, RecommendationRule
from tests.measures.factories import MeasureFactory, texts

from . import factories
from .results_helpers import BEST, NA, close, give, stored_round

BUDGET = 10


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(world):
    """More of everything: a previous round, a third group, every answer, rules, peers."""
    earlier = factories.AssessmentFactory(
        municipality=world.municipality, organisation=world.organisation,
        framework=world.framework,
    )  # fmt: skip
    give(earlier, factories.GroupFactory(assessment=earlier), {"q1": "no"})
    close(earlier, closed_at=timezone.now() - datetime.timedelta(days=300))
    third = factories.GroupFactory(assessment=world.assessment, name="Wirtschaft")
    give(world.assessment, world.civil_society, {"q1": "no", "q2": "1", "q7": NA})
    give(world.assessment, third, {"q1": "partly", "q3": 2, "q5": "none"})
    for indicator in Indicator.objects.filter(area__framework=world.framework):
        rule = RecommendationRule.objects.create(
            indicator=indicator, min_score=0, max_score=100, reason=texts("Weil …")
        )
        rule.measures.add(MeasureFactory(), MeasureFactory())
    for value in range(12):
        stored_round(world.framework, overall=value * 7, shared=value % 3 == 0)
        stored_round(world.framework, overall=value * 5, state="SN")


def test_the_results_page_runs_a_constant_number_of_queries(world, client):
    give(world.assessment, world.administration, {"q1": "yes"})
    url = reverse("assessment:results", args=[world.assessment.pk])
    for user in (world.admin, world.partner):  # a member; a delegate who is none
        client.force_login(user)
        small = queries(client, url)
        assert small <= BUDGET, user
    client.force_login(world.admin)
    small = queries(client, url)
    give(world.assessment, world.administration, BEST)
    _grow(world)
    assert queries(client, url) == small


def test_the_comparison_page_runs_a_constant_number_of_queries(world, client):
    give(world.assessment, world.administration, {"q1": "yes"})
    url = reverse("assessment:peers", args=[world.assessment.pk])
    client.force_login(world.admin)
    small = queries(client, url)
    assert small <= BUDGET
    _grow(world)
    assert queries(client, url) == small


def test_a_shared_rounds_pages_cost_anonymous_readers_no_more(world, client):
    give(world.assessment, world.administration, BEST)
    close(world.assessment, shared=True)
    _grow(world)
    for name in ("assessment:results", "assessment:peers"):
        assert queries(client, reverse(name, args=[world.assessment.pk])) <= BUDGET - 3
