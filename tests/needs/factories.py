"""Factories for needs and proposals (the shared ones live in tests/factories.py)."""

import datetime

import factory
from django.utils import timezone

from handschlag.needs.models import Need, Proposal
from handschlag.organisations.models import Membership
from handschlag.promises.models import Category
from tests import factories


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    organisation = factory.SubFactory(factories.OrganisationFactory)
    author = None
    title = factory.Sequence(lambda n: f"5 Laptops für ein Bewerbungstraining {n}")
    description = "Wir üben mit Geflüchteten Bewerbungen am Rechner."
    category = Category.EQUIPMENT
    quantity = 5
    unit = "Laptops"
    municipality = factory.SubFactory(factories.MunicipalityFactory)
    needed_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    state = Need.State.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    need = factory.SubFactory(NeedFactory)
    promise = factory.SubFactory(factories.PromiseFactory)
    score = 0.5
    reasons = factory.LazyFunction(dict)


def member_of(organisation, role=Membership.Role.MEMBER):
    """A new person who belongs to `organisation`."""
    return factories.MembershipFactory(organisation=organisation, role=role).user


KM_PER_DEGREE_LAT = 111.195


def town(name: str, *, km_north: float = 0.0, lat: float = 54.3091, lon: float = 13.0818):
    """A town `km_north` of Stralsund (by default)."""
    return factories.MunicipalityFactory(
        name=name, slug=name.lower(), latitude=lat + km_north / KM_PER_DEGREE_LAT, longitude=lon
    )
