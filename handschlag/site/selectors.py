"""What a municipality's page gathers from every part of the platform."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, Q, QuerySet, Sum, Value, When, Window
from django.db.models.functions import Cos, Radians, Sin

from handschlag.blog.models import Post
from handschlag.core.geo import EARTH_RADIUS_KM, bounding_box
from handschlag.events.models import Event
from handschlag.events.selectors import upcoming_in
from handschlag.needs.models import Need
from handschlag.needs.selectors import needs_in
from handschlag.organisations.models import Organisation
from handschlag.places.models import Municipality
from handschlag.promises.filters import PromiseFilters
from handschlag.promises.models import Promise
from handschlag.promises.selectors import promise_list

NEARBY_KM = 25
SHOWN = 6


@dataclass(frozen=True)
class TownOverview:
    promises_here: list[Promise]
    open_here: int
    promises_nearby: list[Promise]
    needs: list[Need]
    reports: list[Post]
    organisations: list[Organisation]
    events: list[Event]


def _towns_near(municipality: Municipality, km: float) -> QuerySet[Municipality]:
    """The towns within `km` of `municipality` (itself included), for use as a subquery: the
    bounding box on the indexed coordinates, then the exact great-circle distance in SQL
    (haversine: within `km` exactly when a ≤ sin²(km / 2R))."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(
        municipality.latitude, municipality.longitude, km
    )
    lat0, lon0 = math.radians(municipality.latitude), math.radians(municipality.longitude)
    half_dlat = (Radians(F("latitude")) - lat0) / 2
    half_dlon = (Radians(F("longitude")) - lon0) / 2
    a = Sin(half_dlat) * Sin(half_dlat) + math.cos(lat0) * Cos(Radians(F("latitude"))) * Sin(
        half_dlon
    ) * Sin(half_dlon)
    return (
        Municipality.objects.filter(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon)
        )
        .alias(a=a)
        .filter(a__lte=math.sin(km / (2 * EARTH_RADIUS_KM)) ** 2)
        .order_by()
    )


def _promises_around(municipality: Municipality) -> tuple[list[Promise], int, list[Promise]]:
    """Open promises in the town, newest first, then (while fewer than SHOWN) those of the
    towns within NEARBY_KM; and how many are open in the town. One query: the count is a
    window over the same rows."""
    here = Q(municipality=municipality)
    rows: list[Any] = list(
        promise_list(filters=PromiseFilters(open_only=True))
        .filter(municipality__in=_towns_near(municipality, NEARBY_KM).values("pk"))
        .annotate(
            is_here=Case(When(here, then=Value(1)), default=Value(0)),
            open_here=Window(Sum(Case(When(here, then=Value(1)), default=Value(0)))),
        )
        .order_by("-is_here", "-published_at", "-pk")[:SHOWN]
    )
    promises_here = [p for p in rows if p.municipality_id == municipality.pk]
    nearby = [p for p in rows if p.municipality_id != municipality.pk]
    open_here: int = rows[0].open_here if rows else 0
    return promises_here, open_here, nearby


def town_overview(municipality: Municipality) -> TownOverview:
    """Open promises in the town (and, when there are few, nearby), its published needs and
    reports, its organisations, its next public events: one query each."""
    here, open_here, nearby = _promises_around(municipality)
    reports = list(
        Post.objects.published()
        .filter(kind=Post.Kind.REPORT, promise__municipality=municipality)
        .select_related("promise")[:SHOWN]
    )
    organisations = list(
        Organisation.objects.filter(municipality=municipality).order_by("name")[:20]
    )
    return TownOverview(
        promises_here=here,
        open_here=open_here,
        promises_nearby=nearby,
        needs=list(needs_in(municipality)[:SHOWN]),
        reports=reports,
        organisations=organisations,
        events=upcoming_in(municipality, limit=SHOWN),
    )
