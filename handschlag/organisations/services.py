"""Every write about organisations: founding, membership, invitations, verification.

All services are keyword-only, run in one transaction and check permissions themselves.
Changes to the set of admins lock the organisation row first, so two concurrent requests
can never remove the last two admins at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.core.models import StateChange

from . import signals
from .models import Invitation, JoinRequest, Membership, Organisation

if TYPE_CHECKING:
    from handschlag.accounts.models import User

# Slugs that would shadow fixed URLs under /organisationen/.
RESERVED_SLUGS = {"neu", "einladung"}
EDITABLE_FIELDS = ("name", "kind", "description", "website", "municipality")


def _require(perm: str, user: User, organisation: Organisation | None) -> None:
    if not user.has_perm(perm, organisation):
        raise PermissionDenied


def _require_active(user: User) -> None:
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        raise PermissionDenied


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """A slug from the name; taken or reserved ones get a counter (verein, verein-2, …)."""
    base = slugify(name)[:170] or "organisation"
    taken = Organisation.objects.filter(slug__startswith=base)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    slugs = set(taken.values_list("slug", flat=True)) | RESERVED_SLUGS
    slug, counter = base, 2
    while slug in slugs:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _record(target: Any, *, from_state: str, to_state: str, by: User | None) -> None:
    StateChange.objects.create(
        content_type=ContentType.objects.get_for_model(type(target)),
        object_id=target.pk,
        from_state=from_state,
        to_state=to_state,
        by=by,
    )


def _lock(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _admin_count(organisation: Organisation) -> int:
    return organisation.memberships.filter(role=Membership.Role.ADMIN).count()


# Audit verbs of this app (registered in apps.py with their labels).
CREATED = "organisations.create"
CHANGED = "organisations.change"
KIND_REQUESTED = "organisations.request_kind"
JOIN_DECIDED = "organisations.decide_join_request"
INVITED = "organisations.invite"
INVITATION_ACCEPTED = "organisations.accept_invitation"
ROLE_CHANGED = "organisations.change_role"
REMOVED = "organisations.remove_member"
LEFT = "organisations.leave"
VERIFIED = "organisations.verify"
UNVERIFIED = "organisations.unverify"
KIND_DECLINED = "organisations.decline_kind"
ROLE_GRANTED = "organisations.grant_role"
ROLE_REVOKED = "organisations.revoke_role"


def _split_kind(kind: str) -> tuple[str, str]:
    """(kind to set now, kind to request): a kind with powers is only requested."""
    if kind not in Organisation.Kind.values:
        raise DomainError(_("Unbekannte Art von Organisation."), code="kind")
    if kind in Organisation.POWER_KINDS:
        return Organisation.Kind.OTHER, kind
    return kind, ""


@transaction.atomic
def create_organisation(
    *,
    by: User,
    name: str,
    kind: str,
    description: str = "",
    website: str = "",
    municipality: Any = None,
) -> Organisation:
    """Found an organisation; its founder becomes its first admin. A kind with powers
    (municipality, carrier) is requested and takes effect when a moderator verifies it."""
    _require("organisations.create", by, None)
    kind, requested = _split_kind(kind)
    organisation = Organisation.objects.create(
        name=name.strip(),
        slug=unique_slug(name),
        kind=kind,
        requested_kind=requested,
        description=description,
        website=website,
        municipality=municipality,
    )
    Membership.objects.create(organisation=organisation, user=by, role=Membership.Role.ADMIN)
    record(actor=by, verb=CREATED, target=organisation, kind=kind, requested_kind=requested)
    return organisation


def _change_kind(organisation: Organisation, kind: str, by: User) -> list[str]:
    """Apply the kind an admin chose; returns the fields changed. A kind with powers is only
    requested; a plain kind withdraws a pending request; any change of kind takes a
    verification back (it was given for the old kind)."""
    new_kind, requested = _split_kind(kind)
    if requested:
        if requested in (organisation.kind, organisation.requested_kind):
            return []
        organisation.requested_kind = requested
        record(actor=by, verb=KIND_REQUESTED, target=organisation, kind=requested)
        return ["requested_kind"]
    changed = []
    if organisation.requested_kind:
        organisation.requested_kind = ""
        changed.append("requested_kind")
    if new_kind == organisation.kind:
        return changed
    record(actor=by, verb=CHANGED, target=organisation, kind_from=organisation.kind, kind=new_kind)
    organisation.kind = new_kind
    changed.append("kind")
    if organisation.is_verified:
        organisation.is_verified, organisation.verified_at, organisation.verified_by = (
            False, None, None
        )  # fmt: skip
        record(actor=by, verb=UNVERIFIED, target=organisation, reason="kind_changed")
        changed += ["is_verified", "verified_at", "verified_by"]
    return changed


@transaction.atomic
def update_organisation(*, organisation: Organisation, by: User, **changes: Any) -> Organisation:
    """Change the organisation's profile (admins only). The slug stays, so links keep working."""
    organisation = _lock(organisation)
    _require("organisations.edit", by, organisation)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    fields = _change_kind(organisation, changes.pop("kind"), by) if "kind" in changes else []
    for field, value in changes.items():
        setattr(organisation, field, value)
    organisation.save(update_fields=[*changes, *fields, "updated_at"])
    return organisation


@transaction.atomic
def request_to_join(*, organisation: Organisation, by: User, message: str = "") -> JoinRequest:
    """Ask to join; one open request per person; the admins are told (signals.join_requested)."""
    _require_active(by)
    if organisation.memberships.filter(user=by).exists():
        raise DomainError(_("Sie sind bereits Mitglied dieser Organisation."), code="member")
    if organisation.join_requests.filter(user=by, state=JoinRequest.State.PENDING).exists():
        raise DomainError(_("Ihre Anfrage an diese Organisation ist noch offen."), code="pending")
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                organisation=organisation, user=by, message=message.strip()
            )
    except IntegrityError:  # a concurrent request won the race
        raise DomainError(
            _("Ihre Anfrage an diese Organisation ist noch offen."), code="pending"
        ) from None
    signals.join_requested.send(sender=JoinRequest, join_request=join_request)
    return join_request


@transaction.atomic
def decide_join_request(*, join_request: JoinRequest, by: User, accept: bool) -> JoinRequest:
    """An admin accepts (membership as member) or declines an open join request."""
    organisation = _lock(join_request.organisation)
    _require("organisations.manage_members", by, organisation)
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.state != JoinRequest.State.PENDING:
        raise DomainError(_("Über diese Anfrage wurde bereits entschieden."), code="wrong_state")
    new_state = JoinRequest.State.ACCEPTED if accept else JoinRequest.State.DECLINED
    join_request.state, join_request.decided_by = new_state, by
    join_request.save(update_fields=["state", "decided_by", "updated_at"])
    _record(join_request, from_state=JoinRequest.State.PENDING, to_state=new_state, by=by)
    if accept:
        Membership.objects.get_or_create(organisation=organisation, user=join_request.user)
    record(
        actor=by, verb=JOIN_DECIDED, target=organisation, person=join_request.user.public_name,
        accepted=accept,
    )  # fmt: skip
    signals.join_request_decided.send(
        sender=JoinRequest, join_request=join_request, accepted=accept
    )
    return join_request


@transaction.atomic
def invite_member(
    *, organisation: Organisation, by: User, email: str, role: str = Membership.Role.MEMBER
) -> Invitation:
    """An admin invites someone by email; the link is mailed after the transaction commits
    (signals.invited: notifications writes to the address, or to the account that has it)."""
    _require("organisations.manage_members", by, organisation)
    email = email.strip().lower()
    if role not in Membership.Role.values:
        raise DomainError(_("Unbekannte Rolle."), code="role")
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise DomainError(_("Diese Person ist bereits Mitglied."), code="member")
    if organisation.invitations.filter(email__iexact=email, accepted_at=None).exists():
        raise DomainError(_("An diese Adresse ist bereits eine Einladung unterwegs."), code="open")
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=by
    )
    # The address is personal data of someone who may never sign up: the log keeps the role.
    record(actor=by, verb=INVITED, target=organisation, role=role)
    signals.invited.send(sender=Invitation, invitation=invitation, by=by)
    return invitation


def _has_verified_email(user: User, email: str) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@transaction.atomic
def accept_invitation(*, invitation: Invitation, by: User) -> Membership:
    """The invited person (verified address equal to the invitation's) becomes a member."""
    _require_active(by)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise DomainError(_("Diese Einladung wurde bereits angenommen."), code="used")
    if not _has_verified_email(by, invitation.email):
        raise DomainError(
            _(
                "Diese Einladung gilt für eine andere E-Mail-Adresse. Bitte melden Sie sich "
                "mit der Adresse an, an die die Einladung geschickt wurde."
            ),
            code="other_email",
        )
    if invitation.organisation.memberships.filter(user=by).exists():
        raise DomainError(_("Sie sind bereits Mitglied dieser Organisation."), code="member")
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    membership = Membership.objects.create(
        organisation=invitation.organisation, user=by, role=invitation.role
    )
    record(actor=by, verb=INVITATION_ACCEPTED, target=invitation.organisation, role=invitation.role)
    return membership


def _current(membership: Membership) -> Membership:
    """The membership as it is now, under the organisation's lock; DomainError if it ended
    meanwhile (removed by another admin, or the person left)."""
    current = (
        Membership.objects.select_related("organisation", "user").filter(pk=membership.pk).first()
    )
    if current is None:
        raise DomainError(_("Diese Person ist nicht mehr Mitglied."), code="not_member")
    return current


def _refuse_losing_last_admin(membership: Membership) -> None:
    if membership.role == Membership.Role.ADMIN and _admin_count(membership.organisation) <= 1:
        raise DomainError(
            _(
                "Eine Organisation braucht mindestens eine Administrator:in. Ernennen Sie "
                "zuerst eine andere Person."
            ),
            code="last_admin",
        )


@transaction.atomic
def set_member_role(*, membership: Membership, by: User, role: str) -> Membership:
    """An admin changes someone's role; the last admin cannot be demoted."""
    # Lock first, then check: a concurrent request may just have demoted `by`.
    _lock(membership.organisation)
    _require("organisations.manage_members", by, membership.organisation)
    membership = _current(membership)
    if role not in Membership.Role.values:
        raise DomainError(_("Unbekannte Rolle."), code="role")
    if role == membership.role:
        return membership
    if role != Membership.Role.ADMIN:
        _refuse_losing_last_admin(membership)
    previous, membership.role = membership.role, role
    membership.save(update_fields=["role", "updated_at"])
    record(
        actor=by, verb=ROLE_CHANGED, target=membership.organisation,
        person=membership.user.public_name, role_from=previous, role=role,
    )  # fmt: skip
    signals.role_changed.send(
        sender=Membership, membership=membership, previous_role=previous, by=by
    )
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, by: User) -> None:
    """An admin removes a member; the last admin cannot be removed. The person loses every
    power over the organisation's objects at once (rules ask for a current membership).
    Removing someone who is already gone (a double click, or they just left) does nothing."""
    # Lock first, then check: a concurrent request may just have demoted `by`.
    organisation = _lock(membership.organisation)
    _require("organisations.manage_members", by, organisation)
    try:
        membership = _current(membership)
    except DomainError:
        return
    _refuse_losing_last_admin(membership)
    membership.delete()
    record(
        actor=by, verb=REMOVED, target=organisation, person=membership.user.public_name,
        role=membership.role,
    )  # fmt: skip
    signals.member_removed.send(
        sender=Membership, organisation=organisation, user=membership.user, by=by
    )


@transaction.atomic
def leave_organisation(*, organisation: Organisation, by: User) -> None:
    """A member leaves; the last admin must hand over first."""
    organisation = _lock(organisation)
    membership = organisation.memberships.filter(user=by).select_related("organisation").first()
    if membership is None:
        raise DomainError(_("Sie sind kein Mitglied dieser Organisation."), code="not_member")
    _refuse_losing_last_admin(membership)
    membership.delete()
    record(actor=by, verb=LEFT, target=organisation, role=membership.role)


@transaction.atomic
def set_verified(*, organisation: Organisation, by: User, verified: bool) -> Organisation:
    """A moderator confirms (or withdraws) that the organisation is who it claims to be.
    Verifying grants a requested kind with powers (municipality, carrier)."""
    organisation = _lock(organisation)
    _require("organisations.verify", by, organisation)
    fields = ["is_verified", "verified_at", "verified_by", "updated_at"]
    details: dict[str, str] = {}
    if verified and organisation.requested_kind:
        details = {"kind_from": organisation.kind, "kind": organisation.requested_kind}
        organisation.kind, organisation.requested_kind = organisation.requested_kind, ""
        fields += ["kind", "requested_kind"]
    elif organisation.is_verified == verified:
        return organisation
    organisation.is_verified = verified
    organisation.verified_at = timezone.now() if verified else None
    organisation.verified_by = by if verified else None
    organisation.save(update_fields=fields)
    record(actor=by, verb=VERIFIED if verified else UNVERIFIED, target=organisation, **details)
    signals.verification_changed.send(
        sender=Organisation, organisation=organisation, by=by, verified=verified
    )
    return organisation


@transaction.atomic
def decline_requested_kind(*, organisation: Organisation, by: User, comment: str = "") -> None:
    """A moderator declines the kind with powers an organisation asked for."""
    organisation = _lock(organisation)
    _require("organisations.verify", by, organisation)
    if not organisation.requested_kind:
        raise DomainError(_("Es ist keine Art beantragt."), code="wrong_state")
    record(
        actor=by, verb=KIND_DECLINED, target=organisation, comment=comment,
        kind=organisation.requested_kind,
    )  # fmt: skip
    organisation.requested_kind = ""
    organisation.save(update_fields=["requested_kind", "updated_at"])
