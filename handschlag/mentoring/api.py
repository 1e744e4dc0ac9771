"""Read API of the mentoring statistics: the figures of a programme, a carrier or a site.

Aggregates only, never a person: the same figures as the dashboards, under the same rule of
five (a hidden number is null, with `hidden` saying why). Signed-in session only, scoped like
the pages (statistics_scope.access_scope): 401 without a session, 403 for a scope the caller does
not coordinate, 404 for an unknown one.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from . import small_numbers
from .models import Carrier, Tandem
from .small_numbers import Shown
from .statistics import Cell, Dashboard, dashboard
from .statistics_scope import NotAllowed, access_scope

router = Router(tags=["mentoring"], auth=django_auth)

RESPONSES = {
    "responses": {
        401: {"description": "nicht angemeldet"},
        403: {"description": "nicht in Ihrem Bereich"},
        404: {"description": "unbekannt"},
    }
}
Hidden = Literal["small", "covered"]


class ScopeOut(Schema):
    kind: Literal["programme", "carrier", "site"]
    id: int
    slug: str | None = Field(None, description="Programm und Standort: der Kurzname")
    name: str
    programme: str = Field(description="Kurzname des Programms")


class CountOut(Schema):
    value: int | None = Field(description="null: nach der Fünferregel verborgen")
    hidden: Hidden | None = Field(
        None, description="`small`: 1 bis 4; `covered`: verdeckt, damit nichts errechenbar ist"
    )


class YearOut(Schema):
    year: int
    set_up: int


class MonthOut(Schema):
    month: str = Field(description="JJJJ-MM")
    set_up: int


class ReasonOut(CountOut):
    reason: str
    label: str


class ShareOut(Schema):
    side: Literal["mentor", "mentee", "all"]
    responses: int | None = Field(description="null: weniger als 5 Antworten (oder verdeckt)")
    percent_helps: float | None = Field(description="Anteil „hilft“ (4 oder 5 von 5), in %")


class RowOut(Schema):
    kind: Literal["carrier", "site"]
    id: int
    slug: str | None
    name: str
    sites: int
    running_tandems: int
    waiting_mentees: int
    free_mentor_places: int


class StatisticsOut(Schema):
    scope: ScopeOut
    as_of: datetime.date
    set_up_total: int = Field(description="begonnene Tandems seit Beginn")
    set_up_per_year: list[YearOut]
    set_up_last_12_months: list[MonthOut]
    active: int
    paused: int
    average_duration_months: float | None = Field(
        description="der beendeten Tandems; null unter 5 beendeten Tandems"
    )
    ended: CountOut
    ended_by_reason: list[ReasonOut]
    waiting_mentees: int
    free_mentor_places: int
    survey: list[ShareOut]
    rows: list[RowOut] = Field(description="je Träger (Programm) oder je Standort")
    rule: str


def _count(cell: Cell) -> dict[str, Any]:
    hidden = None if cell.shown == Shown.SHOWN else str(cell.shown)
    return {"value": cell.value, "hidden": hidden}


def _out(board: Dashboard) -> dict[str, Any]:
    scope = board.scope
    obj = scope.obj
    average = board.average_months
    return {
        "scope": {
            "kind": scope.kind,
            "id": obj.pk,
            "slug": getattr(obj, "slug", None),
            "name": scope.name,
            "programme": scope.programme.slug,
        },
        "as_of": board.today,
        "set_up_total": board.set_up_total,
        "set_up_per_year": [{"year": y, "set_up": n} for y, n in board.per_year()],
        "set_up_last_12_months": [
            {"month": f"{m:%Y-%m}", "set_up": n} for m, n in board.per_month()
        ],
        "active": board.active,
        "paused": board.paused,
        "average_duration_months": None if average is None else round(average, 1),
        "ended": _count(board.ended),
        "ended_by_reason": [
            {"reason": reason, "label": str(label), **_count(board.ended_by_reason[reason])}
            for reason, label in Tandem.EndReason.choices
        ],
        "waiting_mentees": board.waiting,
        "free_mentor_places": board.free_places,
        "survey": [
            {
                "side": share.side,
                "responses": share.responses,
                "percent_helps": None if share.percent is None else round(share.percent, 1),
            }
            for share in board.survey
        ],
        "rows": [
            {
                "kind": row.kind,
                "id": row.obj.pk,
                "slug": None if isinstance(row.obj, Carrier) else row.obj.slug,
                "name": str(row.obj),
                "sites": row.sites,
                "running_tandems": row.running,
                "waiting_mentees": row.waiting,
                "free_mentor_places": row.free_places,
            }
            for row in board.rows
        ],
        "rule": str(small_numbers.RULE),
    }


def _statistics(request: HttpRequest, kind: str, key: str | int) -> dict[str, Any]:
    try:
        scope = access_scope(user=request.user, kind=kind, key=key)
    except NotAllowed:
        raise HttpError(403, "Sie koordinieren diesen Bereich nicht.") from None
    if scope is None:
        raise HttpError(404, "Nicht gefunden.")
    return _out(dashboard(scope))


@router.get(
    "/programmes/{slug}/statistics",
    response=StatisticsOut,
    summary="Zahlen eines Programms",
    openapi_extra=RESPONSES,
)
def programme_statistics(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Für das Programmteam: das ganze Programm, je Träger."""
    return _statistics(request, "programme", slug)


@router.get(
    "/carriers/{carrier_id}/statistics",
    response=StatisticsOut,
    summary="Zahlen eines Trägers",
    openapi_extra=RESPONSES,
)
def carrier_statistics(request: HttpRequest, carrier_id: int) -> dict[str, Any]:
    """Für die Koordination des Trägers und das Programmteam: je Standort."""
    return _statistics(request, "carrier", carrier_id)


@router.get(
    "/sites/{slug}/statistics",
    response=StatisticsOut,
    summary="Zahlen eines Standorts",
    openapi_extra=RESPONSES,
)
def site_statistics(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Für die Koordination des Standorts, seines Trägers und das Programmteam."""
    return _statistics(request, "site", slug)
