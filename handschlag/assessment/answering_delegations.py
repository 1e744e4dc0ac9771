"""Handing areas of a round to others: to a colleague (a member of the municipality
organisation) or, by an emailed link, to a partner from civil society or a migrant
organisation; accepting such an invitation; taking a delegation back.

An invitation's link carries a token; only its SHA-256 is stored, on the delegation. The mail
is built after the commit by a background task, so the token is made from a nonce that the
notification keeps and the link is built again when the mail goes out (invitation_links.py):
no row of the database holds the token itself. The link works once, for
INVITATION_DAYS days, until it is revoked; whoever accepts it while logged in becomes the
delegate (the invitation is bound to that account). Revoking takes the access away at once
(rules.py reads `revoked_at` on every check).
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.accounts.rules import is_active_user
from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.core.localized import pick
from handschlag.notifications.recipients import address, admins_of
from handschlag.notifications.services import notify
from handschlag.organisations.models import Membership

from . import answering_messages as messages
from .invitation_links import hash_token, invitation_token
from .models import Area, Assessment, Delegation, RespondentGroup

if TYPE_CHECKING:
    from handschlag.accounts.models import User

INVITATION_DAYS = 30

DELEGATED = "assessment.delegate"
INVITED = "assessment.invite"
INVITATION_ACCEPTED = "assessment.accept_invitation"
REVOKED = "assessment.revoke_delegation"


def expires_at(delegation: Delegation) -> datetime.datetime:
    return delegation.created_at + datetime.timedelta(days=INVITATION_DAYS)


def invitation_problem(delegation: Delegation | None, user: User | None = None) -> str:
    """Why an invitation cannot be accepted ("unknown", "revoked", "used", "expired"), or ""
    if it can; "mine" if `user` accepted it already."""
    if delegation is None or not delegation.token_hash:
        return "unknown"
    if delegation.revoked_at is not None:
        return "revoked"
    if delegation.accepted_at is not None or delegation.user_id is not None:
        return "mine" if user is not None and delegation.user_id == user.pk else "used"
    if expires_at(delegation) < timezone.now():
        return "expired"
    return ""


def find_invitation(token: str) -> Delegation | None:
    if not token or len(token) > 100:
        return None
    return (
        Delegation.objects.filter(token_hash=hash_token(token))
        .select_related("assessment__organisation", "assessment__municipality", "group")
        .prefetch_related("areas")
        .first()
    )


def _area_names(areas: Iterable[Area], language: str) -> str:
    return ", ".join(pick(area.title, language) for area in areas)


def _checked(
    assessment: Assessment, by: User, group: RespondentGroup, areas: list[Area]
) -> Assessment:
    if not by.has_perm("assessment.coordinate", assessment):
        raise PermissionDenied
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("organisation", "municipality")
        .get(pk=assessment.pk)
    )
    assessment.require_state(Assessment.State.OPEN)
    if group.assessment_id != assessment.pk:
        raise DomainError(_("Diese Gruppe gehört nicht zu dieser Runde."), code="group")
    if not areas:
        raise DomainError(_("Bitte wählen Sie mindestens ein Handlungsfeld."), code="areas")
    if any(area.framework_id != assessment.framework_id for area in areas):
        raise DomainError(_("Dieses Handlungsfeld gehört nicht zu dieser Runde."), code="areas")
    return assessment


def _params(delegation: Delegation, areas: list[Area], language: str) -> dict[str, str]:
    assessment = delegation.assessment
    return {
        "title": assessment.title,
        "town": assessment.municipality.name,
        "organisation": assessment.organisation.name,
        "group": delegation.group.name,
        "areas": _area_names(areas, language),
        "days": str(INVITATION_DAYS),
    }


@transaction.atomic
def delegate_to_colleague(
    *, assessment: Assessment, by: User, group: RespondentGroup, areas: list[Area], user: User
) -> Delegation:
    """Hand areas to a member of the organisation for one group; a colleague who has areas of
    that group already gets these added. The colleague is told."""
    assessment = _checked(assessment, by, group, areas)
    if not (
        is_active_user(user)
        and Membership.objects.filter(organisation=assessment.organisation, user=user).exists()
    ):
        raise DomainError(
            _("Übertragen können Sie nur an Mitglieder von %(organisation)s.")
            % {"organisation": assessment.organisation.name},
            code="not_member",
        )
    delegation = Delegation.objects.filter(
        assessment=assessment, group=group, user=user, revoked_at__isnull=True
    ).first()
    if delegation is None:
        delegation = Delegation.objects.create(
            assessment=assessment, group=group, user=user, created_by=by
        )
    delegation.assessment = assessment
    new_areas = [area for area in areas if area not in set(delegation.areas.all())]
    if not new_areas:
        raise DomainError(
            _("%(person)s beantwortet diese Handlungsfelder für „%(group)s“ bereits.")
            % {"person": user.get_full_name(), "group": group.name},
            code="duplicate",
        )
    delegation.areas.add(*new_areas)
    record(
        actor=by,
        verb=DELEGATED,
        target=assessment,
        group=group.name,
        areas=[area.key for area in new_areas],
        delegate=user.pk,
    )
    notify(
        to=user,
        kind=messages.DELEGATED.key,
        params=_params(delegation, new_areas, user.preferred_language),
        url=assessment.get_absolute_url(),
    )
    return delegation


@transaction.atomic
def invite_partner(
    *,
    assessment: Assessment,
    by: User,
    group: RespondentGroup,
    areas: list[Area],
    email: str,
    language: str,
) -> tuple[Delegation, str]:
    """Invite someone by email to answer areas for one group; the mail (in `language`, the
    inviter's) carries the link with the token, which is returned too and never stored (only
    its hash, and the nonce it is made from)."""
    assessment = _checked(assessment, by, group, areas)
    email = email.strip().lower()
    if not email:
        raise DomainError(_("Bitte geben Sie eine E-Mail-Adresse an."), code="email")
    pending = Delegation.objects.filter(
        assessment=assessment,
        group=group,
        email__iexact=email,
        user__isnull=True,
        revoked_at__isnull=True,
        created_at__gte=timezone.now() - datetime.timedelta(days=INVITATION_DAYS),
    )
    if pending.exists():
        raise DomainError(
            _(
                "An diese Adresse ist für „%(group)s“ bereits eine Einladung unterwegs. Ziehen "
                "Sie sie zurück, wenn Sie eine neue schicken möchten."
            )
            % {"group": group.name},
            code="pending",
        )
    nonce = secrets.token_urlsafe(24)
    token = invitation_token(nonce)
    delegation = Delegation.objects.create(
        assessment=assessment,
        group=group,
        email=email,
        token_hash=hash_token(token),
        created_by=by,
    )
    delegation.areas.add(*areas)
    # the address is personal data of someone who may never sign up: the log keeps the group
    record(actor=by, verb=INVITED, target=assessment, group=group.name)
    notify(  # the link is built from the nonce when the mail goes out: never stored
        to=address(email, language=language),
        kind=messages.INVITED.key,
        params={**_params(delegation, areas, language), "invitation": nonce},
    )
    return delegation, token


@transaction.atomic
def accept_invitation(*, token: str, by: User) -> Delegation:
    """The invited person, logged in, takes the invitation: it becomes theirs."""
    if not is_active_user(by):
        raise PermissionDenied
    found = find_invitation(token)
    if found is None:
        raise DomainError(_("Diese Einladung gibt es nicht."), code="unknown")
    delegation = (
        Delegation.objects.select_for_update()
        .select_related("assessment__organisation", "assessment__municipality", "group")
        .get(pk=found.pk)
    )
    problem = invitation_problem(delegation, by)
    if problem == "mine":
        return delegation
    if problem:
        raise DomainError(INVITATION_PROBLEMS[problem](), code=problem)
    delegation.user = by
    delegation.accepted_at = timezone.now()
    delegation.save(update_fields=["user", "accepted_at", "updated_at"])
    record(actor=by, verb=INVITATION_ACCEPTED, target=delegation.assessment)
    notify(
        to=admins_of(delegation.assessment.organisation),
        kind=messages.INVITATION_ACCEPTED.key,
        params={
            "title": delegation.assessment.title,
            "group": delegation.group.name,
            "person": by.get_full_name(),
        },
        url=delegation.assessment.get_absolute_url(),
    )
    return delegation


@transaction.atomic
def revoke_delegation(*, delegation: Delegation, by: User) -> Delegation:
    """Take a delegation (or an invitation not yet accepted) back; its access ends now. The
    answers it gave stay with the round."""
    assessment = delegation.assessment
    if not by.has_perm("assessment.coordinate", assessment):
        raise PermissionDenied
    delegation = (
        Delegation.objects.select_for_update(of=("self",))
        .select_related("assessment__municipality", "group", "user")
        .get(pk=delegation.pk)
    )
    if delegation.revoked_at is not None:
        raise DomainError(_("Diese Übertragung wurde bereits zurückgenommen."), code="revoked")
    delegation.revoked_at = timezone.now()
    delegation.save(update_fields=["revoked_at", "updated_at"])
    record(actor=by, verb=REVOKED, target=delegation.assessment, group=delegation.group.name)
    if delegation.user is not None and delegation.user.is_active:
        notify(
            to=delegation.user,
            kind=messages.REVOKED.key,
            params={
                "title": delegation.assessment.title,
                "town": delegation.assessment.municipality.name,
                "group": delegation.group.name,
            },
            url=reverse("assessment:index"),
        )
    return delegation


INVITATION_PROBLEMS = {
    "unknown": lambda: _("Diese Einladung gibt es nicht."),
    "revoked": lambda: _("Diese Einladung wurde zurückgezogen."),
    "used": lambda: _("Diese Einladung wurde bereits angenommen."),
    "expired": lambda: _(
        "Diese Einladung ist abgelaufen. Bitten Sie die Koordination um eine neue."
    ),
}
