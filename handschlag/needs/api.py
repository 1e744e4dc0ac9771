"""Public read API: published needs, with the same filters as the list page."""

import datetime

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator

from handschlag.core.pagination import (
    DETAIL_RESPONSES,
    LIST_RESPONSES,
    CappedPageNumberPagination,
)
from handschlag.places.models import Municipality
from handschlag.places.selectors import DEFAULT_RADIUS_KM, RADII_KM
from handschlag.promises.models import Category

from . import selectors
from .models import Need

router = Router(tags=["needs"])


class NeedQuery(Schema):
    place: str | None = Field(None, max_length=140, description="Kurzname (slug) eines Orts")
    radius: int = Field(
        DEFAULT_RADIUS_KM,
        description="Umkreis in km um `place`: " + ", ".join(str(km) for km in RADII_KM),
        json_schema_extra={"enum": list(RADII_KM)},
    )
    category: Category | None = None

    @field_validator("radius")
    @classmethod
    def radius_is_offered(cls, value: int) -> int:
        if value not in RADII_KM:
            raise ValueError(f"radius must be one of {RADII_KM}")
        return value

    def to_filters(self) -> selectors.NeedFilters:
        return selectors.NeedFilters(
            place=self.place or "", radius_km=self.radius, category=self.category
        )


class MunicipalityRef(Schema):
    name: str
    ags: str


class NeedOut(Schema):
    id: int
    title: str
    description: str
    category: str
    quantity: int
    unit: str
    unit_singular: str
    municipality: MunicipalityRef
    needed_by: datetime.date
    state: str
    organisation: str
    published_at: datetime.datetime | None
    url: str

    @staticmethod
    def resolve_organisation(obj: Need) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_url(obj: Need, context: dict) -> str:
        request = context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


@router.get(
    "", response=list[NeedOut], summary="Veröffentlichte Bedarfe", openapi_extra=LIST_RESPONSES
)
@paginate(CappedPageNumberPagination, page_size=20)
def list_needs(request: HttpRequest, query: Query[NeedQuery]) -> QuerySet[Need]:
    """Published needs, filtered like the list page; 20 per page. An unknown place gives an
    empty list."""
    filters = query.to_filters()
    if filters.place and not Municipality.objects.filter(slug=filters.place).exists():
        return Need.objects.none()
    return selectors.need_list(filters=filters)


@router.get("/{need_id}", response=NeedOut, summary="Ein Bedarf", openapi_extra=DETAIL_RESPONSES)
def get_need(request: HttpRequest, need_id: int) -> Need:
    need = (
        Need.objects.public()
        .select_related("organisation", "municipality")
        .filter(pk=need_id)
        .first()
    )
    if need is None:
        raise Http404
    return need
