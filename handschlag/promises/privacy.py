"""Promises' part of a person's data export and account deletion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Model

from . import services
from .models import Promise, Redemption

if TYPE_CHECKING:
    from handschlag.accounts.models import User

PROMISE_FIELDS = (
    "id", "title", "description", "category", "quantity", "unit", "unit_singular",
    "estimated_value", "condition", "report_requirements", "deadline", "capacity", "eligibility",
    "state", "moderation_comment", "created_at", "published_at",
)  # fmt: skip
REDEMPTION_FIELDS = (
    "id", "plan", "quantity", "state", "decision_reason", "report_text", "report_title",
    "report_lead", "report_happened", "report_worked", "report_differently", "report_advice",
    "report_consent", "report_submitted_at", "confirmed_at", "created_at",
)  # fmt: skip


def _fields(obj: Model, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def export(user: User) -> dict[str, Any]:
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
                "organisation": p.organisation.name if p.organisation else None,
                "municipality": p.municipality.name if p.municipality else None,
            }
            for p in promises
        ],
        "redemptions": [
            {
                **_fields(r, REDEMPTION_FIELDS),
                "promise": {"id": r.promise_id, "title": r.promise.title},
                "organisation": r.organisation.name if r.organisation else None,
                "photos": [
                    {"file": ph.image.name, "alt_text": ph.alt_text} for ph in r.photos.all()
                ],
            }
            for r in redemptions
        ],
    }


def erase(user: User) -> None:
    """Through the services, with their locks: the person's own applications and running
    redemptions end (a held place goes back, the promisers are told) and their personal
    promises are withdrawn. What they did for an organisation stays with the organisation."""
    personal = Redemption.objects.filter(applicant=user, organisation__isnull=True)
    for redemption in personal.select_related("promise").order_by("promise_id", "pk"):
        services.end_for_leaving_applicant(redemption=redemption)
    # An application made for an organisation waits for a decision nobody can answer to.
    for redemption in Redemption.objects.filter(
        applicant=user, organisation__isnull=False, state=Redemption.State.APPLIED
    ).select_related("promise"):
        services.end_for_leaving_applicant(redemption=redemption)
    services.withdraw_promises_of_leaving_user(user=user)
