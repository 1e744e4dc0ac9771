"""The data of bench/assessment.py: Germany's municipalities and a network of towns that ran
two rounds of the self-assessment.

`generate(sizes, rng)` writes, with bulk_create in batches:
- the municipalities: the real list (places/loader.py, from the package `make data` fetches)
  when it is there and the full size is asked for, else `sizes.municipalities` synthetic ones;
  populations are drawn log-normally, like Germany's (most below 5,000, a few above 100,000),
  also for the real list, which has none;
- a framework shaped like the shipped one (7 areas × 2 indicators × 3 questions, yes/partly/no
  and 0–4 scales), a rule per indicator (scores 0–60) with two published measures each;
- `sizes.towns` towns, each with a verified municipality organisation, two closed rounds a
  year apart (two respondent groups, every question answered, some "not applicable", some
  left open; the second round a little better), the stored scores of both rounds (computed
  with the real scoring, and each round's summary), about a third of the latest rounds shared.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

FRAMEWORK_KEY = "bench-rahmen"
BATCH = 5000
GROUPS = (("administration", "Verwaltung"), ("civil_society", "Zivilgesellschaft"))
STATES = ["BW", "BY", "BB", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"]


@dataclass(frozen=True)
class Sizes:
    municipalities: int
    towns: int


def _bulk(model: Any, objects: Iterable[Any]) -> list[Any]:
    made: list[Any] = []
    batch: list[Any] = []
    for obj in objects:
        batch.append(obj)
        if len(batch) == BATCH:
            made += model.objects.bulk_create(batch)
            batch = []
    if batch:
        made += model.objects.bulk_create(batch)
    return made


def _population(rng: random.Random) -> int:
    """Drawn log-normally like Germany's towns: about 3 in 4 below 5,000, a few above 100,000."""
    return max(100, int(rng.lognormvariate(8.1, 1.25)))


def municipalities(sizes: Sizes, rng: random.Random) -> str:
    """Real municipalities when the list is there and the full size is asked for."""
    from handschlag.places.loader import load_full_list
    from handschlag.places.models import Municipality

    if sizes.municipalities >= 10_000 and load_full_list() is not None:
        # the list has no populations (0 = unknown): drawn here like the synthetic ones'
        unknown = list(Municipality.objects.filter(population=0).only("pk"))
        for town in unknown:
            town.population = _population(rng)
        Municipality.objects.bulk_update(unknown, ["population"], batch_size=BATCH)
        return "real"
    _bulk(
        Municipality,
        (
            Municipality(
                name=f"Gemeinde {n}", slug=f"gemeinde-{n}", ags=f"{90_000_000 + n:08d}",
                state=rng.choice(STATES), latitude=47.5 + rng.random() * 7,
                longitude=6 + rng.random() * 9,
                population=_population(rng),
            )
            for n in range(sizes.municipalities)
        ),
    )  # fmt: skip
    return "synthetic"


def framework() -> Any:
    from handschlag.assessment.models import (
        Area,
        Framework,
        Indicator,
        Option,
        Question,
        RecommendationRule,
    )
    from handschlag.measures.models import Effort, Format, Measure

    def texts(german: str) -> dict[str, str]:
        return {"de": german, "en": f"{german} (en)"}

    made = Framework.objects.create(key=FRAMEWORK_KEY, title=texts("Bench-Rahmen"), published=True)
    for a in range(7):
        area = Area.objects.create(
            framework=made, key=f"f{a + 1}", title=texts(f"Handlungsfeld {a + 1}"), position=a,
            weight=2 if a == 0 else 1,
        )  # fmt: skip
        for i in range(2):
            indicator = Indicator.objects.create(
                area=area, key=f"i{i + 1}", title=texts(f"Indikator {a + 1}.{i + 1}"), position=i
            )
            for q in range(3):
                scale = q == 2
                question = Question.objects.create(
                    indicator=indicator, key=f"q{a + 1}{i + 1}{q + 1}", position=q,
                    kind=Question.Kind.SCALE if scale else Question.Kind.YES_PARTLY_NO,
                    text=texts(f"Frage {a + 1}.{i + 1}.{q + 1}"), weight=2 if q == 0 else 1,
                    allows_not_applicable=q == 1,
                )  # fmt: skip
                points = [0, 25, 50, 75, 100] if scale else [100, 50, 0]
                Option.objects.bulk_create(
                    Option(question=question, key=f"o{n}", label=texts(str(p)), points=p,
                           position=n)
                    for n, p in enumerate(points)
                )  # fmt: skip
            rule = RecommendationRule.objects.create(
                indicator=indicator, min_score=0, max_score=60,
                reason=texts(f"Weil Ihre Antworten zu Indikator {a + 1}.{i + 1} Lücken zeigen."),
            )  # fmt: skip
            for m in range(2):
                rule.measures.add(
                    Measure.objects.create(
                        slug=f"bench-{a + 1}-{i + 1}-{m}", state=Measure.State.PUBLISHED,
                        title=texts(f"Maßnahme {a + 1}.{i + 1}.{m}"), summary=texts("Kurz"),
                        goal=texts("Ziel"), format=Format.WORKSHOP, effort=Effort.LOW,
                    )
                )  # fmt: skip
    return made


def towns(sizes: Sizes, made: Any, rng: random.Random) -> list[int]:
    """`sizes.towns` towns with two closed rounds each; their municipality ids."""
    from django.utils import timezone

    from handschlag.assessment.models import Answer, Assessment, RespondentGroup, Score
    from handschlag.assessment.scores import framework_tree, score_rows, summary_of
    from handschlag.assessment.scoring import AnswerData, score_round
    from handschlag.organisations.models import Organisation
    from handschlag.places.models import Municipality

    ids = list(Municipality.objects.order_by("pk").values_list("pk", flat=True))
    chosen = sorted(rng.sample(ids, min(sizes.towns, len(ids))))
    names = dict(Municipality.objects.filter(pk__in=chosen).values_list("pk", "name"))
    organisations = _bulk(
        Organisation,
        (
            Organisation(
                name=f"Stadtverwaltung {names[m]}"[:160], slug=f"bench-kommune-{m}",
                kind=Organisation.Kind.MUNICIPALITY, municipality_id=m, is_verified=True,
            )
            for m in chosen
        ),
    )  # fmt: skip
    now = timezone.now()
    rounds = _bulk(
        Assessment,
        (
            Assessment(
                municipality_id=o.municipality_id, organisation=o, framework=made,
                title=f"Standortbestimmung {year}", state=Assessment.State.CLOSED,
                closed_at=now - datetime.timedelta(days=400 * (2 - n) + rng.randint(0, 30)),
                shared=n == 1 and rng.random() < 0.3,
            )
            for o in organisations
            for n, year in enumerate((2025, 2026))
        ),
    )  # fmt: skip
    groups = _bulk(
        RespondentGroup,
        (
            RespondentGroup(assessment=a, kind=kind, name=name)
            for a in rounds
            for kind, name in GROUPS
        ),
    )  # fmt: skip
    tree = framework_tree(made.pk)
    structure = tree.structure()
    questions = [q for _i, q in tree.questions()]
    skill = {o.municipality_id: rng.random() for o in organisations}
    answers: list[Any] = []
    per_round: dict[int, list[tuple[int, AnswerData]]] = {}
    for group in groups:
        level = skill[group.assessment.municipality_id] + (
            0.15 if "2026" in group.assessment.title else 0
        )
        for question in questions:
            roll = rng.random()
            if roll < 0.05:
                continue  # left open
            options = list(question.options.items())
            if question.allows_not_applicable and roll < 0.12:
                data = AnswerData(question.id, not_applicable=True)
            else:
                pick = min(len(options) - 1, max(0, int(rng.gauss(level, 0.3) * len(options))))
                ordered = sorted(options, key=lambda o: o[1][2])  # by points, low to high
                data = AnswerData(question.id, option_id=ordered[pick][0])
            answers.append(
                Answer(assessment_id=group.assessment_id, group=group, question_id=question.id,
                       option_id=data.option_id, not_applicable=data.not_applicable)
            )  # fmt: skip
            per_round.setdefault(group.assessment_id, []).append((group.pk, data))
    _bulk(Answer, answers)
    group_ids: dict[int, list[int]] = {}
    for group in groups:
        group_ids.setdefault(group.assessment_id, []).append(group.pk)
    rows: list[Any] = []
    for a in rounds:
        scored = score_round(structure, per_round.get(a.pk, []), group_ids[a.pk])
        rows += score_rows(a.pk, tree, scored)
        a.summary = summary_of(tree, scored.all)
    _bulk(Score, rows)
    Assessment.objects.bulk_update(rounds, ["summary"], batch_size=BATCH)
    return chosen


def generate(sizes: Sizes, rng: random.Random) -> dict[str, Any]:
    from django.db import transaction

    with transaction.atomic():
        source = municipalities(sizes, rng)
        made = framework()
        chosen = towns(sizes, made, rng)
    return {"source": source, "towns": len(chosen)}
