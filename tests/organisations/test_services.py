import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from handschlag.audit.models import AuditEntry
from handschlag.audit.selectors import entries_about
from handschlag.core.errors import DomainError
from handschlag.core.models import StateChange
from handschlag.notifications.models import Notification
from handschlag.organisations import roles as grants
from handschlag.organisations import services
from handschlag.organisations.models import (
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    RoleGrant,
)
from handschlag.organisations.roles import Role, has_role, roles
from handschlag.organisations.rules import is_org_admin, is_org_member
from handschlag.organisations.selectors import organisations_of
from tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
ADMIN, MEMBER = Membership.Role.ADMIN, Membership.Role.MEMBER
MUNICIPALITY, OTHER = Organisation.Kind.MUNICIPALITY, Organisation.Kind.OTHER


def audit_log(org):
    """(verb, actor, details) of everything recorded about `org`, oldest first."""
    return [(e.verb, e.actor, e.details) for e in entries_about(org)]


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


def test_join_request_notifies_every_admin_and_only_one_is_open(org, admin, member, user):
    second_admin = MembershipFactory(organisation=org, role=ADMIN).user
    services.request_to_join(organisation=org, by=user, message="Hallo")

    notified = Notification.objects.filter(kind="organisations.join_requested")
    assert sorted(n.recipient_id for n in notified) == sorted([admin.pk, second_admin.pk])
    notification = notified.get(recipient=admin)
    assert notification.title == f"{user.public_name} möchte bei „{org.name}“ mitmachen"
    assert notification.url == f"/organisationen/{org.slug}/mitglieder/"
    assert not Notification.objects.filter(recipient__in=[member, user]).exists()
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
    change = StateChange.objects.get(
        content_type__model="joinrequest", object_id=request.pk, to_state="accepted"
    )
    assert change.by == admin
    notification = Notification.objects.get(recipient=request.user)
    assert notification.kind == "organisations.join_accepted"
    assert notification.title == f"Willkommen bei „{org.name}“"
    assert audit_log(org) == [
        (
            "organisations.decide_join_request",
            admin,
            {"person": request.user.public_name, "accepted": True},
        )
    ]
    with pytest.raises(DomainError):
        services.decide_join_request(join_request=request, by=admin, accept=False)


def test_declining_a_join_request(org, admin):
    request = JoinRequestFactory(organisation=org)
    services.decide_join_request(join_request=request, by=admin, accept=False)
    request.refresh_from_db()
    assert request.state == JoinRequest.State.DECLINED
    assert not Membership.objects.filter(user=request.user).exists()
    assert Notification.objects.get(recipient=request.user).kind == "organisations.join_declined"
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


def test_an_invitation_to_an_address_without_account_is_mailed_in_the_admins_language(
    org, admin, django_capture_on_commit_callbacks
):
    admin.preferred_language = "en"
    admin.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_member(organisation=org, by=admin, email="neu@example.org")
    notification = Notification.objects.get(kind="organisations.invitation")
    assert (notification.recipient, notification.email, notification.language) == (
        None, "neu@example.org", "en",
    )  # fmt: skip
    assert mail.outbox[0].subject == f"[Handschlag] Invitation to “{org.name}” on Handschlag"


def test_an_invitation_to_someone_with_an_account_reaches_them_in_the_app(
    org, admin, django_capture_on_commit_callbacks
):
    person = UserFactory(email="hat-konto@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_member(organisation=org, by=admin, email=person.email)
    notification = Notification.objects.get(kind="organisations.invitation")
    assert notification.recipient == person and notification.email == ""
    assert notification.url == f"/organisationen/einladung/{invitation.token}/"
    assert mail.outbox[0].to == [person.email]


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
    assert audit_log(org) == [
        ("organisations.verify", moderator, {}),
        ("organisations.unverify", moderator, {}),
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


# the audit log: every service records who did what


def test_founding_is_recorded(user):
    org = services.create_organisation(by=user, name="Lesepaten", kind="association")
    assert audit_log(org) == [
        ("organisations.create", user, {"kind": "association", "requested_kind": ""})
    ]


def test_role_changes_and_removals_are_recorded_and_the_person_told(org, admin, member):
    membership = Membership.objects.get(user=member)

    services.set_member_role(membership=membership, by=admin, role=ADMIN)
    services.remove_member(membership=membership, by=admin)

    assert audit_log(org) == [
        (
            "organisations.change_role",
            admin,
            {"person": member.public_name, "role_from": MEMBER, "role": ADMIN},
        ),
        ("organisations.remove_member", admin, {"person": member.public_name, "role": ADMIN}),
    ]
    role_changed, removed = Notification.objects.filter(recipient=member).order_by("pk")
    assert role_changed.kind == "organisations.role_changed"
    assert role_changed.title == f"Ihre Rolle bei „{org.name}“: Administrator:in"
    assert removed.kind == "organisations.member_removed"
    assert removed.title == f"Sie sind nicht mehr Mitglied von „{org.name}“"
    assert removed.url == org.get_absolute_url()
    assert not Notification.objects.filter(recipient=admin).exists()
    # the removed admin has no power left over the organisation
    for perm in ("organisations.edit", "organisations.manage_members", "organisations.leave"):
        assert not member.has_perm(perm, org), perm
    with pytest.raises(PermissionDenied):
        services.update_organisation(organisation=org, by=member, description="Noch da?")


def test_leaving_is_recorded(org, admin, member):
    services.leave_organisation(organisation=org, by=member)
    assert audit_log(org) == [("organisations.leave", member, {"role": MEMBER})]


def test_an_invitation_is_recorded_without_the_address(org, admin):
    invitation = services.invite_member(organisation=org, by=admin, email="gast@example.org")
    invitee = UserFactory(email="gast@example.org")
    services.accept_invitation(invitation=invitation, by=invitee)

    assert audit_log(org) == [
        ("organisations.invite", admin, {"role": MEMBER}),
        ("organisations.accept_invitation", invitee, {"role": MEMBER}),
    ]
    for entry in AuditEntry.objects.all():
        assert "gast@example.org" not in f"{entry.details} {entry.comment} {entry.target_label}"


# kinds with powers: requested by admins, granted by verification


def test_a_municipality_is_only_requested_until_a_moderator_verifies_it(user, moderator):
    org = services.create_organisation(by=user, name="Gemeinde Kalletal", kind=MUNICIPALITY)
    assert (org.kind, org.requested_kind, org.is_verified) == (OTHER, MUNICIPALITY, False)
    assert not org.acts_as(MUNICIPALITY)

    services.set_verified(organisation=org, by=moderator, verified=True)

    org.refresh_from_db()
    assert (org.kind, org.requested_kind, org.is_verified) == (MUNICIPALITY, "", True)
    assert org.acts_as(MUNICIPALITY)
    assert audit_log(org) == [
        ("organisations.create", user, {"kind": OTHER, "requested_kind": MUNICIPALITY}),
        ("organisations.verify", moderator, {"kind_from": OTHER, "kind": MUNICIPALITY}),
    ]


def test_an_admin_cannot_give_an_organisation_powers_by_editing_it(org, admin):
    services.update_organisation(organisation=org, by=admin, kind=MUNICIPALITY)
    org.refresh_from_db()
    assert (org.kind, org.requested_kind) == (Organisation.Kind.INITIATIVE, MUNICIPALITY)
    assert audit_log(org) == [("organisations.request_kind", admin, {"kind": MUNICIPALITY})]
    # choosing a plain kind again withdraws the request
    services.update_organisation(organisation=org, by=admin, kind=Organisation.Kind.INITIATIVE)
    org.refresh_from_db()
    assert (org.kind, org.requested_kind) == (Organisation.Kind.INITIATIVE, "")


def test_changing_the_kind_of_a_verified_organisation_withdraws_the_verification(
    org, admin, moderator
):
    services.set_verified(organisation=org, by=moderator, verified=True)

    services.update_organisation(organisation=org, by=admin, kind=Organisation.Kind.ASSOCIATION)

    org.refresh_from_db()
    assert org.kind == Organisation.Kind.ASSOCIATION
    assert not org.is_verified and org.verified_at is None and org.verified_by is None
    assert audit_log(org)[1:] == [
        ("organisations.change", admin, {"kind_from": "initiative", "kind": "association"}),
        ("organisations.unverify", admin, {"reason": "kind_changed"}),
    ]


def test_a_verified_municipality_changing_its_kind_loses_its_powers(user, moderator):
    org = services.create_organisation(by=user, name="Gemeinde Kalletal", kind=MUNICIPALITY)
    services.set_verified(organisation=org, by=moderator, verified=True)

    services.update_organisation(organisation=org, by=user, kind=Organisation.Kind.COMPANY)

    org.refresh_from_db()
    assert (org.kind, org.is_verified) == (Organisation.Kind.COMPANY, False)
    assert not org.acts_as(MUNICIPALITY)
    assert audit_log(org)[-1][0] == "organisations.unverify"


def test_editing_other_fields_keeps_the_verification(org, admin, moderator):
    services.set_verified(organisation=org, by=moderator, verified=True)
    services.update_organisation(
        organisation=org, by=admin, kind=org.kind, description="Neu beschrieben"
    )
    org.refresh_from_db()
    assert org.is_verified and org.description == "Neu beschrieben"
    assert [verb for verb, *_ in audit_log(org)] == ["organisations.verify"]


def test_a_moderator_declines_a_requested_kind(user, moderator):
    org = services.create_organisation(by=user, name="Träger Nord", kind=Organisation.Kind.CARRIER)
    with pytest.raises(PermissionDenied):
        services.decline_requested_kind(organisation=org, by=user)

    services.decline_requested_kind(organisation=org, by=moderator, comment="Kein Nachweis")

    org.refresh_from_db()
    assert (org.kind, org.requested_kind, org.is_verified) == (OTHER, "", False)
    entry = entries_about(org).last()
    assert (entry.verb, entry.actor, entry.comment, entry.details) == (
        "organisations.decline_kind",
        moderator,
        "Kein Nachweis",
        {"kind": "carrier"},
    )
    with pytest.raises(DomainError) as error:  # nothing left to decline
        services.decline_requested_kind(organisation=org, by=moderator)
    assert error.value.code == "wrong_state"


# roles beyond admin and member, for a scope


@pytest.fixture
def translator_role():
    """A throw-away role, scoped to a municipality (e.g. translating its portal)."""
    role = roles.register(Role("tests.translator", "Übersetzer:in", scope="places.Municipality"))
    yield role
    roles.unregister(role.key)


def test_a_scoped_role_holds_for_its_scope_only_and_ends_with_the_membership(
    org, admin, member, translator_role
):
    town, other_town = MunicipalityFactory(), MunicipalityFactory()
    membership = Membership.objects.get(user=member)

    grant = grants.grant_role(membership=membership, by=admin, role="tests.translator", scope=town)

    assert grant.scope == town and grant.granted_by == admin
    assert has_role(member, "tests.translator", scope=town)
    assert has_role(member, "tests.translator", scope=town, organisation=org)
    assert not has_role(member, "tests.translator", scope=other_town)
    assert not has_role(admin, "tests.translator", scope=town)
    assert audit_log(org)[-1] == (
        "organisations.grant_role",
        admin,
        {"person": member.public_name, "role": "tests.translator", "scope": str(town)},
    )
    # granting twice is one grant
    assert (
        grants.grant_role(membership=membership, by=admin, role="tests.translator", scope=town)
        == grant
    )

    services.remove_member(membership=membership, by=admin)

    assert not has_role(member, "tests.translator", scope=town)
    assert not RoleGrant.objects.exists()


def test_roles_are_granted_by_admins_only_and_revocable(org, admin, member, translator_role):
    town = MunicipalityFactory()
    membership = Membership.objects.get(user=member)
    with pytest.raises(PermissionDenied):
        grants.grant_role(membership=membership, by=member, role="tests.translator", scope=town)
    with pytest.raises(DomainError):  # not registered
        grants.grant_role(membership=membership, by=admin, role="tests.boss", scope=town)
    with pytest.raises(DomainError) as error:  # a scoped role needs its scope ...
        grants.grant_role(membership=membership, by=admin, role="tests.translator")
    assert error.value.code == "scope"
    with pytest.raises(DomainError):  # ... of the right model
        grants.grant_role(membership=membership, by=admin, role="tests.translator", scope=org)
    assert not RoleGrant.objects.exists()

    grant = grants.grant_role(membership=membership, by=admin, role="tests.translator", scope=town)
    grants.revoke_role(grant=grant, by=admin)

    assert not has_role(member, "tests.translator", scope=town)
    assert audit_log(org)[-1][:2] == ("organisations.revoke_role", admin)


def test_the_database_holds_one_grant_per_role_and_scope_on_every_backend(org, member):
    """The guard under get_or_create's race: a second row for the same role (without scope, or
    for the same scope) is refused by the database itself, on SQLite as on PostgreSQL."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import IntegrityError, transaction

    membership = Membership.objects.get(user=member)
    town, other = MunicipalityFactory(), MunicipalityFactory()
    kind = ContentType.objects.get_for_model(town)
    RoleGrant.objects.create(membership=membership, role="tests.lead")
    RoleGrant.objects.create(
        membership=membership, role="tests.t", scope_type=kind, scope_id=town.pk
    )
    RoleGrant.objects.create(
        membership=membership, role="tests.t", scope_type=kind, scope_id=other.pk
    )
    for again in (
        {"role": "tests.lead"},
        {"role": "tests.t", "scope_type": kind, "scope_id": town.pk},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            RoleGrant.objects.create(membership=membership, **again)
    assert RoleGrant.objects.count() == 3


def test_removing_a_member_twice_is_done_once(org, admin, member):
    """Issue #7 F9: a double click on "remove" (or removal while the member leaves) was a 500."""
    membership = Membership.objects.get(user=member)
    stale = Membership.objects.get(pk=membership.pk)
    services.remove_member(membership=membership, by=admin)
    services.remove_member(membership=stale, by=admin)
    assert not Membership.objects.filter(user=member).exists()
    assert AuditEntry.objects.filter(verb="organisations.remove_member").count() == 1


def test_changing_the_role_of_someone_who_just_left_is_refused_with_a_message(org, admin, member):
    stale = Membership.objects.get(user=member)
    services.leave_organisation(organisation=org, by=member)
    with pytest.raises(DomainError) as error:
        services.set_member_role(membership=stale, by=admin, role=ADMIN)
    assert error.value.code == "not_member"
