"""Factories for events and registrations (the shared ones live in tests/factories.py)."""

import datetime

import factory
from django.utils import timezone

from handschlag.events.models import Event, Format, Kind, Registration
from handschlag.organisations.models import Membership
from tests import factories


def _in_days(days: int, hour: int = 18) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventFactory(factory.django.DjangoModelFactory):
    """A published public workshop in two weeks with 10 places, all free."""

    class Meta:
        model = Event

    organisation = factory.SubFactory(factories.OrganisationFactory)
    author = None
    title = factory.Sequence(lambda n: f"Workshop Willkommenskultur {n}")
    description = "Wie wir Neuankommende in Vereinen willkommen heißen."
    kind = Kind.WORKSHOP
    format = Format.IN_PERSON
    municipality = factory.SubFactory(factories.MunicipalityFactory)
    venue_name = "Rathaus, Großer Saal"
    venue_address = "Marktplatz 1"
    starts_at = factory.LazyFunction(lambda: _in_days(14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    capacity = 10
    reserved_places = 0
    free_places = factory.LazyAttribute(lambda o: o.capacity - o.reserved_places)
    languages = factory.LazyFunction(lambda: ["de"])
    state = Event.State.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration of one place. Creating it does NOT take the place from the
    event's counter: use the services for that, or pass the event with `free_places` set."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(factories.UserFactory)
    places = 1
    state = Registration.State.CONFIRMED


def organiser_of(event: Event, role: str = Membership.Role.ADMIN):
    """A user who is a current member (admin by default) of the event's organisation."""
    user = factories.UserFactory()
    factories.MembershipFactory(organisation=event.organisation, user=user, role=role)
    return user
