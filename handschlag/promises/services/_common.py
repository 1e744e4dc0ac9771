"""Helpers shared by the promise and redemption services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.core.exceptions import PermissionDenied

from handschlag.notifications.services import notify

from ..models import Promise

if TYPE_CHECKING:
    from handschlag.accounts.models import User

    from ..models import Redemption


def require_rule(name: str, user: User, obj: Any) -> None:
    if not rules.test_rule(name, user, obj):
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


def notify_owner(promise: Promise, kind: str, **params: str) -> None:
    notify(
        recipient=promise.owner,
        kind=kind,
        params={"promise": promise.title, **params},
        url=promise.get_absolute_url(),
    )


def notify_applicant(redemption: Redemption, kind: str, **params: str) -> None:
    notify(
        recipient=redemption.applicant,
        kind=kind,
        params={"promise": redemption.promise.title, **params},
        url=redemption.get_absolute_url(),
    )


def notify_promiser_of(redemption: Redemption, kind: str, **params: str) -> None:
    notify(
        recipient=redemption.promise.owner,
        kind=kind,
        params={"promise": redemption.promise.title, **params},
        url=redemption.get_absolute_url(),
    )
