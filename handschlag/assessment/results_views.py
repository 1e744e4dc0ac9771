"""The results pages of a round: the results, the comparison with peers, the PDF report and the
XLSX of all answers. Thin: the figures come from results_page.py and results_selectors.py,
the files from report.py.

Who sees what (rules.py): the results and the comparison need `assessment.view_results` — the
town's members, its delegates, and anyone once the town shared a closed round; the downloads
need `assessment.export` (the town's members). Anonymous visitors of a page they may not see
are sent to the login, signed-in ones get 403, an unknown round 404. Every permission of a
request is read from one snapshot of the person's memberships (one query).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from handschlag.core.localized import pick
from handschlag.places.population import SIZE_CLASSES

from . import report
from .models import Assessment
from .population_views import population_form
from .results_page import results_page
from .results_selectors import comparison
from .rules import is_coordinator, is_team_member
from .scores import live_scores
from .views_common import checked_page, load_round

SHARED_LISTED = 25  # towns that shared, named on the comparison page (own state first)


def _population(request: HttpRequest, assessment: Assessment, anchor: str) -> dict[str, Any]:
    """For the round's coordination, who speak for the town: the population form where the
    town's number is unknown (the comparison needs it), else the link to change it. Read
    from the request's snapshot of memberships (no query of its own)."""
    if not is_coordinator(request.user, assessment):
        return {}
    town = assessment.municipality
    if not town.population:
        return population_form(town, back=f"{request.path}#{anchor}")
    url = reverse("assessment:population", args=[town.slug])
    return {"population_edit_url": f"{url}?next={request.path}"}


def _common(request: HttpRequest, assessment: Assessment) -> dict[str, Any]:
    user: Any = request.user
    return {
        "assessment": assessment,
        "framework_title": pick(assessment.framework.title),
        # the round's own page, for its team (delegates reach their sections from their list)
        "round_url": (
            reverse("assessment:detail", args=[assessment.pk])
            if is_team_member(user, assessment)
            else None
        ),
        "may_export": user.has_perm("assessment.export", assessment),
    }


@require_safe
@checked_page
def results(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = load_round(request, pk, "assessment.view_results")
    user: Any = request.user
    may_adopt = user.has_perm("assessment.edit_plan", assessment)
    context = _common(request, assessment) | {
        "page": results_page(assessment, may_adopt=may_adopt),
        "plan_url": (
            reverse("assessment:plan", args=[assessment.municipality.slug])
            if user.has_perm("assessment.view_plan", assessment)
            else None
        ),
        "library_url": reverse("measures:list"),
        **_population(request, assessment, "peers-heading"),
    }
    return render(request, "assessment/results/results.html", context)


@require_safe
@checked_page
def peers(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = load_round(request, pk, "assessment.view_results")
    live = live_scores(assessment)
    areas = [
        (area.key, pick(area.title), live.scores.all.areas.get(area.id)) for area in live.tree.areas
    ]
    found = comparison(assessment, [key for key, _title, _own in areas])
    state = assessment.municipality.state
    shared = sorted(found.shared_towns, key=lambda t: t.state != state)  # stable: by name
    context = _common(request, assessment) | {
        "comparison": found,
        "shared_towns": shared[:SHARED_LISTED],
        "shared_more": len(shared) > SHARED_LISTED,
        "rows": _peer_rows(found, areas, live.scores.all.overall),
        "bands": [size.label for size in SIZE_CLASSES],
        "results_url": reverse("assessment:results", args=[assessment.pk]),
        **_population(request, assessment, "population-heading"),
    }
    return render(request, "assessment/results/peers.html", context)


def _peer_rows(found: Any, areas: list[tuple[str, str, float | None]], overall: Any) -> list[Any]:
    rows = [
        {
            "title": title,
            "own": own,
            "state": found.state_group.areas[key],
            "band": found.band_group.areas[key],
        }
        for key, title, own in areas
    ]
    return [
        *rows,
        {
            "title": None,
            "own": overall,
            "state": found.state_group.overall,
            "band": found.band_group.overall,
        },
    ]


def _download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    assessment = load_round(request, pk, "assessment.export")
    user: Any = request.user
    if kind == "pdf":
        data = report.report_pdf(assessment=assessment, by=user)
        content_type = "application/pdf"
    else:
        data = report.answers_xlsx(assessment=assessment, by=user)
        content_type = report.XLSX
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, report.filename(assessment, kind)
    )
    return response


@require_safe
@checked_page
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "pdf")


@require_safe
@checked_page
def answers_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "xlsx")
