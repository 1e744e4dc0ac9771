"""A small portal world for the reader's pages: Sonneberg's published portal with offers in
every state, places with hours and closed days, guides, and Ukrainian translations in every
status (current, outdated, machine-made, missing); a neighbouring town without a portal, and
an unpublished portal.

    world = build_public_world()
    world.course, world.counselling, world.guide …
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from handschlag.directory.editing import apply_changes
from handschlag.directory.models import (
    Accessibility,
    GuidePage,
    GuideSection,
    Location,
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
from handschlag.directory.translating import refresh_search_text, translate
from handschlag.organisations.models import Membership
from handschlag.places.models import Municipality
from tests import factories as base

from . import factories

UK = "uk"


@dataclass
class PublicWorld:
    portal: Portal
    town: Municipality
    neighbour: Municipality  # Neuhaus-Schierschnitz: no portal, 8 km north-east
    editor: object
    course: Offer  # "Deutschkurs am Abend": uk translated (name current, description outdated)
    counselling: Offer  # closed until a date; its uk summary machine-translated
    phone_line: Offer  # no place at all
    far: Offer  # in Lauscha, 14 km away
    unpublished: Offer
    ended: Offer
    guide: GuidePage
    sections: list[GuideSection] = field(default_factory=list)
    draft_guide: GuidePage | None = None
    hidden_portal: Portal | None = None
    town_hall: Location | None = None


def offer(portal: Portal, name: str, *, topics=(), languages=(), places=(), **values) -> Offer:
    created = factories.OfferFactory(portal=portal, name=name, **values)
    for topic in topics:
        OfferTopic.objects.create(offer=created, topic=topic)
    for code in languages:
        OfferLanguage.objects.create(offer=created, language=code)
    for place in places:
        OfferLocation.objects.create(offer=created, location=place)
    refresh_search_text(created)
    return created


def build_public_world(
    name: str = "Sonneberg", slug: str = "sonneberg", ags: str = "16072017"
) -> PublicWorld:
    """The world; another town's `name`, `slug` and `ags` where Sonneberg is taken (the HTML
    check runs beside the demo world, which has a portal of its own there)."""
    town = base.MunicipalityFactory(
        name=name, slug=slug, ags=ags, latitude=50.3597, longitude=11.1744
    )
    neighbour = base.MunicipalityFactory(
        name="Neuhaus-Schierschnitz", slug="neuhaus-schierschnitz", ags="16072015",
        latitude=50.4166, longitude=11.2494, population=4000,
    )  # fmt: skip
    base.MunicipalityFactory(
        name="Lauscha", slug="lauscha", ags="16072011", latitude=50.4764, longitude=11.1597,
        population=3300,
    )  # fmt: skip
    portal = factories.PortalFactory(
        municipality=town, welcome=f"Willkommen in {name}!\n\nHier finden Sie Hilfe."
    )
    editor = base.UserFactory()
    base.MembershipFactory(
        user=editor, organisation=portal.organisation, role=Membership.Role.MEMBER
    )

    town_hall = factories.LocationFactory(
        portal=portal, name="Rathaus", street="Bahnhofstraße 1", postcode="96515",
        latitude=50.3597, longitude=11.1744, directions="Bus 2 bis Rathaus.",
        accessibility=[Accessibility.STEP_FREE, Accessibility.LIFT],
        accessibility_note="Klingel am Seiteneingang.",
    )  # fmt: skip
    school = factories.LocationFactory(
        portal=portal, name="Volkshochschule", street="Schulplatz 3", postcode="96515",
        latitude=50.3650, longitude=11.1800,
    )  # fmt: skip
    lauscha = factories.LocationFactory(
        portal=portal, name="Glashütte Lauscha", street="Hüttenplatz 1", postcode="98724",
        city="Lauscha", latitude=50.4764, longitude=11.1597,
    )  # fmt: skip

    course = offer(
        portal, "Deutschkurs am Abend", topics=[Topic.LANGUAGE, Topic.SCHOOL],
        languages=["de", "ar", "uk"], places=[school, town_hall],
        summary="Deutsch lernen am Abend, für Anfängerinnen und Anfänger.",
        description="Der Kurs ist zweimal pro Woche.", cost="reduced",
        cost_note="10 Euro im Monat", contact_phone="+49 3675 123-45",
        contact_email="kurs@vhs.example", eligibility="Erwachsene ab 16 Jahren.",
        required_documents="Aufenthaltstitel", min_age=16,
    )  # fmt: skip
    counselling = offer(
        portal, "Migrationsberatung", topics=[Topic.COUNSELLING], languages=["ru", "fa"],
        places=[town_hall], summary="Beratung zu Aufenthalt, Arbeit und Familie.",
        status=Offer.Status.CLOSED, closed_until=datetime.date(2031, 1, 31),
    )  # fmt: skip
    phone_line = offer(
        portal, "Hilfetelefon", topics=[Topic.EMERGENCY], languages=["de", "en"],
        summary="Rund um die Uhr erreichbar.",
    )  # fmt: skip
    far = offer(
        portal, "Sprachcafé Lauscha", topics=[Topic.LANGUAGE, Topic.ENCOUNTER],
        languages=["de", "tr"], places=[lauscha], summary="Deutsch sprechen bei Kaffee.",
    )  # fmt: skip
    unpublished = offer(portal, "Geheimer Entwurf", topics=[Topic.LANGUAGE], published_at=None)
    ended = offer(
        portal, "Alter Nähkurs", topics=[Topic.LEISURE], status=Offer.Status.ENDED
    )  # fmt: skip

    # the course's hours at the school: Monday and Wednesday evenings, a summer slot, a holiday
    school_row = course.offer_locations.get(location=school)
    Schedule.objects.create(
        offer_location=school_row,
        weekday=0,
        opens_at=datetime.time(18),
        closes_at=datetime.time(20),
    )
    Schedule.objects.create(
        offer_location=school_row,
        weekday=2,
        opens_at=datetime.time(18),
        closes_at=datetime.time(20),
    )
    nine, eleven = datetime.time(9), datetime.time(11)
    Schedule.objects.create(
        offer_location=school_row, weekday=4, opens_at=nine, closes_at=eleven,
        valid_from=datetime.date(2030, 7, 1), valid_to=datetime.date(2030, 8, 31),
    )  # fmt: skip
    Schedule.objects.create(
        offer_location=school_row, weekday=1, opens_at=nine, closes_at=eleven,
        valid_to=datetime.date(2001, 1, 1),
    )  # fmt: skip
    ScheduleException.objects.create(
        offer_location=school_row, starts_on=datetime.date(2030, 12, 24),
        ends_on=datetime.date(2030, 12, 24), note="Heiligabend",
    )  # fmt: skip

    # Ukrainian: the course's name current, its description outdated (German changed since)
    translate(obj=course, field="name", language=UK, text="Курс німецької ввечері", by=editor)
    translate(
        obj=course, field="summary", language=UK, text="Вивчайте німецьку ввечері.", by=editor
    )
    translate(
        obj=course, field="description", language=UK, text="Курс двічі на тиждень.", by=editor
    )
    apply_changes(course, {"description": "Der Kurs ist dreimal pro Woche."}, by=editor)
    # the counselling's summary machine-translated, nobody reviewed it
    translate(
        obj=counselling, field="summary", language=UK, text="Консультації з питань перебування.",
        by=None, origin=Translation.Origin.MACHINE,
    )  # fmt: skip
    translate(obj=portal, field="welcome", language=UK, text="Ласкаво просимо!", by=editor)
    for item in (course, counselling):
        item.refresh_from_db()

    topic = factories.GuideTopicFactory(portal=portal, title="Ankommen", summary="Die ersten Tage")
    guide = factories.GuidePageFactory(topic=topic, slug="erste-schritte", title="Erste Schritte")
    sections = [
        factories.GuideSectionFactory(
            page=guide, position=0, heading="Anmelden", body="Melden Sie sich im Bürgerbüro an."
        ),
        factories.GuideSectionFactory(
            page=guide,
            position=1,
            heading="Krankenkasse",
            body="Sie brauchen eine Krankenkasse.\n\nFragen Sie Ihre Arbeitgeberin.",
        ),
        factories.GuideSectionFactory(
            page=guide, position=2, heading="Deutsch lernen", body="Es gibt Kurse am Abend."
        ),
    ]
    guide.offers.add(course, far, unpublished)
    translate(obj=guide, field="title", language=UK, text="Перші кроки", by=editor)
    translate(obj=topic, field="title", language=UK, text="Прибуття", by=editor)
    # section 0: current; section 1: outdated; section 2: machine-made; none of them: missing
    for section in sections:
        heading = f"Розділ {section.position}"
        translate(obj=section, field="heading", language=UK, text=heading, by=editor)
    translate(obj=sections[0], field="body", language=UK, text="Зареєструйтеся.", by=editor)
    translate(obj=sections[1], field="body", language=UK, text="Вам потрібна каса.", by=editor)
    apply_changes(sections[1], {"body": "Sie brauchen eine gesetzliche Krankenkasse."}, by=editor)
    translate(
        obj=sections[2], field="body", language=UK, text="Є вечірні курси.", by=None,
        origin=Translation.Origin.MACHINE,
    )  # fmt: skip
    draft_guide = factories.GuidePageFactory(
        topic=topic, slug="entwurf", title="Entwurf", published_at=None
    )

    hidden_portal = factories.PortalFactory(published_at=None)
    offer(hidden_portal, "Nicht sichtbar", topics=[Topic.WORK])
    return PublicWorld(
        portal=portal, town=town, neighbour=neighbour, editor=editor, course=course,
        counselling=counselling, phone_line=phone_line, far=far, unpublished=unpublished,
        ended=ended, guide=guide, sections=sections, draft_guide=draft_guide,
        hidden_portal=hidden_portal, town_hall=town_hall,
    )  # fmt: skip


def more_offers(portal: Portal, count: int, *, place: Location | None = None) -> list[Offer]:
    """`count` more public offers, each with topics, languages and a place (for query counts)."""
    place = place or factories.LocationFactory(portal=portal)
    made = []
    for n in range(count):
        made.append(
            offer(
                portal,
                f"Zusatzangebot {n}",
                topics=[Topic.WORK, Topic.HEALTH],
                languages=["de", "ar"],
                places=[place],
            )
        )
    return made


def published_now() -> datetime.datetime:
    return timezone.now()
