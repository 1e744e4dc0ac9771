"""Public read API: published (and expired) promises, with the same filters as the list page."""

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
from handschlag.places.selectors import (
    ONLY_HERE,
    RADII_KM,
    find_municipality,
    similar_municipalities,
)

from . import selectors
from .filters import DEFAULT_FILTERS, PromiseFilters, Sort
from .models import Category, Promise

router = Router(tags=["promises"])


RADIUS_CHOICES = (ONLY_HERE, *RADII_KM)


class PromiseQuery(Schema):
    """The list's query parameters; `to_filters()` gives the same PromiseFilters as the page.

    `place` + `radius` are the page's place picker; `municipality` (that town) and `near`
    (around it, with `radius`) are the older equivalents and stay."""

    place: str | None = Field(
        None,
        max_length=140,
        description="Ort (Name oder Kurzname); mit `radius` 0 nur dieser Ort, sonst der Umkreis",
    )
    municipality: str | None = Field(None, max_length=140, description="Kurzname (slug) eines Orts")
    near: str | None = Field(
        None, max_length=140, description="Kurzname eines Orts für die Umkreissuche"
    )
    radius: int = Field(
        DEFAULT_FILTERS.radius_km,
        description="Umkreis in km (mit `place` oder `near`): 0 (nur dieser Ort), "
        + ", ".join(str(km) for km in RADII_KM[:-1])
        + f" oder {RADII_KM[-1]}",
        json_schema_extra={"enum": list(RADIUS_CHOICES)},
    )
    category: Category | None = None
    open: bool = Field(DEFAULT_FILTERS.open_only, description="nur offene Versprechen")
    q: str | None = Field(None, max_length=200, description="Volltextsuche")
    sort: Sort = DEFAULT_FILTERS.sort

    @field_validator("radius")
    @classmethod
    def radius_is_offered(cls, value: int) -> int:
        if value not in RADIUS_CHOICES:
            raise ValueError(f"radius must be one of {RADIUS_CHOICES}")
        return value

    @field_validator("place", "municipality", "near")
    @classmethod
    def place_is_known(cls, value: str | None) -> str | None:
        """A town by name or slug, as its slug; an unknown one is a 422 that names similar
        towns ("did you mean …")."""
        if not value or not value.strip():
            return None
        town = find_municipality(value)
        if town is None:
            similar = ", ".join(t.name for t in similar_municipalities(value))
            hint = f"; did you mean: {similar}" if similar else ""
            raise ValueError(f"unknown place{hint}")
        return town.slug

    def to_filters(self) -> PromiseFilters:
        others = {
            "q": (self.q or "").strip(),
            "category": self.category,
            "open_only": self.open,
            "sort": self.sort,
        }
        place, radius = self.place or self.near or "", self.radius
        if self.municipality:
            if place and radius != ONLY_HERE:
                others["municipality"] = self.municipality  # that town, and near the place
            else:
                place, radius = self.municipality, ONLY_HERE
        return PromiseFilters.around(place, radius, **others)


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
    unit_singular: str
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


@router.get(
    "",
    response=list[PromiseOut],
    summary="Veröffentlichte Versprechen",
    openapi_extra=LIST_RESPONSES,
)
@paginate(CappedPageNumberPagination, page_size=20)
def list_promises(request: HttpRequest, query: Query[PromiseQuery]) -> QuerySet[Promise]:
    """Public promises, filtered like the list page; 20 per page."""
    return selectors.promise_list(filters=query.to_filters())


@router.get(
    "/{promise_id}", response=PromiseOut, summary="Ein Versprechen", openapi_extra=DETAIL_RESPONSES
)
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
