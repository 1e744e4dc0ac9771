import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from handschlag.core.errors import DomainError
from handschlag.core.models import StateChange
from handschlag.moderation.models import ModerationAction
from handschlag.notifications.models import Kind, Notification
from handschlag.organisations import services
from handschlag.organisations.models import Invitation, JoinRequest, Membership, Organisation
from handschlag.organisations.rules import is_org_admin, is_org_member
from handschlag.organisations.selectors import organisations_of
from tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
ADMIN, MEMBER = Membership.Role.ADMIN, Membership.Role.MEMBER


@pytest.fixture
def org():
    return OrganisationFactory(name="Willkommen in Sonneberg e. V.")


@pytest.fixture
def admin(org):
    return MembershipFactory(organisation=org, role=ADMIN).user


@pytest.fixture
def member(org):
    return MembershipFactory(organisation=org, role=MEMBER).user


# predicates and selector


def test_predicates_and_selector(org, admin, member, user):
    assert is_org_admin(admin, org) and is_org_member(admin, org)
    assert is_org_member(member, org) and not is_org_admin(member, org)
    assert not is_org_member(user, org) and not is_org_admin(user, org)
    assert list(organisations_of(member)) == [org]
    assert not organisations_of(user).exists()


# create / update


def test_creator_becomes_admin_and_slugs_are_unique(user):
    first = services.create_organisation(by=user, name="Hilfe für alle", kind="initiative")
    second = services.create_organisation(by=user, name="Hilfe für alle", kind="initiative")
    reserved = services.create_organisation(by=user, name="Neu", kind="other")

    assert first.slug == "hilfe-fur-alle" and second.slug == "hilfe-fur-alle-2"
    assert reserved.slug == "neu-2"
    assert Membership.objects.get(organisation=first, user=user).role == ADMIN


def test_inactive_user_cannot_create():
    with pytest.raises(PermissionDenied):
        services.create_organisation(by=UserFactory(is_active=False), name="X", kind="initiative")


def test_only_admins_update(org, admin, member):
    services.update_organisation(organisation=org, by=admin, description="Neu")
    org.refresh_from_db()
    assert org.description == "Neu"
    with pytest.raises(PermissionDenied):
        services.update_organisation(organisation=org, by=member, description="Kaputt")


# join requests


def test_join_request_notifies_admins_and_only_one_is_open(org, admin, user):
    services.request_to_join(organisation=org, by=user, message="Hallo")

    notification = Notification.objects.get(recipient=admin)
    assert notification.kind == Kind.ORGANISATION
    assert user.public_name in notification.body
    assert notification.url == f"/organisationen/{org.slug}/mitglieder/"
    with pytest.raises(DomainError):
        services.request_to_join(organisation=org, by=user)
    assert JoinRequest.objects.filter(user=user).count() == 1


def test_members_cannot_request_to_join(org, member):
    with pytest.raises(DomainError):
        services.request_to_join(organisation=org, by=member)


def test_accepting_a_join_request_makes_a_member_and_records_it(org, admin):
    request = JoinRequestFactory(organisation=org)

    services.decide_join_request(join_request=request, by=admin, accept=True)

    request.refresh_from_db()
    assert request.state == JoinRequest.State.ACCEPTED and request.decided_by == admin
    assert Membership.objects.get(organisation=org, user=request.user).role == MEMBER
    change = StateChange.objects.get(object_id=request.pk, to_state="accepted")
    assert change.by == admin
    assert Notification.objects.filter(recipient=request.user, kind=Kind.ORGANISATION).exists()
    with pytest.raises(DomainError):
        services.decide_join_request(join_request=request, by=admin, accept=False)


def test_declining_a_join_request(org, admin):
    request = JoinRequestFactory(organisation=org)
    services.decide_join_request(join_request=request, by=admin, accept=False)
    request.refresh_from_db()
    assert request.state == JoinRequest.State.DECLINED
    assert not Membership.objects.filter(user=request.user).exists()
    # after a decision, the person may ask again
    services.request_to_join(organisation=org, by=request.user)


def test_members_cannot_decide_join_requests(org, member):
    request = JoinRequestFactory(organisation=org)
    with pytest.raises(PermissionDenied):
        services.decide_join_request(join_request=request, by=member, accept=True)


# invitations


def test_invitation_mails_an_absolute_link_after_commit(
    org, admin, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://handschlag.example"
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_member(
            organisation=org, by=admin, email=" Neu@Example.org ", role=ADMIN
        )

    assert invitation.email == "neu@example.org"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["neu@example.org"]
    assert (
        f"https://handschlag.example/organisationen/einladung/{invitation.token}/"
        in mail.outbox[0].body
    )
    with pytest.raises(DomainError):
        services.invite_member(organisation=org, by=admin, email="neu@example.org")


def test_invitation_refusals(org, admin, member):
    with pytest.raises(PermissionDenied):
        services.invite_member(organisation=org, by=member, email="a@example.org")
    with pytest.raises(DomainError):
        services.invite_member(organisation=org, by=admin, email=member.email)
    with pytest.raises(DomainError):
        services.invite_member(organisation=org, by=admin, email="a@example.org", role="boss")


def test_accepting_an_invitation_with_the_verified_address(org):
    invitee = UserFactory(email="gast@example.org")
    invitation = InvitationFactory(organisation=org, email="gast@example.org", role=ADMIN)

    membership = services.accept_invitation(invitation=invitation, by=invitee)

    assert membership.role == ADMIN and membership.organisation == org
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    with pytest.raises(DomainError):  # used once
        services.accept_invitation(invitation=invitation, by=invitee)


def test_invitation_for_another_or_unverified_address_is_refused(org):
    invitation = InvitationFactory(organisation=org, email="gast@example.org")
    with pytest.raises(DomainError) as other:
        services.accept_invitation(invitation=invitation, by=UserFactory())
    assert other.value.code == "other_email"
    unverified = UserFactory(email="gast@example.org", verified=False)
    with pytest.raises(DomainError):
        services.accept_invitation(invitation=invitation, by=unverified)
    assert Invitation.objects.get().accepted_at is None


# roles, removal, leaving


def test_admin_can_promote_and_demote_but_never_the_last_admin(org, admin, member):
    membership = Membership.objects.get(user=member)
    services.set_member_role(membership=membership, by=admin, role=ADMIN)
    assert Membership.objects.get(user=member).role == ADMIN
    services.set_member_role(membership=membership, by=admin, role=MEMBER)

    own = Membership.objects.get(user=admin)
    with pytest.raises(DomainError) as error:
        services.set_member_role(membership=own, by=admin, role=MEMBER)
    assert error.value.code == "last_admin"
    assert Membership.objects.get(user=admin).role == ADMIN


def test_members_cannot_change_roles(org, admin, member):
    with pytest.raises(PermissionDenied):
        services.set_member_role(
            membership=Membership.objects.get(user=member), by=member, role=ADMIN
        )


def test_remove_member_but_not_the_last_admin(org, admin, member):
    services.remove_member(membership=Membership.objects.get(user=member), by=admin)
    assert not is_org_member(member, org)
    with pytest.raises(DomainError):
        services.remove_member(membership=Membership.objects.get(user=admin), by=admin)


def test_leaving(org, admin, member, user):
    services.leave_organisation(organisation=org, by=member)
    assert not is_org_member(member, org)
    with pytest.raises(DomainError):
        services.leave_organisation(organisation=org, by=admin)
    with pytest.raises(DomainError):
        services.leave_organisation(organisation=org, by=user)


# verification


def test_moderator_verifies_and_unverifies_with_a_log(org, moderator, admin):
    services.set_verified(organisation=org, by=moderator, verified=True)
    org.refresh_from_db()
    assert org.is_verified and org.verified_by == moderator and org.verified_at
    services.set_verified(organisation=org, by=moderator, verified=False)
    org.refresh_from_db()
    assert not org.is_verified and org.verified_at is None
    assert list(ModerationAction.objects.order_by("pk").values_list("action", flat=True)) == [
        ModerationAction.Action.VERIFY_ORGANISATION,
        ModerationAction.Action.UNVERIFY_ORGANISATION,
    ]
    with pytest.raises(PermissionDenied):
        services.set_verified(organisation=org, by=admin, verified=True)
    assert not Organisation.objects.get(pk=org.pk).is_verified


def test_two_admins_demoting_each_other_leave_one_admin(org, admin, member):
    other = Membership.objects.get(user=member)
    services.set_member_role(membership=other, by=admin, role=ADMIN)
    mine = Membership.objects.get(user=admin)

    services.set_member_role(membership=other, by=admin, role=MEMBER)
    with pytest.raises(PermissionDenied):  # `member` was demoted a moment ago
        services.set_member_role(membership=mine, by=member, role=MEMBER)

    assert list(org.memberships.filter(role=ADMIN).values_list("user", flat=True)) == [admin.pk]
