"""A portal with everything the HSDS export carries: offers with providers, places (with and
without a full address), opening hours with validity and exceptions, topics, languages,
every cost, every status, and translations in every status."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from handschlag.directory.models import (
    Accessibility,
    Cost,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferTopic,
    Portal,
    Schedule,
    ScheduleException,
    Topic,
    Translation,
)
from handschlag.directory.translation import source_hash

from . import factories


def translate(obj, field, language, text, *, origin="human", reviewed=True, made_from=None):
    """A translation row as the translating service would leave it (made from `made_from`,
    default: the current German)."""
    source = getattr(obj, field) if made_from is None else made_from
    return Translation.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        field=field,
        language=language,
        text=text,
        source_hash=source_hash(source),
        source_text=source,
        origin=origin,
        reviewed_at=timezone.now() if reviewed else None,
    )


def full_offer(portal: Portal, n: int = 0, *, languages=("en", "ar", "uk")) -> Offer:
    provider = factories.ProviderFactory(
        portal=portal,
        name=f"Caritas Sonneberg {n}",
        email=f"info{n}@caritas.example",
        website="https://caritas.example/sonneberg",
        phone="03675 12345",
    )
    offer = factories.OfferFactory(
        portal=portal,
        provider=provider,
        name=f"Migrationsberatung {n}",
        summary="Beratung zu Aufenthalt, Arbeit und Familie.",
        description="Wir beraten Sie vertraulich.\nTermine nach Absprache.",
        eligibility="Erwachsene Zugewanderte",
        required_documents="Pass oder Ausweis\nAufenthaltstitel",
        cost=Cost.FREE,
        cost_note="Die Beratung ist kostenlos.",
        min_age=18,
        max_age=99,
        website="https://caritas.example/beratung",
        contact_name="Beratungsstelle",
        contact_phone="03675 99999",
        contact_email=f"beratung{n}@caritas.example",
    )
    for topic in (Topic.COUNSELLING, Topic.ASYLUM):
        OfferTopic.objects.create(offer=offer, topic=topic)
    for code in ("de", "ar", "ru"):
        OfferLanguage.objects.create(offer=offer, language=code)
    house = factories.LocationFactory(
        portal=portal,
        name=f"Haus der Begegnung {n}",
        street="Bahnhofstraße 1",
        postcode="96515",
        city="Sonneberg",
        directions="Bus 2 bis Bahnhof.",
        accessibility=[Accessibility.STEP_FREE, Accessibility.LIFT],
        accessibility_note="Klingel am Seiteneingang.",
    )
    market = factories.LocationFactory(
        portal=portal,
        name=f"Treffpunkt Markt {n}",
        street="",
        postcode="",
        city="Sonneberg",
        latitude=None,
        longitude=None,
    )
    at_house = OfferLocation.objects.create(offer=offer, location=house)
    at_market = OfferLocation.objects.create(offer=offer, location=market, by_appointment=True)
    Schedule.objects.create(
        offer_location=at_house, weekday=0, opens_at=datetime.time(9), closes_at=datetime.time(12)
    )
    Schedule.objects.create(
        offer_location=at_house,
        weekday=3,
        opens_at=datetime.time(14),
        closes_at=datetime.time(17, 30),
        valid_from=datetime.date(2026, 1, 1),
        valid_to=datetime.date(2026, 12, 31),
    )
    Schedule.objects.create(
        offer_location=at_market,
        weekday=4,
        opens_at=datetime.time(10),
        closes_at=datetime.time(11),
    )
    ScheduleException.objects.create(
        offer_location=at_house,
        starts_on=datetime.date(2026, 12, 24),
        ends_on=datetime.date(2026, 12, 26),
        note="Weihnachten",
    )
    ScheduleException.objects.create(
        offer_location=at_house,
        starts_on=datetime.date(2026, 7, 1),
        ends_on=datetime.date(2026, 7, 1),
        closed=False,
        opens_at=datetime.time(8),
        closes_at=datetime.time(10),
    )
    for language in languages:
        translate(offer, "name", language, f"Migration counselling {n} [{language}]")
        translate(
            offer,
            "summary",
            language,
            f"Counselling [{language}]",
            origin="machine",
            reviewed=False,
        )
        translate(
            offer,
            "description",
            language,
            f"We advise you [{language}]",
            made_from="Wir beraten Sie.",
        )
        translate(offer, "required_documents", language, f"Passport\nResidence permit [{language}]")
        translate(provider, "description", language, f"We advise you for free [{language}]")
        translate(house, "directions", language, f"Bus 2 to the station [{language}]")
        translate(house, "accessibility_note", language, f"Bell at the side door [{language}]")
    return offer


def world(portal: Portal, offers: int = 2) -> list[Offer]:
    """`offers` full offers, plus one of each other status and cost, and one unpublished."""
    made = [full_offer(portal, n) for n in range(offers)]
    closed = factories.OfferFactory(
        portal=portal,
        status=Offer.Status.CLOSED,
        closed_until=datetime.date(2026, 9, 1),
        cost=Cost.REDUCED,
        name="Sprachcafé",
    )
    ended = factories.OfferFactory(
        portal=portal, status=Offer.Status.ENDED, cost=Cost.PAID, name="Nähkurs"
    )
    factories.OfferFactory(portal=portal, published_at=None, name="Entwurf")
    return [*made, closed, ended]
