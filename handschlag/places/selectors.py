"""Reads about municipalities shared by the pages, the API and the feature apps.

Kernel building blocks: `find_municipality` (the place picker's lookup) and the radius search
(`municipality_ids_near`, `near`) that promises, events, mentoring and the portal share.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from handschlag.core.geo import bounding_box, haversine_km

from .models import Municipality

M = TypeVar("M", bound=Model)

RADII_KM = (5, 10, 25, 50, 100)
"""The radii a person may choose for "within N km of a town"."""
DEFAULT_RADIUS_KM = 25


def search_municipalities(*, q: str = "", state: str = "") -> QuerySet[Municipality]:
    """Municipalities whose name contains `q` or whose key starts with `q`, maybe in one state."""
    municipalities = Municipality.objects.order_by("name", "ags")
    q = q.strip()
    if q:
        municipalities = municipalities.filter(Q(name__icontains=q) | Q(ags__startswith=q))
    if state:
        municipalities = municipalities.filter(state=state)
    return municipalities


def find_municipality(
    text: str, *, among: QuerySet[Municipality] | None = None
) -> Municipality | None:
    """The town a person typed: by its slug, else by its exact name (any case).

    Many German towns share a name; then the one with the most inhabitants wins. None for
    empty text or when nothing matches.
    """
    text = (text or "").strip()
    if not text or "\x00" in text:  # PostgreSQL refuses NUL characters in a query
        return None
    municipalities = Municipality.objects.all() if among is None else among
    return (
        municipalities.filter(slug=text).first()
        or municipalities.filter(name__iexact=text).order_by("-population", "pk").first()
    )


def municipality_ids_near(*, slug: str, radius_km: float) -> list[int]:
    """Ids of the municipalities within `radius_km` of the one with `slug` (itself included).

    Empty when no town has `slug`. The bounding box is filtered in SQL on the indexed
    coordinates; only the rows inside it are checked exactly, so the caller's query can then
    filter and paginate in SQL.
    """
    center = Municipality.objects.filter(slug=slug).values_list("latitude", "longitude").first()
    if center is None:
        return []
    lat, lon = center
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius_km)
    candidates = Municipality.objects.filter(
        latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon)
    ).values_list("pk", "latitude", "longitude")
    return [pk for pk, la, lo in candidates if haversine_km(lat, lon, la, lo) <= radius_km]


def near(
    queryset: QuerySet[M],
    *,
    slug: str,
    radius_km: float,
    field: str = "municipality",
    include_nationwide: bool = True,
) -> QuerySet[M]:
    """`queryset` narrowed to rows whose `field` (a path to a Municipality) is near `slug`.

    `field` may follow relations ("site__municipality"). Rows without a municipality (nationwide
    or online offers) stay in unless `include_nationwide` is False. Costs two small queries on
    municipalities; the result stays a lazy queryset.
    """
    ids = municipality_ids_near(slug=slug, radius_km=radius_km)
    condition = Q(**{f"{field}__in": ids})
    if include_nationwide:
        condition |= Q(**{f"{field}__isnull": True})
    return queryset.filter(condition)
