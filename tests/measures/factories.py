import factory

from handschlag.measures.models import Effort, Format, Measure, Topic


def texts(german: str) -> dict[str, str]:
    return {"de": german, "en": f"{german} (en)"}


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    slug = factory.Sequence(lambda n: f"massnahme-{n}")
    state = Measure.State.PUBLISHED
    title = factory.Sequence(lambda n: texts(f"Maßnahme {n}"))
    summary = factory.LazyFunction(lambda: texts("Kurz gesagt"))
    goal = factory.LazyFunction(lambda: texts("Ein Ziel"))
    steps = factory.LazyFunction(lambda: [texts("Erster Schritt"), texts("Zweiter Schritt")])
    format = Format.WORKSHOP
    topics = factory.LazyFunction(lambda: [Topic.MANAGEMENT.value])
    target_groups = factory.LazyFunction(lambda: ["administration"])
    effort = Effort.MEDIUM
