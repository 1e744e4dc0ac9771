"""The editor's services: every change recorded with before and after (topics, languages, places
and hours too), refusals that change nothing, delete only while never published, the portal's
publishing, translators and provider links."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.directory import locations, offer_locations, offers, portals, providers
from handschlag.directory.models import Offer, OfferLocation, Portal, Schedule, Translation
from handschlag.directory.offer_locations import ExceptionDays, Slot
from handschlag.directory.translating import translate
from handschlag.organisations.models import Membership
from tests import factories as base

from . import factories
from .editor_cast import build_cast, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(portal):
    return build_cast(portal)


def last_change(obj):
    entry = AuditEntry.objects.filter(
        object_id=obj.pk, verb=f"directory.{type(obj).__name__.lower()}_changed"
    ).latest("pk")
    return entry.details["changed"]


def test_creating_an_offer_records_it_with_topics_and_languages(cast):
    offer = offers.create_offer(
        portal=cast.portal, by=cast.editor, provider=cast.provider, name="Deutschkurs A1",
        summary="Deutsch am Abend.", topics=["work", "language", "work"], languages=["uk", "de"],
        contact_phone="03675 1234",
    )  # fmt: skip
    assert offer.published_at is None and offer.last_checked_at is None
    assert offers.current_topics(offer) == ["language", "work"]
    assert offers.current_languages(offer) == ["de", "uk"]  # in the order of core.languages
    entry = AuditEntry.objects.get(verb=offers.OFFER_CREATED, object_id=offer.pk)
    assert entry.details["topics"] == ["language", "work"] and entry.actor == cast.editor
    assert "deutschkurs a1" in offer.search_text


def test_topics_languages_and_fields_are_one_change_with_before_and_after(cast):
    offer = cast.own
    offers.update_offer(offer=offer, by=cast.editor, topics=["health"], languages=["ar"])
    changed = offers.update_offer(
        offer=offer, by=cast.editor, name="Gesundheitsberatung", topics=["health", "women"],
        languages=["ar", "fa"], min_age=16,
    )  # fmt: skip
    assert changed == last_change(offer)
    assert changed["topics"] == [["health"], ["health", "women"]]
    assert changed["languages"] == [["ar"], ["ar", "fa"]]
    assert changed["name"] == ["Migrationsberatung", "Gesundheitsberatung"]
    assert changed["min_age"] == [None, 16]


def test_saving_nothing_new_records_nothing(cast):
    count = AuditEntry.objects.count()
    assert offers.update_offer(offer=cast.own, by=cast.editor, name=cast.own.name, topics=[]) == {}
    assert AuditEntry.objects.count() == count


def test_checked_sets_the_date_and_clears_the_flag(cast):
    offer = cast.own
    Offer.objects.filter(pk=offer.pk).update(
        last_checked_at=timezone.now() - datetime.timedelta(days=400), flagged_at=timezone.now()
    )
    offer.refresh_from_db()
    offers.update_offer(offer=offer, by=cast.provider_member, checked=True)
    offer.refresh_from_db()
    assert offer.flagged_at is None and offer.last_checked_by == cast.provider_member
    assert timezone.now() - offer.last_checked_at < datetime.timedelta(minutes=1)
    assert not offer.check_due()


def test_the_age_range_is_checked(cast):
    before = snapshot()
    with pytest.raises(DomainError):
        offers.update_offer(offer=cast.own, by=cast.editor, min_age=18, max_age=6)
    assert snapshot() == before


def test_a_provider_member_adds_offers_only_under_their_provider(cast):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        offers.create_offer(
            portal=cast.portal, by=cast.provider_member, provider=cast.town_provider,
            name="X", summary="Y",
        )  # fmt: skip
    with pytest.raises(PermissionDenied):  # nor name new providers
        offers.create_offer(
            portal=cast.portal, by=cast.provider_member, new_provider="Neu", name="X", summary="Y"
        )
    with pytest.raises(PermissionDenied):
        offers.update_offer(offer=cast.own, by=cast.provider_member, provider=cast.town_provider)
    assert snapshot() == before
    offer = offers.create_offer(
        portal=cast.portal, by=cast.provider_member, provider=cast.provider, name="X", summary="Y"
    )
    assert offer.provider == cast.provider


def test_a_translator_and_other_towns_change_nothing(cast):
    before = snapshot()
    for who in (cast.translator, cast.other_town, cast.moderator):
        with pytest.raises(PermissionDenied):
            offers.update_offer(offer=cast.own, by=who, name="Anders")
        with pytest.raises(PermissionDenied):
            offers.set_offer_status(offer=cast.own, by=who, status="ended")
        with pytest.raises(PermissionDenied):
            offer_locations.set_hours(offer_location=cast.place, by=who, slots=[])
        with pytest.raises(PermissionDenied):
            providers.create_provider(portal=cast.portal, by=who, name="Neu")
        with pytest.raises(PermissionDenied):
            locations.update_location(location=cast.location, by=who, name="Anders")
    assert snapshot() == before
    # … while the translator still translates
    translate(obj=cast.own, field="name", language="uk", text="Консультація", by=cast.translator)
    assert Translation.objects.filter(language="uk").count() == 1


def test_status_closed_needs_a_date_not_in_the_past(cast):
    before = snapshot()
    with pytest.raises(DomainError):
        offers.set_offer_status(offer=cast.own, by=cast.editor, status="closed")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(DomainError):
        offers.set_offer_status(
            offer=cast.own, by=cast.editor, status="closed", closed_until=yesterday
        )
    assert snapshot() == before
    until = timezone.localdate() + datetime.timedelta(days=14)
    offers.set_offer_status(offer=cast.own, by=cast.editor, status="closed", closed_until=until)
    assert last_change(cast.own) == {
        "status": ["active", "closed"],
        "closed_until": [None, until.isoformat()],
    }
    offers.set_offer_status(offer=cast.own, by=cast.editor, status="active", closed_until=until)
    cast.own.refresh_from_db()
    assert cast.own.closed_until is None  # only a closed offer has a date


def test_an_ended_offer_leaves_the_public_list_and_cannot_be_published(cast):
    assert Offer.objects.public().filter(pk=cast.own.pk).exists()
    offers.set_offer_status(offer=cast.own, by=cast.editor, status="ended")
    assert not Offer.objects.public().filter(pk=cast.own.pk).exists()
    offers.set_offer_published(offer=cast.own, by=cast.editor, published=False)
    with pytest.raises(DomainError):
        offers.set_offer_published(offer=cast.own, by=cast.editor, published=True)


def test_only_a_never_published_offer_is_deleted(cast):
    before = snapshot()
    with pytest.raises(DomainError):
        offers.delete_offer(offer=cast.own, by=cast.editor)
    # unpublished now, but it was public once: still only ended
    offers.set_offer_published(offer=cast.own, by=cast.editor, published=False)
    middle = snapshot()
    with pytest.raises(DomainError):
        offers.delete_offer(offer=cast.own, by=cast.editor)
    assert snapshot() == middle != before
    translate(obj=cast.draft, field="name", language="uk", text="Чернетка", by=cast.editor)
    offers.delete_offer(offer=cast.draft, by=cast.provider_member)
    assert not Offer.objects.filter(pk=cast.draft.pk).exists()
    assert not Translation.objects.filter(object_id=cast.draft.pk, language="uk").exists()
    entry = AuditEntry.objects.get(verb=offers.OFFER_DELETED)
    assert entry.details["offer"] == "Entwurf Sprachcafé" and entry.target_label == str(cast.portal)


def test_hours_are_replaced_and_recorded_in_words_of_no_language(cast):
    changed = offer_locations.set_hours(
        offer_location=cast.place, by=cast.editor,
        slots=[Slot(2, datetime.time(14), datetime.time(16, 30)),
               Slot(0, datetime.time(9), datetime.time(12))],
        exceptions=[ExceptionDays(datetime.date(2030, 12, 24), datetime.date(2030, 12, 26))],
        by_appointment=True,
    )  # fmt: skip
    assert changed["hours:Caritas-Haus"] == [
        [{"weekday": 0, "opens": "09:00", "closes": "12:00", "from": None, "to": None}],
        [{"weekday": 0, "opens": "09:00", "closes": "12:00", "from": None, "to": None},
         {"weekday": 2, "opens": "14:00", "closes": "16:30", "from": None, "to": None}],
    ]  # fmt: skip
    assert changed["exceptions:Caritas-Haus"][1][0]["closed"] is True
    assert changed["by_appointment:Caritas-Haus"] == [False, True]
    assert list(cast.place.schedules.values_list("weekday", flat=True)) == [0, 2]
    # the same hours typed in another order change nothing
    count = AuditEntry.objects.count()
    offer_locations.set_hours(
        offer_location=cast.place, by=cast.editor,
        slots=[Slot(0, datetime.time(9), datetime.time(12)),
               Slot(2, datetime.time(14), datetime.time(16, 30))],
        exceptions=[ExceptionDays(datetime.date(2030, 12, 24), datetime.date(2030, 12, 26))],
    )  # fmt: skip
    assert AuditEntry.objects.count() == count


def test_bad_hours_are_refused_and_change_nothing(cast):
    before = snapshot()
    for slots, exceptions in (
        ([Slot(0, datetime.time(12), datetime.time(9))], []),
        ([], [ExceptionDays(datetime.date(2030, 1, 2), datetime.date(2030, 1, 1))]),
        ([], [ExceptionDays(datetime.date(2030, 1, 1), datetime.date(2030, 1, 1), closed=False)]),
    ):
        with pytest.raises(DomainError):
            offer_locations.set_hours(
                offer_location=cast.place, by=cast.editor, slots=slots, exceptions=exceptions
            )
    assert snapshot() == before


def test_places_are_added_and_removed_with_their_hours_recorded(cast):
    new = offer_locations.add_new_location(
        offer=cast.own, by=cast.provider_member, name="Zweigstelle", city="Musterstadt",
        latitude=50.3, longitude=11.1, accessibility=["lift", "step_free"],
    )  # fmt: skip
    assert new.location.accessibility == ["step_free", "lift"]
    assert last_change(cast.own)["locations"] == [["Caritas-Haus"], ["Caritas-Haus", "Zweigstelle"]]
    with pytest.raises(DomainError):  # already there
        offer_locations.add_offer_location(offer=cast.own, location=new.location, by=cast.editor)
    offer_locations.remove_offer_location(offer_location=cast.place, by=cast.editor)
    changed = last_change(cast.own)
    assert changed["locations"] == [["Caritas-Haus", "Zweigstelle"], ["Zweigstelle"]]
    assert changed["hours:Caritas-Haus"][1] == []
    assert not Schedule.objects.filter(offer_location_id=cast.place.pk).exists()


def test_a_place_of_another_portal_is_refused(cast):
    foreign = factories.LocationFactory(portal=cast.other_portal)
    with pytest.raises(DomainError):
        offer_locations.add_offer_location(offer=cast.own, location=foreign, by=cast.editor)
    assert not OfferLocation.objects.filter(location=foreign).exists()


def test_coordinates_come_in_pairs(cast):
    with pytest.raises(DomainError):
        locations.create_location(portal=cast.portal, by=cast.editor, name="A", city="B",
                                  latitude=50.0)  # fmt: skip


def test_a_provider_edits_a_place_only_its_own_offers_use(cast):
    locations.update_location(location=cast.location, by=cast.provider_member, directions="Bus 3")
    OfferLocation.objects.create(offer=cast.town_offer, location=cast.location)
    with pytest.raises(PermissionDenied):
        locations.update_location(location=cast.location, by=cast.provider_member, name="Meins")


def test_provider_names_are_unique_in_a_portal(cast):
    with pytest.raises(DomainError):
        providers.create_provider(portal=cast.portal, by=cast.editor, name="  caritas ")
    providers.create_provider(portal=cast.other_portal, by=cast.other_town, name="Caritas")


def test_renaming_a_provider_renews_its_offers_search_text(cast):
    providers.update_provider(provider=cast.provider, by=cast.editor, name="Malteser")
    cast.own.refresh_from_db()
    assert "malteser" in cast.own.search_text


def test_linking_a_provider_needs_an_admin_and_a_verified_organisation(cast):
    initiative = base.OrganisationFactory(is_verified=True)
    member = base.MembershipFactory(organisation=initiative).user
    with pytest.raises(PermissionDenied):
        providers.link_provider(
            provider=cast.town_provider, organisation=initiative, by=cast.editor
        )
    unverified = base.OrganisationFactory(is_verified=False)
    with pytest.raises(DomainError):
        providers.link_provider(provider=cast.town_provider, organisation=unverified, by=cast.admin)
    assert not member.has_perm("directory.edit_offer", cast.town_offer)
    providers.link_provider(provider=cast.town_provider, organisation=initiative, by=cast.admin)
    assert member.has_perm("directory.edit_offer", cast.town_offer)
    assert last_change(cast.town_provider) == {"organisation": [None, initiative.pk]}


def test_a_portal_is_opened_once_by_the_town_admin_and_published_by_admins(cast):
    town = base.MunicipalityFactory()
    organisation = base.OrganisationFactory(
        kind="municipality", is_verified=True, municipality=town
    )
    admin = base.MembershipFactory(organisation=organisation, role="admin").user
    with pytest.raises(PermissionDenied):
        portals.create_portal(municipality=town, organisation=organisation, by=cast.admin)
    portal = portals.create_portal(municipality=town, organisation=organisation, by=admin)
    with pytest.raises(DomainError):
        portals.create_portal(municipality=town, organisation=organisation, by=admin)
    assert Portal.objects.filter(municipality=town).count() == 1
    with pytest.raises(PermissionDenied):
        portals.set_portal_published(portal=cast.portal, published=False, by=cast.editor)
    portals.set_portal_published(portal=portal, published=True, by=admin)
    assert portal.is_published
    portals.update_portal(portal=portal, by=admin, check_every_days=90)
    assert last_change(portal) == {"check_every_days": [180, 90]}


def test_translators_are_granted_and_revoked_by_admins_only(cast):
    membership = Membership.objects.get(user=cast.editor)
    with pytest.raises(PermissionDenied):
        portals.grant_translator(portal=cast.portal, membership=membership, by=cast.editor)
    grant = portals.grant_translator(portal=cast.portal, membership=membership, by=cast.admin)
    assert not cast.editor.has_perm("directory.edit_offer", cast.own)  # translates only now
    assert cast.editor.has_perm("directory.translate", cast.own)
    outsider = base.MembershipFactory(organisation=cast.provider_org)
    with pytest.raises(DomainError):
        portals.grant_translator(portal=cast.portal, membership=outsider, by=cast.admin)
    portals.revoke_translator(portal=cast.portal, grant=grant, by=cast.admin)
    assert cast.editor.has_perm("directory.edit_offer", cast.own)
