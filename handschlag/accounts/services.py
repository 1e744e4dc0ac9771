"""Writes about a person's own account: export of all their data, and deletion.

Deletion anonymises instead of removing the row: promises and redemptions are part of other
people's history (and PROTECT the user), so they stay, attached to a nameless, inactive account.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Count, Model, Q

from handschlag.blog.models import Post
from handschlag.core.models import StateChange
from handschlag.moderation.models import AbuseReport
from handschlag.notifications.models import EmailOptOut, Notification
from handschlag.organisations.models import Invitation, JoinRequest, Membership, Organisation
from handschlag.promises import services as promise_services
from handschlag.promises.models import Promise, Redemption

from .models import User

PROMISE_FIELDS = (
    "id", "title", "description", "category", "quantity", "unit", "estimated_value",
    "condition", "report_requirements", "deadline", "capacity", "eligibility", "state",
    "moderation_comment", "created_at", "published_at",
)  # fmt: skip
REDEMPTION_FIELDS = (
    "id", "plan", "quantity", "state", "decision_reason", "report_text", "report_consent",
    "report_submitted_at", "confirmed_at", "created_at",
)  # fmt: skip


def _fields(obj: Model, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _name(obj: Any) -> str | None:
    return str(obj) if obj is not None else None


def _profile(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "public_name": user.public_name,
        "municipality": _name(user.municipality),
        "preferred_language": user.preferred_language,
        "is_moderator": user.is_moderator,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
    }


def _organisation_data(user: User) -> dict[str, Any]:
    return {
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "since": m.created_at}
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


def _promise_data(user: User) -> dict[str, Any]:
    promises = Promise.objects.filter(owner=user).select_related("organisation", "municipality")
    redemptions = (
        Redemption.objects.filter(applicant=user)
        .select_related("promise", "organisation")
        .prefetch_related("photos")
    )
    return {
        "promises": [
            {
                **_fields(p, PROMISE_FIELDS),
                "organisation": _name(p.organisation),
                "municipality": _name(p.municipality),
            }
            for p in promises
        ],
        "redemptions": [
            {
                **_fields(r, REDEMPTION_FIELDS),
                "promise": {"id": r.promise_id, "title": r.promise.title},
                "organisation": _name(r.organisation),
                "photos": [
                    {"file": ph.image.name, "alt_text": ph.alt_text} for ph in r.photos.all()
                ],
            }
            for r in redemptions
        ],
    }


def _activity_data(user: User) -> dict[str, Any]:
    return {
        "notifications": [
            {
                "kind": n.kind,
                "title": n.title,
                "body": n.body,
                "url": n.url,
                "created_at": n.created_at,
                "read_at": n.read_at,
            }
            for n in Notification.objects.filter(recipient=user)
        ],
        "email_opt_outs": list(
            EmailOptOut.objects.filter(user=user).values_list("kind", flat=True)
        ),
        "state_changes": [
            {
                "object": f"{c.content_type.app_label}.{c.content_type.model} #{c.object_id}",
                "from": c.from_state,
                "to": c.to_state,
                "comment": c.comment,
                "at": c.at,
            }
            for c in StateChange.objects.filter(by=user).select_related("content_type")
        ],
        "abuse_reports": [
            {"reason": a.reason, "message": a.message, "state": a.state, "at": a.created_at}
            for a in AbuseReport.objects.filter(reporter=user)
        ],
        "posts": [
            {"title": p.title, "published_at": p.published_at}
            for p in Post.objects.filter(author=user)
        ],
    }


def export_user_data(*, user: User) -> dict[str, Any]:
    """Everything stored about `user` (GDPR Art. 15/20), as a JSON-ready dict.

    Dates stay Python objects; serialise with DjangoJSONEncoder.
    """
    return {
        "profile": _profile(user),
        **_organisation_data(user),
        **_promise_data(user),
        **_activity_data(user),
    }


def _hand_over_organisations(user: User) -> None:
    """Where `user` is the only admin of an organisation with other members, the member who
    joined first becomes admin, so no organisation is left without anyone in charge."""
    sole_admin_of = (
        Organisation.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN)
        .annotate(admins=Count("memberships", filter=Q(memberships__role=Membership.Role.ADMIN)))
        .filter(admins=1)
    )
    for organisation in sole_admin_of:
        successor = organisation.memberships.exclude(user=user).order_by("created_at", "pk").first()
        if successor is not None:
            successor.role = Membership.Role.ADMIN
            successor.save(update_fields=["role", "updated_at"])


def _withdraw_open_applications(user: User) -> None:
    for redemption in Redemption.objects.filter(applicant=user, state=Redemption.State.APPLIED):
        redemption.move_to(Redemption.State.WITHDRAWN, by=None)


@transaction.atomic
def delete_account(*, user: User) -> User:
    """Delete what is only personal and anonymise the account row; the caller logs out."""
    user = User.objects.select_for_update().get(pk=user.pk)
    _withdraw_open_applications(user)
    promise_services.withdraw_promises_of_leaving_user(user=user)
    _hand_over_organisations(user)
    Membership.objects.filter(user=user).delete()
    JoinRequest.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email).delete()
    Notification.objects.filter(recipient=user).delete()
    EmailOptOut.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    user.email = f"deleted-{user.pk}@invalid.example"
    user.first_name = user.last_name = ""
    user.municipality = None
    user.is_active = user.is_staff = user.is_superuser = user.is_moderator = False
    user.set_unusable_password()  # also ends every other session of this account
    user.save()
    promise_services.anonymise_reports_of(user=user)
    user.groups.clear()
    user.user_permissions.clear()
    return user
