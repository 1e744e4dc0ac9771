"""Roles inside an organisation beyond admin and member, registered by the apps that need them.

A mentoring app registers "mentoring.coordinator" scoped to a site, a portal app a translator
scoped to a municipality's portal. Admins grant them to members (services.grant_role); rules ask
`has_role(user, role_key, scope=...)`. Grants hang on a membership, so leaving or being removed
from the organisation ends every role at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils.functional import Promise as LazyText

from handschlag.core.registry import Registry

from .models import RoleGrant


@dataclass(frozen=True)
class Role:
    """`scope` is the model label ("mentoring.Site") the role is granted for, or "" for a role
    that holds in the whole organisation."""

    key: str
    label: str | LazyText
    scope: str = ""


roles: Registry[Role] = Registry("organisation roles")


def has_role(user: Any, role: str, *, scope: Any = None, organisation: Any = None) -> bool:
    """True if `user` is a current member holding `role` (for `scope`, if given)."""
    if not getattr(user, "is_authenticated", False):
        return False
    grants = RoleGrant.objects.filter(membership__user=user, role=role)
    if organisation is not None:
        grants = grants.filter(membership__organisation=organisation)
    if scope is not None:
        grants = grants.filter(
            scope_type=ContentType.objects.get_for_model(type(scope)), scope_id=scope.pk
        )
    return grants.exists()
