"""Read API of the newcomer portal (/api/v1/directory/): published portals, their offers with
the list page's filters, one offer, the guides, and a bundle of everything of one portal in
one language for an app to keep offline (it revalidates with ETag / Last-Modified).

Texts come in the language asked for with `lang` (else the request's language), each with
its translation status; German where there is no translation. Every answer runs a constant
number of queries, however many offers or sections there are.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import field_validator

from handschlag.core.languages import BY_CODE
from handschlag.core.pagination import DETAIL_RESPONSES, LIST_RESPONSES, MAX_PAGE
from handschlag.places.selectors import RADII_KM

from . import api_schemas as out
from .filters import OfferFilters
from .hsds import Ids
from .models import (
    PORTAL_LANGUAGES,
    GuidePage,
    GuideSection,
    Offer,
    OfferLocation,
    Portal,
    Schedule,
    ScheduleException,
    Topic,
)
from .public_selectors import guide_topics, offer_list, readable_offers, resolve_place
from .translation import SOURCE_LANGUAGE, localize

router = Router(tags=["directory"])
Lang = Literal["de", "en", "ar", "uk", "fa", "tr", "ru"]
LANG_HELP = "Sprache der Texte (sonst die der Anfrage, Accept-Language)"


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description=f"Seite, 1 bis {MAX_PAGE}")
    page_size: int = Field(20, ge=1, le=100, description="Einträge je Seite")


class LangQuery(Schema):
    lang: Lang | None = Field(None, description=LANG_HELP)


class OfferQuery(LangQuery):
    """The list page's filters; `to_filters()` gives the same OfferFilters."""

    q: str | None = Field(None, max_length=200, description="Freitext, jede Sprache")
    topic: Topic | None = None
    language: str | None = Field(
        None, max_length=8, description="Sprache, die dort gesprochen wird (z. B. ar, uk)"
    )
    place: str | None = Field(
        None, max_length=140, description="Ort oder Postleitzahl: die nächsten Angebote zuerst"
    )
    radius: int | None = Field(
        None, description="mit `place`: nur Angebote in diesem Umkreis (km)",
        json_schema_extra={"enum": list(RADII_KM)},
    )  # fmt: skip

    @field_validator("language")
    @classmethod
    def language_is_known(cls, value: str | None) -> str | None:
        if value and value not in BY_CODE:
            raise ValueError("unknown language code")
        return value or None

    @field_validator("radius")
    @classmethod
    def radius_is_offered(cls, value: int | None) -> int | None:
        if value is not None and value not in RADII_KM:
            raise ValueError(f"radius must be one of {RADII_KM}")
        return value

    def to_filters(self) -> OfferFilters:
        origin = None
        if self.place and self.place.strip():
            origin = resolve_place(self.place)
            if origin is None:
                raise ValidationError(
                    [{"type": "value_error", "loc": ["query", "place"], "msg": "unknown place"}]
                )
        return OfferFilters(
            q=(self.q or "").strip(),
            topic=self.topic,
            language=self.language or "",
            origin=origin,
            radius_km=self.radius,
        )


class PortalPage(Schema):
    count: int
    items: list[out.PortalOut]


class OfferPage(Schema):
    count: int
    items: list[out.OfferCard]


class GuideTopicPage(Schema):
    count: int
    items: list[out.GuideTopicOut]


def reading_language(lang: str | None) -> str:
    """`lang`, else the request's language if the portal has it, else German."""
    if lang:
        return lang
    active = (translation.get_language() or SOURCE_LANGUAGE).split("-")[0]
    return active if active in PORTAL_LANGUAGES else SOURCE_LANGUAGE


def _published(slug: str) -> Portal:
    portal = (
        Portal.objects.select_related("municipality")
        .filter(municipality__slug=slug, published_at__isnull=False)
        .first()
    )
    if portal is None:
        raise Http404
    return portal


def _slice(items: QuerySet[Any] | list[Any], paging: PageQuery) -> tuple[int, list[Any]]:
    count = items.count() if isinstance(items, QuerySet) else len(items)
    start = (paging.page - 1) * paging.page_size
    return count, list(items[start : start + paging.page_size])


def _details() -> list[Any]:
    """What an offer's detail shows besides the offer, prefetched."""
    places = OfferLocation.objects.select_related("location").prefetch_related(
        Prefetch("schedules", Schedule.objects.order_by("weekday", "opens_at", "pk")),
        Prefetch("exceptions", ScheduleException.objects.order_by("starts_on", "pk")),
    )
    return ["topic_rows", "language_rows", Prefetch("offer_locations", places.order_by("pk"))]


def _localize_offers(offers: list[Offer], language: str, *, places: bool) -> None:
    # every instance, not one per pk: offers sharing a provider or a place each hold their
    # own copy of it (select_related / prefetch), and each copy is serialized
    objects: list[Any] = [*offers, *(offer.provider for offer in offers)]
    if places:
        objects += [p.location for o in offers for p in o.offer_locations.all()]
    localize(objects, language)


@router.get("/portals", response=PortalPage, summary="Veröffentlichte Portale",
            openapi_extra=LIST_RESPONSES)  # fmt: skip
def list_portals(
    request: HttpRequest, paging: Query[PageQuery], query: Query[LangQuery]
) -> dict[str, Any]:
    """Published portals by town name, 20 per page."""
    language = reading_language(query.lang)
    portals = Portal.objects.filter(published_at__isnull=False).select_related("municipality")
    count, items = _slice(portals.order_by("municipality__name", "pk"), paging)
    localize(items, language)
    return {"count": count, "items": [out.portal_out(request, p, language) for p in items]}


@router.get("/portals/{slug}", response=out.PortalOut, summary="Ein Portal",
            openapi_extra=DETAIL_RESPONSES)  # fmt: skip
def get_portal(request: HttpRequest, slug: str, query: Query[LangQuery]) -> dict[str, Any]:
    language = reading_language(query.lang)
    portal = _published(slug)
    localize([portal], language)
    return out.portal_out(request, portal, language)


@router.get("/portals/{slug}/offers", response=OfferPage, summary="Angebote eines Portals",
            openapi_extra=DETAIL_RESPONSES)  # fmt: skip
def list_offers(
    request: HttpRequest, slug: str, query: Query[OfferQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """The portal's offers, filtered like its list page (topic, language spoken, free text,
    a typed place → nearest first), 20 per page."""
    language = reading_language(query.lang)
    portal = _published(slug)
    offers = offer_list(portal=portal, filters=query.to_filters(), language=language)
    count, items = _slice(offers, paging)
    localize(items, language)
    ids = Ids([portal.pk])
    with translation.override(language):
        labels = out.topic_labels()
    cards = [out.card(request, offer, language, ids, labels, slug) for offer in items]
    return {"count": count, "items": cards}


@router.get("/portals/{slug}/offers/{offer_id}", response=out.OfferDetail,
            summary="Ein Angebot", openapi_extra=DETAIL_RESPONSES)  # fmt: skip
def get_offer(
    request: HttpRequest, slug: str, offer_id: int, query: Query[LangQuery]
) -> dict[str, Any]:
    language = reading_language(query.lang)
    portal = _published(slug)
    offer = (
        readable_offers(portal)
        .select_related("provider")
        .prefetch_related(*_details())
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        raise Http404
    _localize_offers([offer], language, places=True)
    with translation.override(language):
        labels = out.topic_labels()
    return out.detail(request, offer, language, Ids([portal.pk]), labels, slug)


@router.get("/portals/{slug}/guides", response=GuideTopicPage, summary="Wegweiser eines Portals",
            openapi_extra=DETAIL_RESPONSES)  # fmt: skip
def list_guides(
    request: HttpRequest, slug: str, query: Query[LangQuery], paging: Query[PageQuery]
) -> dict[str, Any]:
    """The guide topics with their published pages (titles and summaries)."""
    language = reading_language(query.lang)
    portal = _published(slug)
    count, topics = _slice(guide_topics(portal), paging)
    pages = [page for topic in topics for page in topic.shown_pages]
    localize([*topics, *pages], language)
    items = [
        {
            **out.topic_out(topic, language),
            "pages": [out.page_ref(request, p, language, slug) for p in topic.shown_pages],
        }
        for topic in topics
    ]
    return {"count": count, "items": items}


@router.get("/portals/{slug}/guides/{page_id}", response=out.GuidePageOut,
            summary="Eine Wegweiser-Seite", openapi_extra=DETAIL_RESPONSES)  # fmt: skip
def get_guide(
    request: HttpRequest, slug: str, page_id: int, query: Query[LangQuery]
) -> dict[str, Any]:
    """A guide page with its sections (each with its translation status) and its offers."""
    language = reading_language(query.lang)
    portal = _published(slug)
    page = (
        GuidePage.objects.select_related("topic")
        .filter(pk=page_id, topic__portal=portal, published_at__isnull=False)
        .first()
    )
    if page is None:
        raise Http404
    sections = list(page.sections.order_by("position", "pk"))
    offers = list(
        readable_offers(portal)
        .filter(guide_pages=page)
        .select_related("provider")
        .prefetch_related("topic_rows", "language_rows")
        .order_by("name", "pk")
    )
    localize([page, page.topic, *sections, *offers], language)
    ids = Ids([portal.pk])
    with translation.override(language):
        labels = out.topic_labels()
    return {
        **out.page_ref(request, page, language, slug),
        "topic": out.topic_out(page.topic, language) | {"id": page.topic_id},
        "sections": [out.section_out(request, section, language) for section in sections],
        "offers": [out.card(request, offer, language, ids, labels, slug) for offer in offers],
    }


def bundle(request: HttpRequest, portal: Portal, language: str) -> dict[str, Any]:
    """Everything of `portal` a reader can read, in `language`."""
    slug = portal.municipality.slug
    offers = list(
        readable_offers(portal)
        .select_related("provider")
        .defer("search_text")
        .prefetch_related(*_details())
        .order_by("name", "pk")
    )
    topics = guide_topics(portal)
    pages = [page for topic in topics for page in topic.shown_pages]  # type: ignore[attr-defined]
    sections = list(
        GuideSection.objects.filter(page__in=pages).order_by("page_id", "position", "pk")
    )
    linked = GuidePage.offers.through.objects.filter(guidepage__in=pages).values_list(
        "guidepage_id", "offer_id"
    )
    offer_ids = {offer.pk for offer in offers}
    links: dict[int, list[int]] = {}
    for page_id, offer_id in linked:
        if offer_id in offer_ids:
            links.setdefault(page_id, []).append(offer_id)
    by_page: dict[int, list[GuideSection]] = {}
    for section in sections:
        by_page.setdefault(section.page_id, []).append(section)
    _localize_offers(offers, language, places=True)
    localize([portal, *topics, *pages, *sections], language)
    ids = Ids([portal.pk])
    with translation.override(language):
        labels = out.topic_labels()
    return {
        "language": language,
        "portal": out.portal_out(request, portal, language),
        "topics": [{"code": code, "label": label} for code, label in labels.items()],
        "offers": [out.detail(request, o, language, ids, labels, slug) for o in offers],
        "guides": [
            {
                **out.topic_out(topic, language),
                "pages": [
                    {
                        **out.page_ref(request, page, language, slug),
                        "sections": [
                            out.section_out(request, s, language) for s in by_page.get(page.pk, [])
                        ],
                        "offer_ids": sorted(links.get(page.pk, [])),
                    }
                    for page in topic.shown_pages  # type: ignore[attr-defined]
                ],
            }
            for topic in topics
        ],
    }


@router.get(
    "/portals/{slug}/bundle", response={200: out.BundleOut, 304: None}, url_name="directory_bundle",
    summary="Alles eines Portals in einer Sprache (für Apps, offline)",
    openapi_extra=DETAIL_RESPONSES,
)  # fmt: skip
def get_bundle(request: HttpRequest, slug: str, query: Query[LangQuery]) -> HttpResponseBase:
    """The portal, all its offers (with places and opening hours) and all its guides (with
    sections) in one answer, for an app to keep. Send the ETag back as If-None-Match (or the
    Last-Modified as If-Modified-Since): while nothing changed, the answer is a short 304."""
    language = reading_language(query.lang)
    portal = _published(slug)
    data = out.BundleOut.model_validate(bundle(request, portal, language)).model_dump(mode="json")
    body = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    # Last-Modified: when this content was first served (kept with its ETag)
    key = f"directory:bundle:{portal.pk}:{language}"
    seen = cache.get(key)
    if seen and seen[0] == etag:
        modified = seen[1]
    else:
        modified = timezone.now().replace(microsecond=0)
        cache.set(key, (etag, modified), timeout=None)
    response: HttpResponseBase = HttpResponse(body, content_type="application/json; charset=utf-8")
    unchanged = get_conditional_response(
        request, etag=etag, last_modified=int(modified.timestamp())
    )
    if unchanged is not None:
        response = unchanged
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified.timestamp())
    patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ("Accept-Language",))
    return response
