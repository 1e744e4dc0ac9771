"""Reads of the reader's pages: portals, offers and guides as a newcomer sees them, in their
language, each page in a constant number of queries (however many offers or sections).

Access: a published portal is for everyone; an unpublished one only for the people who work
in it (they see a "not published yet" banner). Unpublished offers and guide pages likewise
only for those who may edit them; an ended offer is answered with what to do instead.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Lower
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from handschlag.core.errors import DomainError
from handschlag.core.geo import EARTH_RADIUS_KM, haversine_km
from handschlag.core.languages import BY_CODE, Language
from handschlag.places.selectors import RADII_KM, find_municipality

from .filters import OfferFilters, Origin
from .models import (
    GuidePage,
    GuideSection,
    GuideTopic,
    Location,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferTopic,
    Portal,
    Topic,
    Translatable,
    Translation,
)
from .translation import SOURCE_LANGUAGE, Section, localize

POSTCODE = re.compile(r"\d{5}")
# kilometres per degree of latitude; a degree of longitude is this times cos(latitude)
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180


def reading_language() -> str:
    """The reader's language as the portal's texts are stored ("uk", not "uk-ua")."""
    return (translation.get_language() or SOURCE_LANGUAGE).split("-")[0].lower()


# --- portals -------------------------------------------------------------------------------


def may_work_in(user: Any, portal: Portal) -> bool:
    return bool(user.is_authenticated and user.has_perm("directory.work_in_portal", portal))


def portal_for_reader(*, slug: str, user: Any) -> Portal:
    """The portal of the town `slug` if `user` may read it; Http404 otherwise, so that an
    unpublished portal does not reveal that it exists."""
    portal = (
        Portal.objects.select_related("municipality", "organisation")
        .filter(municipality__slug=slug)
        .first()
    )
    if portal is None or not (portal.is_published or may_work_in(user, portal)):
        raise Http404
    return portal


def _distance_sq(origin: Origin, latitude: Any, longitude: Any) -> Any:
    """The squared distance in km² from `origin` to the coordinates (expressions), on a plane
    fitted at the origin: exact to well under one per cent within a hundred kilometres, and
    plain arithmetic that SQLite and PostgreSQL both run in the query (ordering, radius)."""
    scale = KM_PER_DEGREE * math.cos(math.radians(origin.latitude))
    north = (latitude - Value(origin.latitude)) * Value(KM_PER_DEGREE)
    east = (longitude - Value(origin.longitude)) * Value(scale)
    return north * north + east * east


def published_portals(*, origin: Origin | None = None) -> QuerySet[Portal]:
    """Published portals by town name; from a typed place, nearest first (`with_distances`
    then tells each one's distance)."""
    portals = Portal.objects.filter(published_at__isnull=False).select_related("municipality")
    if origin is None:
        return portals.order_by("municipality__name", "pk")
    return portals.annotate(
        distance_sq=_distance_sq(origin, F("municipality__latitude"), F("municipality__longitude"))
    ).order_by("distance_sq", "municipality__name", "pk")


def with_distances(portals: Iterable[Portal], origin: Origin | None) -> list[Portal]:
    portals = list(portals)
    for portal in portals:
        town = portal.municipality
        portal.distance_km = (  # type: ignore[attr-defined]
            haversine_km(origin.latitude, origin.longitude, town.latitude, town.longitude)
            if origin
            else None
        )
    return portals


def resolve_place(text: str) -> Origin | None:
    """The place a reader typed: a German town (by name or slug) or a postcode of a place of
    an offer in a published portal; None when it is unknown. Never a device position."""
    text = " ".join((text or "").split())
    if not text or "\x00" in text:
        return None
    if POSTCODE.fullmatch(text):
        found = Location.objects.filter(
            postcode=text,
            latitude__isnull=False,
            longitude__isnull=False,
            portal__published_at__isnull=False,
        ).aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
        if found["latitude"] is None:
            return None
        return Origin(text, found["latitude"], found["longitude"])
    town = find_municipality(text)
    if town is None:
        return None
    return Origin(town.name, town.latitude, town.longitude, municipality_id=town.pk)


def offer_filters(
    *, q: str = "", topic: str | None = None, language: str = "", place: str = "",
    radius_km: int | None = None,
) -> OfferFilters:  # fmt: skip
    """OfferFilters from plain values (an API query's): the place resolved like the page's;
    DomainError with a message for the reader (the API answers it with 400) for an unknown
    place, topic, language or radius."""
    origin = None
    if place and place.strip():
        origin = resolve_place(place)
        if origin is None:
            raise DomainError(_("Diesen Ort kennen wir nicht."), code="unknown_place")
    if topic and topic not in Topic.values:
        raise DomainError(_("Dieses Thema gibt es nicht."), code="unknown_topic")
    if language and language not in BY_CODE:
        raise DomainError(_("Diese Sprache kennen wir nicht."), code="unknown_language")
    if radius_km is not None and radius_km not in RADII_KM:
        raise DomainError(
            _("Wählen Sie einen Umkreis von %(radii)s km.")
            % {"radii": ", ".join(str(km) for km in RADII_KM)},
            code="unknown_radius",
        )
    return OfferFilters(
        q=(q or "").strip(), topic=Topic(topic) if topic else None, language=language or "",
        origin=origin, radius_km=radius_km,
    )  # fmt: skip


# --- offers --------------------------------------------------------------------------------


def readable_offers(portal: Portal) -> QuerySet[Offer]:
    """The offers a reader sees in `portal`: published and not ended."""
    return Offer.objects.filter(portal=portal, published_at__isnull=False).exclude(
        status=Offer.Status.ENDED
    )


def topic_counts(portal: Portal) -> list[tuple[Topic, int]]:
    """(topic, number of offers) for each topic that has offers, in the topics' order."""
    rows = (
        OfferTopic.objects.filter(offer__in=readable_offers(portal))
        .values("topic")
        .annotate(n=Count("offer", distinct=True))
        .order_by()
    )
    counts = {row["topic"]: row["n"] for row in rows}
    return [(topic, counts[topic.value]) for topic in Topic if counts.get(topic.value)]


def spoken_languages(portal: Portal) -> list[Language]:
    """The languages spoken in at least one of the portal's offers, in core.languages' order."""
    codes = set(
        OfferLanguage.objects.filter(offer__in=readable_offers(portal))
        .values_list("language", flat=True)
        .distinct()
        .order_by()
    )
    return [language for code, language in BY_CODE.items() if code in codes]


def _name_in(language: str) -> Any:
    """The offer's name in `language` (German without a translation), for sorting."""
    if language == SOURCE_LANGUAGE:
        return Lower("name")
    translated = Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(Offer),
        object_id=OuterRef("pk"),
        field="name",
        language=language,
    ).values("text")[:1]
    return Lower(Coalesce(Subquery(translated), F("name"), output_field=TextField()))


def card_prefetches() -> list[Any]:
    """What an offer's card shows besides the offer: topics, languages, places."""
    return [
        Prefetch("topic_rows", queryset=OfferTopic.objects.order_by("pk")),
        Prefetch("language_rows", queryset=OfferLanguage.objects.order_by("pk")),
        Prefetch(
            "offer_locations",
            queryset=OfferLocation.objects.select_related("location").order_by("pk"),
        ),
    ]


def offer_list(*, portal: Portal, filters: OfferFilters, language: str) -> QuerySet[Offer]:
    """The portal's offers that match `filters`: nearest first when a place is given (offers
    without a place with coordinates last), else open ones before temporarily closed ones, by
    name in the reader's language. Cards are prefetched (see `card_prefetches`)."""
    offers = (
        readable_offers(portal)
        .select_related("provider")
        .defer("search_text")
        .prefetch_related(*card_prefetches())
    )
    for word in filters.words:
        offers = offers.filter(search_text__contains=word)
    if filters.topic:
        offers = offers.filter(
            Exists(OfferTopic.objects.filter(offer=OuterRef("pk"), topic=filters.topic))
        )
    if filters.language:
        offers = offers.filter(
            Exists(OfferLanguage.objects.filter(offer=OuterRef("pk"), language=filters.language))
        )
    closed_last = Case(
        When(status=Offer.Status.CLOSED, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    offers = offers.annotate(sort_name=_name_in(language), closed_last=closed_last)
    origin = filters.origin
    if origin is None:
        return offers.order_by("closed_last", "sort_name", "pk")
    nearest = (
        OfferLocation.objects.filter(
            offer=OuterRef("pk"),
            location__latitude__isnull=False,
            location__longitude__isnull=False,
        )
        .annotate(d=_distance_sq(origin, F("location__latitude"), F("location__longitude")))
        .order_by("d")
        .values("d")[:1]
    )
    offers = offers.annotate(distance_sq=Subquery(nearest, output_field=FloatField()))
    if filters.within_km is not None:
        radius_sq = float(filters.within_km) ** 2
        offers = offers.filter(Q(distance_sq__lte=radius_sq) | Q(distance_sq__isnull=True))
    return offers.order_by(F("distance_sq").asc(nulls_last=True), "closed_last", "sort_name", "pk")


@dataclass(frozen=True)
class Nearest:
    location: Location
    distance_km: float | None


def prepare_cards(
    offers: Iterable[Offer], *, portal: Portal, language: str, origin: Origin | None = None
) -> list[Offer]:
    """Make offers of `portal` (with `card_prefetches`) ready for their cards: texts in `language`
    (one query for the offers and their places), `topics`, `languages` (core.languages'
    Language, unknown codes left out) and `nearest` (the place nearest to `origin`, or the
    first place; None without any)."""
    offers = list(offers)
    localize([*offers, *places_of(offers)], language)
    decorate_cards(offers, portal=portal, origin=origin)
    return offers


def places_of(offers: Iterable[Offer]) -> list[Location]:
    """The places of offers with prefetched `offer_locations`: every instance, since the
    prefetch gives each offer its own copy of a place they share, and each copy needs its
    texts (localize reads the translations once for all of them)."""
    return [row.location for offer in offers for row in offer.offer_locations.all()]


def decorate_cards(
    offers: Iterable[Offer], *, portal: Portal, origin: Origin | None = None
) -> None:
    """`topics`, `languages` and `nearest` of offers of `portal` prefetched with
    `card_prefetches` (and their portal, for their addresses without a query each)."""
    topics = {topic.value for topic in Topic}
    for offer in offers:
        offer.portal = portal
        offer.topics = [  # type: ignore[attr-defined]
            Topic(row.topic) for row in offer.topic_rows.all() if row.topic in topics
        ]
        offer.languages = [  # type: ignore[attr-defined]
            BY_CODE[row.language] for row in offer.language_rows.all() if row.language in BY_CODE
        ]
        offer.nearest = _nearest(offer, origin)  # type: ignore[attr-defined]


def _nearest(offer: Offer, origin: Origin | None) -> Nearest | None:
    places = [row.location for row in offer.offer_locations.all()]
    if not places:
        return None
    if origin is None:
        return Nearest(places[0], None)
    located = [
        (haversine_km(origin.latitude, origin.longitude, p.latitude, p.longitude), p)
        for p in places
        if p.latitude is not None and p.longitude is not None
    ]
    if not located:
        return Nearest(places[0], None)
    distance, place = min(located, key=lambda pair: pair[0])
    return Nearest(place, distance)


def markers(offers: Iterable[Offer]) -> list[dict[str, Any]]:
    """The offers' places for a map beside the list ({title, url, lat, lon}; core's map
    component leaves out places without coordinates)."""
    found = []
    for offer in offers:
        nearest = getattr(offer, "nearest", None)
        if nearest is None or nearest.location.latitude is None:
            continue
        found.append(
            {
                "title": offer.localized["name"].text,  # type: ignore[attr-defined]
                "url": offer.get_absolute_url(),
                "lat": nearest.location.latitude,
                "lon": nearest.location.longitude,
            }
        )
    return found


def place_markers(offer: Offer) -> list[dict[str, Any]]:
    """The places of one offer (localized, with prefetched `offer_locations`) for the map on
    its page, each linking to its entry further down the page."""
    url = offer.get_absolute_url()
    return [
        {
            "title": row.location.localized["name"].text,  # type: ignore[attr-defined]
            "url": f"{url}#ort-{row.location_id}",
            "lat": row.location.latitude,
            "lon": row.location.longitude,
        }
        for row in offer.offer_locations.all()
        if row.location.latitude is not None and row.location.longitude is not None
    ]


@dataclass(frozen=True)
class Reading:
    """An offer as its page shows it. `gone`: it ended, and the reader is only told so (with
    status 410 and where to look instead); `preview`: only the people who may edit it see
    it (it or its portal is not published yet)."""

    offer: Offer
    gone: bool = False
    preview: bool = False


def offer_for_reader(*, slug: str, pk: int, user: Any, language: str) -> Reading:
    """The offer `pk` of the portal `slug` with everything its page shows: texts in `language`
    (offer, provider and places in one query), topics, languages, places with their schedules
    and exceptions. Http404 for offers of other portals, of portals the user may not read, and
    unpublished offers that the user may not edit."""
    offer = (
        Offer.objects.select_related("portal__municipality", "portal__organisation", "provider")
        .defer("search_text")
        .filter(pk=pk, portal__municipality__slug=slug)
        .first()
    )
    if offer is None:
        raise Http404
    portal = offer.portal
    if not (portal.is_published or may_work_in(user, portal)):
        raise Http404
    may_edit = bool(user.is_authenticated and user.has_perm("directory.edit_offer", offer))
    if offer.published_at is None and not may_edit:
        raise Http404
    if offer.status == Offer.Status.ENDED and not may_edit:
        localize([offer], language)
        return Reading(offer, gone=True)
    prefetch_related_objects(
        [offer],
        *card_prefetches()[:2],
        Prefetch(
            "offer_locations",
            queryset=OfferLocation.objects.select_related("location")
            .prefetch_related("schedules", "exceptions")
            .order_by("pk"),
        ),
    )
    localize([offer, offer.provider, *places_of([offer])], language)
    decorate_cards([offer], portal=portal)
    preview = offer.published_at is None or not portal.is_published
    return Reading(offer, preview=preview)


# --- guides --------------------------------------------------------------------------------


def guide_topics(portal: Portal) -> list[GuideTopic]:
    """The portal's guide topics with `shown_pages` (published pages, in order), topics
    without a page left out. (Localize them together with the rest of the page.)"""
    topics = list(
        GuideTopic.objects.filter(portal=portal)
        .order_by("position", "pk")
        .prefetch_related(
            Prefetch(
                "pages",
                queryset=GuidePage.objects.filter(published_at__isnull=False).order_by(
                    "position", "pk"
                ),
                to_attr="shown_pages",
            )
        )
    )
    for topic in topics:
        topic.portal = portal  # the pages' addresses need it: no query per topic
    return [topic for topic in topics if topic.shown_pages]  # type: ignore[attr-defined]


def pages_of(topics: Iterable[GuideTopic]) -> list[GuidePage]:
    return [page for topic in topics for page in topic.shown_pages]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class GuideReading:
    page: GuidePage
    sections: list[GuideSection]
    offers: list[Offer]
    preview: bool = False


def guide_for_reader(*, slug: str, pk: int, user: Any, language: str) -> GuideReading:
    """The guide page `pk` of the portal `slug` with its sections and its public offers, all
    in `language` (one query for every text on the page). Http404 for pages of other portals
    and unpublished pages, except for the people who may edit the portal's guides."""
    page = (
        GuidePage.objects.select_related(
            "topic__portal__municipality", "topic__portal__organisation"
        )
        .filter(pk=pk, topic__portal__municipality__slug=slug)
        .first()
    )
    if page is None:
        raise Http404
    portal = page.topic.portal
    if not (portal.is_published or may_work_in(user, portal)):
        raise Http404
    may_edit = user.is_authenticated and user.has_perm("directory.edit_guides", page)
    if page.published_at is None and not may_edit:
        raise Http404
    sections = list(page.sections.order_by("position", "pk"))
    offers = list(
        readable_offers(portal)
        .filter(guide_pages=page)
        .select_related("provider")
        .defer("search_text")
        .prefetch_related(*card_prefetches())
        .order_by("name", "pk")
    )
    localize([page, page.topic, *sections, *offers, *places_of(offers)], language)
    decorate_cards(offers, portal=portal)
    preview = page.published_at is None or not portal.is_published
    return GuideReading(page, sections, offers, preview=preview)


# --- translation notices -------------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    """What readers are told about the translation of what they read: `outdated` with the
    date the German original changed (`original_changed_at`), `machine` for unreviewed
    machine translations, `fallback` when some text is shown in German."""

    outdated: bool = False
    machine: bool = False
    fallback: bool = False
    original_changed_at: datetime | None = None

    @property
    def any(self) -> bool:
        return self.outdated or self.machine


def notice_for(objects: Iterable[Translatable], language: str) -> Notice:
    """The notice over the localized sections of `objects` (see `localize`)."""
    if language == SOURCE_LANGUAGE:
        return Notice()
    outdated = machine = fallback = False
    changed: datetime | None = None
    for obj in objects:
        sections: dict[str, Section] = getattr(obj, "localized", {})
        for section in sections.values():
            if not section.text:
                continue
            if section.is_outdated:
                outdated = True
                if changed is None or section.source_changed_at > changed:
                    changed = section.source_changed_at
            machine = machine or section.is_machine
            fallback = fallback or not section.is_translation
    return Notice(outdated, machine, fallback, changed)
