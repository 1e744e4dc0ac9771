"""The statistics pages: the dashboards of a programme, a carrier and a site, the list of the
dashboards a person may see, and the funder report's downloads. Thin: the figures come from
statistics.py, their wording from statistics_display.py, the report from funder_report.py.

Who sees what (statistics_scope.access_scope): programme staff the programme and every carrier and
site in it, carrier coordinators their carrier and its sites, site coordinators their site.
Anyone else signed in gets 403, an unknown programme, carrier or site 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from . import access, funder_report, small_numbers, statistics_display
from .statistics import dashboard
from .statistics_scope import NotAllowed, Scope, access_scope

KEYS = {"programme": "slug", "carrier": "pk", "site": "slug"}


def _scope(request: HttpRequest, kind: str, key: str | int) -> Scope:
    try:
        scope = access_scope(user=request.user, kind=kind, key=key)
    except NotAllowed:
        raise PermissionDenied from None
    if scope is None:
        raise Http404
    return scope


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The dashboards this person may open: their programmes, carriers and sites (those not
    reachable from a programme or carrier they see already)."""
    scopes = access.scopes_of(request.user)
    if not scopes:
        raise PermissionDenied
    programmes = list(access.programmes_visible_to(request.user).order_by("name"))
    carriers = list(
        access.carriers_visible_to(request.user)
        .exclude(programme_id__in=scopes.programmes)
        .select_related("organisation", "programme")
        .order_by("organisation__name")
    )
    sites = list(
        access.sites_visible_to(request.user)
        .exclude(carrier_id__in=scopes.carriers)
        .select_related("carrier__organisation")
        .order_by("name")
    )
    return render(
        request,
        "mentoring/statistics/index.html",
        {"programmes": programmes, "carriers": carriers, "sites": sites},
    )


def _up(request: HttpRequest, scope: Scope) -> list[tuple[str, str]]:
    """Links to the dashboards above this one that the person may open."""
    user: Any = request.user
    links = []
    if scope.kind != "programme" and user.has_perm("mentoring.view_programme", scope.programme):
        url = reverse("mentoring:statistics_programme", args=[scope.programme.slug])
        links.append((str(scope.programme), url))
    if scope.kind == "site" and user.has_perm("mentoring.view_carrier", scope.carrier):
        assert scope.carrier is not None
        links.append(
            (str(scope.carrier), reverse("mentoring:statistics_carrier", args=[scope.carrier.pk]))
        )
    return links


def _report_url(scope: Scope, year: int, fmt: str) -> str:
    kind = scope.kind
    key = scope.obj.pk if kind == "carrier" else scope.obj.slug  # type: ignore[union-attr]
    return reverse(f"mentoring:report_{kind}", args=[key, year, fmt])


def _page(request: HttpRequest, kind: str, key: str | int) -> HttpResponse:
    scope = _scope(request, kind, key)
    board = dashboard(scope)
    display = statistics_display
    return render(
        request,
        "mentoring/statistics/dashboard.html",
        {
            "scope": scope,
            "board": board,
            "rule": small_numbers.RULE,
            "kind_label": display.kind_label(kind),
            "as_of": display.as_of(board.today),
            "up": _up(request, scope),
            "figures": display.key_figures(board),
            "year_chart": display.year_chart(board),
            "month_chart": display.month_chart(board),
            "reason_chart": display.reason_chart(board),
            "survey_chart": display.survey_chart(board),
            "survey_empty": display.survey_is_empty(board),
            "survey_responses": board.survey_responses,
            "rows": display.table_rows(board),
            "totals": {
                "running": display.number(sum(r.running for r in board.rows)),
                "waiting": display.number(board.waiting),
                "free_places": display.number(board.free_places),
                "sites": sum(r.sites for r in board.rows),
            },
            "reports": [
                (
                    year,
                    [(fmt.upper(), _report_url(scope, year, fmt)) for fmt in funder_report.FORMATS],
                )
                for year in display.report_years(board)
            ],
        },
    )


@login_required
def programme_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, "programme", slug)


@login_required
def carrier_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, "carrier", pk)


@login_required
def site_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, "site", slug)


def _report(request: HttpRequest, kind: str, key: str | int, year: int, fmt: str) -> HttpResponse:
    scope = _scope(request, kind, key)
    if fmt not in funder_report.FORMATS:
        raise Http404
    first = scope.programme.starts_on.year
    if not first <= year <= timezone.localdate().year:
        raise Http404
    data = funder_report.export(scope=scope, year=year, fmt=fmt, by=request.user)
    response = HttpResponse(data, content_type=funder_report.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = funder_report.disposition(scope, year, fmt)
    return response


@login_required
def programme_report(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    return _report(request, "programme", slug, year, fmt)


@login_required
def carrier_report(request: HttpRequest, pk: int, year: int, fmt: str) -> HttpResponse:
    return _report(request, "carrier", pk, year, fmt)


@login_required
def site_report(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    return _report(request, "site", slug, year, fmt)
