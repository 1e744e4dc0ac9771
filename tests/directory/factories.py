"""Portal objects for tests: a published portal of a verified municipality organisation."""

import factory
from django.utils import timezone

from handschlag.directory.models import (
    GuidePage,
    GuideSection,
    GuideTopic,
    Location,
    Offer,
    OfferLocation,
    Portal,
    Provider,
)
from handschlag.organisations.models import Organisation
from tests import factories as base


class MunicipalityOrganisationFactory(base.OrganisationFactory):
    kind = Organisation.Kind.MUNICIPALITY
    is_verified = True


class PortalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Portal

    municipality = factory.SubFactory(base.MunicipalityFactory)
    organisation = factory.SubFactory(
        MunicipalityOrganisationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    welcome = "Willkommen! Hier finden Sie Hilfe in Ihrer Nähe."
    published_at = factory.LazyFunction(timezone.now)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    portal = factory.SubFactory(PortalFactory)
    name = factory.Sequence(lambda n: f"Beratungsstelle {n}")
    description = "Wir beraten Sie kostenlos."


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    portal = factory.SubFactory(PortalFactory)
    name = factory.Sequence(lambda n: f"Haus {n}")
    street = "Bahnhofstraße 1"
    postcode = "96515"
    city = factory.LazyAttribute(lambda o: o.portal.municipality.name)
    latitude = 50.36
    longitude = 11.17


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    portal = factory.SubFactory(PortalFactory)
    provider = factory.SubFactory(ProviderFactory, portal=factory.SelfAttribute("..portal"))
    name = factory.Sequence(lambda n: f"Deutschkurs {n}")
    summary = "Deutsch lernen am Abend, für Anfängerinnen und Anfänger."
    description = "Der Kurs ist zweimal pro Woche. Sie brauchen keine Vorkenntnisse."
    contact_email = factory.Sequence(lambda n: f"kontakt{n}@beispiel.example")
    published_at = factory.LazyFunction(timezone.now)
    last_checked_at = factory.LazyFunction(timezone.now)


class OfferLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferLocation

    offer = factory.SubFactory(OfferFactory)
    location = factory.SubFactory(LocationFactory, portal=factory.SelfAttribute("..offer.portal"))


class GuideTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideTopic

    portal = factory.SubFactory(PortalFactory)
    title = factory.Sequence(lambda n: f"Ankommen {n}")


class GuidePageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuidePage

    topic = factory.SubFactory(GuideTopicFactory)
    slug = factory.Sequence(lambda n: f"erste-schritte-{n}")
    title = "Erste Schritte"
    summary = "Was Sie in den ersten Tagen tun."
    published_at = factory.LazyFunction(timezone.now)


class GuideSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideSection

    page = factory.SubFactory(GuidePageFactory)
    position = factory.Sequence(lambda n: n)
    heading = "Anmelden"
    body = "Melden Sie sich im Bürgerbüro an. Bringen Sie Ihren Pass mit."


# directory: guides and translations
def translator_of(portal):
    """A user holding the scoped role directory.translator for `portal`."""
    from django.contrib.contenttypes.models import ContentType

    from handschlag.organisations.models import Membership, RoleGrant

    user = base.UserFactory()
    membership = base.MembershipFactory(
        user=user, organisation=portal.organisation, role=Membership.Role.MEMBER
    )
    RoleGrant.objects.create(
        membership=membership, role="directory.translator",
        scope_type=ContentType.objects.get_for_model(portal), scope_id=portal.pk,
    )  # fmt: skip
    return user
