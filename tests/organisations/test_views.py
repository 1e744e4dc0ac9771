import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.organisations.models import Invitation, JoinRequest, Membership, Organisation
from handschlag.promises.models import Promise
from tests.conftest import client_for
from tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PromiseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory(name="Elbbrücke Torgau", slug="elbbruecke-torgau")


@pytest.fixture
def admin(org):
    return MembershipFactory(organisation=org, role="admin", user__first_name="Anna").user


@pytest.fixture
def member(org):
    return MembershipFactory(
        organisation=org, user__first_name="Mehmet", user__last_name="Yilmaz"
    ).user


@pytest.fixture
def clients(client, user, member, admin, moderator):
    return {
        "anonymous": client,
        "user": client_for(user),
        "member": client_for(member),
        "admin": client_for(admin),
        "moderator": client_for(moderator),
    }


def url(name, org=None, **kwargs):
    if org is not None:
        kwargs["slug"] = org.slug
    return reverse(f"organisations:{name}", kwargs=kwargs)


def is_login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith("/konto/login/")


# list


def test_list_search_filters_and_badge(client):
    town = MunicipalityFactory(name="Torgau", slug="torgau", ags="14730310", state="SN")
    OrganisationFactory(name="Elbbrücke", municipality=town, is_verified=True)
    OrganisationFactory(name="Techwerk", kind="company")

    response = client.get(url("list"))
    assert response.status_code == 200 and response.text.count("<h1") == 1
    assert "verifiziert" in response.text
    assert "Techwerk" not in client.get(url("list"), {"q": "elb"}).text
    assert "Elbbrücke" not in client.get(url("list"), {"kind": "company"}).text
    assert "Techwerk" not in client.get(url("list"), {"municipality": "torgau"}).text


def test_list_with_bad_filters_is_not_an_error(client):
    response = client.get(url("list"), {"kind": "<script>", "municipality": "nowhere", "page": "x"})
    assert response.status_code == 200
    assert "<script>" not in response.text


def test_list_query_count_is_constant(client):
    OrganisationFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        client.get(url("list"))
    OrganisationFactory.create_batch(15)
    with CaptureQueriesContext(connection) as many:
        client.get(url("list"))
    assert len(few) == len(many)


# detail


def test_detail_shows_members_only_to_members(org, clients, member):
    for role in ("anonymous", "user", "moderator"):
        response = clients[role].get(url("detail", org))
        assert response.status_code == 200, role
        assert "Mehmet Y." not in response.text, role
    for role in ("member", "admin"):
        response = clients[role].get(url("detail", org))
        assert "Mehmet Y." in response.text and "Yilmaz" not in response.text
        assert member.email not in response.text


def test_detail_actions_by_role(org, clients):
    members_link = url("members", org)
    verify = url("verify", org)
    assert members_link in clients["admin"].get(url("detail", org)).text
    assert members_link not in clients["member"].get(url("detail", org)).text
    assert verify in clients["moderator"].get(url("detail", org)).text
    assert verify not in clients["admin"].get(url("detail", org)).text
    assert url("join", org) in clients["user"].get(url("detail", org)).text


def test_detail_lists_only_public_promises_and_escapes_text(client, org):
    org.description = "<script>alert(1)</script>"
    org.save()
    PromiseFactory(organisation=org, title="Öffentlich")
    PromiseFactory(organisation=org, title="Geheim", state=Promise.State.DRAFT)

    response = client.get(url("detail", org))
    assert "Öffentlich" in response.text and "Geheim" not in response.text
    assert "<script>alert(1)</script>" not in response.text


def test_unknown_organisation_is_404(client):
    assert (
        client.get(reverse("organisations:detail", kwargs={"slug": "gibt-es-nicht"})).status_code
        == 404
    )


# create and edit


def test_create_requires_login_and_makes_the_creator_admin(client, user):
    assert is_login_redirect(client.get(url("create")))
    c = client_for(user)
    assert c.get(url("create")).status_code == 200

    response = c.post(url("create"), {"name": "Kalletal hilft", "kind": "association"})

    organisation = Organisation.objects.get(name="Kalletal hilft")
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    assert Membership.objects.get(organisation=organisation).user == user


def test_create_with_bad_input_rerenders_with_errors(user):
    response = client_for(user).post(url("create"), {"name": "", "kind": "nonsense"})
    assert response.status_code == 200 and "errorlist" in response.text
    assert not Organisation.objects.exists()


def test_edit_by_role(org, clients):
    assert is_login_redirect(clients["anonymous"].get(url("edit", org)))
    for role in ("user", "member", "moderator"):
        assert clients[role].get(url("edit", org)).status_code == 403, role
    assert clients["admin"].get(url("edit", org)).status_code == 200
    response = clients["admin"].post(
        url("edit", org), {"name": "Elbbrücke e. V.", "kind": "association", "description": "x"}
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name == "Elbbrücke e. V." and org.slug == "elbbruecke-torgau"


# joining and leaving


def test_join_request(org, clients, user, admin):
    assert is_login_redirect(clients["anonymous"].post(url("join", org)))
    assert clients["user"].get(url("join", org)).status_code == 405

    response = clients["user"].post(url("join", org), {"message": "Ich helfe gern"}, follow=True)

    assert JoinRequest.objects.get(user=user).message == "Ich helfe gern"
    assert "noch offen" in response.text
    again = clients["user"].post(url("join", org), follow=True)
    assert "noch offen" in again.text and JoinRequest.objects.count() == 1


def test_leave(org, clients, member, admin):
    clients["member"].post(url("leave", org))
    assert not Membership.objects.filter(user=member).exists()
    response = clients["admin"].post(url("leave", org), follow=True)
    assert Membership.objects.filter(user=admin).exists()
    assert "mindestens eine Administrator:in" in response.text


# member management


def test_members_page_by_role(org, clients, member):
    assert is_login_redirect(clients["anonymous"].get(url("members", org)))
    for role in ("user", "member", "moderator"):
        assert clients[role].get(url("members", org)).status_code == 403, role
    JoinRequestFactory(organisation=org, message="<script>x</script>")
    response = clients["admin"].get(url("members", org))
    assert response.status_code == 200 and response.text.count("<h1") == 1
    assert "Mehmet Yilmaz" in response.text and "<script>x" not in response.text


def test_invite_from_the_members_page(org, clients, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["admin"].post(
            url("members", org), {"email": "neu@example.org", "role": "member"}
        )
    assert response.status_code == 302
    assert Invitation.objects.get().email == "neu@example.org"
    assert len(mail.outbox) == 1

    bad = clients["admin"].post(url("members", org), {"email": "kein-mail", "role": "member"})
    assert bad.status_code == 200 and "errorlist" in bad.text
    dup = clients["admin"].post(url("members", org), {"email": "neu@example.org", "role": "member"})
    assert dup.status_code == 200 and "bereits eine Einladung" in dup.text
    assert (
        clients["member"].post(url("members", org), {"email": "x@example.org"}).status_code == 403
    )


def test_role_change_and_removal(org, clients, member, admin):
    membership = Membership.objects.get(user=member)
    role_url = url("member_role", org, pk=membership.pk)
    prefix = f"m{membership.pk}-role"
    assert clients["member"].post(role_url, {prefix: "admin"}).status_code == 403
    clients["admin"].post(role_url, {prefix: "admin"})
    assert Membership.objects.get(user=member).role == "admin"

    clients["admin"].post(url("member_remove", org, pk=membership.pk))
    assert not Membership.objects.filter(user=member).exists()

    own = Membership.objects.get(user=admin)
    response = clients["admin"].post(
        url("member_role", org, pk=own.pk), {f"m{own.pk}-role": "member"}, follow=True
    )
    assert Membership.objects.get(user=admin).role == "admin"
    assert "mindestens eine Administrator:in" in response.text
    assert clients["admin"].post(url("member_remove", org, pk=99999)).status_code == 404


def test_decide_join_requests(org, clients):
    first, second = JoinRequestFactory.create_batch(2, organisation=org)
    assert (
        clients["member"].post(url("join_request_decide", org, pk=first.pk), {"accept": "1"})
    ).status_code == 403
    clients["admin"].post(url("join_request_decide", org, pk=first.pk), {"accept": "1"})
    clients["admin"].post(url("join_request_decide", org, pk=second.pk), {"accept": "0"})
    assert JoinRequest.objects.get(pk=first.pk).state == "accepted"
    assert JoinRequest.objects.get(pk=second.pk).state == "declined"
    assert Membership.objects.filter(user=first.user).exists()
    bad = clients["admin"].post(url("join_request_decide", org, pk=first.pk), {"accept": "?"})
    assert bad.status_code == 302


# verification


def test_only_moderators_verify(org, clients):
    for role in ("user", "member", "admin"):
        assert clients[role].post(url("verify", org)).status_code == 403, role
    assert clients["moderator"].get(url("verify", org)).status_code == 405
    clients["moderator"].post(url("verify", org))
    assert Organisation.objects.get(pk=org.pk).is_verified
    clients["moderator"].post(url("verify", org))  # verifying twice changes nothing
    assert Organisation.objects.get(pk=org.pk).is_verified
    for role in ("user", "member", "admin"):
        assert clients[role].post(url("verify", org), {"verified": "0"}).status_code == 403, role
    assert Organisation.objects.get(pk=org.pk).is_verified
    response = clients["moderator"].post(url("verify", org), {"verified": "0"}, follow=True)
    assert not Organisation.objects.get(pk=org.pk).is_verified
    assert "Die Verifizierung wurde entzogen." in response.text


def test_the_moderator_sees_how_to_withdraw_a_verification(org, clients):
    assert 'name="verified" value="1"' in clients["moderator"].get(url("detail", org)).text
    org.is_verified = True
    org.save()
    page = clients["moderator"].get(url("detail", org)).text
    assert 'name="verified" value="0"' in page and "Verifizierung entziehen" in page


def test_a_requested_municipality_is_granted_or_declined_by_a_moderator(user, clients, moderator):
    clients["user"].post(url("create"), {"name": "Gemeinde Kalletal", "kind": "municipality"})
    org = Organisation.objects.get(name="Gemeinde Kalletal")
    assert (org.kind, org.requested_kind, org.is_verified) == ("other", "municipality", False)
    own_page = clients["user"].get(url("detail", org)).text
    assert "Kommune – wird wirksam, sobald die Moderation die Organisation geprüft hat" in own_page
    assert "wird wirksam" not in clients["member"].get(url("detail", org)).text
    page = clients["moderator"].get(url("detail", org)).text
    assert "Verifizieren als Kommune" in page and url("decline_kind", org) in page

    for role in ("user", "member", "admin"):
        assert clients[role].post(url("decline_kind", org)).status_code == 403, role
    response = clients["moderator"].post(url("decline_kind", org), follow=True)
    org.refresh_from_db()
    assert (org.kind, org.requested_kind, org.is_verified) == ("other", "", False)
    assert "Die beantragte Art wurde abgelehnt." in response.text
    again = clients["moderator"].post(url("decline_kind", org), follow=True)
    assert "Es ist keine Art beantragt." in again.text

    clients["user"].post(
        url("edit", org), {"name": "Gemeinde Kalletal", "kind": "municipality"}
    )  # asks again
    clients["moderator"].post(url("verify", org))
    org.refresh_from_db()
    assert (org.kind, org.requested_kind, org.is_verified) == ("municipality", "", True)
    assert "Verifizierung entziehen" in clients["moderator"].get(url("detail", org)).text


# invitations


def test_invitation_acceptance(client, org):
    invitee = UserFactory(email="gast@example.org")
    invitation = InvitationFactory(organisation=org, email="gast@example.org")
    link = url("invitation", token=invitation.token)

    assert is_login_redirect(client.get(link))
    stranger = client_for(UserFactory())
    response = stranger.post(link, follow=True)
    assert "andere E-Mail-Adresse" in response.text
    assert not Membership.objects.filter(organisation=org, user__email="gast@example.org").exists()

    c = client_for(invitee)
    assert c.get(link).status_code == 200
    response = c.post(link)
    assert response.status_code == 302 and response["Location"] == org.get_absolute_url()
    assert Membership.objects.filter(organisation=org, user=invitee).exists()
    assert "bereits angenommen" in c.post(link, follow=True).text
    assert client_for(invitee).get(url("invitation", token="falsch")).status_code == 404


def test_a_double_click_on_remove_member_is_no_error(org, clients):
    """Issue #7 F9 at the HTTP level: the second POST finds the member gone."""
    membership = Membership.objects.filter(organisation=org, role="member").first()
    remove = url("member_remove", org, pk=membership.pk)
    assert clients["admin"].post(remove).status_code == 302
    assert clients["admin"].post(remove).status_code == 404
    assert not Membership.objects.filter(pk=membership.pk).exists()
