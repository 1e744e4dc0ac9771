"""Storing a round's scores when it closes (scores.store_scores) and reading a round live."""

from __future__ import annotations

import pytest

from handschlag.assessment.models import Indicator, Score
from handschlag.assessment.results_page import results_page
from handschlag.assessment.scores import live_scores, store_scores, stored_values

from .results_helpers import BEST, NA, close, give


def test_stored_scores_hold_overall_areas_and_indicators_for_all_and_each_group(world):
    give(world.assessment, world.administration, BEST)
    give(world.assessment, world.civil_society, {"q1": "no", "q5": "some", "q7": NA})
    close(world.assessment)
    rows = Score.objects.filter(assessment=world.assessment)
    # (1 overall + 2 areas + 4 indicators) × (all groups + 2 groups)
    assert rows.count() == 7 * 3
    for row in rows:  # exactly one of nothing / area / indicator
        assert not (row.area_id and row.indicator_id)
    values = stored_values(world.assessment)
    # as in test_scoring's two-group case: q1 50, q5 80, q7 100 (group 2's n/a left out)
    assert values[None] == pytest.approx((500 / 3 + 85) / 3)
    feste = Indicator.objects.get(area__framework=world.framework, key="i2", area__key="a2")
    own = Score.objects.get(assessment=world.assessment, group=world.civil_society, indicator=feste)
    assert own.value is None  # the group's only answer there was "not applicable"


def test_closing_again_replaces_the_stored_scores(world):
    give(world.assessment, world.administration, BEST)
    close(world.assessment)
    give(world.assessment, world.administration, {"q1": "no"})
    store_scores(world.assessment)
    assert Score.objects.filter(assessment=world.assessment).count() == 7 * 3
    assert stored_values(world.assessment)[None] < 100


def test_a_closed_rounds_results_equal_its_stored_scores(world):
    give(world.assessment, world.administration, BEST)
    give(world.assessment, world.civil_society, {"q1": "partly", "q3": 1, "q4": NA})
    close(world.assessment)
    page = results_page(world.assessment)
    stored = stored_values(world.assessment)
    assert page.overall == pytest.approx(stored[None])
    for area in page.areas:
        assert area.score == pytest.approx(stored["area", area.id])
        for indicator in area.indicators:
            assert indicator.score == pytest.approx(stored["indicator", indicator.id])


def test_reading_a_round_takes_two_queries_whatever_its_size(world, django_assert_num_queries):
    give(world.assessment, world.administration, BEST)
    give(world.assessment, world.civil_society, BEST)
    with django_assert_num_queries(2):
        live = live_scores(world.assessment)
    assert [g.name for g in live.groups] == ["Verwaltung", "Zivilgesellschaft"]
    assert live.scores.all.overall == 100


def test_rounds_closed_before_the_summary_get_theirs_from_their_stored_scores(world):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("handschlag.assessment.migrations.0003_assessment_summary")
    give(world.assessment, world.administration, BEST)
    close(world.assessment)
    expected = world.assessment.summary
    type(world.assessment).objects.update(summary={})
    migration.summaries_from_scores(apps, None)
    world.assessment.refresh_from_db()
    assert (
        world.assessment.summary
        == expected
        == {
            "overall": 100.0,
            "areas": {"a1": 100.0, "a2": 100.0},
        }
    )
