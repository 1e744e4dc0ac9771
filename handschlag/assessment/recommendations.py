"""Recommendations: measures from the library for a round's weakest indicators.

The framework's rule table (`RecommendationRule`: indicator + score band → measures, with the
reason) is read in one query. The indicators are taken from the weakest up (all groups
together; n/a ones have nothing to recommend); a rule applies when the indicator's score,
rounded as the page shows it, lies within [min_score, max_score]. Only published measures are
recommended; a rule without one is passed over. At most `LIMIT` indicators are shown, each
with its reason ("weil Ihre Antworten zu … zeigen …") and its score ("Ihr Wert: 35 von 100").

Each measure links to its page in the library and, for the coordination, to taking it into
the action plan ("Nachmachen", with the recommending indicator).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from handschlag.core.localized import pick
from handschlag.measures.models import Measure

from .charts import whole
from .models import Assessment, RecommendationRule
from .scores import Tree
from .scoring import Scores

LIMIT = 5


@dataclass(frozen=True)
class MeasureLink:
    slug: str
    title: str
    summary: str
    url: str
    adopt_url: str | None


@dataclass
class Recommendation:
    indicator_id: int
    indicator: str
    area: str
    score: int
    reason: str
    measures: list[MeasureLink] = field(default_factory=list)


def _rules(framework_id: int) -> dict[int, list[tuple[RecommendationRule, Measure]]]:
    """The framework's rules with their published measures, by indicator (one query)."""
    Through = RecommendationRule.measures.through
    rows = (
        Through.objects.filter(
            recommendationrule__indicator__area__framework_id=framework_id,
            measure__state=Measure.State.PUBLISHED,
        )
        .select_related("recommendationrule", "measure")
        .order_by("recommendationrule__min_score", "recommendationrule_id", "measure__slug")
    )
    found: dict[int, list[tuple[RecommendationRule, Measure]]] = {}
    for row in rows:
        rule = row.recommendationrule  # type: ignore[attr-defined]
        found.setdefault(rule.indicator_id, []).append((rule, row.measure))  # type: ignore[attr-defined]
    return found


def recommendations(
    assessment: Assessment, tree: Tree, scores: Scores, *, may_adopt: bool, limit: int = LIMIT
) -> list[Recommendation]:
    """The recommendations for the round's weakest indicators (one query)."""
    rules = _rules(assessment.framework_id)
    area_titles = {area.id: pick(area.title) for area in tree.areas}
    scored = [
        (scores.indicators[indicator.id], indicator)
        for indicator in tree.indicators()
        if scores.indicators.get(indicator.id) is not None
    ]
    scored.sort(key=lambda pair: (pair[0], pair[1].id))
    town = assessment.municipality.slug
    found: list[Recommendation] = []
    for value, indicator in scored:
        shown = whole(value or 0)
        matching = [
            (rule, measure)
            for rule, measure in rules.get(indicator.id, ())
            if rule.min_score <= shown <= rule.max_score
        ]
        if not matching:
            continue
        first_rule = matching[0][0]
        recommendation = Recommendation(
            indicator_id=indicator.id,
            indicator=pick(indicator.title),
            area=area_titles.get(indicator.area_id, ""),
            score=shown,
            reason=pick(first_rule.reason),
        )
        seen: set[str] = set()
        for _rule, measure in matching:
            if measure.slug in seen:
                continue
            seen.add(measure.slug)
            adopt = None
            if may_adopt:
                adopt = reverse("assessment:adopt", args=[town, measure.slug])
                adopt += "?" + urlencode({"indikator": indicator.id})
            recommendation.measures.append(
                MeasureLink(
                    slug=measure.slug,
                    title=pick(measure.title),
                    summary=pick(measure.summary),
                    url=reverse("measures:detail", args=[measure.slug]),
                    adopt_url=adopt,
                )
            )
        found.append(recommendation)
        if len(found) >= limit:
            break
    return found
