"""The scoring rules (handschlag/assessment/scoring.py) on the small test framework, with every
expected score computed by hand in the comments, and as properties with hypothesis.

The small framework (tests/assessment/factories.small_framework):
  a1 "Steuerung", weight 2
    a1-i1 "Strategie", weight 1:  q1 yes/partly/no (weight 2), q2 scale 0–4 (25 per step)
    a1-i2 "Personal",  weight 1:  q3 number, bands [[0, 0], [1, 50], [3, 100]];
                                  q4 yes/partly/no, may be "not applicable"
  a2 "Begegnung", weight 1
    a2-i1 "Orte",      weight 3:  q5 choice (none 0, some 60, many 100); q6 free text
    a2-i2 "Feste",     weight 1:  q7 scale 0–4, may be "not applicable"
Six scored questions (q6 is text).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handschlag.assessment import scoring
from handschlag.assessment.scores import framework_tree
from handschlag.assessment.scoring import (
    NOT_APPLICABLE,
    AnswerData,
    AreaSpec,
    IndicatorSpec,
    QuestionSpec,
    Structure,
    answer_points,
    number_points,
    score_round,
)

from .factories import small_framework

NA = "n/a"
BEST = {"q1": "yes", "q2": "4", "q3": 5, "q4": "yes", "q5": "many", "q6": "viel", "q7": "4"}


def answers_of(tree, given: dict[str, object]) -> list[AnswerData]:
    """{"q1": "yes", "q3": 2, "q4": "n/a", "q6": "text"} as answer data (option by key)."""
    questions = {q.key: q for _i, q in tree.questions()}
    made = []
    for key, value in given.items():
        question = questions[key]
        if value == NA:
            made.append(AnswerData(question.id, not_applicable=True))
        elif question.kind == "number":
            made.append(AnswerData(question.id, number=value))
        elif question.kind == "text":
            made.append(AnswerData(question.id))  # a text: no option, no number
        else:
            option = next(pk for pk, (k, _l, _p) in question.options.items() if k == value)
            made.append(AnswerData(question.id, option_id=option))
    return made


def scores_by_key(tree, scores: scoring.Scores) -> dict[str, float | None]:
    found: dict[str, float | None] = {"overall": scores.overall}
    for area in tree.areas:
        found[area.key] = scores.areas[area.id]
        for indicator in area.indicators:
            found[f"{area.key}-{indicator.key}"] = scores.indicators[indicator.id]
    return found


def approx(expected: dict[str, float | None]) -> dict[str, object]:
    return {k: (None if v is None else pytest.approx(v, abs=1e-9)) for k, v in expected.items()}


CASES = [
    pytest.param(
        [{}],
        # nothing answered: every scored question 0 → every indicator, area, overall 0
        {"a1-i1": 0, "a1-i2": 0, "a2-i1": 0, "a2-i2": 0, "a1": 0, "a2": 0, "overall": 0},
        id="nothing-answered-counts-zero",
    ),
    pytest.param(
        [BEST],
        {
            "a1-i1": 100,
            "a1-i2": 100,
            "a2-i1": 100,
            "a2-i2": 100,
            "a1": 100,
            "a2": 100,
            "overall": 100,
        },
        id="best-answers",
    ),
    pytest.param(
        [{"q1": "yes", "q2": "0", "q4": "partly", "q5": "some"}],
        # a1-i1 = (100·2 + 0·1) / 3 = 66.667 (question weights)
        # a1-i2 = (q3 unanswered 0 + q4 50) / 2 = 25
        # a1 = (66.667 + 25) / 2 = 45.833
        # a2-i1 = q5 60 (q6 is text, never scored) ; a2-i2 = q7 unanswered 0
        # a2 = (60·3 + 0·1) / 4 = 45 (indicator weights)
        # overall = (45.833·2 + 45·1) / 3 = 45.556 (area weights)
        {
            "a1-i1": 200 / 3,
            "a1-i2": 25,
            "a1": (200 / 3 + 25) / 2,
            "a2-i1": 60,
            "a2-i2": 0,
            "a2": 45,
            "overall": ((200 / 3 + 25) / 2 * 2 + 45) / 3,
        },
        id="weights-and-unanswered",
    ),
    pytest.param(
        [{"q1": "partly", "q2": "2", "q3": 2, "q4": NA, "q5": "none", "q7": NA}],
        # a1-i1 = (50·2 + 50) / 3 = 50 ; a1-i2 = q3 (2 reaches the band from 1: 50), q4 left out
        # a1 = 50 ; a2-i1 = 0 ; a2-i2: its only question is n/a → n/a, leaves a2 → a2 = 0
        # overall = (50·2 + 0) / 3 = 33.333
        {
            "a1-i1": 50,
            "a1-i2": 50,
            "a1": 50,
            "a2-i1": 0,
            "a2-i2": None,
            "a2": 0,
            "overall": 100 / 3,
        },
        id="not-applicable-leaves-the-mean",
    ),
    pytest.param(
        [{"q3": 0.5, "q4": "no"}],
        # 0.5 reaches only the band from 0 → 0 points ; a1-i2 = (0 + 0) / 2 = 0
        {"a1-i2": 0, "a1": 0, "overall": 0},
        id="number-below-the-second-band",
    ),
    pytest.param(
        [{"q3": 3, "q4": "no"}],
        # 3 reaches the band from 3 → 100 ; a1-i2 = (100 + 0) / 2 = 50 ; a1 = (0 + 50) / 2 = 25
        # overall = (25·2 + 0) / 3 = 16.667
        {"a1-i2": 50, "a1": 25, "overall": 50 / 3},
        id="number-reaches-the-top-band",
    ),
    pytest.param(
        [{"q6": "Wir haben viel vor."}],
        # text only: nothing scored → all 0
        {"a1": 0, "a2": 0, "a2-i1": 0, "overall": 0},
        id="text-is-never-scored",
    ),
    pytest.param(
        [{"q1": NA, "q2": "4"}],
        # q1 may not be "not applicable": it counts as unanswered (0) → a1-i1 = (0·2 + 100) / 3
        {"a1-i1": 100 / 3},
        id="not-applicable-where-not-allowed-is-unanswered",
    ),
    pytest.param(
        [BEST, {"q1": "no", "q4": NA, "q5": "some", "q7": NA}],
        # all groups: q1 = mean(100, 0) = 50 ; q2, q3 only group 1 → 100 ; q4: group 1 100
        # (group 2's n/a is not an applicable answer) ; q5 = mean(100, 60) = 80 ; q7 = 100
        # a1-i1 = (50·2 + 100) / 3 = 66.667 ; a1-i2 = 100 ; a1 = 83.333
        # a2-i1 = 80 ; a2-i2 = 100 ; a2 = (80·3 + 100) / 4 = 85
        # overall = (83.333·2 + 85) / 3 = 83.889
        {
            "a1-i1": 200 / 3,
            "a1-i2": 100,
            "a1": 250 / 3,
            "a2-i1": 80,
            "a2-i2": 100,
            "a2": 85,
            "overall": (500 / 3 + 85) / 3,
        },
        id="two-groups-mean-over-the-groups-that-answered",
    ),
    pytest.param(
        [{"q7": NA}, {}],
        # q7: group 1 says n/a, group 2 did not answer → n/a for all groups → a2-i2 n/a
        {"a2-i2": None, "a2": 0},
        id="indicator-all-not-applicable",
    ),
    pytest.param(
        [{"q7": NA}, {"q7": "2"}],
        # q7: group 2 answered applicably (50) → mean over it alone = 50
        {"a2-i2": 50, "a2": (0 * 3 + 50) / 4},
        id="one-group-applicable-beats-another-groups-n-a",
    ),
]


@pytest.mark.parametrize("groups, expected", CASES)
def test_hand_computed_scores_for_all_groups(db, groups, expected):
    tree = framework_tree(small_framework().pk)
    answers = [(index, a) for index, given in enumerate(groups) for a in answers_of(tree, given)]
    result = score_round(tree.structure(), answers, range(len(groups)))
    found = scores_by_key(tree, result.all)
    assert {k: found[k] for k in expected} == approx(expected)


def test_each_groups_own_score_leaves_out_what_it_was_not_asked(db):
    tree = framework_tree(small_framework().pk)
    second = {"q1": "no", "q4": NA, "q5": "some"}
    answers = [(1, a) for a in answers_of(tree, BEST)] + [(2, a) for a in answers_of(tree, second)]
    result = score_round(tree.structure(), answers, [1, 2])
    # group 2 answered in a1-i1 (q1 0, q2 unanswered 0 → 0), a1-i2 (q4 n/a, q3 unanswered 0
    # → 0), a2-i1 (60); nothing of a2-i2 → n/a for the group ; a1 = 0 ; a2 = 60
    # overall = (0·2 + 60) / 3 = 20
    assert scores_by_key(tree, result.groups[2]) == approx(
        {"overall": 20, "a1": 0, "a1-i1": 0, "a1-i2": 0, "a2": 60, "a2-i1": 60, "a2-i2": None}
    )
    assert scores_by_key(tree, result.groups[1])["overall"] == 100
    # six scored questions; n/a counts as answered; text is not counted
    assert (result.answered_by_group[1].answered, result.answered_by_group[1].total) == (6, 6)
    assert result.answered_by_group[2].answered == 3
    assert result.answered.answered == 6 and result.answered.share == 1


def test_a_group_without_answers_is_listed_with_nothing_answered(db):
    tree = framework_tree(small_framework().pk)
    result = score_round(tree.structure(), [(1, a) for a in answers_of(tree, BEST)], [1, 2])
    assert result.answered_by_group[2].answered == 0
    assert scores_by_key(tree, result.groups[2])["overall"] is None
    # a group that answered nothing changes nothing for all groups together
    assert result.all.overall == 100


@pytest.mark.parametrize(
    "value, points",
    [(-1, 0), (0, 0), (0.99, 0), (1, 50), (2.99, 50), (3, 100), (1000, 100)],
)
def test_a_number_gets_the_points_of_the_last_band_it_reaches(value, points):
    assert number_points([[3, 100], [0, 0], [1, 50]], value) == points  # any order


def test_an_area_without_applicable_indicators_leaves_the_overall_score():
    structure = Structure(
        areas=[AreaSpec(1, weight=1), AreaSpec(2, weight=5)],
        indicators=[IndicatorSpec(10, 1), IndicatorSpec(20, 2)],
        questions=[
            QuestionSpec(100, 10, "yes_partly_no", options={1: 100, 2: 0}),
            QuestionSpec(200, 20, "scale", allows_not_applicable=True, options={3: 0}),
        ],
    )
    answers = [(1, AnswerData(100, option_id=1)), (1, AnswerData(200, not_applicable=True))]
    result = score_round(structure, answers, [1])
    assert result.all.areas == {1: 100, 2: None}
    assert result.all.overall == 100  # area 2 (weight 5) is n/a, not 0
    everything_na = score_round(structure, [(1, AnswerData(200, not_applicable=True))], [1])
    assert everything_na.all.areas[2] is None and everything_na.all.overall == 0


def test_weight_zero_counts_nothing_and_an_all_zero_weight_mean_is_not_applicable():
    structure = Structure(
        areas=[AreaSpec(1)],
        indicators=[IndicatorSpec(10, 1)],
        questions=[
            QuestionSpec(100, 10, "choice", weight=0, options={1: 100}),
            QuestionSpec(101, 10, "choice", weight=1, options={1: 100, 2: 20}),
        ],
    )
    answers = [(1, AnswerData(100, option_id=1)), (1, AnswerData(101, option_id=2))]
    assert score_round(structure, answers, [1]).all.overall == 20
    only_zero = Structure(structure.areas, structure.indicators, structure.questions[:1])
    assert score_round(only_zero, answers[:1], [1]).all.overall is None


# --- properties -------------------------------------------------------------------------------

KINDS = ("yes_partly_no", "scale", "choice", "number", "text")


@st.composite
def structures(draw):
    areas, indicators, questions = [], [], []
    next_id = iter(range(1, 10_000))
    for _a in range(draw(st.integers(1, 3))):
        area = AreaSpec(next(next_id), draw(st.integers(0, 3)))
        areas.append(area)
        for _i in range(draw(st.integers(0, 3))):
            indicator = IndicatorSpec(next(next_id), area.id, draw(st.integers(0, 3)))
            indicators.append(indicator)
            for _q in range(draw(st.integers(0, 4))):
                kind = draw(st.sampled_from(KINDS))
                points = draw(st.lists(st.integers(0, 100), min_size=1, max_size=4))
                with_options = kind not in ("number", "text")
                options = {next(next_id): p for p in points} if with_options else {}
                bands = (
                    [[start, p] for start, p in zip(range(0, 40, 10), points, strict=False)]
                    if kind == "number"
                    else []
                )
                questions.append(
                    QuestionSpec(
                        next(next_id), indicator.id, kind, draw(st.integers(0, 3)),
                        draw(st.booleans()), options, bands,
                    )
                )  # fmt: skip
    return Structure(areas, indicators, questions)


@st.composite
def answer_to(draw, question: QuestionSpec):
    """An answer to `question`, or None (unanswered)."""
    choice = draw(st.sampled_from(("none", "given", "given", "n/a", "empty")))
    if choice == "none":
        return None
    if choice == "n/a":
        return AnswerData(question.id, not_applicable=True)
    if choice == "empty":
        return AnswerData(question.id)
    if question.kind == "number":
        return AnswerData(question.id, number=draw(st.floats(-5, 60, allow_nan=False)))
    if question.options:
        return AnswerData(question.id, option_id=draw(st.sampled_from(sorted(question.options))))
    return AnswerData(question.id)


@st.composite
def rounds(draw):
    structure = draw(structures())
    groups = list(range(draw(st.integers(1, 3))))
    answers = []
    for group in groups:
        for question in structure.questions:
            answer = draw(answer_to(question))
            if answer is not None:
                answers.append((group, answer))
    return structure, groups, answers


def all_values(scores: scoring.Scores) -> list[float | None]:
    return [scores.overall, *scores.areas.values(), *scores.indicators.values()]


@settings(max_examples=300, deadline=None)
@given(rounds())
def test_every_score_is_within_0_and_100_or_not_applicable(drawn):
    structure, groups, answers = drawn
    result = score_round(structure, answers, groups)
    for scores in (result.all, *result.groups.values()):
        for value in all_values(scores):
            assert value is None or 0 <= value <= 100


def _pairs(before: scoring.Scores, after: scoring.Scores):
    yield before.overall, after.overall
    for key, value in before.areas.items():
        yield value, after.areas[key]
    for key, value in before.indicators.items():
        yield value, after.indicators[key]


@settings(max_examples=300, deadline=None)
@given(rounds(), st.data())
def test_raising_one_answers_points_never_lowers_a_score(drawn, data):
    structure, groups, answers = drawn
    by_id = {q.id: q for q in structure.questions}
    scored = [
        i for i, (_g, a) in enumerate(answers)
        if isinstance(answer_points(by_id[a.question_id], a), float)
    ]  # fmt: skip
    if not scored:
        return
    index = data.draw(st.sampled_from(scored))
    group, old = answers[index]
    question = by_id[old.question_id]
    new = data.draw(answer_to(question))
    new_points, old_points = answer_points(question, new), answer_points(question, old)
    if not isinstance(new_points, float) or new_points == NOT_APPLICABLE:
        return
    if new_points < old_points:  # type: ignore[operator]
        old, new = new, old  # raise from the lower to the higher one
        answers = [*answers[:index], (group, old), *answers[index + 1 :]]
    changed = [*answers[:index], (group, new), *answers[index + 1 :]]
    before = score_round(structure, answers, groups)
    after = score_round(structure, changed, groups)
    for earlier, later in (
        *_pairs(before.all, after.all),
        *_pairs(before.groups[group], after.groups[group]),
    ):
        assert (earlier is None) == (later is None)
        if earlier is not None:
            assert later >= earlier - 1e-9
