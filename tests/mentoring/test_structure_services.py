"""The structure services: programme staff edit their programme and add carriers; a carrier's
coordinators and admins add, edit and remove its sites. Removing deletes only what is empty
and deactivates the rest; every refusal leaves the rows as they were."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.mentoring import access, joining_mentees, structure
from handschlag.mentoring.joining_selectors import find_sites, public_programmes, public_site
from handschlag.mentoring.models import Carrier, Mentee, Programme, Site, Tandem, TandemKind
from handschlag.organisations.models import Membership, Organisation, RoleGrant
from tests import factories as base

from . import factories
from .joining_helpers import profile_data

pytestmark = pytest.mark.django_db


def _programme_data(**changes):
    data = {
        "name": "Menschen stärken Menschen",
        "funder": "BMBFSFJ",
        "description": "Patenschaften.",
        "starts_on": datetime.date(2016, 1, 1),
        "ends_on": None,
        "kinds": [TandemKind.EVERYDAY, TandemKind.LANGUAGE],
        "inactivity_weeks": 8,
    }
    data.update(changes)
    return data


def _row(model, pk):
    return model.objects.filter(pk=pk).values().first()


@pytest.fixture
def carrier_admin(world):
    return base.MembershipFactory(
        organisation=world.carrier.organisation, role=Membership.Role.ADMIN
    ).user


# --- programme -------------------------------------------------------------------------------


def test_staff_edit_their_programme(world):
    world.programme.kinds = [TandemKind.EVERYDAY, TandemKind.LANGUAGE, TandemKind.JOB]
    world.programme.save()
    data = _programme_data(ends_on=datetime.date(2030, 12, 31))
    structure.update_programme(programme=world.programme, by=world.staff, **data)
    programme = Programme.objects.get(pk=world.programme.pk)
    assert (programme.name, programme.funder, programme.ends_on, programme.kinds) == (
        "Menschen stärken Menschen",
        "BMBFSFJ",
        datetime.date(2030, 12, 31),
        ["everyday", "language"],
    )
    assert programme.inactivity_weeks == 8
    assert AuditEntry.objects.filter(verb=structure.PROGRAMME_UPDATED).count() == 1


@pytest.mark.parametrize(
    "role", ["carrier_coordinator", "site_coordinator", "other_site_coordinator", "stranger"]
)
def test_only_staff_edit_a_programme(world, role):
    before = _row(Programme, world.programme.pk)
    with pytest.raises(PermissionDenied):
        structure.update_programme(
            programme=world.programme, by=getattr(world, role), **_programme_data()
        )
    assert _row(Programme, world.programme.pk) == before


def test_a_kind_in_use_cannot_be_taken_away(world):
    """The world's mentor chose everyday and language; the mentee everyday."""
    before = _row(Programme, world.programme.pk)
    with pytest.raises(DomainError) as refused:
        structure.update_programme(
            programme=world.programme,
            by=world.staff,
            **_programme_data(kinds=[TandemKind.JOB]),
        )
    assert "Alltagsbegleitung" in refused.value.message and refused.value.code == "kinds"
    assert _row(Programme, world.programme.pk) == before


def test_a_programme_cannot_end_before_it_begins(world):
    before = _row(Programme, world.programme.pk)
    with pytest.raises(DomainError):
        structure.update_programme(
            programme=world.programme,
            by=world.staff,
            **_programme_data(ends_on=datetime.date(2015, 1, 1)),
        )
    assert _row(Programme, world.programme.pk) == before


# --- carriers --------------------------------------------------------------------------------


def test_staff_add_a_verified_organisation_as_carrier(world):
    organisation = base.OrganisationFactory(is_verified=True, kind=Organisation.Kind.ASSOCIATION)
    assert organisation in structure.carrier_organisations(world.programme)
    carrier = structure.add_carrier(
        programme=world.programme, by=world.staff, organisation=organisation
    )
    assert carrier.programme == world.programme and carrier.is_active
    assert organisation not in structure.carrier_organisations(world.programme)
    # the new carrier lies in the staff's scope at once
    access.forget_scopes(world.staff)
    assert world.staff.has_perm("mentoring.manage_sites", carrier)


def test_an_unverified_or_doubled_organisation_is_refused(world):
    unverified = base.OrganisationFactory(is_verified=False)
    count = Carrier.objects.count()
    for organisation in (unverified, world.carrier.organisation):
        with pytest.raises(DomainError):
            structure.add_carrier(
                programme=world.programme, by=world.staff, organisation=organisation
            )
    assert Carrier.objects.count() == count


@pytest.mark.parametrize("role", ["carrier_coordinator", "site_coordinator", "stranger"])
def test_only_staff_add_carriers(world, role):
    organisation = base.OrganisationFactory(is_verified=True)
    count = Carrier.objects.count()
    with pytest.raises(PermissionDenied):
        structure.add_carrier(
            programme=world.programme, by=getattr(world, role), organisation=organisation
        )
    assert Carrier.objects.count() == count


def test_another_organisation_takes_a_carrier_over_and_the_old_roles_end(world):
    new = base.OrganisationFactory(is_verified=True)
    structure.change_carrier_organisation(carrier=world.carrier, by=world.staff, organisation=new)
    assert Carrier.objects.get(pk=world.carrier.pk).organisation == new
    for person in (world.carrier_coordinator, world.site_coordinator):
        access.forget_scopes(person)
        assert not person.has_perm("mentoring.view_site", world.site)
    assert not RoleGrant.objects.filter(
        role__in=[access.CARRIER_COORDINATOR, access.SITE_COORDINATOR],
        membership__user__in=[world.carrier_coordinator, world.site_coordinator],
    ).exists()
    # the other carrier's coordination is untouched
    assert world.other_site_coordinator.has_perm("mentoring.view_site", world.other_site)


def test_a_carrier_coordinator_cannot_hand_the_carrier_over(world):
    new = base.OrganisationFactory(is_verified=True)
    grants = RoleGrant.objects.count()
    with pytest.raises(PermissionDenied):
        structure.change_carrier_organisation(
            carrier=world.carrier, by=world.carrier_coordinator, organisation=new
        )
    assert Carrier.objects.get(pk=world.carrier.pk).organisation == world.carrier.organisation
    assert RoleGrant.objects.count() == grants


def test_an_empty_carrier_is_deleted_with_its_empty_sites(world):
    organisation = base.OrganisationFactory(is_verified=True)
    carrier = structure.add_carrier(
        programme=world.programme, by=world.staff, organisation=organisation
    )
    access.forget_scopes(world.staff)
    site = structure.add_site(
        carrier=carrier, by=world.staff, name="Leer", municipality=world.site.municipality
    )
    footprint = structure.carrier_footprint(carrier)
    assert footprint.deletable and footprint.sites == 1
    assert structure.remove_carrier(carrier=carrier, by=world.staff) == structure.DELETED
    assert not Carrier.objects.filter(pk=carrier.pk).exists()
    assert not Site.objects.filter(pk=site.pk).exists()


def test_a_carrier_with_tandems_is_deactivated_not_deleted(world):
    tandem = factories.TandemFactory(site=world.site)
    footprint = structure.carrier_footprint(world.carrier)
    assert not footprint.deletable and footprint.open_tandems == 1
    said = " ".join(footprint.consequences("carrier"))
    assert "läuft weiter" in said and "deaktiviert" in said
    assert structure.remove_carrier(carrier=world.carrier, by=world.staff) == structure.DEACTIVATED
    carrier = Carrier.objects.get(pk=world.carrier.pk)
    assert not carrier.is_active
    assert Tandem.objects.get(pk=tandem.pk).state == Tandem.State.ACTIVE
    # its sites leave the public pages; their coordination keeps its access
    assert public_site(world.site.slug) is None and public_site(world.sister_site.slug) is None
    assert world.site not in find_sites()
    assert world.site_coordinator.has_perm("mentoring.view_site", world.site)
    structure.reactivate_carrier(carrier=carrier, by=world.staff)
    assert Carrier.objects.get(pk=world.carrier.pk).is_active
    assert public_site(world.site.slug) == world.site


# --- sites -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["staff", "carrier_coordinator", "carrier_admin"])
def test_the_carrier_adds_and_edits_its_sites(world, role, carrier_admin):
    person = carrier_admin if role == "carrier_admin" else getattr(world, role)
    town = base.MunicipalityFactory(name="Sonneberg")
    site = structure.add_site(
        carrier=world.carrier,
        by=person,
        name="Patenschaften Sonneberg",
        municipality=town,
        response_days=7,
        contact_phone="03675 1234",
    )
    assert (site.slug, site.municipality, site.response_days) == (
        "patenschaften-sonneberg",
        town,
        7,
    )
    assert public_site(site.slug) == site and site in find_sites()
    other_town = base.MunicipalityFactory()
    structure.update_site_details(
        site=site,
        by=person,
        name="Paten Sonneberg",
        municipality=other_town,
        response_days=10,
        contact_email="paten@example.org",
        contact_phone="",
    )
    site.refresh_from_db()
    assert (site.name, site.slug, site.municipality, site.contact_email) == (
        "Paten Sonneberg",
        "patenschaften-sonneberg",  # links already given out keep working
        other_town,
        "paten@example.org",
    )


def test_two_sites_of_the_same_name_get_different_addresses(world):
    first = structure.add_site(
        carrier=world.carrier, by=world.staff, name="Paten", municipality=world.site.municipality
    )
    second = structure.add_site(
        carrier=world.carrier, by=world.staff, name="Paten", municipality=world.site.municipality
    )
    assert (first.slug, second.slug) == ("paten", "paten-2")


@pytest.mark.parametrize(
    "role", ["site_coordinator", "other_site_coordinator", "mentor", "stranger"]
)
def test_others_cannot_add_or_change_sites(world, role):
    person = world.mentor.user if role == "mentor" else getattr(world, role)
    before = (Site.objects.count(), _row(Site, world.site.pk))
    with pytest.raises(PermissionDenied):
        structure.add_site(
            carrier=world.carrier, by=person, name="X", municipality=world.site.municipality
        )
    with pytest.raises(PermissionDenied):
        structure.update_site_details(
            site=world.site,
            by=person,
            name="X",
            municipality=world.site.municipality,
            response_days=3,
            contact_email="",
            contact_phone="",
        )
    with pytest.raises(PermissionDenied):
        structure.remove_site(site=world.site, by=person)
    assert (Site.objects.count(), _row(Site, world.site.pk)) == before


def test_the_other_carriers_coordinator_cannot_touch_this_carriers_sites(world):
    outsider = factories.coordinator(access.CARRIER_COORDINATOR, world.other_carrier)
    with pytest.raises(PermissionDenied):
        structure.remove_site(site=world.sister_site, by=outsider)
    assert Site.objects.filter(pk=world.sister_site.pk, is_active=True).exists()


def test_an_empty_site_is_deleted_with_its_coordination_roles(world):
    site = world.sister_site
    coordinator = factories.coordinator(access.SITE_COORDINATOR, site)
    footprint = structure.site_footprint(site)
    assert footprint.deletable and footprint.coordinators == 1
    assert structure.remove_site(site=site, by=world.carrier_coordinator) == structure.DELETED
    assert not Site.objects.filter(pk=site.pk).exists()
    assert not RoleGrant.objects.filter(membership__user=coordinator).exists()
    assert AuditEntry.objects.filter(verb=structure.SITE_DELETED).count() == 1


def test_a_site_with_people_is_deactivated_and_can_come_back(world, client):
    """The world's site has a mentor and a mentee (and so cannot be deleted)."""
    footprint = structure.site_footprint(world.site)
    assert not footprint.deletable and footprint.waiting_mentees == 1
    said = " ".join(footprint.consequences("site"))
    assert "deaktiviert" in said and "Anmeldungen" in said
    assert structure.remove_site(site=world.site, by=world.carrier_coordinator) == (
        structure.DEACTIVATED
    )
    assert not Site.objects.get(pk=world.site.pk).is_active
    assert client.get(reverse("mentoring:site_info", args=[world.site.slug])).status_code == 404
    assert (
        client.get(reverse("mentoring:register_mentee_self", args=[world.site.slug])).status_code
        == 404
    )
    assert world.site not in find_sites()
    assert public_programmes().get(pk=world.programme.pk).site_count == 2
    with pytest.raises(DomainError):  # twice: nothing more to do
        structure.remove_site(site=world.site, by=world.carrier_coordinator)
    structure.reactivate_site(site=world.site, by=world.carrier_coordinator)
    assert public_site(world.site.slug) == world.site


def test_a_deactivated_carrier_gets_no_new_sites(world):
    factories.TandemFactory(site=world.site)
    structure.remove_carrier(carrier=world.carrier, by=world.staff)
    count = Site.objects.count()
    with pytest.raises(DomainError):
        structure.add_site(
            carrier=Carrier.objects.get(pk=world.carrier.pk),
            by=world.carrier_coordinator,
            name="Neu",
            municipality=world.site.municipality,
        )
    assert Site.objects.count() == count


def test_a_deactivated_site_takes_no_mentee_from_the_coordination_either(world):
    structure.remove_site(site=world.site, by=world.carrier_coordinator)
    site = Site.objects.get(pk=world.site.pk)
    count = Mentee.objects.filter(site=site).count()
    data = profile_data(
        first_name="Nour", age_group="adult", municipality=site.municipality, phone="0170 1"
    )
    with pytest.raises(DomainError):
        joining_mentees.register_mentee(
            site=site, by=world.site_coordinator, data=data, consented=True
        )
    assert Mentee.objects.filter(site=site).count() == count
