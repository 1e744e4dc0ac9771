"""The demo's newcomer portals are what the README promises: Sonneberg and Potsdam published
with 40+ offers and 10+ guide pages, translated into all seven languages with every
translation status present (computed from the source hashes, never stored), offers kept
current (a flagged one, an open check, reader reports), and accounts that can do their part.
Two loads in all: each test loads the demo once."""

import math

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from handschlag.accounts.models import User
from handschlag.directory import keeping, offers
from handschlag.directory.hsds_export import portal_services
from handschlag.directory.models import (
    TARGET_LANGUAGES,
    GuidePage,
    GuideSection,
    GuideTopic,
    Location,
    Offer,
    OfferCheck,
    Portal,
    Provider,
    ReaderReport,
    ScheduleException,
    Translation,
)
from handschlag.directory.translation import Status, section_statuses
from handschlag.site.demo.directory import CHECK_TOKEN, PROVIDER_ORGANISATION
from tests.directory.hsds_check import service_errors

pytestmark = pytest.mark.django_db
TOWNS = ("sonneberg", "potsdam")
PASSWORD = "handschlag-demo"
COUNTED = {
    model.__name__: model
    for model in (Portal, Provider, Location, Offer, GuidePage, GuideSection, Translation,
                  OfferCheck, ReaderReport, User)
}  # fmt: skip


def _statuses(portal: Portal) -> dict[str, set[Status]]:
    """{language: statuses} over every translatable object of the portal."""
    objects = [
        portal, *Provider.objects.filter(portal=portal), *Location.objects.filter(portal=portal),
        *Offer.objects.filter(portal=portal), *GuideTopic.objects.filter(portal=portal),
        *GuidePage.objects.filter(topic__portal=portal),
        *GuideSection.objects.filter(page__topic__portal=portal),
    ]  # fmt: skip
    found: dict[str, set[Status]] = {language: set() for language in TARGET_LANGUAGES}
    for obj in objects:
        for language, fields in section_statuses(obj, TARGET_LANGUAGES).items():
            found[language] |= set(fields.values())
    return found


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * 111.2
    dx = (a[1] - b[1]) * 111.2 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def test_two_published_portals_with_offers_guides_and_every_status(client):
    call_command("load_demo", verbosity=0)
    portals = {p.municipality.slug: p for p in Portal.objects.select_related("municipality")}
    assert set(TOWNS) <= set(portals) and all(portals[t].is_published for t in TOWNS)
    assert Offer.objects.filter(portal__in=portals.values()).count() >= 40
    for town in TOWNS:
        portal = portals[town]
        assert portal.offers.count() >= 20
        assert (
            GuidePage.objects.filter(topic__portal=portal, published_at__isnull=False).count() >= 5
        )
        assert portal.guide_topics.count() >= 3
        # places with coordinates in the town, weekly hours, a holiday closing
        town_point = (portal.municipality.latitude, portal.municipality.longitude)
        for place in Location.objects.filter(portal=portal):
            assert _km((place.latitude, place.longitude), town_point) < 10, place.name
        assert not portal.offers.annotate(n=Count("offer_locations__schedules")).filter(n=0)
        assert ScheduleException.objects.filter(
            offer_location__offer__portal=portal, closed=True
        ).exists()
        # active, temporarily closed, ended; one flagged after an unanswered check
        assert set(portal.offers.values_list("status", flat=True)) == set(Offer.Status.values)
        assert portal.offers.filter(flagged_at__isnull=False).count() == 1
        assert ReaderReport.objects.filter(offer__portal=portal, handled_at__isnull=True).exists()
        # the open data of the demo is valid HSDS 3.0
        services = portal_services(portal)
        assert len(services) >= 20
        assert [error for s in services for error in service_errors(s, strict=True)] == []
    assert GuidePage.objects.filter(topic__portal__in=portals.values()).count() >= 10
    image = GuideSection.objects.exclude(image="").get(page__topic__portal=portals["sonneberg"])
    assert image.image_alt and Translation.objects.filter(
        object_id=image.pk, field="image_alt"
    ).count() == len(TARGET_LANGUAGES)

    # all seven languages, every status — computed by directory.translation
    languages = set(Translation.objects.values_list("language", flat=True))
    assert languages == set(TARGET_LANGUAGES)
    every: set[Status] = set()
    for town in TOWNS:
        found = _statuses(portals[town])
        assert all(Status.CURRENT in statuses for statuses in found.values()), town
        every |= set().union(*found.values())
    assert every == set(Status)
    sonneberg = _statuses(portals["sonneberg"])
    assert Status.OUTDATED in sonneberg["uk"] and Status.MISSING in sonneberg["ar"]
    assert Status.MACHINE in _statuses(portals["potsdam"])["fa"]

    # an open check whose link works (README), and the flagged one's check expired unanswered
    check = keeping.find_check(CHECK_TOKEN)
    assert check is not None and keeping.check_state(check) == "open"
    assert check.offer.portal == portals["sonneberg"]
    flagged = Offer.objects.get(portal=portals["sonneberg"], flagged_at__isnull=False)
    assert OfferCheck.objects.filter(offer=flagged, answered_at__isnull=True).exists()
    assert flagged.check_due()

    # the pages, in Arabic and in Ukrainian
    client.cookies["django_language"] = "ar"
    home = client.get(reverse("directory:portal", args=["sonneberg"]))
    assert home.status_code == 200 and "أهلًا بك في زونبرغ" in home.content.decode()
    client.cookies["django_language"] = "uk"
    page = GuidePage.objects.get(topic__portal=portals["potsdam"], title="Arbeit finden")
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200 and "Пошук роботи" in response.content.decode()
    listed = client.get(reverse("directory:offers", args=["potsdam"]))
    assert listed.status_code == 200 and "Інтеграційний курс" in listed.content.decode()


def test_demo_accounts_translate_keep_their_offers_and_a_second_load_changes_nothing(client):
    call_command("load_demo", verbosity=0)
    sonneberg = Portal.objects.get(municipality__slug="sonneberg")
    potsdam = Portal.objects.get(municipality__slug="potsdam")
    translator = User.objects.get(email="translator@demo.handschlag.example")
    provider = User.objects.get(email="anbieter@demo.handschlag.example")
    officer = User.objects.get(email="integration@demo.handschlag.example")
    potsdam_staff = User.objects.get(email="kommune@demo.handschlag.example")

    # the municipality staff edit their own town's portal, not the other's
    assert officer.has_perm("directory.edit_portal", sonneberg)
    assert not officer.has_perm("directory.edit_portal", potsdam)
    assert potsdam_staff.has_perm("directory.manage_portal", potsdam)
    assert not potsdam_staff.has_perm("directory.edit_portal", sonneberg)

    # the translator: the workspace and every section, nothing else
    client.login(email=translator.email, password=PASSWORD)
    workspace = client.get(reverse("directory:translations", args=["sonneberg"]))
    assert workspace.status_code == 200
    course = Offer.objects.filter(portal=sonneberg).order_by("pk").first()
    assert translator.has_perm("directory.translate", course)
    assert not translator.has_perm("directory.translate", potsdam)
    before = Offer.objects.get(pk=course.pk).contact_phone
    with pytest.raises(PermissionDenied):
        offers.update_offer(offer=course, by=translator, contact_phone="0000")
    assert Offer.objects.get(pk=course.pk).contact_phone == before
    assert Translation.objects.filter(translated_by=translator, language__in=["uk", "ar"]).exists()

    # the provider's staff edit their own offers, and only those
    own = Offer.objects.filter(
        portal=sonneberg, provider__organisation__name=PROVIDER_ORGANISATION
    ).first()
    other = Offer.objects.filter(portal=sonneberg, provider__organisation__isnull=True).first()
    assert own is not None and other is not None
    client.logout()
    client.login(email=provider.email, password=PASSWORD)
    assert (
        client.get(reverse("directory:offer_edit", args=["sonneberg", own.pk])).status_code == 200
    )
    assert (
        client.get(reverse("directory:offer_edit", args=["sonneberg", other.pk])).status_code == 403
    )
    offers.update_offer(offer=own, by=provider, contact_phone="03675 70 9999")
    assert Offer.objects.get(pk=own.pk).contact_phone == "03675 70 9999"
    before = Offer.objects.get(pk=other.pk).contact_phone
    with pytest.raises(PermissionDenied):
        offers.update_offer(offer=other, by=provider, contact_phone="0000")
    assert Offer.objects.get(pk=other.pk).contact_phone == before

    # idempotent: a second load adds and changes nothing
    counts = _recount(dict.fromkeys(COUNTED, 0))
    call_command("load_demo", verbosity=0)
    assert _recount(counts) == counts
    assert Offer.objects.get(pk=own.pk).contact_phone == "03675 70 9999"


def _recount(counts: dict[str, int]) -> dict[str, int]:
    return {name: COUNTED[name].objects.count() for name in counts}
