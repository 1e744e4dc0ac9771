"""Leaving an organisation asks first and says what it means; the only admin is told to hand
over first instead of being offered a button that cannot work. New organisations get their
first steps."""

import pytest
from django.urls import reverse

from handschlag.organisations.models import Membership
from tests.conftest import client_for
from tests.factories import (
    InvitationFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(description="", municipality=None, is_verified=False)


def leave_url(org):
    return reverse("organisations:leave", args=[org.slug])


def test_a_member_is_asked_first_and_told_the_consequences(org):
    member = MembershipFactory(organisation=org).user
    MembershipFactory(organisation=org, role="admin")
    client = client_for(member)
    page = client.get(leave_url(org)).content.decode()
    assert "bleiben die Versprechen und Bewerbungen" in page
    assert "Ja, Organisation verlassen" in page
    assert Membership.objects.filter(organisation=org, user=member).exists()  # GET changes nothing

    response = client.post(leave_url(org))
    assert response.status_code == 302 and response["Location"] == org.get_absolute_url()
    assert not Membership.objects.filter(organisation=org, user=member).exists()


def test_the_only_admin_gets_no_leave_button_but_the_way_to_hand_over(org):
    admin = MembershipFactory(organisation=org, role="admin").user
    MembershipFactory(organisation=org)
    client = client_for(admin)
    detail = client.get(org.get_absolute_url()).content.decode()
    assert leave_url(org) not in detail
    assert "Sie sind die einzige Person mit Admin-Rechten" in detail
    page = client.get(leave_url(org)).content.decode()
    assert "Ja, Organisation verlassen" not in page
    assert reverse("organisations:members", args=[org.slug]) in page

    response = client.post(leave_url(org), follow=True)  # e.g. an old tab
    assert "mindestens eine Administrator:in" in response.content.decode()
    assert Membership.objects.filter(organisation=org, user=admin, role="admin").exists()


def test_with_a_second_admin_the_admin_may_leave(org):
    admin = MembershipFactory(organisation=org, role="admin").user
    MembershipFactory(organisation=org, role="admin")
    detail = client_for(admin).get(org.get_absolute_url()).content.decode()
    assert leave_url(org) in detail
    client_for(admin).post(leave_url(org))
    assert not Membership.objects.filter(organisation=org, user=admin).exists()


@pytest.mark.parametrize("who", ["stranger", "anonymous"])
def test_people_outside_cannot_open_the_leave_page(org, who, client):
    MembershipFactory(organisation=org, role="admin")
    visitor = client_for(UserFactory()) if who == "stranger" else client
    response = visitor.get(leave_url(org))
    assert response.status_code in (302, 403)
    if who == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    assert Membership.objects.filter(organisation=org).count() == 1


def test_first_steps_for_admins_until_done(org):
    admin = MembershipFactory(organisation=org, role="admin").user
    member = MembershipFactory(organisation=org).user
    page = client_for(admin).get(org.get_absolute_url()).content.decode()
    assert "Erste Schritte" in page
    assert reverse("organisations:edit", args=[org.slug]) in page
    assert "Weitere Mitglieder sind eingeladen." in page  # two members: that step is done
    assert "Erste Schritte" not in client_for(member).get(org.get_absolute_url()).content.decode()

    org.description = "Wir helfen beim Ankommen."
    org.municipality = MunicipalityFactory()
    org.is_verified = True
    org.save()
    assert "Erste Schritte" not in client_for(admin).get(org.get_absolute_url()).content.decode()


def test_an_open_invitation_counts_as_inviting(org):
    admin = MembershipFactory(organisation=org, role="admin").user
    page = client_for(admin).get(org.get_absolute_url()).content.decode()
    assert "Laden Sie Kolleg:innen ein." in page
    InvitationFactory(organisation=org)
    page = client_for(admin).get(org.get_absolute_url()).content.decode()
    assert "Weitere Mitglieder sind eingeladen." in page
