"""Organisations' part of a person's data export and account deletion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from handschlag.audit.services import record

from .models import Invitation, JoinRequest, Membership, Organisation
from .services import LEFT

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def export(user: User) -> dict[str, Any]:
    return {
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "since": m.created_at,
                "shown_as_contact_since": m.contact_consented_at,
                "contact_function": m.contact_function,
                "contact_email": m.contact_email,
            }
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "join_requests": [
            {
                "organisation": j.organisation.name,
                "message": j.message,
                "state": j.state,
                "created_at": j.created_at,
            }
            for j in JoinRequest.objects.filter(user=user).select_related("organisation")
        ],
        "invitations": [
            {
                "organisation": i.organisation.name,
                "email": i.email,
                "role": i.role,
                "accepted_at": i.accepted_at,
            }
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "organisation"
            )
        ],
    }


def _leave(membership: Membership) -> None:
    """The person leaves; if they were the only admin, the member who joined first takes over,
    so no organisation is left without anyone in charge."""
    organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    admins = organisation.memberships.filter(role=Membership.Role.ADMIN)
    if membership.role == Membership.Role.ADMIN and admins.count() == 1:
        successor = (
            organisation.memberships.exclude(pk=membership.pk).order_by("created_at", "pk").first()
        )
        if successor is not None:
            successor.role = Membership.Role.ADMIN
            successor.save(update_fields=["role", "updated_at"])
    membership.delete()
    record(
        actor=None, verb=LEFT, target=organisation, role=membership.role, reason="account_deleted"
    )


@transaction.atomic
def erase(user: User) -> None:
    for membership in Membership.objects.filter(user=user).order_by("organisation_id"):
        _leave(membership)
    JoinRequest.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email).delete()
