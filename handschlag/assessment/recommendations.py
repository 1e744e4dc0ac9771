"""Recommendations: measures from the library for a round's weakest indicators.

The framework's rule table (`RecommendationRule`: indicator + score band → measures, with the
reason) is read in one query. The indicators are taken from the weakest up (all groups
together; n/a ones have nothing to recommend); a rule applies when the indicator's score,
rounded as the page shows it, lies within [min_score, max_score]. Only published measures are
recommended; a rule without one is passed over. At most `LIMIT` indicators are shown, each
with its reason ("weil Ihre Antworten zu … zeigen …") and its score ("Ihr Wert: 35 von 100").

Links are built by URL name: the measure's page ("measures:detail") and taking it into the
action plan ("assessment:adopt" with the town's and the measure's slug). Either is left out
while that part is not mounted (each part of issue #11 is built on its own branch).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, get_resolver, get_urlconf, reverse

from handschlag.core.localized import pick
from handschlag.measures.models import Measure

from .charts import whole
from .models import Assessment, RecommendationRule
from .scores import Tree
from .scoring import Scores

LIMIT = 5


@functools.lru_cache(maxsize=64)
def _mounted(urlconf: str, name: str) -> bool:
    """Whether `name` is a URL of `urlconf` at all (asked once: a failed reverse is slow)."""
    namespace, _sep, view = name.rpartition(":")
    resolver = get_resolver(urlconf)
    for part in namespace.split(":") if namespace else ():
        found = resolver.namespace_dict.get(part)
        if found is None:
            return False
        resolver = found[1]
    return view in resolver.reverse_dict


def url_or_none(name: str, *args: object) -> str | None:
    """The URL of `name`, or None while it is not mounted."""
    if not _mounted(str(get_urlconf() or settings.ROOT_URLCONF), name):
        return None
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class MeasureLink:
    slug: str
    title: str
    summary: str
    url: str | None
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
            adopt = url_or_none("assessment:adopt", town, measure.slug) if may_adopt else None
            if adopt is not None:
                adopt += "?" + urlencode({"indikator": indicator.id})
            recommendation.measures.append(
                MeasureLink(
                    slug=measure.slug,
                    title=pick(measure.title),
                    summary=pick(measure.summary),
                    url=url_or_none("measures:detail", measure.slug),
                    adopt_url=adopt,
                )
            )
        found.append(recommendation)
        if len(found) >= limit:
            break
    return found
