"""Reads about municipalities shared by the pages, the API and the feature apps.

Kernel building blocks: `find_municipality` (the place picker's lookup) and the radius search
(`municipality_ids_near`, `near`) that promises, events, mentoring and the portal share.
"""

from __future__ import annotations

import difflib
from typing import TypeVar

from django.db.models import Count, F, FloatField, Model, Q, QuerySet, Subquery

from handschlag.core.geo import bounding_box, haversine_km

from .models import Municipality

M = TypeVar("M", bound=Model)

RADII_KM = (5, 10, 25, 50, 100)
"""The radii a person may choose for "within N km of a town"."""
DEFAULT_RADIUS_KM = 25
ONLY_HERE = 0
"""The radius choice "nur dieser Ort": the town itself, without its neighbours."""


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


SUGGESTIONS = 8


def suggest_municipalities(text: str, *, limit: int = SUGGESTIONS) -> list[Municipality]:
    """Towns for the place picker as a person types: names that start with `text` first,
    then names that contain it; the most inhabitants first. Each gets `.pick`, the text that
    finds exactly this town (its name, or its slug when other towns share the name)."""
    text = (text or "").strip()
    if len(text) < 2 or "\x00" in text:
        return []
    order = ("-population", "name", "pk")
    found = list(Municipality.objects.filter(name__istartswith=text).order_by(*order)[:limit])
    if len(found) < limit:
        found += (
            Municipality.objects.filter(name__icontains=text)
            .exclude(pk__in=[m.pk for m in found])
            .exclude(name__istartswith=text)
            .order_by(*order)[: limit - len(found)]
        )
    return _with_picks(found)


def similar_municipalities(text: str, *, limit: int = 3) -> list[Municipality]:
    """Towns whose names look like a misspelt `text` ("Koburg" → Coburg), for "Meinten Sie …"."""
    text = (text or "").strip()
    if len(text) < 3 or "\x00" in text:
        return []
    found = suggest_municipalities(text, limit=limit)
    if found:
        return found
    # names of about the same length that share a letter of the first three: then closeness
    heads = {text[:2].lower(), text[1:3].lower()}
    condition = Q()
    for head in heads:
        condition |= Q(name__icontains=head)
    names = list(
        Municipality.objects.filter(condition)
        .order_by()
        .values_list("name", flat=True)
        .distinct()[:5000]
    )
    close = difflib.get_close_matches(text, names, n=limit, cutoff=0.7)
    if not close:
        return []
    towns = Municipality.objects.filter(name__in=close).order_by("-population", "name", "pk")
    by_name: dict[str, Municipality] = {}
    for town in towns:
        by_name.setdefault(town.name, town)
    return _with_picks([by_name[name] for name in close if name in by_name])


def _with_picks(towns: list[Municipality]) -> list[Municipality]:
    names = {town.name for town in towns}
    shared = {
        row["name"]
        for row in Municipality.objects.filter(name__in=names)
        .values("name")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    }
    for town in towns:
        town.pick = town.slug if town.name in shared else town.name  # type: ignore[attr-defined]
    return towns


# The widest longitude box any German town needs: at the northern tip (55.1°) a degree of
# longitude is shortest. Boxes use it so that one query finds the town and its neighbours.
_NORTHERNMOST_LATITUDE = 56.0


def municipality_ids_near(*, slug: str, radius_km: float) -> list[int]:
    """Ids of the municipalities within `radius_km` of the one with `slug` (itself included).

    Empty when no town has `slug`. One query: the town's coordinates as a subquery, the
    bounding box filtered in SQL on the indexed coordinates; only the rows inside it are
    checked exactly, so the caller's query can then filter and paginate in SQL.
    """
    center = Municipality.objects.filter(slug=slug).order_by()
    lat = Subquery(center.values("latitude")[:1], output_field=FloatField())
    lon = Subquery(center.values("longitude")[:1], output_field=FloatField())
    _, max_lat, _, max_lon = bounding_box(_NORTHERNMOST_LATITUDE, 0.0, radius_km)
    dlat, dlon = max_lat - _NORTHERNMOST_LATITUDE, max_lon
    candidates = (
        Municipality.objects.order_by()
        .annotate(center_lat=lat, center_lon=lon)
        .filter(
            latitude__gte=F("center_lat") - dlat,
            latitude__lte=F("center_lat") + dlat,
            longitude__gte=F("center_lon") - dlon,
            longitude__lte=F("center_lon") + dlon,
        )
        .values_list("pk", "latitude", "longitude", "center_lat", "center_lon")
    )
    return [
        pk
        for pk, la, lo, center_lat, center_lon in candidates
        if haversine_km(center_lat, center_lon, la, lo) <= radius_km
    ]


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
    or online offers) stay in unless `include_nationwide` is False. Costs one small query on
    municipalities; the result stays a lazy queryset.
    """
    ids = municipality_ids_near(slug=slug, radius_km=radius_km)
    condition = Q(**{f"{field}__in": ids})
    if include_nationwide:
        condition |= Q(**{f"{field}__isnull": True})
    return queryset.filter(condition)
