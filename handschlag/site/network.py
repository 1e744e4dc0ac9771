"""The network side of a town's page: who to talk to, what the town works on, its shared
self-assessment, its impact in numbers, and towns like it with the measures they adopted.

Everything here is public by the town's or the person's own choice: contact persons who
consented, results the town chose to share, measures it adopted (public in the library too),
and counts of public things. The town's part is one query, whatever the town's size.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from handschlag.accounts.models import User
from handschlag.assessment.models import Assessment, Score
from handschlag.directory.models import Portal
from handschlag.events.models import Audience, Event
from handschlag.measures.models import Adoption, Measure
from handschlag.mentoring.models import SiteMonthFigures
from handschlag.organisations.models import Membership, Organisation
from handschlag.places.models import Municipality
from handschlag.places.population import SizeClass, population_range, size_class
from handschlag.promises.models import Redemption

from .json_lists import day, json_list, json_value, moment, rows_of

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
class Contact:
    """A member of the town's verified municipality organisation who agreed to be shown."""

    name: str  # first name and initial (User.public_name)
    function: str
    email: str
    organisation: str
    organisation_url: str


@dataclass(frozen=True)
class AdoptedMeasure:
    title: dict[str, str]  # localized
    url: str
    completed_at: datetime.date | None


@dataclass(frozen=True)
class AreaScore:
    title: dict[str, str]  # localized
    value: float | None


@dataclass(frozen=True)
class SharedResult:
    assessment_id: int
    title: str
    closed_at: datetime.datetime | None
    overall: float | None
    areas: list[AreaScore]

    @property
    def url(self) -> str:
        return reverse("assessment:results", args=[self.assessment_id])


@dataclass(frozen=True)
class TownNetwork:
    contacts: list[Contact]
    result: SharedResult | None
    adoptions: list[AdoptedMeasure]
    impact: Impact
    has_portal: bool = False  # a published newcomer portal (directory) to link to


def _total(queryset, expression, output):  # type: ignore[no-untyped-def]
    """`expression` over `queryset` as one correlated subquery (0 when empty)."""
    aggregate = (
        queryset.annotate(_group=Value(1))
        .values("_group")
        .annotate(total=expression)
        .values("total")
    )
    return Coalesce(Subquery(aggregate, output_field=output), Value(0), output_field=output)


def _impact_figures() -> dict[str, Any]:
    """The impact numbers of the town in the outer query, one subquery each."""
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
    return {
        "promises_kept": _total(kept, Count("pk"), IntegerField()),
        "kept_value": _total(
            kept.filter(promise__estimated_value__isnull=False),
            Sum(value),
            DecimalField(max_digits=14, decimal_places=2),
        ),
        "tandems_set_up": _total(tandems, Sum("set_up"), IntegerField()),
        "events_held": _total(events, Count("pk"), IntegerField()),
    }


def _impact(row: Mapping[str, Any]) -> Impact:
    return Impact(
        promises_kept=row["promises_kept"],
        kept_value=Decimal(row["kept_value"] or 0).quantize(Decimal("1")),
        tandems_set_up=row["tandems_set_up"],
        events_held=row["events_held"],
    )


def impact_of(municipality: Municipality) -> Impact:
    """The town's impact numbers in one query (one subquery per figure)."""
    figures = _impact_figures()
    return _impact(Municipality.objects.filter(pk=municipality.pk).values(**figures).get())


def _contacts() -> Subquery:
    """Members of the town's verified municipality organisations who agreed to be shown."""
    return json_list(
        Membership.objects.filter(
            organisation__municipality=OuterRef("pk"),
            organisation__kind=Organisation.Kind.MUNICIPALITY,
            organisation__is_verified=True,
            contact_consented_at__isnull=False,
            user__is_active=True,
        ),
        pk="pk",
        consented_at="contact_consented_at",
        user_id="user_id",
        first_name="user__first_name",
        last_name="user__last_name",
        function="contact_function",
        email="contact_email",
        organisation="organisation__name",
        organisation_slug="organisation__slug",
    )


def _latest_shared() -> QuerySet[Assessment]:
    """The town's latest closed round, if it chose to share it."""
    return Assessment.objects.filter(
        municipality=OuterRef("pk"), state=Assessment.State.CLOSED, shared=True
    ).order_by("-closed_at", "-pk")


def _shared_scores() -> Subquery:
    """The overall and area scores of the latest shared round (all groups together)."""
    latest = Assessment.objects.filter(
        municipality=OuterRef(OuterRef("pk")), state=Assessment.State.CLOSED, shared=True
    ).order_by("-closed_at", "-pk")
    return json_list(
        Score.objects.filter(
            assessment=Subquery(latest.values("pk")[:1]), group__isnull=True, indicator__isnull=True
        ),
        area_id="area_id",
        title="area__title",
        position="area__position",
        value="value",
    )


def _adoptions() -> Subquery:
    """The published measures the town adopted."""
    return json_list(
        Adoption.objects.filter(
            municipality=OuterRef("pk"), measure__state=Measure.State.PUBLISHED
        ),
        pk="pk",
        slug="measure__slug",
        title="measure__title",
        completed_at="completed_at",
    )


def town_network(municipality: Municipality) -> TownNetwork:
    """The network part of the town's page in one query, whatever the town's size: the impact
    figures as subqueries, the latest shared round as scalars, the contact persons, adopted
    measures and shared scores as JSON lists (json_lists.py), and whether the town has a
    published newcomer portal."""
    latest = _latest_shared()
    row = (
        Municipality.objects.filter(pk=municipality.pk)
        .values(
            **_impact_figures(),
            contacts=_contacts(),
            adoptions=_adoptions(),
            shared_id=Subquery(latest.values("pk")[:1]),
            shared_title=Subquery(latest.values("title")[:1]),
            shared_closed_at=Subquery(latest.values("closed_at")[:1]),
            scores=_shared_scores(),
            has_portal=Exists(
                Portal.objects.filter(municipality=OuterRef("pk"), published_at__isnull=False)
            ),
        )
        .get()
    )
    return TownNetwork(
        contacts=_contact_list(rows_of(row["contacts"])),
        result=_shared_result(row),
        adoptions=_adoption_list(rows_of(row["adoptions"])),
        impact=_impact(row),
        has_portal=bool(row["has_portal"]),
    )


def _contact_list(rows: list[dict[str, Any]]) -> list[Contact]:
    rows.sort(key=lambda r: (moment(r["consented_at"]) or _EPOCH, r["pk"]))
    return [
        Contact(
            name=User(
                pk=r["user_id"], first_name=r["first_name"], last_name=r["last_name"]
            ).public_name,
            function=r["function"],
            email=r["email"],
            organisation=r["organisation"],
            organisation_url=Organisation(slug=r["organisation_slug"]).get_absolute_url(),
        )
        for r in rows
    ]


def _adoption_list(rows: list[dict[str, Any]]) -> list[AdoptedMeasure]:
    """The ones in progress first, then the completed ones, the latest first."""
    adopted = [
        (day(r["completed_at"]), r["pk"], AdoptedMeasure(
            title=json_value(r["title"]),
            url=Measure(slug=r["slug"]).get_absolute_url(),
            completed_at=day(r["completed_at"]),
        ))
        for r in rows
    ]  # fmt: skip
    adopted.sort(key=lambda a: (a[0] is not None, -(a[0] or _EPOCH.date()).toordinal(), -a[1]))
    return [measure for _completed, _pk, measure in adopted]


def _shared_result(row: Mapping[str, Any]) -> SharedResult | None:
    if row["shared_id"] is None:
        return None
    overall: float | None = None
    areas: list[tuple[int, int, AreaScore]] = []
    for score in rows_of(row["scores"]):
        if score["area_id"] is None:
            overall = score["value"]
        else:
            title = json_value(score["title"])
            areas.append((score["position"], score["area_id"], AreaScore(title, score["value"])))
    areas.sort(key=lambda item: item[:2])
    return SharedResult(
        assessment_id=row["shared_id"],
        title=row["shared_title"],
        closed_at=row["shared_closed_at"],
        overall=overall,
        areas=[score for _position, _pk, score in areas],
    )


_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


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
