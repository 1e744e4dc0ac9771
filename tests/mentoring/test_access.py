"""Scoped roles: who coordinates which programme, carrier and site."""

import pytest

from handschlag.mentoring import access
from handschlag.organisations.models import Membership

pytestmark = pytest.mark.django_db


def test_staff_see_every_site_of_their_programme(world):
    scopes = access.scopes_of(world.staff)
    assert scopes.programmes == {world.programme.pk}
    assert scopes.carriers == {world.carrier.pk, world.other_carrier.pk}
    assert scopes.sites == {world.site.pk, world.sister_site.pk, world.other_site.pk}


def test_carrier_coordinators_see_their_carriers_sites_only(world):
    scopes = access.scopes_of(world.carrier_coordinator)
    assert scopes.programmes == set()
    assert scopes.carriers == {world.carrier.pk}
    assert scopes.sites == {world.site.pk, world.sister_site.pk}


def test_site_coordinators_see_their_site_only(world):
    scopes = access.scopes_of(world.site_coordinator)
    assert (scopes.programmes, scopes.carriers, scopes.sites) == (set(), set(), {world.site.pk})
    assert list(access.sites_visible_to(world.other_site_coordinator)) == [world.other_site]


def test_people_without_a_role_see_nothing(world, client):
    for person in (world.stranger, world.mentor.user, world.mentee.user):
        assert not access.scopes_of(person)


def test_leaving_the_carriers_organisation_ends_the_role_at_once(world):
    Membership.objects.filter(user=world.site_coordinator).delete()
    access.forget_scopes(world.site_coordinator)
    assert not access.scopes_of(world.site_coordinator)


def test_a_grant_in_another_organisation_gives_no_power(world):
    """A site coordinator role hung on a membership of some other organisation (e.g. granted
    by that organisation's admin for a site it does not run) counts for nothing."""
    from tests import factories as base

    from .factories import grant

    outsider = base.UserFactory()
    grant(outsider, access.SITE_COORDINATOR, world.site)
    Membership.objects.filter(user=outsider).update(organisation=base.OrganisationFactory())
    access.forget_scopes(outsider)
    assert not access.scopes_of(outsider)
