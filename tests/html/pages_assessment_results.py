"""The results pages of the self-assessment in the HTML check: a town's second round (open,
three groups, the previous round, recommendations, peers in its state and nationwide) as its
coordinator sees it, in German and English; a shared closed round as anyone sees it; the
comparison with peers, with and without enough peers.

The demo world has no rounds yet: each page builds its town with the factories (the check
rolls every page back, so each builds its own, found again for the person)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

from handschlag.assessment.models import (
    ActionPlan,
    Assessment,
    Indicator,
    PlanItem,
    Question,
    RecommendationRule,
)
from handschlag.places.models import Municipality
from tests import factories as base
from tests.assessment import factories
from tests.assessment.results_helpers import close, give, seven_area_framework, stored_round, town
from tests.measures.factories import MeasureFactory, texts

from .page import Page, anonymous, in_english
from .world import PageWorld

TITLE = "Standortbestimmung 2026 (HTML-Prüfung)"
_BUILT: dict[tuple[int, datetime.datetime], SimpleNamespace] = {}


def results_world() -> SimpleNamespace:
    found = Assessment.objects.filter(title=TITLE).first()
    if found is not None:
        return _BUILT[(found.pk, found.created_at)]
    framework = seven_area_framework()
    municipality = town(name="Prüfstadt an der Saale", population=23_000, state="TH")
    earlier = factories.AssessmentFactory(
        framework=framework, municipality=municipality, title="Standortbestimmung 2025"
    )
    keys = list(
        Question.objects.filter(indicator__area__framework=framework).values_list("key", flat=True)
    )
    group = factories.GroupFactory(assessment=earlier, name="Verwaltung")
    give(earlier, group, {k: ("no", "partly")[i % 2] for i, k in enumerate(keys)})
    close(earlier, closed_at=timezone.now() - datetime.timedelta(days=365))
    current = factories.AssessmentFactory(
        framework=framework, municipality=municipality, organisation=earlier.organisation,
        title=TITLE,
    )  # fmt: skip
    answers = {
        "Verwaltung": {k: ("yes", "partly", "yes")[i % 3] for i, k in enumerate(keys)},
        "Zivilgesellschaft": {k: ("no", "partly")[i % 2] for i, k in enumerate(keys[:16])},
        "Migrantenorganisationen": {k: "n/a" if k.endswith("b") else "partly" for k in keys[12:]},
    }
    for (name, given), kind in zip(
        answers.items(), ("administration", "civil_society", "migrant_organisations"), strict=True
    ):
        give(current, factories.GroupFactory(assessment=current, name=name, kind=kind), given)
    for indicator in Indicator.objects.filter(area__framework=framework):
        rule = RecommendationRule.objects.create(
            indicator=indicator, min_score=0, max_score=70,
            reason=texts(f"Weil Ihre Antworten zu „{indicator.title['de']}“ Lücken zeigen."),
        )  # fmt: skip
        rule.measures.add(MeasureFactory(), MeasureFactory())
    for value in range(7):
        stored_round(framework, overall=40 + value * 5, shared=value < 2)
    for value in range(6):
        stored_round(framework, overall=30 + value * 5, state="BY")
    shared = stored_round(framework, overall=61, shared=True, population=150_000)
    admin = base.MembershipFactory(organisation=current.organisation, role="admin").user
    plan = ActionPlan.objects.create(
        municipality=municipality, organisation=current.organisation, title="Handlungsplan"
    )
    PlanItem.objects.create(plan=plan, title="Integrationskonzept erarbeiten", progress=40)
    world = SimpleNamespace(current=current, earlier=earlier, shared=shared, admin=admin)
    _BUILT[(current.pk, current.created_at)] = world
    return world


def _admin(world: PageWorld):
    return results_world().admin


def _url(name: str, which: str, *, population_unknown: bool = False):
    def build(world: PageWorld) -> str:
        found = getattr(results_world(), which)
        if population_unknown:  # the comparison asks the coordination for it
            Municipality.objects.filter(pk=found.municipality_id).update(population=0)
        return reverse(name, args=[found.pk])

    return build


ASSESSMENT_RESULTS_PAGES = [
    Page("assessment_results", _admin, _url("assessment:results", "current")),
    Page("assessment_results_earlier", _admin, _url("assessment:results", "earlier")),
    Page("assessment_results_shared", anonymous, _url("assessment:results", "shared")),
    Page("assessment_peers", _admin, _url("assessment:peers", "current")),
    Page("assessment_peers_shared_few", anonymous, _url("assessment:peers", "shared")),
    Page("assessment_results_no_population", _admin,
         _url("assessment:results", "earlier", population_unknown=True)),
    Page("assessment_peers_no_population", _admin,
         _url("assessment:peers", "earlier", population_unknown=True)),
]  # fmt: skip
ASSESSMENT_RESULTS_PAGES += in_english(
    ASSESSMENT_RESULTS_PAGES, "assessment_results", "assessment_peers"
)
