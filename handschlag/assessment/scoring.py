"""How answers become scores: pure functions over plain data (no ORM), so that the rules can be
tested with a table of hand-computed cases and with hypothesis, and benchmarked without a
database. scores.py reads the database into these shapes and stores what comes out.

The rules (decided for issue #11; every score is a number from 0 to 100, or None = n/a):

1. **A question's points.** yes/partly/no, scale and choice questions: the points of the chosen
   option (0–100). Number questions: the points of the last band the number reaches — bands
   are [[from, points], …]; a number below the first band's `from` gets 0. Free-text questions
   are never scored: they appear in no score and count in no share answered.
2. **Unanswered = 0 points.** A scored question nobody answered counts with 0 points; the
   results say how much is answered (`Answered`), so a low score from a half-empty round is
   read as such. An answer row without an option, a number or "not applicable" (e.g. only an
   evidence note) is unanswered.
3. **"Not applicable" removes the question** from its indicator (it counts neither as 0 nor as
   100). It counts only where the question allows it; elsewhere it is unanswered (0).
4. **Indicator** = the weighted mean of its applicable questions (question weights). If no
   question applies, the indicator is n/a (None) and leaves its area.
5. **Area** = the weighted mean of its applicable indicators (indicator weights), n/a if none
   applies; **overall** = the weighted mean of the applicable areas (area weights).
   A weight of 0 counts nothing; a mean whose applicable parts weigh 0 in total is n/a.
6. **All groups together.** A question's points for "all groups" are the mean over the
   respondent groups that answered it applicably; unanswered by every group = 0; "not
   applicable" from every group that answered it = n/a. Then rules 4–5 as above.
7. **One group's own score** follows rules 1–5 on that group's answers, except that an
   indicator the group answered nothing of is n/a for that group: groups are often asked only
   about some areas (delegation), and a group that was not asked has no opinion of 0.

Consequences the tests hold: every score is within 0–100 or None, and raising the points of
any one given answer never lowers its indicator, its area or the overall score (for all
groups and for the group). (Answering an unanswered question may lower the all-groups score —
it adds a voice to a mean — which is why rule 6 is not "monotone in answering".)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, Literal

TEXT: Final = "text"
OPTION_KINDS: Final = frozenset({"yes_partly_no", "scale", "choice"})
NUMBER: Final = "number"
NOT_APPLICABLE: Final = "n/a"

Points = float | Literal["n/a"] | None  # points, not applicable, unanswered


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    indicator_id: int
    kind: str
    weight: int = 1
    allows_not_applicable: bool = False
    options: Mapping[int, int] = field(default_factory=dict)  # option id → points
    bands: Sequence[Sequence[float]] = ()  # [[from, points], …]

    @property
    def is_scored(self) -> bool:
        return self.kind != TEXT


@dataclass(frozen=True)
class IndicatorSpec:
    id: int
    area_id: int
    weight: int = 1


@dataclass(frozen=True)
class AreaSpec:
    id: int
    weight: int = 1


@dataclass(frozen=True)
class Structure:
    """A framework as the scoring sees it: areas, indicators and questions in their order."""

    areas: Sequence[AreaSpec]
    indicators: Sequence[IndicatorSpec]
    questions: Sequence[QuestionSpec]

    @property
    def scored_questions(self) -> list[QuestionSpec]:
        return [q for q in self.questions if q.is_scored]


@dataclass(frozen=True)
class AnswerData:
    """One group's answer to one question."""

    question_id: int
    option_id: int | None = None
    number: float | Decimal | None = None
    not_applicable: bool = False


@dataclass(frozen=True)
class Scores:
    overall: float | None
    areas: Mapping[int, float | None]
    indicators: Mapping[int, float | None]


@dataclass(frozen=True)
class Answered:
    """How many of the scored questions are answered ("not applicable" counts as answered)."""

    answered: int
    total: int

    @property
    def share(self) -> float:
        return self.answered / self.total if self.total else 0.0


@dataclass(frozen=True)
class RoundScores:
    """A round's scores for all groups together and per group, and how much is answered."""

    all: Scores
    groups: Mapping[int, Scores]
    answered: Answered  # questions answered by at least one group
    answered_by_group: Mapping[int, Answered]
    # per group: the indicators it answered at least one question of
    touched: Mapping[int, frozenset[int]] = field(default_factory=dict)


def _clip(points: float) -> float:
    return float(min(100.0, max(0.0, points)))


def number_points(bands: Sequence[Sequence[float]], value: float | Decimal) -> float:
    """The points of the last band `value` reaches (bands sorted by their start); 0 below the
    first band."""
    points = 0.0
    for start, band_points in sorted((float(b[0]), float(b[1])) for b in bands):
        if float(value) >= start:
            points = band_points
    return _clip(points)


def answer_points(question: QuestionSpec, answer: AnswerData | None) -> Points:
    """An answer's points (0–100), NOT_APPLICABLE, or None when unanswered."""
    if answer is None or not question.is_scored:
        return None
    if answer.not_applicable:
        return NOT_APPLICABLE if question.allows_not_applicable else None
    if question.kind == NUMBER:
        if answer.number is None or not question.bands:
            return None if answer.number is None else 0.0
        return number_points(question.bands, answer.number)
    if answer.option_id is None or answer.option_id not in question.options:
        return None
    return _clip(question.options[answer.option_id])


def question_score(question: QuestionSpec, answers: Iterable[AnswerData | None]) -> float | None:
    """The question's points over the given groups' answers (rule 6; one answer: rules 1–3):
    the mean of the applicable answers; None (n/a) if every answer given says "not
    applicable"; 0 if nobody answered."""
    applicable: list[float] = []
    not_applicable = False
    for answer in answers:
        points = answer_points(question, answer)
        if points == NOT_APPLICABLE:
            not_applicable = True
        elif points is not None:
            applicable.append(float(points))
    if applicable:
        return sum(applicable) / len(applicable)
    return None if not_applicable else 0.0


def weighted_mean(parts: Iterable[tuple[float | None, int]]) -> float | None:
    """The weighted mean of the parts that are not None; None if their weights sum to 0."""
    total = weight_sum = 0.0
    for value, weight in parts:
        if value is None or weight <= 0:
            continue
        total += value * weight
        weight_sum += weight
    if weight_sum == 0:
        return None
    return _clip(total / weight_sum)


def roll_up(
    structure: Structure,
    question_scores: Mapping[int, float | None],
    *,
    skip_indicators: frozenset[int] | set[int] = frozenset(),
) -> Scores:
    """Indicator, area and overall scores from the questions' scores (rules 4–5); indicators
    in `skip_indicators` are n/a (rule 7)."""
    by_indicator: dict[int, list[tuple[float | None, int]]] = defaultdict(list)
    for question in structure.scored_questions:
        by_indicator[question.indicator_id].append(
            (question_scores.get(question.id), question.weight)
        )
    indicators: dict[int, float | None] = {}
    by_area: dict[int, list[tuple[float | None, int]]] = defaultdict(list)
    for indicator in structure.indicators:
        value = (
            None
            if indicator.id in skip_indicators
            else weighted_mean(by_indicator.get(indicator.id, ()))
        )
        indicators[indicator.id] = value
        by_area[indicator.area_id].append((value, indicator.weight))
    areas = {area.id: weighted_mean(by_area.get(area.id, ())) for area in structure.areas}
    overall = weighted_mean((areas[area.id], area.weight) for area in structure.areas)
    return Scores(overall=overall, areas=areas, indicators=indicators)


def group_scores(structure: Structure, answers: Iterable[AnswerData]) -> tuple[Scores, set[int]]:
    """One group's own scores (rules 1–5 and 7) and the indicators it answered anything of."""
    by_question = {answer.question_id: answer for answer in answers}
    touched = {
        q.indicator_id
        for q in structure.scored_questions
        if answer_points(q, by_question.get(q.id)) is not None
    }
    scores = {q.id: question_score(q, [by_question.get(q.id)]) for q in structure.scored_questions}
    skip = {i.id for i in structure.indicators} - touched
    return roll_up(structure, scores, skip_indicators=skip), touched


def score_round(
    structure: Structure,
    answers: Iterable[tuple[int, AnswerData]],
    group_ids: Iterable[int],
) -> RoundScores:
    """The scores of a round from (group id, answer) pairs: all groups together (rule 6) and
    each group's own (rule 7), with the shares answered."""
    groups = list(dict.fromkeys(group_ids))
    per_group: dict[int, dict[int, AnswerData]] = {group: {} for group in groups}
    for group, answer in answers:
        per_group.setdefault(group, {})[answer.question_id] = answer
    scored = structure.scored_questions
    all_scores = {
        q.id: question_score(q, [given[q.id] for given in per_group.values() if q.id in given])
        for q in scored
    }
    answered_any = sum(
        1
        for q in scored
        if any(answer_points(q, given.get(q.id)) is not None for given in per_group.values())
    )
    by_group: dict[int, Scores] = {}
    answered_by_group: dict[int, Answered] = {}
    touched: dict[int, frozenset[int]] = {}
    for group, given in per_group.items():
        by_group[group], group_touched = group_scores(structure, given.values())
        touched[group] = frozenset(group_touched)
        answered_by_group[group] = Answered(
            sum(1 for q in scored if answer_points(q, given.get(q.id)) is not None), len(scored)
        )
    return RoundScores(
        all=roll_up(structure, all_scores),
        groups=by_group,
        answered=Answered(answered_any, len(scored)),
        answered_by_group=answered_by_group,
        touched=touched,
    )
