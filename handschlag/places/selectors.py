"""Reads about municipalities shared by the pages and the API."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Municipality


def search_municipalities(*, q: str = "", state: str = "") -> QuerySet[Municipality]:
    """Municipalities whose name contains `q` or whose key starts with `q`, maybe in one state."""
    municipalities = Municipality.objects.order_by("name", "ags")
    q = q.strip()
    if q:
        municipalities = municipalities.filter(Q(name__icontains=q) | Q(ags__startswith=q))
    if state:
        municipalities = municipalities.filter(state=state)
    return municipalities
