"""What a municipality's page gathers from every part of the platform."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from handschlag.blog.models import Post
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


def _open_promises(municipality: Municipality) -> QuerySet[Promise]:
    return promise_list(filters=PromiseFilters(municipality=municipality.slug, open_only=True))


def town_overview(municipality: Municipality) -> TownOverview:
    """Open promises in the town (and, when there are few, nearby), its published needs and
    reports, its organisations, its next public events: a constant number of queries."""
    here = list(_open_promises(municipality)[:SHOWN])
    nearby: list[Promise] = []
    if len(here) < SHOWN:
        nearby = list(
            promise_list(
                filters=PromiseFilters(near=municipality.slug, radius_km=NEARBY_KM, open_only=True)
            )
            .exclude(municipality=municipality)
            .exclude(municipality__isnull=True)[: SHOWN - len(here)]
        )
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
        open_here=_open_promises(municipality).count() if len(here) == SHOWN else len(here),
        promises_nearby=nearby,
        needs=list(needs_in(municipality)[:SHOWN]),
        reports=reports,
        organisations=organisations,
        events=upcoming_in(municipality, limit=SHOWN),
    )
