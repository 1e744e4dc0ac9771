"""The rounds of a site and of a carrier: their history, what waits, and where a round is
started (POST). The site's list is also a section of the site's coordination page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from handschlag.core.errors import DomainError

from . import rounds
from .models import Carrier, MatchingRound, Proposal, Site, Tandem
from .pool import pool_mentees


def rounds_with_counts(rounds_qs: QuerySet[MatchingRound]) -> QuerySet[MatchingRound]:
    """Rounds with their numbers of proposals and tandems (subqueries: no join explosion)."""

    def count(model: Any, field: str) -> Subquery:
        rows = model.objects.filter(**{field: OuterRef("pk")}).order_by()
        return Subquery(rows.values(field).annotate(n=Count("pk")).values("n")[:1])

    return rounds_qs.select_related("site", "carrier__organisation").annotate(
        proposal_count=Coalesce(count(Proposal, "round"), 0),
        tandem_count=Coalesce(count(Tandem, "round"), 0),
    )


def _site_rounds(site: Site) -> QuerySet[MatchingRound]:
    return rounds_with_counts(
        MatchingRound.objects.filter(
            Q(site=site) | Q(carrier_id=site.carrier_id, site__isnull=True)
        )
    )


def site_section(site: Site, user: Any) -> dict[str, Any] | None:
    """The rounds section of a site's coordination page: the latest rounds and the way to
    start one; None for people who may not run rounds there."""
    if not user.has_perm("mentoring.run_round_for_site", site):
        return None
    return {
        "site": site,
        "rounds": list(_site_rounds(site)[:5]),
        "more_url": reverse("mentoring:site_rounds", args=[site.slug]),
    }


def _start(request: HttpRequest, **pool: Any) -> HttpResponse | None:
    try:
        started = rounds.start_round(by=request.user, **pool)
    except DomainError as error:
        messages.error(request, error.message)
        return None
    return redirect(started)


@login_required
def site_rounds(request: HttpRequest, slug: str) -> HttpResponse:
    site = get_object_or_404(Site.objects.select_related("carrier__organisation"), slug=slug)
    if not request.user.has_perm("mentoring.run_round_for_site", site):
        raise PermissionDenied
    if request.method == "POST":
        return _start(request, site=site) or redirect(request.path)
    page = Paginator(_site_rounds(site), 20).get_page(request.GET.get("seite"))
    context = {"site": site, "page_obj": page, "waiting": _waiting([site.pk])[site.pk]}
    return render(request, "mentoring/rounds/site_rounds.html", context)


@login_required
def carrier_rounds(request: HttpRequest, pk: int) -> HttpResponse:
    carrier = get_object_or_404(Carrier.objects.select_related("organisation", "programme"), pk=pk)
    if not request.user.has_perm("mentoring.run_round_for_carrier", carrier):
        raise PermissionDenied
    if request.method == "POST":
        return _start(request, carrier=carrier) or redirect(request.path)
    sites = list(carrier.sites.order_by("name"))
    waiting = _waiting([s.pk for s in sites])
    page = Paginator(
        rounds_with_counts(MatchingRound.objects.filter(carrier=carrier)), 20
    ).get_page(request.GET.get("seite"))
    context = {
        "carrier": carrier,
        "page_obj": page,
        "sites": [(site, waiting[site.pk]) for site in sites],
        "total": {k: sum(w[k] for w in waiting.values()) for k in ("mentees", "places")},
    }
    return render(request, "mentoring/rounds/carrier_rounds.html", context)


def _waiting(site_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per site: approved mentees without an open tandem, free places of approved mentors."""
    found = {pk: {"mentees": 0, "places": 0} for pk in site_ids}
    mentees = pool_mentees(site_ids).order_by().values("site").annotate(n=Count("pk"))
    for row in mentees.values_list("site", "n"):
        found[row[0]]["mentees"] = row[1]
    places = (
        Site.objects.filter(pk__in=site_ids)
        .annotate(n=Coalesce(Sum("mentor__free_places", filter=Q(mentor__state="approved")), 0))
        .values_list("pk", "n")
    )
    for pk, n in places:
        found[pk]["places"] = n
    return found
