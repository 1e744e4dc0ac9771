"""The network side of a town's page: who to talk to, what the town works on, its shared
self-assessment, its impact in numbers, and towns like it with the measures they adopted.

Everything here is public by the town's or the person's own choice: contact persons who
consented, results the town chose to share, measures it adopted (public in the library too),
and counts of public things. A constant number of queries, whatever the town's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from handschlag.assessment.models import Area, Assessment, Score
from handschlag.events.models import Audience, Event
from handschlag.measures.models import Adoption, Measure
from handschlag.mentoring.models import SiteMonthFigures
from handschlag.organisations.models import Membership, Organisation
from handschlag.places.models import Municipality
from handschlag.places.population import SizeClass, population_range, size_class
from handschlag.promises.models import Redemption

LIKE_MINE_SHOWN = 12


@dataclass(frozen=True)
class Impact:
    promises_kept: int  # fulfilled redemptions of promises made for the town
    kept_value: Decimal  # their share of the promises' estimated value, in euros
    tandems_set_up: int  # mentoring tandems started at the town's sites
    events_held: int  # public events in the town that took place (not cancelled)

    @property
    def any(self) -> bool:
        return bool(self.promises_kept or self.tandems_set_up or self.events_held)


@dataclass(frozen=True)
class AreaScore:
    area: Area
    value: float | None


@dataclass(frozen=True)
class SharedResult:
    assessment: Assessment
    overall: float | None
    areas: list[AreaScore]


@dataclass(frozen=True)
class TownNetwork:
    contacts: list[Membership]
    result: SharedResult | None
    adoptions: list[Adoption]
    impact: Impact


def _total(queryset, expression, output):  # type: ignore[no-untyped-def]
    """`expression` over `queryset` as one correlated subquery (0 when empty)."""
    aggregate = (
        queryset.annotate(_group=Value(1))
        .values("_group")
        .annotate(total=expression)
        .values("total")
    )
    return Coalesce(Subquery(aggregate, output_field=output), Value(0), output_field=output)


def impact_of(municipality: Municipality) -> Impact:
    """The town's impact numbers in one query (one subquery per figure)."""
    kept = Redemption.objects.filter(
        promise__municipality=OuterRef("pk"), state__in=Redemption.FULFILLED_STATES
    ).order_by()
    value = ExpressionWrapper(
        F("promise__estimated_value") * F("quantity") / F("promise__quantity"),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    tandems = SiteMonthFigures.objects.filter(site__municipality=OuterRef("pk")).order_by()
    events = Event.objects.filter(
        municipality=OuterRef("pk"),
        state__in=(Event.State.PUBLISHED, Event.State.CLOSED),
        audience=Audience.PUBLIC,
        ends_at__lt=timezone.now(),
    ).order_by()

    row = (
        Municipality.objects.filter(pk=municipality.pk)
        .annotate(
            promises_kept=_total(kept, Count("pk"), IntegerField()),
            kept_value=_total(
                kept.filter(promise__estimated_value__isnull=False),
                Sum(value),
                DecimalField(max_digits=14, decimal_places=2),
            ),
            tandems_set_up=_total(tandems, Sum("set_up"), IntegerField()),
            events_held=_total(events, Count("pk"), IntegerField()),
        )
        .values("promises_kept", "kept_value", "tandems_set_up", "events_held")
        .get()
    )
    return Impact(
        promises_kept=row["promises_kept"],
        kept_value=Decimal(row["kept_value"] or 0).quantize(Decimal("1")),
        tandems_set_up=row["tandems_set_up"],
        events_held=row["events_held"],
    )


def public_contacts(municipality: Municipality) -> list[Membership]:
    """Members of the town's verified municipality organisations who agreed to be shown."""
    return list(
        Membership.objects.filter(
            organisation__municipality=municipality,
            organisation__kind=Organisation.Kind.MUNICIPALITY,
            organisation__is_verified=True,
            contact_consented_at__isnull=False,
            user__is_active=True,
        )
        .select_related("user", "organisation")
        .order_by("contact_consented_at", "pk")
    )


def shared_result(municipality: Municipality) -> SharedResult | None:
    """The town's latest closed round, if it chose to share it: overall and area scores
    (the stored scores for all groups together), in one query."""
    latest_shared = (
        Assessment.objects.filter(
            municipality=municipality, state=Assessment.State.CLOSED, shared=True
        )
        .order_by("-closed_at", "-pk")
        .values("pk")[:1]
    )
    scores = Score.objects.filter(
        assessment=Subquery(latest_shared), group__isnull=True, indicator__isnull=True
    ).select_related("assessment", "area")
    assessment: Assessment | None = None
    overall: float | None = None
    areas: list[AreaScore] = []
    for score in scores:
        assessment = score.assessment
        if score.area is None:
            overall = score.value
        else:
            areas.append(AreaScore(score.area, score.value))
    if assessment is None:
        return None
    areas.sort(key=lambda item: (item.area.position, item.area.pk))
    return SharedResult(assessment, overall, areas)


def adoptions_of(municipality: Municipality) -> list[Adoption]:
    """The published measures the town adopted, the ones in progress first."""
    return list(
        Adoption.objects.filter(municipality=municipality, measure__state=Measure.State.PUBLISHED)
        .select_related("measure")
        .order_by(F("completed_at").desc(nulls_first=True), "-created_at")
    )


def town_network(municipality: Municipality) -> TownNetwork:
    return TownNetwork(
        contacts=public_contacts(municipality),
        result=shared_result(municipality),
        adoptions=adoptions_of(municipality),
        impact=impact_of(municipality),
    )


@dataclass(frozen=True)
class LikeMine:
    """Towns of the same state and size class that adopted measures, most active first."""

    size: SizeClass | None
    towns: list[tuple[Municipality, list[Measure]]]


def towns_like(municipality: Municipality) -> LikeMine:
    """Two queries: the towns (same state, same size class — or the same state alone when the
    town's population is unknown) with the most adopted measures, then their measures."""
    size = size_class(municipality.population)
    candidates = Municipality.objects.filter(state=municipality.state).exclude(pk=municipality.pk)
    if size is not None:
        candidates = candidates.filter(**population_range(size))
    published = Q(measure_adoptions__measure__state=Measure.State.PUBLISHED)
    towns = list(
        candidates.annotate(adopted=Count("measure_adoptions", filter=published))
        .filter(adopted__gt=0)
        .order_by("-adopted", "name", "pk")[:LIKE_MINE_SHOWN]
    )
    measures: dict[int, list[Measure]] = {town.pk: [] for town in towns}
    for adoption in (
        Adoption.objects.filter(municipality__in=towns, measure__state=Measure.State.PUBLISHED)
        .select_related("measure")
        .order_by("measure__slug")
    ):
        measures[adoption.municipality_id].append(adoption.measure)
    return LikeMine(size, [(town, measures[town.pk]) for town in towns])
