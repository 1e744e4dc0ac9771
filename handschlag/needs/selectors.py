"""Reads about needs and proposals: the list, a need's page, "my needs", the queues and the
sections other pages show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from handschlag.organisations.models import Membership
from handschlag.places.selectors import DEFAULT_RADIUS_KM, near
from handschlag.promises.models import Category

from .models import Need, Proposal
from .reasons import reason_text

if TYPE_CHECKING:
    from handschlag.accounts.models import User
    from handschlag.places.models import Municipality
    from handschlag.promises.models import Promise


@dataclass(frozen=True)
class NeedFilters:
    """What a person asked the list for; shared by the page and the API. `place` is a
    municipality slug; with `radius_km` it includes the towns around it."""

    place: str = ""
    radius_km: int = DEFAULT_RADIUS_KM
    category: Category | None = None


def need_list(*, filters: NeedFilters = NeedFilters()) -> QuerySet[Need]:
    """Published needs, newest first, with what a card shows joined in (one query a page)."""
    needs: QuerySet[Need] = Need.objects.published().select_related("organisation", "municipality")
    if filters.category:
        needs = needs.filter(category=filters.category)
    if filters.place:
        needs = near(
            needs, slug=filters.place, radius_km=filters.radius_km, include_nationwide=False
        )
    return needs.order_by("-published_at", "-pk")


def need_detail(*, pk: int, user: Any) -> Need:
    """The need if `user` may see it; 404 otherwise (a draft is nobody else's business)."""
    need = (
        Need.objects.select_related("organisation", "municipality", "author").filter(pk=pk).first()
    )
    if need is None or not user.has_perm("needs.view_need", need):
        raise Http404
    return need


def proposals_of(need: Need) -> list[Proposal]:
    """The need's open and past proposals, best first, each with `reason_text`."""
    proposals = list(
        need.proposals.select_related(
            "promise", "promise__organisation", "promise__owner", "promise__municipality"
        ).order_by("state", "-score", "pk")
    )
    for proposal in proposals:
        proposal.reason_text = reason_text(proposal.reasons)  # type: ignore[attr-defined]
    return proposals


def my_needs(*, user: User) -> list[Need]:
    """The needs of every organisation `user` belongs to, with their open proposals."""
    member_of = Membership.objects.filter(user=user).values("organisation_id")
    return list(
        Need.objects.filter(organisation__in=member_of)
        .select_related("organisation", "municipality")
        .prefetch_related(
            Prefetch(
                "proposals",
                queryset=Proposal.objects.filter(state=Proposal.State.PROPOSED).select_related(
                    "promise"
                ),
                to_attr="open_proposals",
            )
        )
        .order_by("-updated_at", "-pk")
    )


def needs_in(municipality: Municipality) -> QuerySet[Need]:
    """Published needs of one town, for its municipality page."""
    return need_list().filter(municipality=municipality)


def pending_needs() -> QuerySet[Need]:
    """Needs waiting for review, oldest first."""
    return (
        Need.objects.filter(state=Need.State.PENDING)
        .select_related("organisation", "municipality")
        .order_by("updated_at", "pk")
    )


def promise_proposals(promise: Promise, user: Any) -> dict[str, Any] | None:
    """For the promisers only: the needs this promise was proposed for (promise page section)."""
    if not user.has_perm("promises.edit_promise", promise):
        return None
    proposals = list(
        Proposal.objects.filter(promise=promise)
        .filter(Q(state=Proposal.State.PROPOSED) | Q(state=Proposal.State.APPLIED))
        .select_related("need", "need__organisation", "need__municipality")
        .order_by("-score", "pk")
    )
    if not proposals:
        return None
    for proposal in proposals:
        proposal.reason_text = reason_text(proposal.reasons)  # type: ignore[attr-defined]
    return {"proposals": proposals}


def organisation_needs(organisation: Any, user: Any) -> dict[str, Any] | None:
    """The organisation's published needs, for its page (one query); nothing if it has none."""
    needs = list(need_list().filter(organisation=organisation)[:50])
    return {"needs": needs} if needs else None
