"""Joining's services for mentees, the site's settings and a carrier's team."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from handschlag.core.errors import DomainError
from handschlag.mentoring import access, consent, joining_mentees, joining_team
from handschlag.mentoring.models import Mentee, Site
from handschlag.notifications.models import Notification
from handschlag.organisations.models import Membership, RoleGrant
from tests import factories as base

from .joining_helpers import profile_data, snapshot

pytestmark = pytest.mark.django_db
State = Mentee.State


def _mentee_data(world, **changes):
    given = {
        "first_name": "Amal",
        "age_group": "adult",
        "municipality": world.site.municipality,
        "phone": "0170 1",
        "language": "de",
    }
    return profile_data(**{**given, **changes})


def test_a_coordinator_registers_a_consenting_mentee_approved_at_once(world):
    mentee = joining_mentees.register_mentee(
        site=world.site, by=world.site_coordinator, data=_mentee_data(world), consented=True
    )
    assert (mentee.state, mentee.source, mentee.registered_by) == (
        State.APPROVED, Mentee.Source.COORDINATOR, world.site_coordinator
    )  # fmt: skip
    assert mentee.consent_version == consent.CURRENT and mentee.consent_given_at
    assert mentee.user is None and not mentee.consent_by_guardian
    assert mentee.state_changes.get().to_state == State.APPROVED


def test_without_consent_nothing_is_stored(world):
    with pytest.raises(DomainError, match="Einwilligung"):
        joining_mentees.register_mentee(
            site=world.site, by=world.site_coordinator, data=_mentee_data(world), consented=False
        )
    assert not Mentee.objects.filter(first_name="Amal").exists()


@pytest.mark.parametrize("age_group", ["child", "youth"])
def test_for_a_minor_the_guardian_consents(world, age_group):
    data = _mentee_data(world, age_group=age_group)
    with pytest.raises(DomainError, match="Erziehungsberechtigten"):
        joining_mentees.register_mentee(
            site=world.site, by=world.site_coordinator, data=data, consented=True
        )
    mentee = joining_mentees.register_mentee(
        site=world.site, by=world.site_coordinator, data=data, consented=True, by_guardian=True
    )
    assert mentee.consent_by_guardian


@pytest.mark.parametrize("who", ["other_site_coordinator", "stranger"])
def test_only_the_sites_coordination_registers_mentees(world, who):
    with pytest.raises(PermissionDenied):
        joining_mentees.register_mentee(
            site=world.site, by=getattr(world, who), data=_mentee_data(world), consented=True
        )
    assert not Mentee.objects.filter(first_name="Amal").exists()


def test_a_newcomer_registers_without_account_and_the_coordination_is_told(world):
    mentee = joining_mentees.self_register_mentee(
        site=world.site, by=AnonymousUser(), data=_mentee_data(world), consented=True
    )
    assert (mentee.state, mentee.source, mentee.user) == (State.SUBMITTED, Mentee.Source.SELF, None)
    assert mentee.consent_version == consent.CURRENT
    told = Notification.objects.get(kind="mentoring.profile_waiting")
    assert told.recipient == world.site_coordinator and told.params["role"] == "mentee"
    assert "Amal" not in told.title  # no names in notifications


def test_a_person_with_account_registers_once_per_site(world):
    person = base.UserFactory()
    mentee = joining_mentees.self_register_mentee(
        site=world.site, by=person, data=_mentee_data(world), consented=True
    )
    assert mentee.user == person
    with pytest.raises(DomainError, match="bereits"):
        joining_mentees.self_register_mentee(
            site=world.site, by=person, data=_mentee_data(world), consented=True
        )
    assert Mentee.objects.filter(user=person).count() == 1


def test_a_closed_site_takes_no_self_registration(world):
    Site.objects.filter(pk=world.site.pk).update(accepts_registrations=False)
    world.site.refresh_from_db()
    with pytest.raises(PermissionDenied):
        joining_mentees.self_register_mentee(
            site=world.site, by=AnonymousUser(), data=_mentee_data(world), consented=True
        )
    assert not Mentee.objects.filter(first_name="Amal").exists()


def test_an_unknown_message_language_is_refused(world):
    with pytest.raises(DomainError):
        joining_mentees.self_register_mentee(
            site=world.site, by=AnonymousUser(), data=_mentee_data(world, language="xx"),
            consented=True,
        )  # fmt: skip
    assert not Mentee.objects.filter(first_name="Amal").exists()


def test_a_mentee_changes_their_own_data_but_not_the_coordinations(world):
    mentee = world.mentee
    joining_mentees.update_mentee(
        mentee=mentee, by=mentee.user, data={"wishes": "Deutsch üben", "age_group": "child"}
    )
    mentee.refresh_from_db()
    assert (mentee.wishes, mentee.age_group) == ("Deutsch üben", "adult")


def test_a_returned_mentee_who_edits_is_submitted_again(world):
    Mentee.objects.filter(pk=world.mentee.pk).update(state=State.RETURNED)
    joining_mentees.update_mentee(mentee=world.mentee, by=world.mentee.user, data={"wishes": "x"})
    world.mentee.refresh_from_db()
    assert world.mentee.state == State.SUBMITTED


def test_a_coordinator_changes_any_field(world):
    joining_mentees.update_mentee(
        mentee=world.mentee, by=world.staff, data={"age_group": "youth", "first_name": "Amira"}
    )
    world.mentee.refresh_from_db()
    assert (world.mentee.age_group, world.mentee.first_name) == ("youth", "Amira")


def test_another_sites_coordinator_cannot_change_a_mentee(world):
    before = snapshot(world.mentee)
    with pytest.raises(PermissionDenied):
        joining_mentees.update_mentee(
            mentee=world.mentee, by=world.other_site_coordinator, data={"wishes": "x"}
        )
    assert snapshot(world.mentee) == before


def test_a_coordinator_sets_the_sites_contact_and_closes_registration(world):
    joining_mentees.update_site(
        site=world.site, by=world.site_coordinator, contact_email="neu@example.org",
        contact_phone="03675 1", accepts_registrations=False,
    )  # fmt: skip
    world.site.refresh_from_db()
    assert (world.site.contact_email, world.site.accepts_registrations) == (
        "neu@example.org",
        False,
    )


def test_another_sites_coordinator_cannot_change_the_site(world):
    with pytest.raises(PermissionDenied):
        joining_mentees.update_site(
            site=world.site, by=world.other_site_coordinator, contact_email="",
            contact_phone="", accepts_registrations=False,
        )  # fmt: skip
    world.site.refresh_from_db()
    assert world.site.accepts_registrations and world.site.contact_email == "paten@example.org"


# --- team ----------------------------------------------------------------------------------


@pytest.fixture
def carrier_admin(world):
    admin = base.UserFactory()
    Membership.objects.create(
        organisation=world.carrier.organisation, user=admin, role=Membership.Role.ADMIN
    )
    return admin


def _member(world):
    user = base.UserFactory()
    membership = Membership.objects.create(organisation=world.carrier.organisation, user=user)
    return user, membership


def test_a_carrier_admin_appoints_and_relieves_a_site_coordinator(world, carrier_admin):
    user, membership = _member(world)
    grant = joining_team.appoint_coordinator(
        carrier=world.carrier, by=carrier_admin, membership=membership, site=world.sister_site
    )
    assert access.scopes_of(user).sites == {world.sister_site.pk}
    joining_team.relieve_coordinator(carrier=world.carrier, by=carrier_admin, grant=grant)
    assert not access.scopes_of(user)


def test_a_carrier_admin_appoints_a_carrier_coordinator(world, carrier_admin):
    user, membership = _member(world)
    joining_team.appoint_coordinator(carrier=world.carrier, by=carrier_admin, membership=membership)
    assert access.scopes_of(user).sites == {world.site.pk, world.sister_site.pk}


def test_only_members_of_the_carrier_can_be_appointed(world, carrier_admin):
    outsider = Membership.objects.create(
        organisation=world.other_carrier.organisation, user=base.UserFactory()
    )
    with pytest.raises(DomainError):
        joining_team.appoint_coordinator(
            carrier=world.carrier, by=carrier_admin, membership=outsider, site=world.site
        )
    _user, membership = _member(world)
    with pytest.raises(DomainError):
        joining_team.appoint_coordinator(
            carrier=world.carrier, by=carrier_admin, membership=membership, site=world.other_site
        )
    assert not RoleGrant.objects.filter(membership__in=[outsider, membership]).exists()


@pytest.mark.parametrize("who", ["site_coordinator", "carrier_coordinator", "staff"])
def test_coordinators_do_not_appoint_unless_they_admin_the_carrier(world, who):
    _user, membership = _member(world)
    with pytest.raises(PermissionDenied):
        joining_team.appoint_coordinator(
            carrier=world.carrier, by=getattr(world, who), membership=membership, site=world.site
        )
    assert not RoleGrant.objects.filter(membership=membership).exists()


def test_a_grant_of_another_carrier_cannot_be_relieved_here(world, carrier_admin):
    grant = RoleGrant.objects.get(
        membership__user=world.other_site_coordinator, role=access.SITE_COORDINATOR
    )
    with pytest.raises(DomainError):
        joining_team.relieve_coordinator(carrier=world.carrier, by=carrier_admin, grant=grant)
    assert RoleGrant.objects.filter(pk=grant.pk).exists()
