"""Every write about organisations: founding, membership, invitations, verification.

All services are keyword-only, run in one transaction and check permissions themselves.
Changes to the set of admins lock the organisation row first, so two concurrent requests
can never remove the last two admins at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from handschlag.core.errors import DomainError
from handschlag.core.models import StateChange
from handschlag.moderation.models import ModerationAction
from handschlag.moderation.services import record_action
from handschlag.notifications.models import Kind
from handschlag.notifications.services import notify

from .models import Invitation, JoinRequest, Membership, Organisation

if TYPE_CHECKING:
    from handschlag.accounts.models import User

# Slugs that would shadow fixed URLs under /organisationen/.
RESERVED_SLUGS = {"neu", "einladung"}
EDITABLE_FIELDS = ("name", "kind", "description", "website", "municipality")


def _require(rule: str, user: User, organisation: Organisation) -> None:
    if not rules.test_rule(rule, user, organisation):
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


# Sentences for notifications of kind ORGANISATION; marked here, translated per reader.
JOIN_REQUESTED = gettext_noop("%(name)s möchte Mitglied werden.")
JOIN_ACCEPTED = gettext_noop("Ihre Anfrage wurde angenommen. Willkommen!")
JOIN_DECLINED = gettext_noop("Ihre Anfrage wurde leider abgelehnt.")


def _notify_in_language(
    *, recipient: User, organisation: Organisation, text: str, url: str, **params: str
) -> None:
    """Notifications of kind ORGANISATION carry a finished sentence: write it in the reader's
    language (the message template is translated when it is shown, its parameters are not)."""
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        message = _(text) % params
    notify(
        recipient=recipient,
        kind=Kind.ORGANISATION,
        params={"organisation": organisation.name, "message": message},
        url=url,
    )


def _admins(organisation: Organisation) -> list[User]:
    memberships = organisation.memberships.filter(role=Membership.Role.ADMIN).select_related("user")
    return [m.user for m in memberships]


def _lock(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _admin_count(organisation: Organisation) -> int:
    return organisation.memberships.filter(role=Membership.Role.ADMIN).count()


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
    """Found an organisation; its founder becomes its first admin."""
    _require_active(by)
    organisation = Organisation.objects.create(
        name=name.strip(),
        slug=unique_slug(name),
        kind=kind,
        description=description,
        website=website,
        municipality=municipality,
    )
    Membership.objects.create(organisation=organisation, user=by, role=Membership.Role.ADMIN)
    return organisation


@transaction.atomic
def update_organisation(*, organisation: Organisation, by: User, **changes: Any) -> Organisation:
    """Change the organisation's profile (admins only). The slug stays, so links keep working."""
    _require("organisations.edit", by, organisation)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    for field, value in changes.items():
        setattr(organisation, field, value)
    organisation.save(update_fields=[*changes, "updated_at"])
    return organisation


@transaction.atomic
def request_to_join(*, organisation: Organisation, by: User, message: str = "") -> JoinRequest:
    """Ask to join; one open request per person; the admins are notified."""
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
    for admin in _admins(organisation):
        _notify_in_language(
            recipient=admin,
            organisation=organisation,
            text=JOIN_REQUESTED,
            url=reverse("organisations:members", kwargs={"slug": organisation.slug}),
            name=by.public_name,
        )
    return join_request


@transaction.atomic
def decide_join_request(*, join_request: JoinRequest, by: User, accept: bool) -> JoinRequest:
    """An admin accepts (membership as member) or declines an open join request."""
    organisation = join_request.organisation
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
    _notify_in_language(
        recipient=join_request.user,
        organisation=organisation,
        text=JOIN_ACCEPTED if accept else JOIN_DECLINED,
        url=organisation.get_absolute_url(),
    )
    return join_request


@transaction.atomic
def invite_member(
    *, organisation: Organisation, by: User, email: str, role: str = Membership.Role.MEMBER
) -> Invitation:
    """An admin invites someone by email; the link is mailed after the transaction commits."""
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
    transaction.on_commit(lambda: _send_invitation(invitation, language=by.preferred_language))
    return invitation


def invitation_url(invitation: Invitation) -> str:
    path = reverse("organisations:invitation", kwargs={"token": invitation.token})
    return settings.SITE_URL.rstrip("/") + path


def _send_invitation(invitation: Invitation, *, language: str) -> None:
    # The invitee may have no account yet, so we write in the inviting admin's language.
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = _("Einladung zu „%(organisation)s“ auf Handschlag") % {
            "organisation": invitation.organisation.name
        }
        body = _(
            "Sie wurden eingeladen, bei „%(organisation)s“ auf Handschlag mitzuwirken.\n\n"
            "Melden Sie sich mit dieser E-Mail-Adresse an (oder registrieren Sie sich) und "
            "nehmen Sie die Einladung hier an:\n%(url)s\n\n"
            "Der Link funktioniert einmal und nur für diese Adresse."
        ) % {"organisation": invitation.organisation.name, "url": invitation_url(invitation)}
    send_mail(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
    )


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
    return Membership.objects.create(
        organisation=invitation.organisation, user=by, role=invitation.role
    )


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
    membership = Membership.objects.select_related("organisation").get(pk=membership.pk)
    if role not in Membership.Role.values:
        raise DomainError(_("Unbekannte Rolle."), code="role")
    if role == membership.role:
        return membership
    if role != Membership.Role.ADMIN:
        _refuse_losing_last_admin(membership)
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, by: User) -> None:
    """An admin removes a member; the last admin cannot be removed."""
    # Lock first, then check: a concurrent request may just have demoted `by`.
    _lock(membership.organisation)
    _require("organisations.manage_members", by, membership.organisation)
    membership = Membership.objects.select_related("organisation").get(pk=membership.pk)
    _refuse_losing_last_admin(membership)
    membership.delete()


@transaction.atomic
def leave_organisation(*, organisation: Organisation, by: User) -> None:
    """A member leaves; the last admin must hand over first."""
    _lock(organisation)
    membership = organisation.memberships.filter(user=by).select_related("organisation").first()
    if membership is None:
        raise DomainError(_("Sie sind kein Mitglied dieser Organisation."), code="not_member")
    _refuse_losing_last_admin(membership)
    membership.delete()


@transaction.atomic
def set_verified(*, organisation: Organisation, by: User, verified: bool) -> Organisation:
    """A moderator confirms (or withdraws) that the organisation is who it claims to be."""
    _require("organisations.verify", by, organisation)
    if organisation.is_verified == verified:
        return organisation
    organisation.is_verified = verified
    organisation.verified_at = timezone.now() if verified else None
    organisation.verified_by = by if verified else None
    organisation.save(update_fields=["is_verified", "verified_at", "verified_by", "updated_at"])
    action = (
        ModerationAction.Action.VERIFY_ORGANISATION
        if verified
        else ModerationAction.Action.UNVERIFY_ORGANISATION
    )
    record_action(moderator=by, action=action, target=organisation)
    return organisation
