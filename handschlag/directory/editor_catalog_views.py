"""A portal's providers and places in the editor: lists, create, edit; linking a provider to a
verified organisation (municipality admins)."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from handschlag.core.errors import DomainError

from . import editor_selectors as selectors
from . import locations, providers
from .editor_access import (
    access_location,
    access_portal,
    access_provider,
    editor_page,
    form_error,
    me,
)
from .editor_catalog_forms import LocationForm, ProviderForm, ProviderLinkForm
from .models import Location, OfferLocation, Provider

PER_PAGE = 50
ALIASES = {"provider_name": "name"}


@editor_page
@require_safe
def provider_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The portal's providers (a provider organisation: its own)."""
    portal = access_portal(request, slug)
    user = me(request)
    rows = selectors.providers_with_counts(portal)
    editor = user.has_perm("directory.edit_portal", portal)
    if not editor:
        rows = rows.filter(pk__in=selectors.providers_for(portal, user).values("pk"))
    page_obj = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {"portal": portal, "page_obj": page_obj, "editor": editor, "section": "providers"}
    return render(request, "directory/editor/providers.html", context)


@editor_page
def provider_create(request: HttpRequest, slug: str) -> HttpResponse:
    portal = access_portal(request, slug, "directory.edit_portal")
    form = ProviderForm(request.POST or None, instance=Provider(portal=portal))
    if request.method == "POST" and form.is_valid():
        try:
            provider = providers.create_provider(
                portal=portal, by=me(request), **{n: form.cleaned_data[n] for n in providers.FIELDS}
            )
        except DomainError as error:
            form_error(form, error, ALIASES)
        else:
            messages.success(request, _("„%(name)s“ ist angelegt.") % {"name": provider.name})
            return redirect("directory:provider_list", slug)
    context = {"portal": portal, "form": form, "section": "providers"}
    return render(request, "directory/editor/provider_form.html", context)


@editor_page
def provider_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Name, description, contact; for the municipality's admins also which organisation of
    the platform keeps the provider's offers."""
    portal = access_portal(request, slug)
    provider = access_provider(request, portal, pk)
    user = me(request)
    manage = user.has_perm("directory.manage_portal", portal)
    action = request.POST.get("action", "save")
    sent = request.method == "POST"
    form = ProviderForm(
        request.POST if sent and action == "save" else None, instance=copy.copy(provider)
    )
    link = (
        ProviderLinkForm(request.POST if sent and action == "link" else None, provider=provider)
        if manage
        else None
    )
    if sent and action == "save" and form.is_valid():
        try:
            changed = providers.update_provider(
                provider=provider, by=user, **{n: form.cleaned_data[n] for n in providers.FIELDS}
            )
        except DomainError as error:
            form_error(form, error, ALIASES)
        else:
            messages.success(
                request, _("Gespeichert.") if changed else _("Es gab nichts zu ändern.")
            )
            return redirect("directory:provider_edit", slug, provider.pk)
    if sent and action == "link" and link is not None and link.is_valid():
        organisation = link.cleaned_data.get("organisation")
        try:
            providers.link_provider(provider=provider, organisation=organisation, by=user)
        except DomainError as error:
            form_error(link, error)
        else:
            messages.success(
                request,
                _("Die Mitglieder von „%(org)s“ pflegen jetzt die Angebote dieses Anbieters.")
                % {"org": organisation.name}
                if organisation
                else _("Die Angebote dieses Anbieters pflegt jetzt nur noch die Kommune."),
            )
            return redirect("directory:provider_edit", slug, provider.pk)
    if sent and action == "link" and link is None:
        messages.error(request, _("Das dürfen nur die Admins der Kommune."))
    context = {
        "portal": portal, "provider": provider, "form": form, "link": link,
        "section": "providers", "offer_count": provider.offers.count(),
    }  # fmt: skip
    return render(request, "directory/editor/provider_form.html", context)


@editor_page
@require_safe
def location_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The portal's places, with how many offers happen at each; which ones the visitor may edit
    is worked out for the whole page at once."""
    portal = access_portal(request, slug)
    user = me(request)
    editor = user.has_perm("directory.edit_portal", portal)
    page_obj = Paginator(selectors.locations_with_counts(portal), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = list(page_obj.object_list)
    if editor:
        editable = {row.pk for row in rows}
    else:
        kept = set(selectors.providers_for(portal, user).values_list("pk", flat=True))
        used: dict[int, set[int]] = {}
        for location_id, provider_id in OfferLocation.objects.filter(location__in=rows).values_list(
            "location_id", "offer__provider_id"
        ):
            used.setdefault(location_id, set()).add(provider_id)
        editable = {pk for pk, ids in used.items() if ids and ids <= kept}
    for row in rows:
        row.editable = row.pk in editable  # type: ignore[attr-defined]
    context = {
        "portal": portal, "page_obj": page_obj, "rows": rows, "section": "locations",
        "may_add": user.has_perm("directory.add_offer", portal),
    }  # fmt: skip
    return render(request, "directory/editor/locations.html", context)


def _location_form(request: HttpRequest, location: Location, initial: dict) -> LocationForm:
    data = request.POST if request.method == "POST" else None
    return LocationForm(
        data, instance=copy.copy(location), initial=initial, town=location.portal.municipality
    )


@editor_page
def location_create(request: HttpRequest, slug: str) -> HttpResponse:
    portal = access_portal(request, slug, "directory.add_offer")
    form = _location_form(request, Location(portal=portal), {"city": portal.municipality.name})
    if request.method == "POST" and form.is_valid():
        try:
            location = locations.create_location(portal=portal, by=me(request), **form.values())
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("„%(name)s“ ist angelegt.") % {"name": location.name})
            return redirect("directory:location_list", slug)
    context = {"portal": portal, "form": form, "section": "locations"}
    return render(request, "directory/editor/location_form.html", context)


@editor_page
def location_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = access_portal(request, slug)
    location = access_location(request, portal, pk)
    form = _location_form(request, location, {})
    if request.method == "POST" and form.is_valid():
        try:
            changed = locations.update_location(location=location, by=me(request), **form.values())
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("Gespeichert.") if changed else _("Es gab nichts zu ändern.")
            )
            return redirect("directory:location_edit", slug, location.pk)
    offers = list(location.offers.order_by("name").only("pk", "name", "portal_id")[:50])
    context = {
        "portal": portal, "location": location, "form": form, "section": "locations",
        "offers": offers,
    }  # fmt: skip
    return render(request, "directory/editor/location_form.html", context)
