"""A redemption between two organisations, accepted: the people on both sides and around."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from handschlag.accounts.models import User
from handschlag.organisations.models import Membership, Organisation
from handschlag.promises import services as promise_services
from handschlag.promises.conversation import SUBJECT
from handschlag.promises.models import Redemption
from tests import factories
from tests.conftest import client_for


@dataclass
class World:
    promiser_org: Organisation
    redeemer_org: Organisation
    owner: User  # admin of the promising company, owns the promise
    promiser_member: User  # plain member of the promising company
    leaver: User  # member of the promising company, removed in some tests
    applicant: User  # admin of the redeeming initiative, applied for it
    redeemer_member: User  # plain member of the redeeming initiative
    stranger: User
    moderator: User
    redemption: Redemption

    def remove_leaver(self) -> None:
        """The company's admin removes `leaver` over HTTP, as it happens."""
        membership = Membership.objects.get(organisation=self.promiser_org, user=self.leaver)
        url = reverse("organisations:member_remove", args=[self.promiser_org.slug, membership.pk])
        assert client_for(self.owner).post(url).status_code == 302
        assert not Membership.objects.filter(pk=membership.pk).exists()


def member(organisation, role=Membership.Role.MEMBER, **user):
    person = factories.UserFactory(**user)
    factories.MembershipFactory(organisation=organisation, user=person, role=role)
    return person


def make_world(*, accept: bool = True) -> World:
    company = factories.OrganisationFactory(name="Techwerk GmbH", kind=Organisation.Kind.COMPANY)
    initiative = factories.OrganisationFactory(name="Willkommen e. V.")
    owner = member(company, Membership.Role.ADMIN, first_name="Olga", last_name="Ostermann")
    promise = factories.PromiseFactory(owner=owner, organisation=company)
    applicant = member(initiative, Membership.Role.ADMIN, first_name="Anna", last_name="Arendt")
    redemption = factories.RedemptionFactory(
        promise=promise, applicant=applicant, organisation=initiative
    )
    world = World(
        promiser_org=company,
        redeemer_org=initiative,
        owner=owner,
        promiser_member=member(company, first_name="Paul", last_name="Peters"),
        leaver=member(company, first_name="Lena", last_name="Lang"),
        applicant=applicant,
        redeemer_member=member(initiative, first_name="Rita", last_name="Roth"),
        stranger=factories.UserFactory(first_name="Sven", last_name="Stein"),
        moderator=factories.ModeratorFactory(),
        redemption=redemption,
    )
    if accept:
        promise_services.accept_application(redemption=redemption, by=owner)
    return world


@pytest.fixture
def world(db) -> World:
    return make_world()


def thread_for(redemption):
    from handschlag.conversations.threads import thread_of

    return thread_of(subject_key=SUBJECT, obj=redemption)
