"""The portal editor's pages of the HTML check (issue #12, point 2): the editor's home, the
portal's settings and translators, an offer in all its parts (form, places, hours, status,
delete, history), providers and places, a town without a portal. Potsdam's portal is the
demo's (made here when the demo has none); the offer, draft and place these pages show are
added to it with the services, inside each page's transaction, so that every page sees the
same world."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse

from handschlag.directory import offer_locations, offers, providers
from handschlag.directory.models import Offer, Portal
from handschlag.directory.translating import translate
from handschlag.organisations.models import Organisation
from tests import factories

from .page import Page, in_english, nothing, person
from .world import PageWorld

OFFER = "Migrationsberatung für Erwachsene"
ADMIN = person("municipality")  # admin of "Landeshauptstadt Potsdam – Integrationsbüro"


def portal(world: PageWorld) -> Portal:
    """Potsdam's portal with two providers (one kept by "Willkommen in Sonneberg"), an offer
    with a place, hours, an exception, translations and a history, and a draft."""
    organisation = world.organisation("stadt_potsdam")
    found, created = Portal.objects.get_or_create(
        municipality=organisation.municipality, defaults={"organisation": organisation}
    )
    if not created and Offer.objects.filter(portal=found, name=OFFER).exists():
        return found
    admin = world.person("municipality")
    caritas = providers.create_provider(portal=found, by=admin, name="Caritas Potsdam (Test)")
    providers.link_provider(
        provider=caritas, organisation=world.organisation("willkommen"), by=admin
    )
    offer = offers.create_offer(
        portal=found, by=admin, provider=caritas, name=OFFER,
        summary="Beratung zu Aufenthalt, Arbeit und Familie, kostenlos.",
        description="Wir helfen bei Anträgen und Briefen von Ämtern.",
        contact_email="mbe@beispiel.example", contact_phone="0331 123456",
        topics=["counselling", "asylum"], languages=["de", "ar", "uk"], checked=True,
    )  # fmt: skip
    offers.set_offer_published(offer=offer, published=True, by=admin)
    offers.update_offer(offer=offer, by=admin, name=OFFER, summary="Beratung, kostenlos.",
                        topics=["counselling"])  # fmt: skip
    place = offer_locations.add_new_location(
        offer=offer, by=admin, name="Haus der Begegnung", street="Zeppelinstraße 1",
        postcode="14471", city="Potsdam", latitude=52.39, longitude=13.04,
        accessibility=["step_free"],
    )  # fmt: skip
    offer_locations.set_hours(
        offer_location=place, by=admin,
        slots=[offer_locations.Slot(0, datetime.time(9), datetime.time(12))],
        exceptions=[offer_locations.ExceptionDays(
            datetime.date(2030, 12, 24), datetime.date(2030, 12, 31), note="Feiertage"
        )],
    )  # fmt: skip
    translate(obj=offer, field="name", language="uk", text="Міграційна консультація", by=admin)
    translate(obj=offer, field="summary", language="ar", text="استشارة مجانية", by=admin)
    offers.update_offer(offer=offer, by=admin, summary="Beratung, kostenlos und vertraulich.")
    offers.create_offer(
        portal=found, by=admin, new_provider="Stadtverwaltung (Test)", name="Sprachcafé",
        summary="Deutsch sprechen bei Kaffee und Tee.",
    )  # fmt: skip
    return found


def slug(world: PageWorld) -> str:
    return portal(world).municipality.slug


def at_editor(name: str, *what: str) -> Any:
    """The URL `name` of Potsdam's portal, with the offer, its place or a provider/location."""

    def build(world: PageWorld) -> str:
        found = portal(world)
        offer = Offer.objects.get(portal=found, name=OFFER)
        args: list[Any] = [found.municipality.slug]
        for thing in what:
            args.append({
                "offer": lambda: offer.pk,
                "draft": lambda: Offer.objects.get(
                    portal=found, name="Sprachcafé", published_at__isnull=True
                ).pk,
                "place": lambda: offer.offer_locations.get().pk,
                "provider": lambda: offer.provider_id,
                "location": lambda: offer.offer_locations.get().location_id,
            }[thing]())  # fmt: skip
        return reverse(f"directory:{name}", args=args)

    return build


def _town_without_portal_admin(world: PageWorld):
    organisation = Organisation.objects.filter(name="Gemeinde Prüfstadt").first()
    return organisation.memberships.get(role="admin").user


def _town_without_portal(world: PageWorld) -> str:
    town = factories.MunicipalityFactory(name="Prüfstadt", slug="pruefstadt")
    organisation = factories.OrganisationFactory(
        name="Gemeinde Prüfstadt", kind="municipality", is_verified=True, municipality=town
    )
    factories.MembershipFactory(organisation=organisation, role="admin")
    return reverse("directory:editor_home", args=[town.slug])


def _bad_hours(world: PageWorld) -> dict[str, Any]:
    return {
        "slots-TOTAL_FORMS": "1", "slots-INITIAL_FORMS": "0", "slots-0-weekday": "1",
        "slots-0-opens_at": "14:00", "slots-0-closes_at": "09:00",
        "exceptions-TOTAL_FORMS": "1", "exceptions-INITIAL_FORMS": "0",
        "exceptions-0-starts_on": "2030-05-02", "exceptions-0-ends_on": "2030-05-01",
        "exceptions-0-closed": "0", "action": "save",
    }  # fmt: skip


def _bad_offer(world: PageWorld) -> dict[str, Any]:
    return {
        "name": "", "summary": "x", "cost": "free", "min_age": "18", "max_age": "6",
        "contact_email": "keine-adresse", "contact_phone": "ruf an", "website": "nicht da",
    }  # fmt: skip


def _provider_member(world: PageWorld):
    portal(world)
    return world.person("initiative")


DIRECTORY_EDITOR_PAGES = [
    Page("editor_home", ADMIN, at_editor("editor_home")),
    Page("editor_home_provider", _provider_member, at_editor("editor_home")),
    Page(
        "editor_home_filtered",
        ADMIN,
        lambda w: at_editor("editor_home")(w) + "?attention=due&status=draft&q=kaffee",
    ),
    Page(
        "editor_home_bad_filter_errors",
        ADMIN,
        lambda w: at_editor("editor_home")(w) + "?provider=abc&status=weg",
    ),
    Page("editor_no_portal", _town_without_portal_admin, _town_without_portal),
    Page("editor_portal_settings", ADMIN, at_editor("portal_settings")),
    Page(
        "editor_portal_settings_errors",
        ADMIN,
        at_editor("portal_settings"),
        data=lambda w: {"check_every_days": "3", "flag_after_days": "x"},
    ),
    Page("editor_translators", ADMIN, at_editor("translators")),
    Page("editor_offer_create", ADMIN, at_editor("offer_create")),
    Page("editor_offer_create_errors", ADMIN, at_editor("offer_create"), data=_bad_offer),
    Page("editor_offer_edit", ADMIN, at_editor("offer_edit", "offer")),
    Page("editor_offer_edit_errors", ADMIN, at_editor("offer_edit", "offer"), data=_bad_offer),
    Page("editor_offer_places", ADMIN, at_editor("offer_places", "offer")),
    Page(
        "editor_offer_places_errors",
        ADMIN,
        at_editor("offer_places", "offer"),
        data=lambda w: {
            "action": "new",
            "new-postcode": "123",
            "new-latitude": "13.04",
            "new-longitude": "52.39",
        },
    ),
    Page("editor_offer_hours", ADMIN, at_editor("offer_hours", "offer", "place")),
    Page(
        "editor_offer_hours_errors",
        ADMIN,
        at_editor("offer_hours", "offer", "place"),
        data=_bad_hours,
    ),
    Page("editor_offer_status", ADMIN, at_editor("offer_status", "offer")),
    Page(
        "editor_offer_status_errors",
        ADMIN,
        at_editor("offer_status", "offer"),
        data=lambda w: {"status": "closed"},
    ),
    Page("editor_offer_delete", ADMIN, at_editor("offer_delete", "draft")),
    Page("editor_offer_delete_published", ADMIN, at_editor("offer_delete", "offer")),
    Page("editor_offer_history", ADMIN, at_editor("offer_history", "offer")),
    Page("editor_providers", ADMIN, at_editor("provider_list")),
    Page("editor_provider_create_errors", ADMIN, at_editor("provider_create"), data=nothing),
    Page("editor_provider_edit", ADMIN, at_editor("provider_edit", "provider")),
    Page("editor_locations", ADMIN, at_editor("location_list")),
    Page("editor_location_create", ADMIN, at_editor("location_create")),
    Page("editor_location_edit", ADMIN, at_editor("location_edit", "location")),
]
DIRECTORY_EDITOR_PAGES += in_english(
    DIRECTORY_EDITOR_PAGES,
    "editor_home",
    "editor_offer_edit_errors",
    "editor_offer_hours_errors",
    "editor_offer_history",
)
