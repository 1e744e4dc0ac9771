"""Object permissions of the self-assessment and the action plan (django-rules), checked with
`has_perm` in services, views, API and templates alike. Permissions: "assessment.<action>".

Power lies with the current members of the municipality organisation that runs the round
(a verified organisation of kind municipality): its admins coordinate (start, delegate,
close, share, plan) and give the town's population, every member reads. Delegates —
colleagues or invited partners — answer the areas handed to them for their respondent group
and see the round they took part in.
Moderators have no access to a town's answers: what is not shared is not seen.
A person removed from the organisation a moment ago has no power left (the predicates read
the membership each time).
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from handschlag.accounts.rules import is_active_user
from handschlag.organisations.models import Membership, Organisation
from handschlag.organisations.rules import is_municipality_admin, is_municipality_member
from handschlag.places.models import Municipality

from .models import ActionPlan, Assessment, Delegation, PlanItem


def _organisation_of(obj: Any) -> Any:
    if isinstance(obj, Assessment | ActionPlan):
        return obj.organisation
    if isinstance(obj, PlanItem):
        return obj.plan.organisation
    return None


@rules.predicate
def is_coordinator(user: Any, obj: Any) -> bool:
    """An admin of the municipality organisation of an assessment, plan or plan item."""
    return bool(is_municipality_admin(user, _organisation_of(obj)))


@rules.predicate
def is_team_member(user: Any, obj: Any) -> bool:
    """Any current member of the municipality organisation of an assessment, plan or item."""
    return bool(is_municipality_member(user, _organisation_of(obj)))


def active_delegations(user: Any, assessment: Assessment) -> Any:
    """`user`'s delegations in `assessment` that hold now. A delegation to a colleague (made
    to a member, not by an email invitation) ends with the membership: someone who left the
    town's organisation keeps no access through it."""
    return Delegation.objects.filter(
        Q(email__gt="") | Q(user__memberships__organisation=assessment.organisation_id),
        assessment=assessment, user=user, revoked_at__isnull=True, user__is_active=True,
    )  # fmt: skip


@rules.predicate
def is_delegate(user: Any, assessment: Any) -> bool:
    """Someone an area of `assessment` was handed to (and not taken back)."""
    if not is_active_user(user) or not isinstance(assessment, Assessment):
        return False
    return active_delegations(user, assessment).exists()


@rules.predicate
def is_open(user: Any, assessment: Any) -> bool:
    return isinstance(assessment, Assessment) and assessment.is_open


@rules.predicate
def is_shared(user: Any, assessment: Any) -> bool:
    return (
        isinstance(assessment, Assessment)
        and assessment.shared
        and assessment.state == Assessment.State.CLOSED
    )


@rules.predicate
def is_item_owner(user: Any, item: Any) -> bool:
    """The owner of a plan item, while still a member of the municipality organisation."""
    return (
        isinstance(item, PlanItem)
        and is_active_user(user)
        and item.owner_id == user.pk
        and bool(is_team_member(user, item))
    )


@rules.predicate
def is_town_admin(user: Any, municipality: Any) -> bool:
    """An admin of a verified municipality organisation of `municipality`: speaks for the
    town (its population, for the comparison with peers)."""
    if not isinstance(municipality, Municipality) or not is_active_user(user):
        return False
    return Membership.objects.filter(
        user=user,
        role=Membership.Role.ADMIN,
        organisation__municipality=municipality,
        organisation__kind=Organisation.Kind.MUNICIPALITY,
        organisation__is_verified=True,
    ).exists()


def can_answer(user: Any, assessment: Assessment, group_id: int, area_id: int) -> bool:
    """Whether `user` may answer the questions of area `area_id` for respondent group
    `group_id` now: the round is open, and they coordinate it or the area was handed to them
    for that group."""
    if not assessment.is_open or not is_active_user(user):
        return False
    if is_coordinator(user, assessment):
        return True
    return active_delegations(user, assessment).filter(group_id=group_id, areas=area_id).exists()


rules.add_perm("assessment.start", is_municipality_admin)
rules.add_perm("assessment.view", is_team_member | is_delegate)
rules.add_perm("assessment.coordinate", is_coordinator)
rules.add_perm("assessment.answer", is_open & (is_coordinator | is_delegate))
rules.add_perm("assessment.view_results", is_team_member | is_delegate | is_shared)
rules.add_perm("assessment.export", is_team_member)
rules.add_perm("assessment.view_plan", is_team_member)
rules.add_perm("assessment.edit_plan", is_coordinator)
rules.add_perm("assessment.update_item", is_coordinator | is_item_owner)
rules.add_perm("assessment.set_population", is_town_admin)
