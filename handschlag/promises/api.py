"""Public read API: published (and expired) promises, with the same filters as the list page."""

import datetime
from typing import Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import field_validator

from . import selectors
from .models import Category, Promise

router = Router(tags=["promises"])


class PromiseFilters(Schema):
    municipality: str | None = Field(None, max_length=140, description="Kurzname (slug) eines Orts")
    near: str | None = Field(
        None, max_length=140, description="Kurzname eines Orts für die Umkreissuche"
    )
    radius: int = Field(25, description="Umkreis in km (mit `near`): 5, 10, 25, 50 oder 100")
    category: Category | None = None
    open: bool = Field(False, description="nur offene Versprechen")
    q: str | None = Field(None, max_length=200, description="Volltextsuche")
    sort: Literal["newest", "deadline", "remaining"] = "newest"

    @field_validator("radius")
    @classmethod
    def radius_is_offered(cls, value: int) -> int:
        if value not in selectors.RADII_KM:
            raise ValueError(f"radius must be one of {selectors.RADII_KM}")
        return value

    def as_selector_filters(self) -> dict[str, object]:
        return {
            "municipality": self.municipality,
            "near": self.near,
            "radius": self.radius,
            "category": self.category.value if self.category else None,
            "open_only": self.open,
            "q": self.q,
            "sort": self.sort,
        }


class MunicipalityRef(Schema):
    name: str
    ags: str


class PromiseOut(Schema):
    id: int
    title: str
    description: str
    category: str
    quantity: int
    unit: str
    condition: str
    report_requirements: str
    municipality: MunicipalityRef | None
    nationwide: bool
    deadline: datetime.date
    capacity: int
    remaining_capacity: int
    state: str
    promiser: str
    url: str

    @staticmethod
    def resolve_nationwide(obj: Promise) -> bool:
        return obj.municipality_id is None

    @staticmethod
    def resolve_promiser(obj: Promise) -> str:
        return obj.promiser_name

    @staticmethod
    def resolve_url(obj: Promise, context: dict) -> str:
        request = context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


@router.get("", response=list[PromiseOut], summary="Veröffentlichte Versprechen")
@paginate(PageNumberPagination, page_size=20)
def list_promises(request: HttpRequest, filters: Query[PromiseFilters]) -> QuerySet[Promise]:
    """Public promises, filtered like the list page; 20 per page."""
    return selectors.promise_list(filters=filters.as_selector_filters())


@router.get("/{promise_id}", response=PromiseOut, summary="Ein Versprechen")
def get_promise(request: HttpRequest, promise_id: int) -> Promise:
    promise = (
        Promise.objects.public()
        .select_related("owner", "organisation", "municipality")
        .filter(pk=promise_id)
        .first()
    )
    if promise is None:
        raise Http404
    return promise
