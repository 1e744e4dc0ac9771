"""An offer in the editor: create, edit (all HSDS fields, topics, languages, provider), status,
publish, delete (while never public) and its history. Places and hours: editor_hours_views.py."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from handschlag.core.errors import DomainError

from . import editor_history, offers
from .editor_access import access_offer, access_portal, editor_page, form_error, me
from .editor_forms import OfferForm, StatusForm
from .editor_selectors import providers_for
from .models import Offer, Portal


def _form_error(form: forms.BaseForm, error: DomainError) -> None:
    form_error(form, error, {"provider_name": "new_provider"})


def _offer_form(request: HttpRequest, portal: Portal, offer: Offer, **kwargs: Any) -> OfferForm:
    user = me(request)
    return OfferForm(
        request.POST or None,
        instance=copy.copy(offer),
        providers=providers_for(portal, user),
        may_add_provider=user.has_perm("directory.edit_portal", portal),
        **kwargs,
    )


def _service_kwargs(form: OfferForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        **form.values(),
        "provider": data.get("provider"),
        "new_provider": data.get("new_provider", ""),
        "topics": data["topics"],
        "languages": data["languages"],
        "checked": data["checked"],
    }


@editor_page
def offer_create(request: HttpRequest, slug: str) -> HttpResponse:
    portal = access_portal(request, slug, "directory.add_offer")
    form = _offer_form(request, portal, Offer(portal=portal))
    if request.method == "POST" and form.is_valid():
        try:
            offer = offers.create_offer(portal=portal, by=me(request), **_service_kwargs(form))
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("„%(name)s“ ist angelegt, aber noch nicht veröffentlicht. Wo und wann findet "
                  "es statt?") % {"name": offer.name},
            )  # fmt: skip
            return redirect("directory:offer_places", slug, offer.pk)
    return render(request, "directory/editor/offer_form.html", {"portal": portal, "form": form})


@editor_page
def offer_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = access_portal(request, slug)
    offer = access_offer(request, portal, pk)
    form = _offer_form(
        request, portal, offer,
        initial={
            "topics": offers.current_topics(offer), "languages": offers.current_languages(offer),
            "provider": offer.provider_id,
        },
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            changed = offers.update_offer(offer=offer, by=me(request), **_service_kwargs(form))
        except DomainError as error:
            _form_error(form, error)
        else:
            fields = [key for key in changed if key not in {"last_checked_by", "flagged_at"}]
            if not changed:
                messages.info(request, _("Es gab nichts zu ändern."))
            elif fields == ["last_checked_at"]:
                messages.success(request, _("Danke! Das Angebot ist als geprüft vermerkt."))
            else:
                messages.success(
                    request,
                    ngettext(
                        "Gespeichert: eine Angabe geändert.",
                        "Gespeichert: %(count)d Angaben geändert.",
                        len(fields),
                    )
                    % {"count": len(fields)},
                )
            return redirect("directory:offer_edit", slug, offer.pk)
    return render(
        request, "directory/editor/offer_form.html",
        {"portal": portal, "offer": offer, "form": form, "tab": "edit"},
    )  # fmt: skip


@editor_page
def offer_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Status (active / closed until / ended), publishing, and deleting or ending."""
    portal = access_portal(request, slug)
    offer = access_offer(request, portal, pk)
    form = StatusForm(
        request.POST or None,
        initial={"status": offer.status, "closed_until": offer.closed_until},
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = offers.set_offer_status(
                offer=offer, by=me(request), status=form.cleaned_data["status"],
                closed_until=form.cleaned_data["closed_until"],
            )  # fmt: skip
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("Der Status ist jetzt „%(status)s“.") % {"status": offer.get_status_display()}
                if changed
                else _("Es gab nichts zu ändern."),
            )
            return redirect("directory:offer_status", slug, offer.pk)
    context = {
        "portal": portal, "offer": offer, "form": form, "tab": "status",
        "may_delete": not offers.was_ever_published(offer),
    }  # fmt: skip
    return render(request, "directory/editor/offer_status.html", context)


@editor_page
@require_POST
def offer_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = access_portal(request, slug)
    offer = access_offer(request, portal, pk)
    published = request.POST.get("publish") == "1"
    try:
        offers.set_offer_published(offer=offer, published=published, by=me(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if not published:
            messages.success(request, _("Das Angebot ist nicht mehr öffentlich."))
        elif portal.is_published:
            messages.success(request, _("Das Angebot ist veröffentlicht."))
        else:
            messages.success(
                request,
                _("Das Angebot ist freigegeben. Lesende sehen es, sobald das Portal "
                  "veröffentlicht ist."),
            )  # fmt: skip
    return redirect("directory:offer_status", slug, offer.pk)


@editor_page
def offer_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET: what deleting means (or why this offer can only be ended); POST: delete."""
    portal = access_portal(request, slug)
    offer = access_offer(request, portal, pk)
    if request.method == "POST":
        name = offer.name
        try:
            offers.delete_offer(offer=offer, by=me(request))
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("directory:offer_status", slug, offer.pk)
        messages.success(request, _("„%(name)s“ ist gelöscht.") % {"name": name})
        return redirect("directory:editor_home", slug)
    context = {
        "portal": portal, "offer": offer, "tab": "status",
        "may_delete": not offers.was_ever_published(offer),
        "places": offer.offer_locations.count(),
    }  # fmt: skip
    return render(request, "directory/editor/offer_delete.html", context)


@editor_page
@require_safe
def offer_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    portal = access_portal(request, slug)
    offer = access_offer(request, portal, pk)
    page_obj = Paginator(editor_history.offer_entries(offer), 30).get_page(request.GET.get("page"))
    context = {
        "portal": portal, "offer": offer, "tab": "history", "page_obj": page_obj,
        "rows": editor_history.rows(page_obj.object_list),
    }  # fmt: skip
    return render(request, "directory/editor/offer_history.html", context)
