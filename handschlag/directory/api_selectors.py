"""Reads of the portal's read API: the offer list with its filters, guides.

Stand-in for the reader pages' own (branch h-public: `filters.OfferFilters`, `filters.Origin`,
`public_selectors.resolve_place / readable_offers / offer_list / guide_topics`), with the same
names, arguments and meaning, so that the API and the list page filter alike; when both are
merged, api.py imports those instead and this module goes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    Case,
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
)
from django.db.models.functions import Coalesce, Lower

from handschlag.core.geo import EARTH_RADIUS_KM
from handschlag.places.selectors import find_municipality

from .models import (
    GuidePage,
    GuideTopic,
    Location,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferTopic,
    Portal,
    Topic,
    Translation,
)
from .translation import SOURCE_LANGUAGE

POSTCODE = re.compile(r"\d{5}")
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
MAX_QUERY_WORDS = 8
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Origin:
    """Where the reader is, as they typed it (a town or a postcode), with its coordinates."""

    label: str
    latitude: float
    longitude: float
    municipality_id: int | None = None


@dataclass(frozen=True)
class OfferFilters:
    q: str = ""
    topic: Topic | None = None
    language: str = ""
    origin: Origin | None = None
    radius_km: int | None = None

    @property
    def words(self) -> list[str]:
        text = unicodedata.normalize("NFC", self.q or "").lower()
        return list(dict.fromkeys(_WORD.findall(text)))[:MAX_QUERY_WORDS]

    @property
    def within_km(self) -> int | None:
        return self.radius_km if self.origin is not None else None


def resolve_place(text: str) -> Origin | None:
    """A German town (by name or slug) or the postcode of a place of a published portal."""
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


def distance_sq(origin: Origin, latitude: F, longitude: F) -> object:
    """Squared km from `origin`, on a plane fitted there (plain arithmetic in SQL)."""
    scale = KM_PER_DEGREE * math.cos(math.radians(origin.latitude))
    north = (latitude - Value(origin.latitude)) * Value(KM_PER_DEGREE)
    east = (longitude - Value(origin.longitude)) * Value(scale)
    return north * north + east * east


def readable_offers(portal: Portal) -> QuerySet[Offer]:
    """What readers see: published and not ended."""
    return Offer.objects.filter(portal=portal, published_at__isnull=False).exclude(
        status=Offer.Status.ENDED
    )


def _name_in(language: str) -> object:
    if language == SOURCE_LANGUAGE:
        return Lower("name")
    translated = Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(Offer),
        object_id=OuterRef("pk"),
        field="name",
        language=language,
    ).values("text")[:1]
    return Lower(Coalesce(Subquery(translated), F("name"), output_field=TextField()))


def card_prefetches() -> list[Prefetch]:
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
    """The offers matching `filters`: nearest first from a typed place (offers without a place
    with coordinates last), else open before temporarily closed, by name in `language`. Cards
    are prefetched (`card_prefetches`)."""
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
        When(status=Offer.Status.CLOSED, then=Value(1)), default=Value(0),
        output_field=IntegerField(),
    )  # fmt: skip
    offers = offers.annotate(sort_name=_name_in(language), closed_last=closed_last)
    origin = filters.origin
    if origin is None:
        return offers.order_by("closed_last", "sort_name", "pk")
    nearest = (
        Location.objects.filter(
            offer_locations__offer=OuterRef("pk"), latitude__isnull=False, longitude__isnull=False
        )
        .annotate(d=distance_sq(origin, F("latitude"), F("longitude")))
        .order_by("d")
        .values("d")[:1]
    )
    offers = offers.annotate(distance_sq=Subquery(nearest, output_field=FloatField()))
    if filters.within_km is not None:
        radius_sq = float(filters.within_km) ** 2
        offers = offers.filter(Q(distance_sq__lte=radius_sq) | Q(distance_sq__isnull=True))
    return offers.order_by(F("distance_sq").asc(nulls_last=True), "closed_last", "sort_name", "pk")


def guide_topics(portal: Portal) -> list[GuideTopic]:
    """The guide topics with `shown_pages` (published, in order); topics without one left out."""
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
    return [topic for topic in topics if topic.shown_pages]  # type: ignore[attr-defined]
