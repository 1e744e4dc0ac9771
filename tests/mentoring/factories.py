"""Factories for mentoring (the shared ones live in tests/factories.py).

`coordinator(role, scope)` makes a person who holds a mentoring role for a programme, carrier
or site, through a membership of the right organisation, as the product grants it.
"""

import datetime

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from handschlag.mentoring import access
from handschlag.mentoring.models import (
    AgeGroup,
    Carrier,
    Meeting,
    Mentee,
    Mentor,
    Programme,
    Site,
    Tandem,
    TandemKind,
)
from handschlag.organisations.models import Membership, Organisation, RoleGrant
from tests import factories

CONSENT_VERSION = "2026-11"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Menschen stärken Menschen {n}")
    slug = factory.Sequence(lambda n: f"programm-{n}")
    funder = "Bundesministerium für Familie, Senioren, Frauen und Jugend"
    description = "Patenschaften für Menschen, die neu in Deutschland sind."
    starts_on = datetime.date(2016, 1, 1)
    kinds = factory.LazyFunction(lambda: [value for value, _label in TandemKind.choices])
    organisation = factory.SubFactory(
        factories.OrganisationFactory, kind=Organisation.Kind.FOUNDATION, is_verified=True
    )


class CarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Carrier

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(
        factories.OrganisationFactory, kind=Organisation.Kind.CARRIER, is_verified=True
    )


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    carrier = factory.SubFactory(CarrierFactory)
    name = factory.Sequence(lambda n: f"Patenschaften Musterstadt {n}")
    slug = factory.Sequence(lambda n: f"standort-{n}")
    municipality = factory.SubFactory(factories.MunicipalityFactory)
    contact_email = "paten@example.org"


class MentorFactory(factory.django.DjangoModelFactory):
    """An approved mentor at the site's municipality, German and English, one free place."""

    class Meta:
        model = Mentor

    user = factory.SubFactory(factories.UserFactory)
    site = factory.SubFactory(SiteFactory)
    state = Mentor.State.APPROVED
    languages = factory.LazyFunction(
        lambda: [{"code": "de", "level": "native"}, {"code": "en", "level": "good"}]
    )
    municipality = factory.SelfAttribute("site.municipality")
    max_km = 15
    availability = factory.LazyFunction(lambda: ["tue-afternoon", "sat-morning"])
    kinds = factory.LazyFunction(lambda: [TandemKind.EVERYDAY, TandemKind.LANGUAGE])
    capacity = 1
    free_places = factory.SelfAttribute("capacity")


class MenteeFactory(factory.django.DjangoModelFactory):
    """An approved adult mentee without account who speaks Arabic and some German."""

    class Meta:
        model = Mentee

    site = factory.SubFactory(SiteFactory)
    state = Mentee.State.APPROVED
    first_name = factory.Sequence(lambda n: f"Amal {n}")
    age_group = AgeGroup.ADULT
    languages = factory.LazyFunction(
        lambda: [{"code": "ar", "level": "native"}, {"code": "de", "level": "basic"}]
    )
    municipality = factory.SelfAttribute("site.municipality")
    max_km = 10
    availability = factory.LazyFunction(lambda: ["tue-afternoon"])
    kinds = factory.LazyFunction(lambda: [TandemKind.EVERYDAY])
    language = "ar"
    source = Mentee.Source.COORDINATOR
    consent_version = CONSENT_VERSION
    consent_given_at = factory.LazyFunction(timezone.now)


class TandemFactory(factory.django.DjangoModelFactory):
    """An active tandem that started a month ago. Creating it does NOT take the mentor's place:
    pass a mentor with `free_places` set, or use the services."""

    class Meta:
        model = Tandem

    site = factory.SubFactory(SiteFactory)
    mentor = factory.SubFactory(MentorFactory, site=factory.SelfAttribute("..site"), free_places=0)
    mentee = factory.SubFactory(MenteeFactory, site=factory.SelfAttribute("..site"))
    kind = TandemKind.EVERYDAY
    state = Tandem.State.ACTIVE
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    last_contact_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=7)
    )


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    tandem = factory.SubFactory(TandemFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    duration_minutes = 90
    kind = Meeting.Kind.IN_PERSON


def grant(user, role: str, scope) -> RoleGrant:
    """Give `user` a mentoring role for `scope` through a membership of the organisation that
    runs it (the programme's for staff, the carrier's for coordinators)."""
    organisation = (
        scope.organisation
        if role == access.PROGRAMME_STAFF
        else (scope.organisation if isinstance(scope, Carrier) else scope.carrier.organisation)
    )
    membership, _created = Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": Membership.Role.MEMBER}
    )
    access.forget_scopes(user)
    return RoleGrant.objects.create(
        membership=membership,
        role=role,
        scope_type=ContentType.objects.get_for_model(type(scope)),
        scope_id=scope.pk,
    )


def coordinator(role: str, scope, **user_fields):
    """A new person who holds `role` for `scope`."""
    user = factories.UserFactory(**user_fields)
    grant(user, role, scope)
    return user
