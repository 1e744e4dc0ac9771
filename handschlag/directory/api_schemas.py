"""What the portal's read API answers (api.py): schemas, and the functions that turn localized
objects into them. Every text a reader reads comes as `Text`: the words, their language (the
one asked for, or German where there is no translation) and the translation's status."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from ninja import Field, Schema

from handschlag.core.languages import BY_CODE

from .models import GuidePage, GuideSection, GuideTopic, Location, Offer, Portal, Provider, Topic
from .translation import SOURCE_LANGUAGE


class Text(Schema):
    text: str
    language: str = Field(description="Sprache von `text`: die gewünschte, oder de (Deutsch)")
    status: str = Field(
        description="current (aktuell), outdated (aus einem älteren deutschen Text übersetzt), "
        "machine (maschinell übersetzt, ungeprüft) oder missing (keine Übersetzung: Deutsch)"
    )


class PortalOut(Schema):
    slug: str = Field(description="Kurzname des Orts")
    name: str
    ags: str = Field(description="Amtlicher Gemeindeschlüssel")
    welcome: Text
    url: str | None = Field(description="die Seite des Portals")
    hsds_url: str = Field(description="die Angebote als HSDS 3.0 (JSON)")
    bundle_url: str = Field(description="alles für eine App in einer Antwort")


class TopicOut(Schema):
    code: str
    label: str


class LanguageOut(Schema):
    code: str
    native: str = Field(description="Name der Sprache in ihr selbst")


class ProviderRef(Schema):
    name: str


class OfferCard(Schema):
    id: int
    hsds_id: str = Field(description="die Kennung in den HSDS-Daten")
    name: Text
    summary: Text
    provider: ProviderRef
    topics: list[TopicOut]
    languages: list[LanguageOut] = Field(description="Sprachen, die dort gesprochen werden")
    cost: str
    status: str = Field(description="active oder closed (vorübergehend geschlossen)")
    closed_until: datetime.date | None
    distance_km: float | None = Field(description="Entfernung vom angegebenen Ort (place)")
    url: str | None


class HoursOut(Schema):
    weekday: int = Field(description="0 = Montag … 6 = Sonntag")
    opens_at: datetime.time
    closes_at: datetime.time
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class ExceptionOut(Schema):
    starts_on: datetime.date
    ends_on: datetime.date
    closed: bool
    opens_at: datetime.time | None
    closes_at: datetime.time | None
    note: str


class LocationOut(Schema):
    name: Text
    street: str
    postcode: str
    city: str
    latitude: float | None
    longitude: float | None
    directions: Text
    accessibility: list[str]
    accessibility_note: Text


class PlaceOut(Schema):
    location: LocationOut
    by_appointment: bool
    hours: list[HoursOut]
    exceptions: list[ExceptionOut]


class ProviderOut(ProviderRef):
    description: Text
    website: str
    email: str
    phone: str


class ContactOut(Schema):
    name: str
    phone: str
    email: str


class OfferDetail(OfferCard):
    provider: ProviderOut
    description: Text
    eligibility: Text
    required_documents: Text
    cost_note: Text
    min_age: int | None
    max_age: int | None
    website: str
    contact: ContactOut
    last_checked_on: datetime.date | None
    places: list[PlaceOut]


class ImageOut(Schema):
    url: str
    alt: Text


class SectionOut(Schema):
    id: int
    heading: Text
    body: Text
    image: ImageOut | None


class GuidePageRef(Schema):
    id: int
    slug: str
    title: Text
    summary: Text
    url: str | None


class GuideTopicOut(Schema):
    id: int
    title: Text
    summary: Text
    pages: list[GuidePageRef]


class GuideTopicRef(Schema):
    id: int
    title: Text


class GuidePageOut(GuidePageRef):
    topic: GuideTopicRef
    sections: list[SectionOut]
    offers: list[OfferCard]


class BundlePage(GuidePageRef):
    sections: list[SectionOut]
    offer_ids: list[int]


class BundleTopic(Schema):
    id: int
    title: Text
    summary: Text
    pages: list[BundlePage]


class BundleOut(Schema):
    language: str
    portal: PortalOut
    topics: list[TopicOut] = Field(description="alle Themen, in der gewünschten Sprache")
    offers: list[OfferDetail]
    guides: list[BundleTopic]


# --- objects → answers ----------------------------------------------------------------------


def url_of(request: HttpRequest, name: str, *args: Any) -> str | None:
    """The absolute address of a page, None where that page does not exist (yet)."""
    try:
        return request.build_absolute_uri(reverse(name, args=args))
    except NoReverseMatch:
        return None


def texts(obj: Any, language: str) -> dict[str, dict[str, str]]:
    """Each localized section of `obj` (translation.localize ran) as a Text."""
    found = {}
    for field, section in obj.localized.items():
        status = section.status.value
        if language != SOURCE_LANGUAGE and section.language == SOURCE_LANGUAGE:
            status = "missing" if section.text.strip() else "current"
        found[field] = {"text": section.text, "language": section.language, "status": status}
    return found


def portal_out(request: HttpRequest, portal: Portal, language: str) -> dict[str, Any]:
    slug = portal.municipality.slug
    return {
        "slug": slug,
        "name": portal.municipality.name,
        "ags": portal.municipality.ags,
        "welcome": texts(portal, language)["welcome"],
        "url": url_of(request, "directory:portal", slug),
        "hsds_url": request.build_absolute_uri(reverse("directory:hsds_json", args=[slug])),
        "bundle_url": request.build_absolute_uri(reverse("api:directory_bundle", args=[slug])),
    }


def topic_labels() -> dict[str, str]:
    """Every topic's label in the active language."""
    return {code: str(label) for code, label in Topic.choices}


def card(
    request: HttpRequest, offer: Offer, language: str, ids: Any, labels: dict[str, str], slug: str
) -> dict[str, Any]:
    topics = sorted((row.topic for row in offer.topic_rows.all()), key=list(labels).index)
    codes = sorted(row.language for row in offer.language_rows.all())
    distance = getattr(offer, "distance_sq", None)
    localized = texts(offer, language)
    return {
        "id": offer.pk,
        "hsds_id": ids.of(offer),
        "name": localized["name"],
        "summary": localized["summary"],
        "provider": {"name": offer.provider.name},
        "topics": [{"code": code, "label": labels[code]} for code in topics],
        "languages": [
            {"code": code, "native": BY_CODE[code].native if code in BY_CODE else code}
            for code in codes
        ],
        "cost": offer.cost,
        "status": offer.status,
        "closed_until": offer.closed_until,
        "distance_km": round(distance**0.5, 1) if distance is not None else None,
        "url": url_of(request, "directory:offer", slug, offer.pk),
    }


def _location(location: Location, language: str) -> dict[str, Any]:
    localized = texts(location, language)
    return {
        "name": localized["name"],
        "street": location.street,
        "postcode": location.postcode,
        "city": location.city,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "directions": localized["directions"],
        "accessibility": list(location.accessibility),
        "accessibility_note": localized["accessibility_note"],
    }


def _provider(provider: Provider, language: str) -> dict[str, Any]:
    return {
        "name": provider.name,
        "description": texts(provider, language)["description"],
        "website": provider.website,
        "email": provider.email,
        "phone": provider.phone,
    }


HOURS = ("weekday", "opens_at", "closes_at", "valid_from", "valid_to")
EXCEPTION = ("starts_on", "ends_on", "closed", "opens_at", "closes_at", "note")


def _fields(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def detail(
    request: HttpRequest, offer: Offer, language: str, ids: Any, labels: dict[str, str], slug: str
) -> dict[str, Any]:
    localized = texts(offer, language)
    places = [
        {
            "location": _location(place.location, language),
            "by_appointment": place.by_appointment,
            "hours": [_fields(s, HOURS) for s in place.schedules.all()],
            "exceptions": [_fields(e, EXCEPTION) for e in place.exceptions.all()],
        }
        for place in offer.offer_locations.all()
    ]
    checked = offer.last_checked_at
    return {
        **card(request, offer, language, ids, labels, slug),
        "provider": _provider(offer.provider, language),
        **{
            field: localized[field]
            for field in ("description", "eligibility", "required_documents", "cost_note")
        },
        "min_age": offer.min_age,
        "max_age": offer.max_age,
        "website": offer.website,
        "contact": {
            "name": offer.contact_name,
            "phone": offer.contact_phone,
            "email": offer.contact_email,
        },
        "last_checked_on": timezone.localdate(checked) if checked else None,
        "places": places,
    }


def page_ref(request: HttpRequest, page: GuidePage, language: str, slug: str) -> dict[str, Any]:
    localized = texts(page, language)
    return {
        "id": page.pk,
        "slug": page.slug,
        "title": localized["title"],
        "summary": localized["summary"],
        "url": url_of(request, "directory:guide", slug, page.pk, page.slug),
    }


def section_out(request: HttpRequest, section: GuideSection, language: str) -> dict[str, Any]:
    localized = texts(section, language)
    image = None
    if section.image:
        image = {
            "url": request.build_absolute_uri(section.image.url),
            "alt": localized["image_alt"],
        }
    return {
        "id": section.pk,
        "heading": localized["heading"],
        "body": localized["body"],
        "image": image,
    }


def topic_out(topic: GuideTopic, language: str) -> dict[str, Any]:
    localized = texts(topic, language)
    return {"id": topic.pk, "title": localized["title"], "summary": localized["summary"]}
