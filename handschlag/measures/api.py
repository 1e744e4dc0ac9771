"""Read API of the library: published measures with the same filters as the list page, and
one measure with its materials, the towns that do it and their reports.

Texts come in the language the request asks for (Accept-Language: de or en), German where a
measure has no translation."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from handschlag.core.localized import pick
from handschlag.core.pagination import (
    DETAIL_RESPONSES,
    LIST_RESPONSES,
    CappedPageNumberPagination,
)

from . import selectors
from .filters import MeasureFilters
from .models import Effort, Format, Material, Measure, Report, TargetGroup, Topic

router = Router(tags=["measures"])


class MeasureQuery(Schema):
    """The list's query parameters; `to_filters()` gives the same MeasureFilters as the page."""

    q: str | None = Field(
        None, max_length=200, description="Volltextsuche (alle Wörter, jede Sprache)"
    )
    format: Format | None = None
    topic: Topic | None = Field(None, description="Handlungsfeld")
    target_group: TargetGroup | None = Field(None, description="Zielgruppe")
    effort: Effort | None = Field(None, description="Aufwand")

    def to_filters(self) -> MeasureFilters:
        return MeasureFilters(
            q=(self.q or "").strip(),
            format=self.format,
            topic=self.topic,
            target_group=self.target_group,
            effort=self.effort,
        )


def _absolute(context: dict, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


class MeasureOut(Schema):
    slug: str
    title: str
    summary: str
    format: str
    topics: list[str]
    target_groups: list[str]
    effort: str
    town_count: int
    proposed_by: str | None
    url: str

    @staticmethod
    def resolve_title(obj: Measure) -> str:
        return pick(obj.title)

    @staticmethod
    def resolve_summary(obj: Measure) -> str:
        return pick(obj.summary)

    @staticmethod
    def resolve_town_count(obj: Measure) -> int:
        towns = getattr(obj, "towns", None)
        return len(towns) if towns is not None else getattr(obj, "town_count", 0)

    @staticmethod
    def resolve_proposed_by(obj: Measure) -> str | None:
        return obj.organisation.name if obj.organisation_id else None  # type: ignore[union-attr]

    @staticmethod
    def resolve_url(obj: Measure, context: dict) -> str:
        return _absolute(context, obj.get_absolute_url())


class MaterialOut(Schema):
    title: str
    url: str
    size: int

    @staticmethod
    def resolve_title(obj: Material) -> str:
        return pick(obj.title)

    @staticmethod
    def resolve_url(obj: Material, context: dict) -> str:
        return _absolute(context, obj.file.url)


class TownOut(Schema):
    name: str
    ags: str
    url: str


class ReportOut(Schema):
    town: str
    organisation: str
    note: str
    link: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_town(obj: Report) -> str:
        return obj.municipality.name

    @staticmethod
    def resolve_organisation(obj: Report) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_link(obj: Report, context: dict) -> str:
        link = getattr(obj, "link", "")
        return _absolute(context, link) if link.startswith("/") else link


class MeasureDetailOut(MeasureOut):
    goal: str
    steps: list[str]
    duration: str
    materials: list[MaterialOut]
    towns: list[TownOut]
    reports: list[ReportOut]

    @staticmethod
    def resolve_goal(obj: Measure) -> str:
        return pick(obj.goal)

    @staticmethod
    def resolve_steps(obj: Measure) -> list[str]:
        return [pick(step) for step in obj.steps or []]

    @staticmethod
    def resolve_duration(obj: Measure) -> str:
        return pick(obj.duration)

    @staticmethod
    def resolve_materials(obj: Measure) -> list[Material]:
        return list(obj.materials.all())

    @staticmethod
    def resolve_towns(obj: Measure, context: dict) -> list[TownOut]:
        return [
            TownOut(
                name=adoption.municipality.name,
                ags=adoption.municipality.ags,
                url=_absolute(context, reverse("municipality", args=[adoption.municipality.slug])),
            )
            for adoption in obj.towns  # type: ignore[attr-defined]
        ]

    @staticmethod
    def resolve_reports(obj: Measure) -> list[Report]:
        return list(obj.shown_reports)  # type: ignore[attr-defined]


@router.get(
    "",
    response=list[MeasureOut],
    summary="Maßnahmen der Bibliothek",
    openapi_extra=LIST_RESPONSES,
)
@paginate(CappedPageNumberPagination, page_size=20)
def list_measures(request: HttpRequest, query: Query[MeasureQuery]) -> QuerySet[Measure]:
    """Published measures, filtered like the list page, by title; 20 per page."""
    return selectors.measure_list(filters=query.to_filters())


@router.get(
    "/{slug}",
    response=MeasureDetailOut,
    summary="Eine Maßnahme",
    openapi_extra=DETAIL_RESPONSES,
)
def get_measure(request: HttpRequest, slug: str) -> Measure:
    """A published measure (404 for any other, whoever asks), with its materials, the towns
    that do it and their reports."""
    return selectors.measure_for_reader(slug=slug, user=AnonymousUser())
