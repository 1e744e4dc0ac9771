"""The scores of an assessment: computed on the fly while the round is open, stored as `Score`
rows when it closes, with a summary of the all-groups scores on the round itself
(`Assessment.summary`: what the change since the last round, the comparison with peers and the
network page read, one row per round). The rules are in scoring.py; this module reads the
database into its shapes and writes what comes out.

Reading a round costs two queries whatever its size: the framework's whole tree (areas →
indicators → questions → options, one query with outer joins) and the round's groups with
their answers (one query, groups without answers included).

Stored rows (`Score`): exactly one of (nothing, `area`, `indicator`) is set — the overall
score, an area's, an indicator's; `group` empty for all groups together, else the group's own
score (scoring.py rule 7). n/a is a row with value None, so a stored round says which
indicators did not apply.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F, TextField, Value
from django.db.models.functions import Cast

from . import scoring
from .models import Area, Assessment, RespondentGroup, Score


@dataclass
class QuestionNode:
    id: int
    key: str
    kind: str
    text: dict[str, str]
    weight: int
    allows_not_applicable: bool
    bands: list[list[float]]
    unit: dict[str, str]
    options: dict[int, tuple[str, dict[str, str], int]] = field(default_factory=dict)

    def spec(self, indicator_id: int) -> scoring.QuestionSpec:
        return scoring.QuestionSpec(
            id=self.id,
            indicator_id=indicator_id,
            kind=self.kind,
            weight=self.weight,
            allows_not_applicable=self.allows_not_applicable,
            options={pk: points for pk, (_key, _label, points) in self.options.items()},
            bands=[list(band) for band in self.bands or ()],
        )


@dataclass
class IndicatorNode:
    id: int
    key: str
    title: dict[str, str]
    weight: int
    area_id: int
    questions: list[QuestionNode] = field(default_factory=list)


@dataclass
class AreaNode:
    id: int
    key: str
    title: dict[str, str]
    weight: int
    indicators: list[IndicatorNode] = field(default_factory=list)


@dataclass
class Tree:
    """A framework's areas, indicators, questions and options in their order."""

    areas: list[AreaNode]

    def indicators(self) -> Iterator[IndicatorNode]:
        for area in self.areas:
            yield from area.indicators

    def questions(self) -> Iterator[tuple[IndicatorNode, QuestionNode]]:
        for indicator in self.indicators():
            for question in indicator.questions:
                yield indicator, question

    def structure(self) -> scoring.Structure:
        return scoring.Structure(
            areas=[scoring.AreaSpec(a.id, a.weight) for a in self.areas],
            indicators=[
                scoring.IndicatorSpec(i.id, i.area_id, i.weight) for i in self.indicators()
            ],
            questions=[q.spec(i.id) for i, q in self.questions()],
        )

    def area(self, area_id: int) -> AreaNode | None:
        return next((a for a in self.areas if a.id == area_id), None)


_TEXTS = {"title", "text", "number_unit", "label"}
_TREE_FIELDS = (
    "id", "key", "title", "weight",
    "indicators__id", "indicators__key", "indicators__title", "indicators__weight",
    "indicators__questions__id", "indicators__questions__key", "indicators__questions__kind",
    "indicators__questions__text", "indicators__questions__weight",
    "indicators__questions__allows_not_applicable", "indicators__questions__number_bands",
    "indicators__questions__number_unit",
    "indicators__questions__options__id", "indicators__questions__options__key",
    "indicators__questions__options__label", "indicators__questions__options__points",
)  # fmt: skip
_TREE_ORDER = (
    "position", "id", "indicators__position", "indicators__id",
    "indicators__questions__position", "indicators__questions__id",
    "indicators__questions__options__position", "indicators__questions__options__id",
)  # fmt: skip
# what scoring needs; the questions' and options' texts only where asked for (exports)
_WITHOUT_TEXTS = {
    "indicators__questions__text", "indicators__questions__number_unit",
    "indicators__questions__options__label",
}  # fmt: skip


def _json(raw: Any) -> Any:
    if raw is None or not isinstance(raw, str):
        return raw
    return json.loads(raw)


def framework_tree(framework_id: int, *, texts: bool = False) -> Tree:
    """The tree of a framework in one query (outer joins from its areas down to the options).
    The JSON columns come as text and are decoded once per area, indicator and question, not
    once per joined row; the questions' and options' texts only with `texts`."""
    areas: dict[int, AreaNode] = {}
    indicators: dict[int, IndicatorNode] = {}
    questions: dict[int, QuestionNode] = {}
    columns: dict[str, Any] = {}
    for name in _TREE_FIELDS:
        if not texts and name in _WITHOUT_TEXTS:
            columns[name.replace("__", "_")] = Value(None, output_field=TextField())
        elif name.rsplit("__", 1)[-1] in _TEXTS or name.endswith("number_bands"):
            columns[name.replace("__", "_")] = Cast(name, output_field=TextField())
        else:
            columns[name.replace("__", "_")] = F(name)
    rows = (
        Area.objects.filter(framework_id=framework_id)
        .order_by(*_TREE_ORDER)
        .values_list(*columns.values())
    )
    for row in rows:
        (a_id, a_key, a_title, a_weight, i_id, i_key, i_title, i_weight,
         q_id, q_key, q_kind, q_text, q_weight, q_na, q_bands, q_unit,
         o_id, o_key, o_label, o_points) = row  # fmt: skip
        area = areas.get(a_id)
        if area is None:
            area = areas[a_id] = AreaNode(a_id, a_key, _json(a_title), a_weight)
        if i_id is None:
            continue
        indicator = indicators.get(i_id)
        if indicator is None:
            indicator = indicators[i_id] = IndicatorNode(
                i_id, i_key, _json(i_title), i_weight, a_id
            )
            area.indicators.append(indicator)
        if q_id is None:
            continue
        question = questions.get(q_id)
        if question is None:
            question = questions[q_id] = QuestionNode(
                q_id, q_key, q_kind, _json(q_text) or {}, q_weight, bool(q_na),
                _json(q_bands) or [], _json(q_unit) or {},
            )  # fmt: skip
            indicator.questions.append(question)
        if o_id is not None:
            question.options[o_id] = (o_key, _json(o_label) or {}, o_points)
    return Tree(list(areas.values()))


@dataclass(frozen=True)
class GroupInfo:
    id: int
    kind: str
    name: str


def round_answers(
    assessment: Assessment,
) -> tuple[list[GroupInfo], list[tuple[int, scoring.AnswerData]]]:
    """The round's respondent groups (in their order) and their answers, in one query."""
    groups: dict[int, GroupInfo] = {}
    answers: list[tuple[int, scoring.AnswerData]] = []
    rows = (
        RespondentGroup.objects.filter(assessment=assessment)
        .order_by("pk", "answers__pk")
        .values_list(
            "pk", "kind", "name", "answers__question_id", "answers__option_id",
            "answers__number", "answers__not_applicable",
        )
    )  # fmt: skip
    for group_id, kind, name, question_id, option_id, number, not_applicable in rows:
        if group_id not in groups:
            groups[group_id] = GroupInfo(group_id, kind, name)
        if question_id is not None:
            answers.append(
                (group_id, scoring.AnswerData(question_id, option_id, number, bool(not_applicable)))
            )
    return list(groups.values()), answers


@dataclass(frozen=True)
class LiveRound:
    tree: Tree
    groups: list[GroupInfo]
    scores: scoring.RoundScores


def live_scores(assessment: Assessment, tree: Tree | None = None) -> LiveRound:
    """The round's scores from its answers now (two queries; one when `tree` is given)."""
    tree = tree or framework_tree(assessment.framework_id)
    groups, answers = round_answers(assessment)
    scores = scoring.score_round(tree.structure(), answers, [g.id for g in groups])
    return LiveRound(tree, groups, scores)


def score_rows(assessment_id: int, tree: Tree, scores: scoring.RoundScores) -> list[Score]:
    """The `Score` rows of a round's scores (unsaved)."""
    rows: list[Score] = []
    per_group: list[tuple[int | None, scoring.Scores]] = [(None, scores.all)]
    per_group += list(scores.groups.items())
    for group_id, group in per_group:
        rows.append(Score(assessment_id=assessment_id, group_id=group_id, value=group.overall))
        rows += [
            Score(assessment_id=assessment_id, group_id=group_id, area_id=area.id,
                  value=group.areas.get(area.id))
            for area in tree.areas
        ]  # fmt: skip
        rows += [
            Score(assessment_id=assessment_id, group_id=group_id, indicator_id=indicator.id,
                  value=group.indicators.get(indicator.id))
            for indicator in tree.indicators()
        ]  # fmt: skip
    return rows


def summary_of(tree: Tree, scores: scoring.Scores) -> dict[str, Any]:
    """The all-groups scores in one value: {"overall": …, "areas": {area key: …}}."""
    return {
        "overall": scores.overall,
        "areas": {area.key: scores.areas.get(area.id) for area in tree.areas},
    }


@transaction.atomic
def store_scores(assessment: Assessment) -> None:
    """Replace the stored scores of `assessment` with the ones its answers give now: overall,
    per area and per indicator, for all groups together and per respondent group, and the
    round's summary (`Assessment.summary`). Called inside the closing transaction."""
    live = live_scores(assessment)
    Score.objects.filter(assessment=assessment).delete()
    Score.objects.bulk_create(score_rows(assessment.pk, live.tree, live.scores))
    assessment.summary = summary_of(live.tree, live.scores.all)
    Assessment.objects.filter(pk=assessment.pk).update(summary=assessment.summary)


def stored_values(assessment: Assessment) -> dict[Any, float | None]:
    """The stored all-groups scores of a round: {None: overall, ("area", id): …,
    ("indicator", id): …} (for tests and exports)."""
    found: dict[Any, float | None] = {}
    for area_id, indicator_id, value in Score.objects.filter(
        assessment=assessment, group__isnull=True
    ).values_list("area_id", "indicator_id", "value"):
        if indicator_id is not None:
            found["indicator", indicator_id] = value
        elif area_id is not None:
            found["area", area_id] = value
        else:
            found[None] = value
    return found
