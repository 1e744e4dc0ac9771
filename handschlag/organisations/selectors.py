"""Reads about organisations that are more than a one-liner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from handschlag.organisations.models import Invitation, JoinRequest, Membership, Organisation


def organisations_of(user: Any) -> QuerySet[Organisation]:
    """The organisations `user` belongs to (any role), by name; empty for anonymous users."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).select_related("municipality")


def search_organisations(
    *, q: str = "", kind: str = "", municipality: Any = None
) -> QuerySet[Organisation]:
    """Organisations by name, kind and town, for the public list (one query per page)."""
    organisations = Organisation.objects.select_related("municipality").order_by("name", "pk")
    q = q.strip()
    if q:
        organisations = organisations.filter(name__icontains=q)
    if kind:
        organisations = organisations.filter(kind=kind)
    if municipality is not None:
        organisations = organisations.filter(municipality=municipality)
    return organisations


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    """The organisation's memberships with their people, admins first, then by seniority."""
    return organisation.memberships.select_related("user").order_by("role", "created_at", "pk")


def pending_join_requests(organisation: Organisation) -> QuerySet[JoinRequest]:
    return (
        organisation.join_requests.filter(state=JoinRequest.State.PENDING)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def open_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.filter(accepted_at=None).order_by("-created_at", "-pk")


def is_sole_admin(organisation: Organisation, user: Any) -> bool:
    """`user` is the organisation's only admin: they must hand over before they can leave."""
    admins = list(
        organisation.memberships.filter(role=Membership.Role.ADMIN).values_list(
            "user_id", flat=True
        )[:2]
    )
    return admins == [getattr(user, "pk", None)]


@dataclass(frozen=True)
class FirstStep:
    key: str
    done: bool


def first_steps(organisation: Organisation) -> list[FirstStep]:
    """What a new organisation still has to do before others can rely on it, in order. The
    page says each step in words and links to where it is done."""
    return [
        FirstStep("describe", bool(organisation.description and organisation.municipality_id)),
        FirstStep(
            "invite",
            organisation.memberships.count() > 1 or open_invitations(organisation).exists(),
        ),
        FirstStep("verify", organisation.is_verified),
    ]
