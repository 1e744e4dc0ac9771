"""Helpers shared by the promise and redemption services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.core.exceptions import PermissionDenied

from handschlag.notifications.services import notify

if TYPE_CHECKING:
    from handschlag.accounts.models import User

    from ..models import Promise, Redemption


def require_rule(name: str, user: User, obj: Any) -> None:
    if not rules.test_rule(name, user, obj):
        raise PermissionDenied


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
