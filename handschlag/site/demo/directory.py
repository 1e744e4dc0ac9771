"""The newcomer portals of the demo world: Sonneberg and Potsdam, published, each with 22 offers
(directory_data.OFFERS) and six guide pages in three topics, translated into all seven portal
languages through the real services — so every translation status is there, computed:

- current: most sections (Sonneberg's Ukrainian and Arabic by its translator);
- outdated: the German of a Sonneberg offer's summary and of a guide section changed after
  they were translated;
- missing: a guide section added after the last round (only English done), and Potsdam's bike
  workshop, new, not yet in Farsi, Turkish and Russian;
- machine-translated, unreviewed: Potsdam's Farsi, and Sonneberg's Turkish of "Arbeit finden".

Also: a provider organisation that keeps its own offers (anbieter@), a translator of
Sonneberg's portal (translator@), one offer closed for a while and one ended per town, an
offer whose contact never answered "Ist das noch richtig?" (flagged), an open check whose
link is in the README, and reader reports waiting. Idempotent: nothing is added once
Sonneberg or Potsdam has a portal.
"""

from __future__ import annotations

import datetime
from io import BytesIO

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from handschlag.accounts.models import User
from handschlag.directory import guides, keeping, locations, offer_locations, offers, portals
from handschlag.directory.models import (
    PORTAL_LANGUAGES,
    GuidePage,
    GuideSection,
    Offer,
    OfferCheck,
    Portal,
    ReaderReport,
    Translatable,
    Translation,
)
from handschlag.directory.offer_locations import ExceptionDays, Slot
from handschlag.directory.providers import create_provider, link_provider
from handschlag.directory.translating import translate
from handschlag.organisations.models import Membership, Organisation
from handschlag.organisations.rules import membership_snapshot
from handschlag.places.models import Municipality

from . import data
from . import directory_data as texts

# key, email, first name, last name
PEOPLE = [
    ("translator", "translator@demo.handschlag.example", "Olena", "Saleh"),
    ("provider", "anbieter@demo.handschlag.example", "Hanna", "Schubert"),
]
SONNEBERG_HALL = "Stadt Sonneberg – Integrationsbüro"  # made by assessment.py
PROVIDER_ORGANISATION = "Brückenhaus e. V."
# the open "Ist das noch richtig?" link of Sonneberg's migration counselling (README):
# /portal/pruefen/<token>/ — demo data only
CHECK_TOKEN = "demo-noch-richtig-sonneberg"  # noqa: S105 - documented demo token
MACHINE = Translation.Origin.MACHINE


def load_directory(
    people: dict[str, User], organisations: dict[str, Organisation],
    towns: dict[str, Municipality],
) -> int:  # fmt: skip
    """Create the demo's portals unless they exist; returns how many offers were created."""
    cast = _people()
    if Portal.objects.filter(municipality__in=[towns[t.slug] for t in texts.TOWNS]).exists():
        return 0  # loaded before (or a portal opened by hand: the demo leaves it alone)
    officer = User.objects.get(email="integration@demo.handschlag.example")
    sonneberg_hall = Organisation.objects.get(slug=slugify(SONNEBERG_HALL))
    keeper = _provider_organisation(cast["provider"], towns["sonneberg"])
    editors = {"sonneberg": officer, "potsdam": people["municipality"]}
    halls = {"sonneberg": sonneberg_hall, "potsdam": organisations["stadt_potsdam"]}
    made = 0
    for town in texts.TOWNS:
        portal = portals.create_portal(
            municipality=towns[town.slug], organisation=halls[town.slug], by=editors[town.slug],
            welcome=_fill(texts.WELCOME[0], towns[town.slug].name),
        )  # fmt: skip
        if town.slug == "sonneberg":
            membership, _new = Membership.objects.get_or_create(
                organisation=sonneberg_hall, user=cast["translator"]
            )
            portals.grant_translator(portal=portal, membership=membership, by=officer)
        with membership_snapshot():  # every membership and role above is in place
            made += _portal(portal, town, editors[town.slug], keeper, cast)
    return made


def _people() -> dict[str, User]:
    cast = {}
    for key, email, first, last in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, data.DEMO_PASSWORD, first_name=first, last_name=last
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        cast[key] = user
    return cast


def _provider_organisation(admin: User, town: Municipality) -> Organisation:
    """The verified association that runs Sonneberg's Brückenhaus and keeps its offers."""
    organisation, _new = Organisation.objects.get_or_create(
        slug=slugify(PROVIDER_ORGANISATION),
        defaults={
            "name": PROVIDER_ORGANISATION, "kind": Organisation.Kind.ASSOCIATION,
            "municipality": town, "is_verified": True, "verified_at": timezone.now(),
            "description": "Beratung für Menschen, die neu in Sonneberg sind.",
        },
    )  # fmt: skip
    Membership.objects.get_or_create(
        organisation=organisation, user=admin, defaults={"role": Membership.Role.ADMIN}
    )
    return organisation


def _fill(text: str, town: str, index: int = 0, **values: str) -> str:
    """The text in the language at `index` of PORTAL_LANGUAGES with the town's name (as that
    language writes it) and `values` filled in."""
    text = texts.with_town(text, town, PORTAL_LANGUAGES[index])
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def _portal(
    portal: Portal, town: texts.Town, editor: User, keeper: Organisation, cast: dict[str, User]
) -> int:
    name = portal.municipality.name
    portals.set_portal_published(portal=portal, published=True, by=editor)
    providers = {
        key: create_provider(
            portal=portal,
            by=editor,
            name=_fill(provider, name),
            email=f"{key}.{town.slug}@demo.handschlag.example",
        )
        for key, provider in texts.PROVIDERS.items()
    }
    if town.slug == "sonneberg":  # the Brückenhaus keeps its own offers there
        link_provider(provider=providers["bruecke"], organisation=keeper, by=editor)
    places = {
        key: locations.create_location(
            portal=portal,
            by=editor,
            name=place.name,
            street=place.street,
            postcode=place.postcode,
            city=name,
            latitude=place.latitude,
            longitude=place.longitude,
            accessibility=list(place.accessibility),
            directions=_directions(place, 0, name),
        )
        for key, place in town.places.items()
    }
    made = _offers(portal, town, editor, providers, places, cast)
    translator = cast["translator"] if town.slug == "sonneberg" else None
    by_language = _translators(editor, translator)
    potsdam = town.slug == "potsdam"
    _welcome(portal, by_language, machine={"fa"} if potsdam else set())
    for key, place in town.places.items():
        for index, language in enumerate(PORTAL_LANGUAGES[1:], start=1):
            by = by_language[language]
            # a place's name is its sign: readers look for the German name in the street
            translate(obj=places[key], field="name", language=language, text=place.name, by=by)
            translate(obj=places[key], field="directions", language=language,
                      text=_directions(place, index, name), by=by)  # fmt: skip
    for key, offer in made:
        kind = texts.KINDS[key]
        skip = {"fa", "tr", "ru"} if potsdam and key == "bikes" else set()
        for index, language in enumerate(PORTAL_LANGUAGES[1:], start=1):
            if language in skip:
                continue  # new: not translated yet
            for field, values in kind.sections.items():
                if values[0]:
                    _translate(offer, field, language, _fill(values[index], name, index),
                               by_language, machine=potsdam and language == "fa")  # fmt: skip
    _guides(portal, town, editor, by_language, made)
    _keep(portal, town, made)
    if town.slug == "sonneberg":
        _changes_after_translation(portal, editor, made)
    return len(made)


def _directions(place: texts.Place, index: int, town: str) -> str:
    how, line, stop = place.directions
    return _fill(texts.DIRECTIONS[how][index], town, index, line=line, stop=stop)


def _translators(editor: User, translator: User | None) -> dict[str, User | None]:
    """Who translates which language: the portal's translator Ukrainian and Arabic (where
    there is one), the editor the rest (machine translations have nobody)."""
    chosen: dict[str, User | None] = dict.fromkeys(PORTAL_LANGUAGES[1:], editor)
    if translator is not None:
        chosen.update(uk=translator, ar=translator)
    return chosen


def _translate(
    obj: Translatable, field: str, language: str, text: str, by_language: dict,
    machine: bool = False,
) -> None:  # fmt: skip
    if machine:
        translate(obj=obj, field=field, language=language, text=text, by=None, origin=MACHINE)
    else:
        translate(obj=obj, field=field, language=language, text=text, by=by_language[language])


def _welcome(portal: Portal, by_language: dict, machine: set[str]) -> None:
    name = portal.municipality.name
    for index, language in enumerate(PORTAL_LANGUAGES[1:], start=1):
        text = _fill(texts.WELCOME[index], name, index)
        _translate(portal, "welcome", language, text, by_language, machine=language in machine)


def _christmas(today: datetime.date) -> ExceptionDays:
    year = today.year if today <= datetime.date(today.year, 12, 24) else today.year + 1
    if today.month == 1 and today.day <= 1:
        year = today.year - 1
    return ExceptionDays(
        starts_on=datetime.date(year, 12, 24), ends_on=datetime.date(year + 1, 1, 1),
        note="Weihnachten und Neujahr geschlossen",
    )  # fmt: skip


def _offers(
    portal: Portal, town: texts.Town, editor: User, providers: dict, places: dict,
    cast: dict[str, User],
) -> list[tuple[str, Offer]]:  # fmt: skip
    name = portal.municipality.name
    today = timezone.localdate()
    made: list[tuple[str, Offer]] = []
    for number, instance in enumerate(texts.OFFERS):
        kind = texts.KINDS[instance.kind]
        provider = providers[instance.provider]
        # the Brückenhaus's own staff keep its offers in Sonneberg
        by = cast["provider"] if provider.organisation_id else editor
        values = {field: _fill(sections[0], name) for field, sections in kind.sections.items()}
        offer = offers.create_offer(
            portal=portal, by=by, provider=provider, topics=kind.topics,
            languages=kind.spoken, checked=True, cost=kind.cost, min_age=kind.min_age,
            max_age=kind.max_age, contact_name="Beratungsteam" if number % 2 else "Service",
            contact_phone=f"{town.phone_prefix} {1100 + number * 7}",
            contact_email=f"{instance.kind}.{town.slug}@demo.handschlag.example", **values,
        )  # fmt: skip
        row = offer_locations.add_offer_location(
            offer=offer, location=places[instance.place], by=by,
            by_appointment=instance.by_appointment,
        )  # fmt: skip
        exceptions = []
        if instance.place in ("rathaus", "vhs", "abh", "jobcenter"):
            exceptions.append(_christmas(today))
        if instance.kind == "language_cafe":  # shorter once, for a team meeting
            day = today + datetime.timedelta(days=(3 - today.weekday()) % 7 + 7)
            exceptions.append(ExceptionDays(
                starts_on=day, ends_on=day, closed=False, opens_at=datetime.time(15),
                closes_at=datetime.time(16, 30), note="Nur bis 16:30 Uhr",
            ))  # fmt: skip
        offer_locations.set_hours(
            offer_location=row, by=by, exceptions=exceptions,
            slots=[
                Slot(int(day), datetime.time.fromisoformat(opens),
                     datetime.time.fromisoformat(closes))
                for days, opens, closes in instance.slots for day in days
            ],
        )  # fmt: skip
        offers.set_offer_published(offer=offer, published=True, by=by)
        if instance.kind == town.closed:
            offers.set_offer_status(
                offer=offer, status=Offer.Status.CLOSED, by=by,
                closed_until=today + datetime.timedelta(days=21),
            )  # fmt: skip
        elif instance.kind == town.ended:
            offers.set_offer_status(offer=offer, status=Offer.Status.ENDED, by=by)
        made.append((instance.kind, offer))
    # "last checked" spread over the past months (fixed, not random: the same world each time)
    now = timezone.now()
    for number, (_kind, offer) in enumerate(made):
        checked = now - datetime.timedelta(days=5 + (number * 37) % 150)
        Offer.objects.filter(pk=offer.pk).update(last_checked_at=checked)
    return made


def _first_by_kind(made: list[tuple[str, Offer]]) -> dict[str, Offer]:
    """The town's first offer of each kind (there are two integration courses)."""
    found: dict[str, Offer] = {}
    for key, offer in made:
        found.setdefault(key, offer)
    return found


def _drawing() -> SimpleUploadedFile:
    """A drawn picture of a form, a passport and a key (IMAGE_ALT says so in every language)."""
    image = Image.new("RGB", (960, 540), "#f3efe6")
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 110, 420, 470), fill="#ffffff", outline="#4a5968", width=4)
    for y in range(170, 430, 45):
        draw.line((160, y, 380, y), fill="#9aa7b4", width=6)
    draw.rounded_rectangle((500, 160, 700, 440), radius=16, fill="#7a2435")
    draw.ellipse((570, 240, 630, 300), outline="#d8b45a", width=6)
    draw.ellipse((760, 300, 830, 370), outline="#6b6b6b", width=10)
    draw.rectangle((825, 328, 900, 342), fill="#6b6b6b")
    out = BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("anmelden.png", out.getvalue(), content_type="image/png")


def _guides(
    portal: Portal, town: texts.Town, editor: User, by_language: dict, made: list[tuple[str, Offer]]
) -> None:
    name = portal.municipality.name
    by_kind = _first_by_kind(made)
    potsdam = town.slug == "potsdam"
    topics = {}
    for key, (title, summary) in texts.GUIDE_TOPICS.items():
        topic = guides.create_topic(
            portal=portal, title=_fill(title[0], name), summary=_fill(summary[0], name), by=editor
        )
        for index, language in enumerate(PORTAL_LANGUAGES[1:], start=1):
            for field, values in (("title", title), ("summary", summary)):
                _translate(topic, field, language, _fill(values[index], name, index), by_language,
                           machine=potsdam and language == "fa")  # fmt: skip
        topics[key] = topic
    for guide in texts.GUIDES:
        page = guides.create_page(
            topic=topics[guide.topic], title=_fill(guide.title[0], name),
            summary=_fill(guide.summary[0], name), by=editor,
        )  # fmt: skip
        sections = []
        for heading, body in guide.sections:
            with_image = guide.slug == "anmelden" and heading[0] == "Was Sie mitbringen"
            sections.append(guides.add_section(
                page=page, heading=heading[0], body=_fill(body[0], name), by=editor,
                image=_drawing() if with_image else None,
                image_alt=texts.IMAGE_ALT[0] if with_image else "",
            ))  # fmt: skip
        guides.set_offers(
            page=page, offers=[by_kind[kind] for kind in guide.offers if kind in by_kind],
            by=editor,
        )  # fmt: skip
        guides.set_published(page=page, published=True, by=editor)
        for index, language in enumerate(PORTAL_LANGUAGES[1:], start=1):
            # Sonneberg's Turkish of "Arbeit finden" came from the machine, nobody checked it
            machine = language == "fa" if potsdam else (
                language == "tr" and guide.slug == "arbeit-finden"
            )  # fmt: skip
            for field, values in (("title", guide.title), ("summary", guide.summary)):
                _translate(page, field, language, _fill(values[index], name, index), by_language,
                           machine=machine)  # fmt: skip
            for section, (heading, body) in zip(sections, guide.sections, strict=True):
                _translate(section, "heading", language, heading[index], by_language,
                           machine=machine)  # fmt: skip
                _translate(section, "body", language, _fill(body[index], name, index), by_language,
                           machine=machine)  # fmt: skip
                if section.image_alt:
                    _translate(section, "image_alt", language, texts.IMAGE_ALT[index],
                               by_language, machine=machine)  # fmt: skip


def _changes_after_translation(portal: Portal, editor: User, made: list[tuple[str, Offer]]) -> None:
    """Sonneberg's editors changed German texts after the last round of translation: their
    translations are now outdated (and one new section has only its English)."""
    course = _first_by_kind(made)["integration"]
    offers.update_offer(offer=course, by=editor, summary=texts.CHANGED_INTEGRATION_SUMMARY)
    bring = GuideSection.objects.get(page__topic__portal=portal, heading="Was Sie mitbringen")
    guides.change_section(section=bring, values={"body": texts.CHANGED_BRING}, by=editor)
    school = GuidePage.objects.get(topic__portal=portal, title="Kita und Schule")
    heading, body, heading_en, body_en = texts.NEW_SECTION
    section = guides.add_section(page=school, heading=heading, body=body, by=editor)
    translate(obj=section, field="heading", language="en", text=heading_en, by=editor)
    translate(obj=section, field="body", language="en", text=body_en, by=editor)


def _keep(portal: Portal, town: texts.Town, made: list[tuple[str, Offer]]) -> None:
    """Keeping the portal current: a flagged offer whose check went unanswered, an open check
    (Sonneberg), and reader reports waiting for the editors."""
    now = timezone.now()
    by_kind = _first_by_kind(made)
    unchecked = by_kind[town.unchecked]
    OfferCheck.objects.create(
        offer=unchecked, token_hash=keeping.hash_token(f"expired-{town.slug}-{unchecked.pk}"),
        sent_to=unchecked.contact_email, sent_at=now - datetime.timedelta(days=45),
        expires_at=now - datetime.timedelta(days=15),
    )  # fmt: skip
    Offer.objects.filter(pk=unchecked.pk).update(
        last_checked_at=now - datetime.timedelta(days=230),
        flagged_at=now - datetime.timedelta(days=15),
    )  # fmt: skip
    if town.slug == "sonneberg":
        asked = by_kind["mbe"]
        OfferCheck.objects.create(
            offer=asked, token_hash=keeping.hash_token(CHECK_TOKEN), sent_to=asked.contact_email,
            sent_at=now - datetime.timedelta(days=2), expires_at=now + datetime.timedelta(days=28),
        )  # fmt: skip
        Offer.objects.filter(pk=asked.pk).update(last_checked_at=now - datetime.timedelta(days=182))
        keeping.report_offer(
            offer=by_kind["jobcenter"], reason=ReaderReport.Reason.ADDRESS, language="ar",
            note="Freitags ist das Jobcenter jetzt nur bis 11 Uhr offen.",
        )  # fmt: skip
        keeping.report_offer(offer=by_kind["language_cafe"], reason=ReaderReport.Reason.CONTACT,
                             language="uk")  # fmt: skip
    else:
        keeping.report_offer(
            offer=by_kind["kita"], reason=ReaderReport.Reason.OTHER, language="de",
            note="Die Anmeldung für die Kita geht jetzt auch online.",
        )  # fmt: skip
