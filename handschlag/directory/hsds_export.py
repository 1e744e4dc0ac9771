"""HSDS 3.0 export of a portal: its published offers as compiled service objects (each with
its organization, service_at_locations → location, schedules, languages, attributes, …),
in German with the translations as "x-translations" (the mapping: hsds.py).

A constant number of queries per portal, however many offers it has: the offers with their
rows (prefetched), their translations (one query per model) and the imported ids.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format

from handschlag.core.languages import language_name

from .hsds import (
    COST_TAXONOMY,
    DATA_LICENSE,
    HSDS_VERSION,
    STATUS_OUT,
    TOPIC_TAXONOMY,
    TRANSLATED_FIELDS,
    WEEKDAYS,
    Ids,
    part_id,
    taxonomy_id,
    term_id,
)
from .models import (
    TARGET_LANGUAGES,
    Accessibility,
    Cost,
    Location,
    Offer,
    OfferLocation,
    Portal,
    Provider,
    Schedule,
    ScheduleException,
    Topic,
    Translatable,
    Translation,
)
from .translation import Status, source_hash

TAXONOMIES = {
    TOPIC_TAXONOMY: "Themen der Angebote für Neuzugewanderte (Handschlag)",
    COST_TAXONOMY: "Kosten eines Angebots (Handschlag): kostenlos, ermäßigt, kostenpflichtig",
}
TOPIC_ORDER = {code: position for position, code in enumerate(Topic.values)}
LANGUAGE_ORDER = {code: position for position, code in enumerate(TARGET_LANGUAGES)}


def translation_rows(
    objects: dict[type[Translatable], Iterable[Translatable]],
) -> dict[tuple[type, int], dict[str, dict[str, tuple[str, str, str, bool]]]]:
    """{(model, pk): {field: {language: (text, source hash, source text, machine-made and
    unreviewed)}}} of every translation of `objects`: one query per model, plain rows."""
    found: dict[tuple[type, int], dict[str, dict[str, tuple[str, str, str, bool]]]] = {}
    for model, items in objects.items():
        pks = [obj.pk for obj in items]
        if not pks:
            continue
        rows = Translation.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=pks,
            language__in=TARGET_LANGUAGES,
        ).values_list("object_id", "field", "language", "text", "source_hash", "source_text",
                      "origin", "reviewed_at")  # fmt: skip
        for pk, field, language, text, made_from, source_text, origin, reviewed_at in rows:
            unreviewed = origin == Translation.Origin.MACHINE and reviewed_at is None
            found.setdefault((model, pk), {}).setdefault(field, {})[language] = (
                text, made_from, source_text, unreviewed
            )  # fmt: skip
    return found


def exported_offers(portal: Portal) -> QuerySet[Offer]:
    """What the export holds: the portal's published offers (ended ones as "defunct"), with
    everything the service objects show, prefetched."""
    places = OfferLocation.objects.select_related("location").prefetch_related(
        Prefetch("schedules", queryset=Schedule.objects.order_by("weekday", "opens_at", "pk")),
        Prefetch("exceptions", queryset=ScheduleException.objects.order_by("starts_on", "pk")),
    )
    return (
        Offer.objects.filter(portal=portal, published_at__isnull=False)
        .select_related("provider")
        .prefetch_related(
            "topic_rows", "language_rows", Prefetch("offer_locations", places.order_by("pk"))
        )
        .order_by("name", "pk")
    )


def _put(obj: dict[str, Any], key: str, value: Any) -> None:
    """Set `key` unless `value` is empty: HSDS leaves out what is not known."""
    if value not in ("", None, [], {}):
        obj[key] = value


def _time(value: datetime.time) -> str:
    return value.isoformat("minutes" if not value.second else "seconds")


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


class ServiceWriter:
    """Builds the service objects of one portal's offers (German values, translations apart)."""

    def __init__(self, portal: Portal, offers: list[Offer]) -> None:
        self.portal = portal
        self.ids = Ids([portal.pk])
        providers = {offer.provider_id: offer.provider for offer in offers}
        locations = {
            place.location_id: place.location
            for offer in offers
            for place in offer.offer_locations.all()
        }
        self.translations = translation_rows(
            {Offer: offers, Provider: providers.values(), Location: locations.values()}
        )
        self.state = portal.municipality.get_state_display()
        self.organizations: dict[int, dict[str, Any]] = {}
        # German labels, worked out once (not per offer)
        self.topic_labels = {code: str(label) for code, label in Topic.choices}
        self.cost_labels = {code: str(label) for code, label in Cost.choices}
        self.access_labels = {code: str(label) for code, label in Accessibility.choices}
        self.language_names: dict[str, str] = {}
        self.locations: dict[int, dict[str, Any]] = {}

    # translations ---------------------------------------------------------------------------
    def _translations(self, obj: Translatable) -> dict[str, dict[str, dict[str, str]]]:
        """{language: {HSDS field: {text, status[, source]}}}; the status as status_of()
        computes it (translation.py), with each German section hashed once."""
        rows = self.translations.get((type(obj), obj.pk), {})
        found: dict[str, dict[str, dict[str, str]]] = {}
        for field, key in TRANSLATED_FIELDS[type(obj)].items():
            source = getattr(obj, field)
            if not source.strip() or field not in rows:
                continue
            current = source_hash(source)
            for language, (text, made_from, source_text, unreviewed) in rows[field].items():
                if made_from != current:
                    found.setdefault(language, {})[key] = {
                        "text": text, "status": Status.OUTDATED.value, "source": source_text
                    }  # fmt: skip
                else:
                    status = Status.MACHINE if unreviewed else Status.CURRENT
                    found.setdefault(language, {})[key] = {"text": text, "status": status.value}
        return dict(sorted(found.items(), key=lambda item: LANGUAGE_ORDER[item[0]]))

    def language(self, code: str) -> str:
        if code not in self.language_names:
            self.language_names[code] = language_name(code)
        return self.language_names[code]

    # objects --------------------------------------------------------------------------------
    def organization(self, provider: Provider) -> dict[str, Any]:
        if provider.pk not in self.organizations:
            oid = self.ids.of(provider)
            obj: dict[str, Any] = {
                "id": oid,
                "name": provider.name,
                "description": provider.description,
            }
            _put(obj, "email", provider.email)
            _put(obj, "website", provider.website)
            if provider.phone:
                obj["phones"] = [{"id": part_id(oid, "phone"), "number": provider.phone}]
            _put(obj, "x-translations", self._translations(provider))
            self.organizations[provider.pk] = obj
        return self.organizations[provider.pk]

    def location(self, location: Location) -> dict[str, Any]:
        if location.pk in self.locations:
            return self.locations[location.pk]
        lid = self.ids.of(location)
        obj: dict[str, Any] = {"id": lid, "location_type": "physical", "name": location.name}
        _put(obj, "transportation", location.directions)
        _put(obj, "latitude", location.latitude)
        _put(obj, "longitude", location.longitude)
        if location.street and location.postcode and location.city:
            obj["addresses"] = [
                {
                    "id": part_id(lid, "address"),
                    "address_1": location.street,
                    "city": location.city,
                    "state_province": self.state,
                    "postal_code": location.postcode,
                    "country": "DE",
                    "address_type": "physical",
                }
            ]
        else:
            address: dict[str, Any] = {"city": location.city}
            _put(address, "address_1", location.street)
            _put(address, "postal_code", location.postcode)
            obj["x-address"] = address
        labels = self.access_labels
        access = [
            {"id": part_id(lid, f"accessibility/{code}"), "description": labels[code]}
            for code in location.accessibility
            if code in labels
        ]
        note = location.accessibility_note
        if note:
            access.append({"id": part_id(lid, "accessibility/note"), "description": note})
        _put(obj, "accessibility", access)
        _put(obj, "x-translations", self._translations(location))
        self.locations[location.pk] = obj
        return obj

    def schedule(self, schedule: Schedule) -> dict[str, Any]:
        obj: dict[str, Any] = {
            "id": self.ids.of(schedule),
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": WEEKDAYS[schedule.weekday],
            "opens_at": _time(schedule.opens_at),
            "closes_at": _time(schedule.closes_at),
        }
        _put(obj, "valid_from", _date(schedule.valid_from))
        _put(obj, "valid_to", _date(schedule.valid_to))
        return obj

    @staticmethod
    def exception(exception: ScheduleException) -> dict[str, Any]:
        obj: dict[str, Any] = {
            "starts_on": exception.starts_on.isoformat(),
            "ends_on": exception.ends_on.isoformat(),
            "closed": exception.closed,
        }
        if exception.opens_at and exception.closes_at:
            obj["opens_at"] = _time(exception.opens_at)
            obj["closes_at"] = _time(exception.closes_at)
        _put(obj, "note", exception.note)
        return obj

    def service_at_location(self, place: OfferLocation) -> dict[str, Any]:
        obj: dict[str, Any] = {"id": self.ids.of(place)}
        if place.by_appointment:
            obj["description"] = "Nur mit Termin."
        obj["location"] = self.location(place.location)
        _put(obj, "schedules", [self.schedule(schedule) for schedule in place.schedules.all()])
        obj["x-by_appointment"] = place.by_appointment
        _put(obj, "x-schedule_exceptions", [self.exception(e) for e in place.exceptions.all()])
        return obj

    @staticmethod
    def attribute(link_id: str, taxonomy: str, code: str, name: str) -> dict[str, Any]:
        term = term_id(taxonomy, code)
        return {
            "id": part_id(link_id, f"attribute/{taxonomy}/{code}"),
            "taxonomy_term_id": term,
            "link_entity": "service",
            "taxonomy_term": {
                "id": term,
                "code": code,
                "name": name,
                "description": name,
                "taxonomy": taxonomy,
                "language": "de",
                "taxonomy_id": taxonomy_id(taxonomy),
                "taxonomy_detail": {
                    "id": taxonomy_id(taxonomy),
                    "name": taxonomy,
                    "description": TAXONOMIES[taxonomy],
                },
            },
        }

    def service(self, offer: Offer) -> dict[str, Any]:
        sid = self.ids.of(offer)
        obj: dict[str, Any] = {
            "id": sid,
            "name": offer.name,
            "status": STATUS_OUT[Offer.Status(offer.status)],
        }
        _put(obj, "x-summary", offer.summary)
        _put(obj, "description", offer.description)
        _put(obj, "url", offer.website)
        _put(obj, "email", offer.contact_email)
        _put(obj, "fees_description", offer.cost_note)
        _put(obj, "eligibility_description", offer.eligibility)
        _put(obj, "minimum_age", offer.min_age)
        _put(obj, "maximum_age", offer.max_age)
        if offer.last_checked_at:
            obj["assured_date"] = timezone.localdate(offer.last_checked_at).isoformat()
        if offer.status == Offer.Status.CLOSED:
            if offer.closed_until:
                until = date_format(offer.closed_until, "SHORT_DATE_FORMAT")
                obj["alert"] = f"Vorübergehend geschlossen bis {until}."
                obj["x-closed_until"] = offer.closed_until.isoformat()
            else:
                obj["alert"] = "Vorübergehend geschlossen."
        obj["last_modified"] = offer.updated_at.isoformat()
        obj["organization"] = self.organization(offer.provider)
        if offer.contact_phone:
            obj["phones"] = [{"id": part_id(sid, "phone"), "number": offer.contact_phone}]
        if offer.contact_name:
            obj["contacts"] = [{"id": part_id(sid, "contact"), "name": offer.contact_name}]
        codes = sorted(row.language for row in offer.language_rows.all())
        _put(
            obj,
            "languages",
            [
                {"id": part_id(sid, f"language/{code}"), "name": self.language(code), "code": code}
                for code in codes
            ],
        )
        topics = sorted((row.topic for row in offer.topic_rows.all()), key=TOPIC_ORDER.__getitem__)
        terms = [(TOPIC_TAXONOMY, code, self.topic_labels[code]) for code in topics]
        terms.append((COST_TAXONOMY, offer.cost, self.cost_labels[offer.cost]))
        obj["attributes"] = [self.attribute(sid, *term) for term in terms]
        if offer.cost == Cost.FREE:
            obj["cost_options"] = [
                {"id": part_id(sid, "cost"), "option": self.cost_labels[Cost.FREE], "amount": 0,
                 "currency": "EUR"}
            ]  # fmt: skip
        lines = [line.strip() for line in offer.required_documents.splitlines() if line.strip()]
        _put(
            obj,
            "required_documents",
            [
                {"id": part_id(sid, f"required_document/{number}"), "document": line}
                for number, line in enumerate(lines, start=1)
            ],
        )
        obj["service_at_locations"] = [
            self.service_at_location(place) for place in offer.offer_locations.all()
        ]
        _put(obj, "x-translations", self._translations(offer))
        return obj


def portal_services(portal: Portal) -> list[dict[str, Any]]:
    """The portal's published offers as HSDS 3.0 service objects, German values."""
    with translation.override("de"):
        offers = list(exported_offers(portal))
        writer = ServiceWriter(portal, offers)
        return [writer.service(offer) for offer in offers]


def source_of(portal: Portal | None, *, url: str = "") -> dict[str, Any]:
    """Where the data come from, under which licence (the "x-source" of a document)."""
    return {
        "publisher": "Handschlag",
        "portal": str(portal) if portal else None,
        "url": url,
        "hsds_version": HSDS_VERSION,
        "license": DATA_LICENSE,
    }


def hsds_document(portal: Portal, *, url: str = "") -> dict[str, Any]:
    """The portal's services as one page of HSDS's /services answer (the Page schema of its
    OpenAPI description), all on one page."""
    services = portal_services(portal)
    return {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
        "x-source": source_of(portal, url=url),
    }
