"""Builders for the results tests: answers by question key, closing a round (as the closing
service will: state, time, stored scores), and peer towns' closed rounds with given stored
scores."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from handschlag.assessment.models import (
    Answer,
    Assessment,
    Framework,
    Option,
    Question,
    RespondentGroup,
    Score,
)
from handschlag.assessment.scores import store_scores
from tests import factories as base

from . import factories

NA = "n/a"
BEST = {"q1": "yes", "q2": "4", "q3": 5, "q4": "yes", "q5": "many", "q7": "4"}
_ags = itertools.count(1)


def give(assessment: Assessment, group: RespondentGroup, answers: dict[str, object], **extra):
    """Answers of `group` by question key: an option key, a number, a text, or "n/a"."""
    questions = {
        q.key: q for q in Question.objects.filter(indicator__area__framework=assessment.framework)
    }
    made = []
    for key, value in answers.items():
        question = questions[key]
        fields: dict[str, object] = {}
        if value == NA:
            fields["not_applicable"] = True
        elif question.kind == Question.Kind.NUMBER:
            fields["number"] = Decimal(str(value))
        elif question.kind == Question.Kind.TEXT:
            fields["text"] = str(value)
        else:
            fields["option"] = Option.objects.get(question=question, key=value)
        answer, _created = Answer.objects.update_or_create(
            assessment=assessment, group=group, question=question, defaults=fields | extra
        )
        made.append(answer)
    return made


def close(assessment: Assessment, *, closed_at=None, shared=False) -> Assessment:
    """Close the round as the closing service does: state, time, stored scores."""
    closed_at = closed_at or timezone.now()
    Assessment.objects.filter(pk=assessment.pk).update(
        state=Assessment.State.CLOSED, closed_at=closed_at, shared=shared
    )
    assessment.refresh_from_db()
    store_scores(assessment)
    return assessment


def town(*, population=23_000, state="TH", name=None):
    number = next(_ags)
    return base.MunicipalityFactory(
        name=name or f"Vergleichsort {number}",
        slug=f"vergleichsort-{number}",
        ags=f"{10_000_000 + number:08d}",
        population=population,
        state=state,
    )


def stored_round(
    framework: Framework,
    *,
    municipality=None,
    overall: float | None,
    areas: dict[str, float | None] | None = None,
    shared: bool = False,
    closed_at: datetime.datetime | None = None,
    population: int = 23_000,
    state: str = "TH",
    open_round: bool = False,
) -> Assessment:
    """A town's round with stored all-groups scores (overall and per area key); closed unless
    `open_round`. Every area gets `overall` unless given."""
    municipality = municipality or town(population=population, state=state)
    assessment = factories.AssessmentFactory(
        municipality=municipality,
        framework=framework,
        state=Assessment.State.OPEN if open_round else Assessment.State.CLOSED,
        closed_at=None if open_round else closed_at or timezone.now(),
        shared=shared,
        title=f"Runde {municipality.name}",
    )
    areas = areas if areas is not None else {a.key: overall for a in framework.areas.all()}
    assessment.summary = {"overall": overall, "areas": areas}
    assessment.save(update_fields=["summary"])
    rows = [Score(assessment=assessment, value=overall)]
    rows += [
        Score(assessment=assessment, area=area, value=areas.get(area.key))
        for area in framework.areas.all()
    ]
    Score.objects.bulk_create(rows)
    return assessment


def peers(framework: Framework, values: list[float], **kwargs) -> list[Assessment]:
    return [stored_round(framework, overall=value, **kwargs) for value in values]


AREAS = (
    "Steuerung und Management",
    "Interkulturelle Öffnung und Antirassismus",
    "Fairer Zugang und Teilhabe",
    "Arbeit und Wirtschaftsförderung",
    "Engagement und Beteiligung",
    "Zusammenhalt und Begegnung",
    "Kommunikation und Konfliktbearbeitung",
)


def seven_area_framework(**kwargs) -> Framework:
    """A framework shaped like the shipped one: 7 areas, 2 indicators each, 2 yes/partly/no
    questions per indicator (the second may be "not applicable")."""
    from handschlag.assessment.models import Area, Indicator
    from tests.measures.factories import texts

    framework = factories.FrameworkFactory(**kwargs)
    for position, title in enumerate(AREAS):
        area = Area.objects.create(
            framework=framework, key=f"f{position + 1}", title=texts(title), position=position
        )
        for number in (1, 2):
            indicator = Indicator.objects.create(
                area=area,
                key=f"i{number}",
                title=texts(f"{title[:24]} – Indikator {number}"),
                position=number,
            )
            factories.add_question(indicator, f"f{position + 1}i{number}a", "yes_partly_no")
            factories.add_question(
                indicator, f"f{position + 1}i{number}b", "yes_partly_no", allows_na=True
            )
    return framework
