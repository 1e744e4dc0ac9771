"""A small framework for tests: two areas, each with two indicators, with every kind of
question; points as the shipped framework gives them (yes 100, partly 50, no 0; scale 0–4 in
steps of 25)."""

import factory

from handschlag.assessment.models import (
    Area,
    Assessment,
    Framework,
    Indicator,
    Option,
    Question,
    RespondentGroup,
)
from tests import factories as base
from tests.measures.factories import texts

YES_PARTLY_NO = (("yes", "ja", 100), ("partly", "teilweise", 50), ("no", "nein", 0))
SCALE = tuple((str(n), str(n), n * 25) for n in range(5))


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    key = factory.Sequence(lambda n: f"rahmen-{n}")
    version = 1
    title = factory.LazyFunction(lambda: texts("Testrahmen"))
    published = True


def add_question(indicator, key, kind, *, weight=1, allows_na=False, options=None, bands=None):
    question = Question.objects.create(
        indicator=indicator, key=key, kind=kind, text=texts(f"Frage {key}"), weight=weight,
        allows_not_applicable=allows_na, number_bands=bands or [],
        position=indicator.questions.count(),
    )  # fmt: skip
    if options is None:
        options = {Question.Kind.YES_PARTLY_NO: YES_PARTLY_NO, Question.Kind.SCALE: SCALE}.get(
            kind, ()
        )
    for position, (option_key, label, points) in enumerate(options):
        Option.objects.create(
            question=question, key=option_key, label=texts(label), points=points,
            position=position,
        )  # fmt: skip
    return question


def small_framework(**kwargs) -> Framework:
    """Areas a1 (weight 2) and a2 (weight 1); indicators a1-i1, a1-i2, a2-i1, a2-i2; questions
    of every kind, one that may be "not applicable", one text question (never scored)."""
    framework = FrameworkFactory(**kwargs)
    K = Question.Kind
    a1 = Area.objects.create(framework=framework, key="a1", title=texts("Steuerung"), weight=2)
    a2 = Area.objects.create(
        framework=framework, key="a2", title=texts("Begegnung"), weight=1, position=1
    )
    i11 = Indicator.objects.create(area=a1, key="i1", title=texts("Strategie"))
    i12 = Indicator.objects.create(area=a1, key="i2", title=texts("Personal"), position=1)
    i21 = Indicator.objects.create(area=a2, key="i1", title=texts("Orte"), weight=3)
    i22 = Indicator.objects.create(area=a2, key="i2", title=texts("Feste"), position=1)
    add_question(i11, "q1", K.YES_PARTLY_NO, weight=2)
    add_question(i11, "q2", K.SCALE)
    add_question(i12, "q3", K.NUMBER, bands=[[0, 0], [1, 50], [3, 100]])
    add_question(i12, "q4", K.YES_PARTLY_NO, allows_na=True)
    add_question(
        i21, "q5", K.CHOICE,
        options=(("none", "keine", 0), ("some", "einige", 60), ("many", "viele", 100)),
    )  # fmt: skip
    add_question(i21, "q6", K.TEXT)
    add_question(i22, "q7", K.SCALE, allows_na=True)
    return framework


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    municipality = factory.SubFactory(base.MunicipalityFactory)
    organisation = factory.SubFactory(
        base.OrganisationFactory,
        kind="municipality",
        is_verified=True,
        municipality=factory.SelfAttribute("..municipality"),
    )
    framework = factory.LazyFunction(small_framework)
    title = "Standortbestimmung 2026"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RespondentGroup

    assessment = factory.SubFactory(AssessmentFactory)
    kind = RespondentGroup.Kind.ADMINISTRATION
    name = factory.Sequence(lambda n: f"Verwaltung {n}")
