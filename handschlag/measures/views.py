"""The library's public pages: the list with search and filters, and one measure."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from handschlag.core.paging import lazy_page
from handschlag.organisations.models import Membership, Organisation
from handschlag.organisations.rules import membership_snapshot

from . import selectors
from .actions import available_actions, next_step
from .filters import DEFAULT_FILTERS
from .forms import MeasureFilterForm
from .models import Adoption, Measure
from .registry import offered_actions

PER_PAGE = 20


def measure_list(request: HttpRequest) -> HttpResponse:
    """The library. Invalid filters are shown as field errors next to the results; the valid
    ones still apply. htmx swaps only the results; without JavaScript the form reloads."""
    form = MeasureFilterForm(request.GET or None)
    filters = form.filters() if request.GET else DEFAULT_FILTERS
    page_obj = lazy_page(
        lambda: selectors.measure_list(filters=filters), PER_PAGE, request.GET.get("page")
    )
    context = {
        "form": form,
        "page_obj": page_obj,
        "filtered": not filters.is_default,
        "may_propose": selectors.proposing_organisations(request.user).exists()
        if request.user.is_authenticated
        else False,
    }
    if getattr(request, "htmx", False):
        return render(request, "measures/list.html#results", context)
    return render(request, "measures/list.html", context)


def _adopt_hint(request: HttpRequest, measure: Measure) -> dict[str, Any]:
    """What the "Nachmachen" box says besides the registered actions (or instead of them, when
    none is available to this visitor): `signed_in`, `municipality_admin` (they administer a
    verified municipality organisation), `adopted_here` (their town does it already)."""
    user = request.user
    if not user.is_authenticated:
        return {"signed_in": False}
    towns = Organisation.objects.filter(
        memberships__user=user,
        memberships__role=Membership.Role.ADMIN,
        kind=Organisation.Kind.MUNICIPALITY,
        is_verified=True,
    ).values("municipality_id")
    return {
        "signed_in": True,
        "municipality_admin": towns.exists(),
        "adopted_here": Adoption.objects.filter(
            measure=measure, municipality_id__in=towns
        ).exists(),
    }


def measure_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    with membership_snapshot():
        measure = selectors.measure_for_reader(slug=slug, user=user)
        actions = available_actions(measure, user)
        for report in measure.shown_reports:  # type: ignore[attr-defined]
            report.may_edit = report.created_by_id == user.pk and user.has_perm(
                "measures.edit_report", report
            )
    offered = offered_actions(request, measure) if measure.state == Measure.State.PUBLISHED else []
    context: dict[str, Any] = {
        "measure": measure,
        "actions": actions,
        "next_step": next_step(measure, user),
        "offered": offered,
        "may_report": (
            measure.state == Measure.State.PUBLISHED
            and selectors.reporting_organisations(user).exists()
        ),
    }
    if measure.state == Measure.State.PUBLISHED:
        context["hint"] = _adopt_hint(request, measure)
    return render(request, "measures/detail.html", context)
