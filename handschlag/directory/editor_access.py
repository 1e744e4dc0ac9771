"""Access to the editor's pages, shared by all of them: the portal and the object asked for if
the visitor has the permission (404 for what does not exist, 403 for what is not theirs)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from handschlag.core.errors import DomainError
from handschlag.organisations.rules import membership_snapshot

from .models import Location, Offer, OfferLocation, Portal, Provider

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def editor_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An editor's page: signed in only; the visitor's memberships are read once for all the
    permissions the page asks (one request: nobody keeps power longer than it takes)."""

    @login_required
    @wraps(view)
    def page(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with membership_snapshot():
            return view(request, *args, **kwargs)

    return page


def me(request: HttpRequest) -> User:
    return cast("User", request.user)


def access_portal(
    request: HttpRequest, slug: str, perm: str = "directory.work_in_portal"
) -> Portal:
    portal = get_object_or_404(
        Portal.objects.select_related("municipality", "organisation"), municipality__slug=slug
    )
    if not request.user.has_perm(perm, portal):
        raise PermissionDenied
    return portal


def form_error(form: Any, error: DomainError, aliases: dict[str, str] | None = None) -> None:
    """A service's refusal next to the field it concerns (its code, or the alias of its code
    on this form), else at the top of the form."""
    field = (aliases or {}).get(error.code, error.code)
    form.add_error(field if field in form.fields else None, error.message)


def _number(pk: Any) -> int:
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise Http404 from None


def access_offer(
    request: HttpRequest, portal: Portal, pk: Any, perm: str = "directory.edit_offer"
) -> Offer:
    offer = get_object_or_404(
        Offer.objects.select_related("provider__organisation"), pk=_number(pk), portal=portal
    )
    offer.portal = portal
    if not request.user.has_perm(perm, offer):
        raise PermissionDenied
    return offer


def access_offer_location(offer: Offer, pk: Any) -> OfferLocation:
    row = get_object_or_404(
        OfferLocation.objects.select_related("location"), pk=_number(pk), offer=offer
    )
    row.offer = offer
    return row


def access_provider(
    request: HttpRequest, portal: Portal, pk: Any, perm: str = "directory.edit_provider"
) -> Provider:
    provider = get_object_or_404(
        Provider.objects.select_related("organisation"), pk=_number(pk), portal=portal
    )
    provider.portal = portal
    if not request.user.has_perm(perm, provider):
        raise PermissionDenied
    return provider


def access_location(
    request: HttpRequest, portal: Portal, pk: Any, perm: str = "directory.edit_location"
) -> Location:
    location = get_object_or_404(Location, pk=_number(pk), portal=portal)
    location.portal = portal
    if not request.user.has_perm(perm, location):
        raise PermissionDenied
    return location
