"""Radius search: which towns lie within N km of a town, and any queryset narrowed to them.

The towns lie due north of the center, so their distances are exact: 1° of latitude is
111.2 km. The users stand for any feature app's rows with a municipality.
"""

import pytest

from handschlag.accounts.models import User
from handschlag.organisations.models import Membership
from handschlag.places.selectors import (
    DEFAULT_RADIUS_KM,
    RADII_KM,
    municipality_ids_near,
    near,
)
from tests import factories

pytestmark = pytest.mark.django_db

KM_PER_DEGREE = 111.195


def town(slug, *, km_north=0.0, deg_east=0.0):
    return factories.MunicipalityFactory(
        name=slug.title(), slug=slug, latitude=50.0 + km_north / KM_PER_DEGREE,
        longitude=10.0 + deg_east,
    )  # fmt: skip


@pytest.fixture
def towns():
    return {
        "mitte": town("mitte"),
        "nah": town("nah", km_north=20),
        "fern": town("fern", km_north=30),
        # inside the bounding box of 25 km (±0.22° north, ±0.35° east) but 31 km away
        "ecke": town("ecke", km_north=22.2, deg_east=0.3),
    }


def test_the_offered_radii():
    assert RADII_KM == (5, 10, 25, 50, 100) and DEFAULT_RADIUS_KM in RADII_KM


def test_towns_within_the_radius_include_the_center(towns):
    ids = set(municipality_ids_near(slug="mitte", radius_km=25))
    assert ids == {towns["mitte"].pk, towns["nah"].pk}


def test_a_larger_radius_reaches_further(towns):
    assert set(municipality_ids_near(slug="mitte", radius_km=50)) == {t.pk for t in towns.values()}
    assert municipality_ids_near(slug="mitte", radius_km=5) == [towns["mitte"].pk]


def test_an_unknown_town_is_near_nothing(towns):
    assert municipality_ids_near(slug="gibt-es-nicht", radius_km=100) == []


@pytest.fixture
def people(towns):
    people = {name: factories.UserFactory(municipality=t) for name, t in towns.items()}
    people["ohne Ort"] = factories.UserFactory(municipality=None)
    factories.UserFactory(municipality=None, is_active=False)  # filtered out before near()
    return people


def names(queryset, people):
    by_pk = {person.pk: name for name, person in people.items()}
    return {by_pk[row.pk] for row in queryset}


def test_near_filters_a_queryset_and_keeps_rows_without_a_place(people):
    users = User.objects.filter(is_active=True)
    found = near(users, slug="mitte", radius_km=25)
    assert names(found, people) == {"mitte", "nah", "ohne Ort"}


def test_near_without_nationwide_rows(people):
    found = near(User.objects.all(), slug="mitte", radius_km=25, include_nationwide=False)
    assert names(found, people) == {"mitte", "nah"}


def test_near_an_unknown_town_keeps_only_nationwide_rows(people):
    users = User.objects.filter(is_active=True)
    assert names(near(users, slug="atlantis", radius_km=100), people) == {"ohne Ort"}
    assert not near(users, slug="atlantis", radius_km=100, include_nationwide=False).exists()


def test_near_follows_a_relation(people):
    organisation = factories.OrganisationFactory()
    for person in people.values():
        factories.MembershipFactory(organisation=organisation, user=person)
    memberships = near(
        Membership.objects.all(), field="user__municipality", slug="mitte", radius_km=25,
        include_nationwide=False,
    )  # fmt: skip
    assert {m.user.municipality.slug for m in memberships} == {"mitte", "nah"}
