"""Helpers shared by the promise and redemption services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from handschlag.notifications.recipients import Target, admins_of
from handschlag.notifications.registry import NotificationKind
from handschlag.notifications.services import notify
from handschlag.organisations.models import Membership

from ..models import Promise

if TYPE_CHECKING:
    from handschlag.accounts.models import User

    from ..models import Redemption


def require_perm(name: str, user: User, obj: Any) -> None:
    if not user.has_perm(name, obj):
        raise PermissionDenied


def lock_promise_row(promise_id: int) -> str:
    """Take the promise's row lock and return its current state.

    The lock order is the same everywhere: a promise before any of its redemptions. Every
    write on a redemption locks its promise first (see redemptions.lock_state), so a write on
    the promise (withdraw, expire) and writes on its redemptions (accept, apply) queue up
    instead of deadlocking, and none of them acts on a state read before the other committed.
    """
    return Promise.objects.select_for_update().values_list("state", flat=True).get(pk=promise_id)


def lock_promise(promise: Promise) -> None:
    """Reload `promise.state` under the promise's row lock."""
    promise.state = lock_promise_row(promise.pk)


def promisers(promise: Promise) -> list[Target]:
    """Who answers for a promise: its owner, and for an organisation's promise its admins
    (the owner only while still a member)."""
    if promise.organisation_id is None:
        return [promise.owner]
    targets: list[Target] = [admins_of(promise.organisation)]  # type: ignore[arg-type]
    if Membership.objects.filter(
        organisation_id=promise.organisation_id, user_id=promise.owner_id
    ).exists():
        targets.insert(0, promise.owner)
    return targets


def notify_promisers(
    promise: Promise, kind: NotificationKind, *, url: str = "", **params: str
) -> None:
    notify(
        to=promisers(promise),
        kind=kind.key,
        params={"promise": promise.title, **params},
        url=url or promise.get_absolute_url(),
    )


def notify_applicant(redemption: Redemption, kind: NotificationKind, **params: str) -> None:
    notify(
        to=redemption.applicant,
        kind=kind.key,
        params={"promise": redemption.promise.title, **params},
        url=redemption.get_absolute_url(),
    )


def notify_promisers_of(redemption: Redemption, kind: NotificationKind, **params: str) -> None:
    notify_promisers(redemption.promise, kind, url=redemption.get_absolute_url(), **params)
