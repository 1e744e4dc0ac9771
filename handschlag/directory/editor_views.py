"""The editor's home (/portal/<town>/redaktion/): the offers with what needs doing, and the
pages of the portal as a whole for the municipality's admins (open it, publish it, check
intervals, translators). Thin: every write is a service call."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.core.errors import DomainError
from handschlag.organisations.models import Membership, Organisation, RoleGrant
from handschlag.places.models import Municipality

from . import editor_selectors as selectors
from . import portals
from .editor_access import access_portal, editor_page, me
from .editor_forms import EditorFilterForm
from .editor_portal_forms import PortalCreateForm, PortalSettingsForm, TranslatorForm
from .models import TARGET_LANGUAGES, Portal

PER_PAGE = 25


def _no_portal(request: HttpRequest, slug: str) -> HttpResponse:
    """A town without a portal: its municipality admins may open one; its members learn who can."""
    town = get_object_or_404(Municipality, slug=slug)
    user = me(request)
    organisations = portals.town_organisations(town, user)
    if not organisations and not Organisation.objects.filter(
        kind=Organisation.Kind.MUNICIPALITY, is_verified=True, municipality=town,
        memberships__user=user,
    ).exists():  # fmt: skip
        raise Http404
    form = PortalCreateForm(organisations=organisations) if organisations else None
    return render(request, "directory/editor/no_portal.html", {"town": town, "form": form})


@editor_page
def home(request: HttpRequest, slug: str) -> HttpResponse:
    """The offers of the portal (a provider: its own), with status, last check, flags, open
    reader reports and translation progress; filters; what to do next."""
    portal = (
        Portal.objects.select_related("municipality", "organisation")
        .filter(municipality__slug=slug)
        .first()
    )
    if portal is None:
        return _no_portal(request, slug)
    user = me(request)
    if not user.has_perm("directory.work_in_portal", portal):
        raise PermissionDenied
    every = selectors.sees_every_offer(user, portal)
    edit_portal = user.has_perm("directory.edit_portal", portal)
    may = {
        "manage": user.has_perm("directory.manage_portal", portal),
        "edit_portal": edit_portal,
        "add_offer": user.has_perm("directory.add_offer", portal),
        # a provider sees only its own offers, and edits them all; a translator none
        "edit_offers": edit_portal or not every,
    }
    offers = selectors.editor_offers(portal, user, every=every)
    providers = selectors.providers_for(portal, user) if not every else portal.providers.all()
    form = EditorFilterForm(request.GET or None, providers=providers.order_by("name"))
    filters = form.filters() if request.GET else {}
    page_obj = Paginator(selectors.filtered(offers, portal, filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    shown = list(page_obj.object_list)
    progress = selectors.translation_progress(shown)
    for offer in shown:
        offer.progress = progress[offer.pk]  # type: ignore[attr-defined]
        offer.portal = portal
    context = {
        "portal": portal,
        "may": may,
        "form": form,
        "filtered": bool(filters),
        "page_obj": page_obj,
        "offers": shown,
        "todo": selectors.to_do(portal, offers),
        "months": max(1, portal.check_every_days // 30),
        "languages": TARGET_LANGUAGES,
    }
    if getattr(request, "htmx", False):
        return render(request, "directory/editor/home.html#results", context)
    return render(request, "directory/editor/home.html", context)


@editor_page
@require_POST
def portal_create(request: HttpRequest, slug: str) -> HttpResponse:
    town = get_object_or_404(Municipality, slug=slug)
    user = me(request)
    if not user.has_perm("directory.create_portal", town):
        raise PermissionDenied
    organisations = portals.town_organisations(town, user)
    form = PortalCreateForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            portals.create_portal(
                municipality=town, organisation=form.cleaned_data["organisation"], by=user,
                welcome=form.cleaned_data["welcome"],
            )  # fmt: skip
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Das Portal ist angelegt. Legen Sie die ersten Angebote an; veröffentlichen Sie "
                  "es, wenn es so weit ist."),
            )  # fmt: skip
            return redirect("directory:editor_home", slug)
    return render(
        request, "directory/editor/no_portal.html", {"town": town, "form": form}, status=200
    )


@editor_page
def portal_settings(request: HttpRequest, slug: str) -> HttpResponse:
    portal = access_portal(request, slug, "directory.manage_portal")
    form = PortalSettingsForm(request.POST or None, instance=copy.copy(portal))
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in PortalSettingsForm.Meta.fields}
        changed = portals.update_portal(portal=portal, by=me(request), **values)
        messages.success(
            request,
            _("Die Einstellungen sind gespeichert.") if changed else _("Es gab nichts zu ändern."),
        )
        return redirect("directory:portal_settings", slug)
    context = {"portal": portal, "form": form, "section": "settings"}
    return render(request, "directory/editor/portal_settings.html", context)


@editor_page
@require_POST
def portal_publish(request: HttpRequest, slug: str) -> HttpResponse:
    portal = access_portal(request, slug, "directory.manage_portal")
    published = request.POST.get("publish") == "1"
    portals.set_portal_published(portal=portal, published=published, by=me(request))
    messages.success(
        request,
        _("Das Portal ist veröffentlicht: Alle können es lesen.")
        if published
        else _("Das Portal ist offline. Nur Sie und Ihre Kolleg:innen sehen es noch."),
    )
    return redirect("directory:portal_settings", slug)


def _translators_context(portal: Portal, form: TranslatorForm | None = None) -> dict[str, Any]:
    members = list(
        Membership.objects.filter(organisation=portal.organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    grants = portals.translator_grants(portal)
    candidates = (
        Membership.objects.filter(organisation=portal.organisation)
        .exclude(pk__in=list(grants))
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    return {
        "portal": portal,
        "rows": [(member, grants.get(member.pk)) for member in members],
        "form": form or TranslatorForm(candidates=candidates),
        "section": "translators",
    }


@editor_page
def translators(request: HttpRequest, slug: str) -> HttpResponse:
    """Who of the municipality organisation translates the portal; grant and revoke."""
    portal = access_portal(request, slug, "directory.manage_portal")
    form = None
    if request.method == "POST":
        candidates = Membership.objects.filter(organisation=portal.organisation)
        form = TranslatorForm(request.POST, candidates=candidates.select_related("user"))
        if form.is_valid():
            membership = form.cleaned_data["membership"]
            try:
                portals.grant_translator(portal=portal, membership=membership, by=me(request))
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    _("%(name)s kann das Portal jetzt übersetzen.")
                    % {"name": membership.user.get_full_name()},
                )
            return redirect("directory:translators", slug)
    return render(request, "directory/editor/translators.html", _translators_context(portal, form))


@editor_page
@require_POST
def translator_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = access_portal(request, slug, "directory.manage_portal")
    grant = get_object_or_404(
        RoleGrant.objects.select_related("membership__user", "membership__organisation"), pk=pk
    )
    try:
        portals.revoke_translator(portal=portal, grant=grant, by=me(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s übersetzt das Portal nicht mehr.")
            % {"name": grant.membership.user.get_full_name()},
        )
    return redirect("directory:translators", slug)
