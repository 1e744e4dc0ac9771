"""Roles inside an organisation beyond admin and member, registered by the apps that need them.

A mentoring app registers "mentoring.coordinator" scoped to a site, a portal app a translator
scoped to a municipality's portal. Admins grant them to members (`grant_role`); rules ask
`has_role(user, role_key, scope=...)`. Grants hang on a membership, so leaving or being removed
from the organisation ends every role at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.core.registry import Registry

from .models import Membership, RoleGrant
from .services import ROLE_GRANTED, ROLE_REVOKED, _lock, _require


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


@transaction.atomic
def grant_role(
    *, membership: Membership, by: Any, role: str, scope: models.Model | None = None
) -> RoleGrant:
    """An admin gives a member a registered role, for `scope` if the role needs one."""
    organisation = _lock(membership.organisation)
    _require("organisations.manage_members", by, organisation)
    definition = roles.get(role)
    if definition is None:
        raise DomainError(_("Unbekannte Rolle."), code="role")
    if bool(definition.scope) != (scope is not None) or (
        scope is not None and scope._meta.label != definition.scope
    ):
        raise DomainError(_("Diese Rolle gilt für etwas anderes."), code="scope")
    scope_type = ContentType.objects.get_for_model(type(scope)) if scope is not None else None
    grant, created = RoleGrant.objects.get_or_create(
        membership=membership, role=role, scope_type=scope_type,
        scope_id=scope.pk if scope is not None else None, defaults={"granted_by": by},
    )  # fmt: skip
    if created:
        record(
            actor=by, verb=ROLE_GRANTED, target=organisation,
            person=membership.user.public_name, role=role, scope=str(scope or ""),
        )  # fmt: skip
    return grant


@transaction.atomic
def revoke_role(*, grant: RoleGrant, by: Any) -> None:
    organisation = _lock(grant.membership.organisation)
    _require("organisations.manage_members", by, organisation)
    grant.delete()
    record(
        actor=by, verb=ROLE_REVOKED, target=organisation,
        person=grant.membership.user.public_name, role=grant.role,
    )  # fmt: skip
