"""Object permissions for promises and redemptions (django-rules predicates).

Rules are named "promises.<x>"; services, views and templates all ask the same rules.
"""

from __future__ import annotations

from typing import Any

import rules

from handschlag.accounts.rules import is_moderator
from handschlag.organisations.rules import is_org_admin, is_org_member


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def is_promise_owner(user: Any, promise: Any) -> bool:
    return _authenticated(user) and promise is not None and promise.owner_id == user.pk


@rules.predicate
def is_promise_org_admin(user: Any, promise: Any) -> bool:
    return bool(
        promise is not None and promise.organisation_id and is_org_admin(user, promise.organisation)
    )


@rules.predicate
def is_promise_org_member(user: Any, promise: Any) -> bool:
    return bool(
        promise is not None
        and promise.organisation_id
        and is_org_member(user, promise.organisation)
    )


@rules.predicate
def is_promiser(user: Any, promise: Any) -> bool:
    """The owner, or an admin of the organisation that promises."""
    return bool(is_promise_owner(user, promise) or is_promise_org_admin(user, promise))


@rules.predicate
def is_applicant(user: Any, redemption: Any) -> bool:
    return _authenticated(user) and redemption is not None and redemption.applicant_id == user.pk


@rules.predicate
def is_redeemer(user: Any, redemption: Any) -> bool:
    """The applicant, or a member of the organisation that redeems."""
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
def can_view_promise(user: Any, promise: Any) -> bool:
    from .models import Promise

    if promise is None:
        return False
    if promise.state in Promise.PUBLIC_STATES:
        return True
    return bool(
        is_moderator(user)
        or is_promise_owner(user, promise)
        or is_promise_org_member(user, promise)
    )


rules.add_rule("promises.view_promise", can_view_promise)
rules.add_rule("promises.edit_promise", is_promiser)
rules.add_rule("promises.withdraw_promise", is_promiser)
rules.add_rule("promises.moderate", is_moderator)
rules.add_rule("promises.decide_application", is_redemption_promiser)
rules.add_rule("promises.confirm_fulfilment", is_redemption_promiser)
rules.add_rule("promises.withdraw_application", is_applicant)
rules.add_rule("promises.work_on_redemption", is_redeemer)
rules.add_rule("promises.view_redemption", is_redeemer | is_redemption_promiser | is_moderator)
