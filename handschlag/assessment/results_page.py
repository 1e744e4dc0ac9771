"""What the results page and the PDF report show of a round, assembled from the round's scores
(scores.live_scores), the previous round (results_selectors) and the recommendations — plain
data for the templates, no HTTP.

A round's results are computed from its answers (two queries) whether it is open or closed: a
closed round's answers no longer change and a framework that has rounds is never changed in
place, so they equal the stored scores (a test holds this). The stored scores serve what
reads many rounds at once: the change since the previous round and the peers.

Provisional: a round is provisional while it is open, and says so more strongly while less
than `WELL_ANSWERED` of its scored questions are answered (unanswered ones count 0 points).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from handschlag.core.localized import pick

from . import charts
from .charts import score_text, whole
from .models import Assessment
from .recommendations import Recommendation, recommendations
from .results_selectors import PreviousRound, previous_round
from .scores import GroupInfo, LiveRound, live_scores
from .scoring import Answered

WELL_ANSWERED = 0.8
DISAGREEMENT = 25  # points between the highest and the lowest group worth a sentence
DISAGREEMENTS_LISTED = 3


@dataclass(frozen=True)
class Change:
    before: float | None
    now: float | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.now is None:
            return None
        return whole(self.now) - whole(self.before)

    @property
    def direction(self) -> str:
        """ "up", "down", "same" or "" (nothing to compare)."""
        if self.delta is None:
            return ""
        return "up" if self.delta > 0 else "down" if self.delta < 0 else "same"

    @property
    def arrow(self) -> str:
        return {"up": "↑", "down": "↓", "same": "→"}.get(self.direction, "")

    @property
    def text(self) -> str:
        """ "+5", "−3", "±0" or "–"."""
        if self.delta is None:
            return "–"
        if self.delta > 0:
            return f"+{self.delta}"
        return f"−{-self.delta}" if self.delta < 0 else "±0"


@dataclass
class AreaRow:
    id: int
    key: str
    title: str
    score: float | None
    change: Change
    indicators: list[IndicatorRow] = field(default_factory=list)

    @property
    def score_text(self) -> str:
        return score_text(self.score)


@dataclass
class IndicatorRow:
    id: int
    title: str
    score: float | None
    by_group: list[float | None]
    spread: float | None

    @property
    def score_text(self) -> str:
        return score_text(self.score)

    @property
    def bar(self) -> int:
        return 0 if self.score is None else whole(self.score)


@dataclass(frozen=True)
class GroupShare:
    group: GroupInfo
    answered: Answered

    @property
    def percent(self) -> int:
        return whole(self.answered.share * 100)


@dataclass
class ResultsPage:
    assessment: Assessment
    live: LiveRound
    overall: float | None
    overall_change: Change
    areas: list[AreaRow]
    groups: list[GroupShare]
    answered: Answered
    previous: PreviousRound | None
    radar: charts.Radar
    heatmap: charts.Heatmap
    disagreements: list[str]
    recommendations: list[Recommendation]

    @property
    def overall_text(self) -> str:
        return score_text(self.overall)

    @property
    def answered_percent(self) -> int:
        return whole(self.answered.share * 100)

    @property
    def little_answered(self) -> bool:
        return self.answered.share < WELL_ANSWERED

    @property
    def provisional(self) -> bool:
        return self.assessment.is_open or self.little_answered

    @property
    def indicators(self) -> list[IndicatorRow]:
        return [indicator for area in self.areas for indicator in area.indicators]


def _spread(values: list[float | None]) -> float | None:
    given = [v for v in values if v is not None]
    return max(given) - min(given) if len(given) >= 2 else None


def results_page(assessment: Assessment, *, may_adopt: bool = False) -> ResultsPage:
    """Everything the page shows of `assessment` (four queries: the framework's tree, the
    answers, the previous round's scores, the recommendation rules)."""
    live = live_scores(assessment)
    scores = live.scores
    previous = previous_round(assessment)
    # a group's cell shows only where it answered something of the indicator (scoring rule 7)
    answering = [g for g in live.groups if scores.answered_by_group[g.id].answered]
    areas: list[AreaRow] = []
    for area in live.tree.areas:
        before = previous.areas.get(area.key) if previous else None
        row = AreaRow(
            area.id,
            area.key,
            pick(area.title),
            scores.all.areas.get(area.id),
            Change(before, scores.all.areas.get(area.id)),
        )
        for indicator in area.indicators:
            by_group = [scores.groups[g.id].indicators.get(indicator.id) for g in answering]
            row.indicators.append(
                IndicatorRow(
                    indicator.id,
                    pick(indicator.title),
                    scores.all.indicators.get(indicator.id),
                    by_group,
                    _spread(by_group),
                )
            )
        areas.append(row)
    previous_label = (
        _("vorige Runde: %(title)s") % {"title": previous.title} if previous is not None else ""
    )
    radar = charts.Radar(
        key=f"radar-{assessment.pk}",
        title=_("Punkte je Handlungsfeld"),
        axes=[charts.Axis(a.title, a.score, a.change.before) for a in areas],
        now_label=_("diese Runde: %(title)s") % {"title": assessment.title},
        previous_label=previous_label,
    )
    heatmap = charts.Heatmap(
        key=f"heatmap-{assessment.pk}",
        title=_("Punkte je Indikator und Gruppe"),
        columns=[g.name for g in answering],
        rows=[
            row
            for area in areas
            for row in (
                charts.HeatRow(area.title, [], None, heading=True),
                *(charts.HeatRow(i.title, i.by_group, i.spread) for i in area.indicators),
            )
        ],
        label_heading=_("Indikator"),
        spread_heading=_("Abstand"),
    )
    return ResultsPage(
        assessment=assessment,
        live=live,
        overall=scores.all.overall,
        overall_change=Change(previous.overall if previous else None, scores.all.overall),
        areas=areas,
        groups=[GroupShare(g, scores.answered_by_group[g.id]) for g in live.groups],
        answered=scores.answered,
        previous=previous,
        radar=radar,
        heatmap=heatmap,
        disagreements=_disagreements(areas, answering),
        recommendations=recommendations(assessment, live.tree, scores.all, may_adopt=may_adopt),
    )


def _disagreements(areas: list[AreaRow], groups: list[GroupInfo]) -> list[str]:
    """Where the groups disagree most, in words: the widest spreads of DISAGREEMENT points or
    more, the highest and the lowest group named."""
    rows = [
        (indicator.spread, indicator)
        for area in areas
        for indicator in area.indicators
        if indicator.spread is not None and indicator.spread >= DISAGREEMENT
    ]
    rows.sort(key=lambda pair: (-(pair[0] or 0), pair[1].id))
    sentences = []
    for spread, indicator in rows[:DISAGREEMENTS_LISTED]:
        given = [(v, g) for v, g in zip(indicator.by_group, groups, strict=True) if v is not None]
        high, low = max(given, key=lambda p: p[0]), min(given, key=lambda p: p[0])
        sentences.append(
            _(
                "„%(indicator)s“: %(high_group)s sieht %(high)s Punkte, %(low_group)s %(low)s — "
                "%(spread)s Punkte Abstand."
            )
            % {
                "indicator": indicator.title,
                "high_group": high[1].name,
                "high": score_text(high[0]),
                "low_group": low[1].name,
                "low": score_text(low[0]),
                "spread": score_text(spread),
            }
        )
    return sentences
