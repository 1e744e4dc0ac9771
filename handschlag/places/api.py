"""Public API: municipalities (read-only)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from handschlag.core.pagination import (
    DETAIL_RESPONSES,
    LIST_RESPONSES,
    CappedPageNumberPagination,
)

from .models import FederalState, Municipality
from .selectors import search_municipalities

router = Router(tags=["municipalities"])


class MunicipalityOut(Schema):
    name: str
    slug: str
    ags: str
    state: str
    state_name: str
    latitude: float
    longitude: float
    population: int

    @staticmethod
    def resolve_state_name(obj: Municipality) -> str:
        return str(obj.get_state_display())


@router.get(
    "", response=list[MunicipalityOut], summary="Kommunen suchen", openapi_extra=LIST_RESPONSES
)
@paginate(CappedPageNumberPagination, page_size=20)
def list_municipalities(
    request: HttpRequest, q: str = "", state: FederalState | None = None
) -> QuerySet[Municipality]:
    """Municipalities by name or key prefix (`q`), optionally in one federal state."""
    return search_municipalities(q=q, state=state.value if state else "")


@router.get(
    "/{ags}", response=MunicipalityOut, summary="Eine Kommune", openapi_extra=DETAIL_RESPONSES
)
def get_municipality(request: HttpRequest, ags: str) -> Municipality:
    return get_object_or_404(Municipality, ags=ags)
