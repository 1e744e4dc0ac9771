"""The reader's pages of the newcomer portal: the portal index, a portal's home, its offers
(list and one offer), its guides, and the service worker that keeps visited pages readable
offline. No account needed, no JavaScript needed, nothing tracked.

Pages that may be kept offline say so with the header `X-Portal-Offline` ("guide": kept
cache-first, "page": network-first), and only when everyone may read them; the service
worker (static/directory/sw.js) stores nothing else.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import public_selectors as selectors
from .filters import DEFAULT_FILTERS
from .models import Location, Offer, OfferLocation, Portal, Translatable
from .public_forms import OfferFilterForm, PortalSearchForm
from .public_hours import (
    Day,
    OpenNow,
    any_open,
    berlin_now,
    open_now,
    upcoming_exceptions,
    weekly_hours,
)
from .translation import SOURCE_LANGUAGE, localize

ACTIVE = Offer.Status.ACTIVE
PER_PAGE = 20
PORTALS_PER_PAGE = 30
OFFLINE_HEADER = "X-Portal-Offline"
SERVICE_WORKER = Path(__file__).parent / "static" / "directory" / "sw.js"
# what the offline page needs to look right, fetched when the service worker is installed
# (usually from the browser's cache: the page that installs it has just loaded them); the
# scripts are kept as pages use them, and no page needs them to be read
PRECACHED_STATIC = ("handschlag/css/site.css", "directory/portal.css", "handschlag/img/logo.svg")


@dataclass(frozen=True)
class PlaceHours:
    """One place of an offer as its page shows it: the place, its week, the days that differ
    from today on, and whether it is open now."""

    row: OfferLocation
    location: Location
    week: list[Day]
    exceptions: list[Any]
    now: OpenNow | None

    @classmethod
    def of(cls, row: OfferLocation, now: datetime) -> PlaceHours:
        schedules, exceptions = list(row.schedules.all()), list(row.exceptions.all())
        return cls(
            row=row, location=row.location, week=weekly_hours(schedules, now.date()),
            exceptions=upcoming_exceptions(exceptions, now.date()),
            now=open_now(schedules, exceptions, now),
        )  # fmt: skip


def _offline(response: HttpResponseBase, kind: str, portal: Portal | None = None) -> None:
    """Let the service worker keep this response (only what everyone may read)."""
    if portal is None or portal.is_published:
        response[OFFLINE_HEADER] = kind


def _language(request: HttpRequest) -> tuple[str, bool]:
    """(the language the portal's texts are read in, whether the German original was asked
    for with ?original=1 on a page in another language)."""
    language = selectors.reading_language()
    original = request.GET.get("original") == "1" and language != SOURCE_LANGUAGE
    return (SOURCE_LANGUAGE if original else language), original


def _home_crumb(portal: Portal) -> tuple[str, str]:
    town = portal.municipality
    return reverse("directory:portal", args=[town.slug]), _("Ankommen in %(town)s") % {
        "town": town.name
    }


def _portal_context(request: HttpRequest, portal: Portal, **more: Any) -> dict[str, Any]:
    return {
        "portal": portal,
        "town": portal.municipality,
        "unpublished": not portal.is_published,
        "ui_language": selectors.reading_language(),
        **more,
    }


def _with_query(url: str, query: dict[str, str]) -> str:
    return f"{url}?{urlencode(query)}" if query else url


@require_safe
def portal_index(request: HttpRequest) -> HttpResponse:
    """Every published portal by town; from a typed place, the nearest first."""
    form = PortalSearchForm(request.GET or None)
    origin = form.origin() if request.GET.get("place") else None
    page_obj = Paginator(selectors.published_portals(origin=origin), PORTALS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    portals = selectors.with_distances(page_obj.object_list, origin)
    here = next(
        (p for p in portals if origin and p.municipality_id == origin.municipality_id), None
    )
    context = {"form": form, "page_obj": page_obj, "portals": portals, "origin": origin,
               "here": here}  # fmt: skip
    response = render(request, "directory/public/index.html", context)
    _offline(response, "page")
    return response


@require_safe
def portal_home(request: HttpRequest, slug: str) -> HttpResponse:
    portal = selectors.portal_for_reader(slug=slug, user=request.user)
    language, original = _language(request)
    topics = selectors.guide_topics(portal)
    localize([portal, *topics, *selectors.pages_of(topics)], language)
    context = _portal_context(
        request, portal,
        reading_language=language, original=original,
        notice=selectors.notice_for([portal, *topics, *selectors.pages_of(topics)], language),
        topic_counts=selectors.topic_counts(portal),
        guide_topics=topics,
        search_form=OfferFilterForm(languages=[]),
    )  # fmt: skip
    response = render(request, "directory/public/home.html", context)
    _offline(response, "page", portal)
    return response


@require_safe
def offer_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The offers, filtered. Invalid filters are shown as field errors next to the results; the
    valid ones still apply. htmx swaps only the results; without JavaScript the form reloads."""
    portal = selectors.portal_for_reader(slug=slug, user=request.user)
    language, original = _language(request)
    form = OfferFilterForm(request.GET or None, languages=selectors.spoken_languages(portal))
    filters = form.filters() if request.GET else DEFAULT_FILTERS
    page_obj = Paginator(
        selectors.offer_list(portal=portal, filters=filters, language=language), PER_PAGE
    ).get_page(request.GET.get("page"))
    offers = selectors.prepare_cards(
        page_obj.object_list, portal=portal, language=language, origin=filters.origin
    )
    query = form.query()
    context = _portal_context(
        request, portal,
        form=form, filters=filters, page_obj=page_obj, offers=offers,
        filtered=not filters.is_default, reading_language=language, original=original,
        notice=selectors.notice_for(offers, language),
        markers=selectors.markers(offers),
        share_path=_with_query(reverse("directory:offers", args=[slug]), query),
        pdf_url=_with_query(
            reverse("directory:offers_pdf", args=[slug]),
            {**query, "lang": selectors.reading_language()},
        ),
    )  # fmt: skip
    if getattr(request, "htmx", False):
        return render(request, "directory/public/offer_list.html#results", context)
    response = render(request, "directory/public/offer_list.html", context)
    _offline(response, "page", portal)
    return response


@require_safe
def offer_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    language, original = _language(request)
    reading = selectors.offer_for_reader(slug=slug, pk=pk, user=request.user, language=language)
    offer = reading.offer
    portal = offer.portal
    if reading.gone:
        context = _portal_context(request, portal, offer=offer, reading_language=language)
        return render(request, "directory/public/offer_gone.html", context, status=410)
    now = berlin_now(timezone.now())
    places = [PlaceHours.of(row, now) for row in offer.offer_locations.all()]
    texts: list[Translatable] = [offer, offer.provider, *(p.location for p in places)]
    context = _portal_context(
        request, portal,
        offer=offer, places=places, preview=reading.preview,
        crumbs=[
            _home_crumb(portal),
            (reverse("directory:offers", args=[portal.municipality.slug]), _("Angebote")),
        ],
        open_state=any_open(p.now for p in places) if offer.status == ACTIVE else None,
        reading_language=language, original=original,
        notice=selectors.notice_for(texts, language),
        markers=selectors.place_markers(offer),
    )  # fmt: skip
    response = render(request, "directory/public/offer_detail.html", context)
    if not reading.preview:
        _offline(response, "page", portal)
    return response


@require_safe
def guide_index(request: HttpRequest, slug: str) -> HttpResponse:
    portal = selectors.portal_for_reader(slug=slug, user=request.user)
    language, original = _language(request)
    topics = selectors.guide_topics(portal)
    texts = [*topics, *selectors.pages_of(topics)]
    localize(texts, language)
    context = _portal_context(
        request, portal, guide_topics=topics, reading_language=language, original=original,
        crumbs=[_home_crumb(portal)],
        notice=selectors.notice_for(texts, language),
    )  # fmt: skip
    response = render(request, "directory/public/guide_index.html", context)
    _offline(response, "guide", portal)
    return response


@require_safe
def guide_page(request: HttpRequest, slug: str, pk: int, page_slug: str) -> HttpResponse:
    language, original = _language(request)
    reading = selectors.guide_for_reader(slug=slug, pk=pk, user=request.user, language=language)
    page = reading.page
    if page.slug != page_slug:  # an old or mistyped address: to the page's own
        url = page.get_absolute_url()
        return redirect(f"{url}?original=1" if original else url, permanent=True)
    portal = page.topic.portal
    guides_url = reverse("directory:guides", args=[portal.municipality.slug])
    for section in reading.sections:
        section.notice = selectors.notice_for([section], language)  # type: ignore[attr-defined]
    context = _portal_context(
        request, portal,
        page=page, topic=page.topic, sections=reading.sections, offers=reading.offers,
        crumbs=[
            _home_crumb(portal),
            (guides_url, _("Wegweiser")),
            (f"{guides_url}#thema-{page.topic_id}", page.topic.localized["title"]),  # type: ignore[attr-defined]
        ],
        preview=reading.preview, reading_language=language, original=original,
        notice=selectors.notice_for([page], language),
        pdf_url=_with_query(
            reverse("directory:guide_pdf", args=[slug, page.pk]),
            {"lang": selectors.reading_language()},
        ),
        any_notice=selectors.notice_for([page, *reading.sections, *reading.offers], language),
    )  # fmt: skip
    response = render(request, "directory/public/guide_page.html", context)
    if not reading.preview:
        _offline(response, "guide", portal)
    return response


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page that was never visited while online."""
    return render(request, "directory/public/offline.html")


@lru_cache(maxsize=8)
def _service_worker_source(
    offline_url: str, static_urls: tuple[str, ...], scope: str, static_prefix: str, debug: bool
) -> str:
    source = SERVICE_WORKER.read_text(encoding="utf-8")
    precache = [offline_url, *static_urls]
    version = hashlib.sha256((source + json.dumps(precache)).encode()).hexdigest()[:12]
    return (
        source.replace('"__VERSION__"', json.dumps(version))
        .replace('"__SCOPE__"', json.dumps(scope))
        .replace('"__STATIC__"', json.dumps(static_prefix))
        .replace('"__OFFLINE_URL__"', json.dumps(offline_url))
        .replace("[] /* __PRECACHE__ */", json.dumps(precache))
        .replace("false /* __DEBUG__ */", json.dumps(debug))
    )


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """static/directory/sw.js, served at the portal's scope (/portal/) with the URLs of the
    files it keeps for offline use (hashed names in production) written in."""
    scope = reverse("directory:index")
    source = _service_worker_source(
        reverse("directory:offline"),
        tuple(static(name) for name in PRECACHED_STATIC),
        scope,
        settings.STATIC_URL,
        settings.DEBUG,
    )
    response = HttpResponse(source, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = scope
    response["Cache-Control"] = "no-cache"
    return response
