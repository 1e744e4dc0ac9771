"""The results pages as each role of the access matrix sees them, and what they show."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from handschlag.assessment.models import Answer, Indicator, RecommendationRule, Score
from handschlag.audit.models import AuditEntry
from tests.measures.factories import MeasureFactory, texts

from . import factories
from .results_helpers import BEST, NA, close, give

PAGES = ("assessment:results", "assessment:peers")
DOWNLOADS = ("assessment:report_pdf", "assessment:answers_xlsx")
ROLES = ("admin", "colleague", "member", "partner", "other_admin", "moderator", "stranger")
SEES_RESULTS = {"admin", "colleague", "member", "partner"}
MAY_EXPORT = {"admin", "colleague", "member"}


def url(name, assessment):
    return reverse(name, args=[assessment.pk])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PAGES + DOWNLOADS)
def test_who_may_open_what(world, client, role, name):
    give(world.assessment, world.administration, BEST)
    client.force_login(getattr(world, role))
    response = client.get(url(name, world.assessment))
    allowed = MAY_EXPORT if name in DOWNLOADS else SEES_RESULTS
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize("name", PAGES + DOWNLOADS)
def test_anonymous_visitors_are_sent_to_the_login(world, client, name):
    response = client.get(url(name, world.assessment))
    assert response.status_code == 302 and "/konto/" in response["Location"]


@pytest.mark.parametrize("name", PAGES + DOWNLOADS)
def test_an_unknown_round_is_404(world, client, name):
    client.force_login(world.admin)
    assert client.get(reverse(name, args=[999_999])).status_code == 404


def test_a_shared_closed_round_shows_its_results_to_anyone_but_not_its_files(world, client):
    give(world.assessment, world.administration, BEST)
    close(world.assessment, shared=True)
    for name in PAGES:
        assert client.get(url(name, world.assessment)).status_code == 200
    for name in DOWNLOADS:
        assert client.get(url(name, world.assessment)).status_code == 302
    client.force_login(world.stranger)
    for name in DOWNLOADS:
        assert client.get(url(name, world.assessment)).status_code == 403
    assert not AuditEntry.objects.exists()


def test_sharing_an_open_round_shows_nothing_yet(world, client):
    world.assessment.shared = True
    world.assessment.save()
    client.force_login(world.stranger)
    assert client.get(url("assessment:results", world.assessment)).status_code == 403


@pytest.mark.parametrize("name", PAGES + DOWNLOADS)
def test_writing_to_a_results_page_is_refused_and_changes_nothing(world, client, name):
    give(world.assessment, world.administration, BEST)
    close(world.assessment)
    before = (Answer.objects.count(), Score.objects.count(), AuditEntry.objects.count())
    client.force_login(world.admin)
    assert client.post(url(name, world.assessment)).status_code == 405
    assert (Answer.objects.count(), Score.objects.count(), AuditEntry.objects.count()) == before


def test_the_page_shows_scores_shares_and_that_an_open_round_is_provisional(world, client):
    give(world.assessment, world.administration, {"q1": "yes", "q2": "4"})
    client.force_login(world.member)
    html = client.get(url("assessment:results", world.assessment)).content.decode()
    # a1-i1 = 100, everything else unanswered: a1 = 50, a2 = 0, overall = (50·2 + 0) / 3 = 33
    assert "33 von 100" in html
    assert "Zwischenstand" in html and "Vorläufig" in html
    assert "2 von 6 Fragen mit Punkten" in html
    assert "erste Runde" in html
    assert 'role="img"' not in html.split("Handlungsfelder", 1)[1].split("Indikatoren")[0]


def test_the_change_since_the_previous_closed_round_per_area(world, client):
    earlier = factories.AssessmentFactory(
        municipality=world.municipality, organisation=world.organisation,
        framework=world.framework, title="Runde 2025",
    )  # fmt: skip
    group = factories.GroupFactory(assessment=earlier, name="Verwaltung 2025")
    give(earlier, group, {"q1": "no", "q5": "some"})  # a1 = 0, a2 = (60·3 + 0) / 4 = 45
    close(earlier, closed_at=timezone.now() - datetime.timedelta(days=365))
    give(world.assessment, world.administration, BEST)
    close(world.assessment)
    client.force_login(world.admin)
    html = client.get(url("assessment:results", world.assessment)).content.decode()
    assert "erste Runde" not in html
    assert "„Runde 2025“" in html
    assert "+100" in html and "+55" in html  # a1: 0 → 100, a2: 45 → 100
    # the earlier round's own page compares with nothing before it
    earlier_html = client.get(url("assessment:results", earlier)).content.decode()
    assert "erste Runde" in earlier_html


def test_where_the_groups_disagree_is_said_in_words(world, client):
    give(world.assessment, world.administration, BEST)
    give(world.assessment, world.civil_society, {"q1": "no", "q2": "0", "q5": "many"})
    client.force_login(world.admin)
    html = client.get(url("assessment:results", world.assessment)).content.decode()
    # Strategie: Verwaltung 100, Zivilgesellschaft 0 → 100 points apart; Orte: both 100
    assert "„Strategie“: Verwaltung sieht 100 Punkte, Zivilgesellschaft 0" in html
    assert "„Orte“:" not in html
    assert 'class="chart-svg chart-heatmap"' in html and "<desc" in html


def _rule(world, indicator_key="i1", area_key="a1", *, low=0, high=60, measures=2):
    indicator = Indicator.objects.get(
        area__framework=world.framework, key=indicator_key, area__key=area_key
    )
    rule = RecommendationRule.objects.create(
        indicator=indicator, min_score=low, max_score=high,
        reason=texts("Weil Ihre Antworten zur Strategie zeigen, dass ein Konzept fehlt."),
    )  # fmt: skip
    made = [MeasureFactory() for _ in range(measures)]
    rule.measures.add(*made)
    return rule, made


def test_recommendations_name_the_reason_the_score_and_published_measures(world, client):
    _made, (measure, withdrawn) = _rule(world)
    withdrawn.state = withdrawn.State.WITHDRAWN
    withdrawn.save()
    _rule(world, "i2", "a2", low=80, high=100)  # Feste will score 0: this rule does not apply
    give(world.assessment, world.administration, {"q1": "partly", "q2": "1"})
    client.force_login(world.admin)
    html = client.get(url("assessment:results", world.assessment)).content.decode()
    # Strategie = (50·2 + 25) / 3 = 41.7 → 42
    assert "Weil Ihre Antworten zur Strategie zeigen" in html
    assert "Ihr Wert: 42 von 100" in html
    assert measure.title["de"] in html and withdrawn.title["de"] not in html
    assert "In den Handlungsplan übernehmen" in html  # the coordination may adopt


def test_recommendations_link_the_measure_and_offer_adoption_to_the_coordination(world, client):
    _made, (measure, _other) = _rule(world)
    give(world.assessment, world.administration, {"q1": "no"})
    adopt = reverse("assessment:adopt", args=[world.municipality.slug, measure.slug])
    client.force_login(world.admin)
    html = client.get(url("assessment:results", world.assessment)).content.decode()
    assert f'href="{reverse("measures:detail", args=[measure.slug])}"' in html
    assert f'href="{adopt}?indikator=' in html
    client.force_login(world.member)
    html = client.get(url("assessment:results", world.assessment)).content.decode()
    assert measure.title["de"] in html and adopt not in html


def test_a_round_with_few_answers_says_its_results_are_provisional_after_closing(world, client):
    give(world.assessment, world.administration, {"q1": "yes", "q4": NA})
    close(world.assessment)
    client.force_login(world.admin)
    html = client.get(url("assessment:results", world.assessment)).content.decode()
    assert "Vorläufig: Erst 33 % der Fragen" in html and "Zwischenstand" not in html


def test_a_round_without_groups_or_answers_says_how_to_begin(world, client):
    empty = factories.AssessmentFactory(
        municipality=world.municipality, organisation=world.organisation
    )
    client.force_login(world.admin)
    html = client.get(url("assessment:results", empty)).content.decode()
    assert "Noch keine Gruppe hat geantwortet." in html
    assert "0 von 100" in html and "Vorläufig: Erst 0 %" in html
    assert client.get(url("assessment:peers", empty)).status_code == 200
