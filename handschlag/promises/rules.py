"""Object permissions for promises and redemptions (django-rules), checked with `has_perm`.

Power over a promise made for an organisation needs a current membership: its owner acts for
it while still a member, its admins always. Power over a redemption made for an organisation
lies with the organisation's current members. Permissions are named "promises.<action>".
"""

from __future__ import annotations

from typing import Any

import rules

from handschlag.accounts.rules import is_active_user, is_moderator
from handschlag.organisations.rules import is_org_admin, is_org_member

from .models import Promise


@rules.predicate
def is_promiser(user: Any, promise: Any) -> bool:
    """Who answers for the promise: its owner (while a member, for an organisation's promise)
    or a current admin of the organisation that promises."""
    if promise is None or not is_active_user(user):
        return False
    if promise.organisation_id is None:
        return bool(promise.owner_id == user.pk)
    if promise.owner_id == user.pk and is_org_member(user, promise.organisation):
        return True
    return bool(is_org_admin(user, promise.organisation))


@rules.predicate
def is_promise_org_member(user: Any, promise: Any) -> bool:
    return bool(
        promise is not None
        and promise.organisation_id
        and is_org_member(user, promise.organisation)
    )


@rules.predicate
def is_applicant(user: Any, redemption: Any) -> bool:
    """Who applied, while they still act for the organisation they applied for (if any)."""
    if redemption is None or not is_active_user(user) or redemption.applicant_id != user.pk:
        return False
    return redemption.organisation_id is None or bool(is_org_member(user, redemption.organisation))


@rules.predicate
def is_redeemer(user: Any, redemption: Any) -> bool:
    """The applicant, or a current member of the organisation that redeems."""
    if is_applicant(user, redemption):
        return True
    return bool(
        redemption is not None
        and redemption.organisation_id
        and is_org_member(user, redemption.organisation)
    )


@rules.predicate
def is_redemption_promiser(user: Any, redemption: Any) -> bool:
    return redemption is not None and bool(is_promiser(user, redemption.promise))


@rules.predicate
def is_redemption_promise_org_member(user: Any, redemption: Any) -> bool:
    """A current member of the promising organisation: reads the redemption and writes in
    its thread (deciding stays with the promisers)."""
    return redemption is not None and bool(is_promise_org_member(user, redemption.promise))


@rules.predicate
def is_public(user: Any, promise: Any) -> bool:
    return promise is not None and promise.state in Promise.PUBLIC_STATES


rules.add_perm("promises.create_promise", is_active_user)
rules.add_perm(
    "promises.view_promise", is_public | is_moderator | is_promiser | is_promise_org_member
)
rules.add_perm("promises.view_all_promises", is_moderator)
rules.add_perm("promises.edit_promise", is_promiser)
rules.add_perm("promises.withdraw_promise", is_promiser)
rules.add_perm("promises.copy_promise", is_active_user)
rules.add_perm("promises.apply", is_active_user & ~is_promiser)
rules.add_perm("promises.review_promise", is_moderator)
rules.add_perm("promises.decide_application", is_redemption_promiser)
rules.add_perm("promises.confirm_fulfilment", is_redemption_promiser)
rules.add_perm("promises.withdraw_application", is_applicant)
rules.add_perm("promises.work_on_redemption", is_redeemer)
rules.add_perm(
    "promises.view_redemption",
    is_redeemer | is_redemption_promiser | is_redemption_promise_org_member | is_moderator,
)
rules.add_perm("promises.resolve_dispute", is_moderator)
rules.add_perm("promises.return_report", is_moderator)
rules.add_perm("promises.publish_report", is_moderator)
