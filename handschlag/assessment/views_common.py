"""How every page of the self-assessment finds what it is about and checks the visitor: one
way for the answering, results and plan pages.

    @checked_page
    def results(request, pk):
        assessment = load_round(request, pk, "assessment.view_results")

- An unknown round, town or plan item is 404 (a town without a verified municipality
  organisation has no plan: 404 too).
- A visitor without the permission gets 403 when signed in; an anonymous one is sent to the
  login and comes back afterwards (`checked_page` turns `LoginFirst` into that redirect).
- `checked_page` reads the visitor's memberships once for the whole request
  (`membership_snapshot`), however many permissions the page asks; nobody keeps power longer
  than the request takes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from handschlag.organisations.models import Organisation
from handschlag.organisations.rules import membership_snapshot
from handschlag.places.models import Municipality

from . import plans_selectors
from .models import ActionPlan, Assessment, PlanItem

P = ParamSpec("P")


class LoginFirst(Exception):
    """The visitor is anonymous and the page needs someone signed in who may see it."""


def require(request: HttpRequest, perm: str, obj: Any) -> None:
    """Nothing if the visitor has `perm` on `obj`; else LoginFirst (anonymous) or 403."""
    user: Any = request.user
    if user.has_perm(perm, obj):
        return
    if not user.is_authenticated:
        raise LoginFirst
    raise PermissionDenied


def checked_page(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """Runs `view` with one snapshot of the visitor's memberships; an anonymous visitor who
    may not see the page is sent to the login."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        request = args[0]
        assert isinstance(request, HttpRequest)
        with membership_snapshot():
            try:
                return view(*args, **kwargs)
            except LoginFirst:
                return redirect_to_login(request.get_full_path())

    return wrapper


def load_round(request: HttpRequest, pk: int, perm: str = "assessment.view") -> Assessment:
    """The round `pk` if the visitor has `perm` on it."""
    assessment = get_object_or_404(
        Assessment.objects.select_related("organisation", "municipality", "framework"), pk=pk
    )
    require(request, perm, assessment)
    return assessment


def load_organisation(request: HttpRequest, slug: str, perm: str) -> Organisation:
    """The organisation `slug` (a round is started for it) if the visitor has `perm` on it."""
    organisation = get_object_or_404(Organisation.objects.select_related("municipality"), slug=slug)
    require(request, perm, organisation)
    return organisation


def _town(slug: str) -> Municipality:
    return get_object_or_404(Municipality, slug=slug)


def load_town(request: HttpRequest, slug: str, perm: str) -> Municipality:
    """The town `slug` if the visitor has `perm` on it (its population)."""
    town = _town(slug)
    require(request, perm, town)
    return town


def load_plan(request: HttpRequest, town: str, perm: str) -> ActionPlan:
    """The town's plan (unsaved before its first item) if the visitor has `perm` on it."""
    plan = plans_selectors.plan_or_draft(_town(town), request.user)
    if plan is None:
        raise Http404
    require(request, perm, plan)
    return plan


def load_item(request: HttpRequest, town: str, pk: int, perm: str) -> PlanItem:
    """An item of the town's plan, with what its page shows, if the visitor has `perm` on it
    (the plan permissions answer for an item as for its plan)."""
    item = plans_selectors.item_on_plan(_town(town), pk)
    require(request, perm, item)
    return item
