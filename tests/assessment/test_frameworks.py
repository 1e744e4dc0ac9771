"""The shipped framework (data/framework_weltoffen_v1.json) and the framework loader."""

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command

from handschlag.assessment.frameworks import (
    DEFAULT_FILE,
    InvalidFramework,
    canonical,
    dump_framework,
    load_framework,
    read_json,
)
from handschlag.assessment.models import (
    Area,
    Framework,
    Indicator,
    Option,
    Question,
    RecommendationRule,
)
from handschlag.measures import library
from handschlag.measures.models import Measure, Topic
from tests.measures.factories import MeasureFactory

from .factories import AssessmentFactory

pytestmark = pytest.mark.django_db

K = Question.Kind


@pytest.fixture(scope="module")
def shipped():
    return read_json(DEFAULT_FILE)


@pytest.fixture
def measures(db):
    """The shipped measures library, as the rules need it."""
    library.load_measures(library.read_json(library.DEFAULT_FILE))


def counts():
    return tuple(
        model.objects.count()
        for model in (Framework, Area, Indicator, Question, Option, RecommendationRule)
    )


def tiny(**changes):
    """A framework of one area, one indicator and three questions; its rule names the measure
    "sprachcafe-test" (create it with MeasureFactory)."""
    data = {
        "key": "klein",
        "version": 1,
        "title": {"de": "Kleiner Rahmen", "en": "Small framework"},
        "areas": [{
            "key": "cohesion", "title": {"de": "Begegnung", "en": "Encounter"},
            "indicators": [{
                "key": "places", "title": {"de": "Orte", "en": "Places"},
                "questions": [
                    {"key": "cafe", "kind": "yes_partly_no",
                     "text": {"de": "Gibt es ein Sprachcafé?", "en": "Is there a café?"}},
                    {"key": "count", "kind": "number", "bands": [[0, 0], [2, 50], [5, 100]],
                     "text": {"de": "Wie viele Orte?", "en": "How many places?"}},
                    {"key": "mood", "kind": "choice",
                     "text": {"de": "Wie ist die Stimmung?", "en": "What is the mood?"},
                     "options": [
                         {"key": "bad", "label": {"de": "schlecht"}, "points": 0},
                         {"key": "good", "label": {"de": "gut"}, "points": 100}]},
                ],
            }],
        }],
        "rules": [{"indicator": "places", "min": 0, "max": 39, "measures": ["sprachcafe-test"],
                   "reason": {"de": "Weil Ihre Antworten zu Orten zeigen, dass …"}}],
    }  # fmt: skip
    data.update(changes)
    return data


def questions_of(data):
    return [q for a in data["areas"] for i in a["indicators"] for q in i["questions"]]


def test_the_shipped_framework_has_seven_areas_and_35_to_50_questions_of_every_kind(shipped):
    assert [area["key"] for area in shipped["areas"]] == Topic.values
    for area in shipped["areas"]:
        assert 2 <= len(area["indicators"]) <= 3, area["key"]
    questions = questions_of(shipped)
    assert 35 <= len(questions) <= 50
    kinds = [q["kind"] for q in questions]
    assert set(kinds) == set(K.values)
    assert 2 <= kinds.count(K.TEXT) <= 3
    assert kinds.count(K.YES_PARTLY_NO) + kinds.count(K.SCALE) > len(questions) / 2
    assert any(q.get("weight", 1) > 1 for q in questions)
    assert any(q.get("not_applicable") for q in questions)
    indicators = sum(len(area["indicators"]) for area in shipped["areas"])
    assert (
        f"7 Handlungsfelder, {indicators} Indikatoren, {len(questions)} Fragen"
        in (shipped["description"]["de"])
    )
    assert (
        f"7 fields of action, {indicators} indicators, {len(questions)} questions"
        in (shipped["description"]["en"])
    )


def test_every_text_of_the_shipped_framework_is_in_german_and_english(shipped, measures):
    framework = load_framework(shipped)

    def bilingual(text, where):
        assert text.get("de", "").strip() and text.get("en", "").strip(), where

    bilingual(framework.title, "framework")
    bilingual(framework.description, "framework description")
    for area in framework.areas.all():
        bilingual(area.title, area.key)
        bilingual(area.description, area.key)
        for indicator in area.indicators.all():
            bilingual(indicator.title, indicator.key)
            for rule in indicator.recommendation_rules.all():
                bilingual(rule.reason, indicator.key)
                assert rule.reason["de"].startswith("Weil Ihre Antworten zu"), rule
                assert rule.reason["en"].startswith("Because your answers on"), rule
            for question in indicator.questions.all():
                bilingual(question.text, question.key)
                bilingual(question.help, question.key)  # every question is explained
                if question.kind == K.NUMBER:
                    bilingual(question.number_unit, question.key)
                for option in question.options.all():
                    bilingual(option.label, f"{question.key}: {option.key}")


def test_the_shipped_framework_loads_with_a_rule_for_every_indicator(shipped, measures):
    framework = load_framework(shipped)

    assert framework.published and (framework.key, framework.version) == ("weltoffene-kommune", 1)
    assert framework.areas.count() == 7
    questions = Question.objects.filter(indicator__area__framework=framework)
    assert questions.count() == len(questions_of(shipped))
    for indicator in Indicator.objects.filter(area__framework=framework):
        rules = list(indicator.recommendation_rules.prefetch_related("measures"))
        assert 1 <= len(rules) <= 2, indicator.key
        assert rules[0].min_score == 0, indicator.key
        for rule in rules:
            assert 1 <= rule.measures.count() <= 3, indicator.key
            assert all(m.state == Measure.State.PUBLISHED for m in rule.measures.all())
    for question in questions.prefetch_related("options"):
        points = [option.points for option in question.options.all()]
        if question.kind == K.TEXT:
            assert points == [] and question.number_bands == []
        elif question.kind == K.NUMBER:
            bands = question.number_bands
            assert (bands[0], bands[-1][1]) == ([0, 0], 100), question.key
        else:  # the best answer gives 100 points, the worst 0
            assert (min(points), max(points)) == (0, 100), question.key
            assert len({option.key for option in question.options.all()}) == len(points)
        if question.kind == K.YES_PARTLY_NO:
            assert points == [100, 50, 0]
        if question.kind == K.SCALE:
            assert points == [0, 25, 50, 75, 100]


def test_loading_the_same_version_twice_changes_nothing(shipped, measures):
    first = load_framework(shipped)
    before = counts()
    question_ids = set(Question.objects.values_list("pk", flat=True))

    again = load_framework(shipped)

    assert again.pk == first.pk
    assert counts() == before
    assert set(Question.objects.values_list("pk", flat=True)) == question_ids


def test_a_version_without_assessments_is_updated_in_place(shipped, measures):
    framework = load_framework(shipped)
    changed = copy.deepcopy(shipped)
    first_indicator = changed["areas"][0]["indicators"][0]
    first_indicator["questions"][0]["text"]["de"] = "Gibt es ein beschlossenes Leitbild?"
    removed = first_indicator["questions"].pop()
    kept = Question.objects.get(key=first_indicator["questions"][0]["key"])

    again = load_framework(changed)

    assert again.pk == framework.pk and Framework.objects.count() == 1
    kept.refresh_from_db()
    assert kept.text["de"] == "Gibt es ein beschlossenes Leitbild?"
    assert not Question.objects.filter(key=removed["key"]).exists()
    assert RecommendationRule.objects.count() == len(shipped["rules"])


def test_a_loaded_framework_dumps_to_the_data_it_was_loaded_from(shipped, measures):
    framework = load_framework(shipped)

    dumped = dump_framework(framework)

    assert dumped == canonical(shipped)
    assert load_framework(json.loads(json.dumps(dumped))).pk == framework.pk


def test_loading_a_version_in_use_again_unchanged_is_fine(shipped, measures):
    framework = load_framework(shipped)
    AssessmentFactory(framework=framework)
    before = counts()
    question_ids = set(Question.objects.values_list("pk", flat=True))

    assert load_framework(shipped).pk == framework.pk

    assert counts() == before
    assert set(Question.objects.values_list("pk", flat=True)) == question_ids


def test_a_version_in_use_is_never_changed_but_a_new_version_can_be_loaded():
    MeasureFactory(slug="sprachcafe-test")
    framework = load_framework(tiny())
    AssessmentFactory(framework=framework)
    before = counts()
    changed = tiny()
    changed["areas"][0]["indicators"][0]["questions"][0]["text"]["de"] = "Geändert?"

    with pytest.raises(InvalidFramework) as refused:
        load_framework(changed)

    assert str(refused.value) == (
        "framework 'klein' version 1 is used by 1 assessment and cannot be changed; "
        "load your changes as version 2"
    )
    assert counts() == before
    assert Question.objects.get(key="cafe").text["de"] == "Gibt es ein Sprachcafé?"

    second = load_framework({**changed, "version": 2})

    assert second.pk != framework.pk
    assert Question.objects.get(key="cafe", indicator__area__framework=second).text["de"] == (
        "Geändert?"
    )


def bad_points(data):
    data["areas"][0]["indicators"][0]["questions"][2]["options"][1]["points"] = 120


def no_german(data):
    data["areas"][0]["indicators"][0]["questions"][0]["text"] = {"en": "Is there a café?"}


def unknown_measure(data):
    data["rules"][0]["measures"].append("gibt-es-nicht")


def twice_the_same_option(data):
    data["areas"][0]["indicators"][0]["questions"][2]["options"][1]["key"] = "bad"


def bands_descending(data):
    data["areas"][0]["indicators"][0]["questions"][1]["bands"] = [[0, 0], [5, 100], [2, 50]]


def unknown_indicator(data):
    data["rules"][0]["indicator"] = "nirgends"


def overlapping_rules(data):
    data["rules"].append({**data["rules"][0], "min": 30, "max": 60})


def wrong_scale(data):
    question = data["areas"][0]["indicators"][0]["questions"][2]
    question["kind"] = "scale"


def text_with_options(data):
    data["areas"][0]["indicators"][0]["questions"][2]["kind"] = "text"


def zero_weight(data):
    data["areas"][0]["indicators"][0]["weight"] = 0


def bad_kind(data):
    data["areas"][0]["indicators"][0]["questions"][0]["kind"] = "essay"


def same_question_key(data):
    data["areas"][0]["indicators"][0]["questions"][1]["key"] = "cafe"


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (
            bad_points,
            "area 'cohesion', indicator 'places', question 'mood', option 'good': "
            "points 120 must be a whole number from 0 to 100",
        ),
        (no_german, "question 'cafe': text: the German text (de) is missing"),
        (unknown_measure, "rules: unknown measure 'gibt-es-nicht' (load the measures first"),
        (twice_the_same_option, "question 'mood': option key 'bad' appears more than once"),
        (bands_descending, "bands must be in ascending order of 'from'"),
        (unknown_indicator, "unknown indicator 'nirgends'"),
        (
            overlapping_rules,
            "score bands must be ascending and must not overlap (0–39, then 30–60)",
        ),
        (wrong_scale, "a scale question needs 5 options"),
        (text_with_options, "a text question has no options"),
        (zero_weight, "indicator 'places': weight 0 must be a whole number from 1 to 10"),
        (bad_kind, "kind 'essay' is not one of yes_partly_no, scale, number, choice, text"),
        (same_question_key, "question key 'cafe' appears more than once"),
    ],
)
def test_bad_data_is_refused_with_a_clear_message_and_nothing_is_written(spoil, message):
    MeasureFactory(slug="sprachcafe-test")
    data = tiny()
    spoil(data)

    with pytest.raises(InvalidFramework) as refused:
        load_framework(data)

    assert message in str(refused.value)
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_a_refused_update_leaves_the_loaded_version_as_it_was():
    MeasureFactory(slug="sprachcafe-test")
    load_framework(tiny())
    before = counts()
    data = tiny()
    bad_points(data)
    data["areas"][0]["indicators"][0]["questions"][0]["text"]["de"] = "Neu?"

    with pytest.raises(InvalidFramework):
        load_framework(data)

    assert counts() == before
    assert Question.objects.get(key="cafe").text["de"] == "Gibt es ein Sprachcafé?"


def test_every_problem_is_listed_at_once():
    data = tiny()
    no_german(data)
    bad_points(data)
    unknown_measure(data)  # "sprachcafe-test" is missing as well
    MeasureFactory(slug="something-else")

    with pytest.raises(InvalidFramework) as refused:
        load_framework(data)

    errors = refused.value.errors
    assert len(errors) == 3
    assert "question 'cafe': text: the German text (de) is missing" in errors[0]
    assert "option 'good': points 120" in errors[1]
    assert errors[2] == (
        "rules: unknown measures 'gibt-es-nicht', 'sprachcafe-test' (load the measures first: "
        "manage.py load_measures)"
    )


def test_the_command_loads_measures_first_then_the_framework_and_says_what_it_did(
    shipped, tmp_path
):
    out = io.StringIO()
    with pytest.raises(CommandError, match="the measures library is empty; load it first"):
        call_command("load_framework", stdout=out)
    assert counts() == (0, 0, 0, 0, 0, 0)

    call_command("load_measures", stdout=out)
    call_command("load_framework", stdout=out)
    call_command("load_framework", str(DEFAULT_FILE), stdout=out)
    changed = tmp_path / "changed.json"
    shipped_changed = copy.deepcopy(shipped)
    shipped_changed["title"]["de"] = "Weltoffene Kommune"
    changed.write_text(json.dumps(shipped_changed))
    call_command("load_framework", str(changed), stdout=out)

    lines = out.getvalue().splitlines()
    questions = len(questions_of(shipped))
    assert lines[-3].startswith("Framework 'weltoffene-kommune' version 1 created: 7 areas, ")
    assert f"{questions} questions" in lines[-3]
    assert lines[-2].startswith("Framework 'weltoffene-kommune' version 1 unchanged: ")
    assert lines[-1].startswith("Framework 'weltoffene-kommune' version 1 updated in place: ")
    assert Framework.objects.get().title["de"] == "Weltoffene Kommune"


def test_the_command_refuses_a_broken_file(tmp_path):
    broken = tmp_path / "framework.json"
    broken.write_text(json.dumps(tiny(version="eins")))

    with pytest.raises(CommandError, match="nothing was loaded") as refused:
        call_command("load_framework", str(broken))

    assert "version 'eins' must be a whole number" in str(refused.value)
    assert not Framework.objects.exists()
