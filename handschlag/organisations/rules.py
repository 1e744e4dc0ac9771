"""Object permissions for organisations (django-rules predicates).

The predicates are plain callables too: `is_org_admin(user, organisation)` returns a bool, so the
promises app and the templates can use them directly.
"""

from __future__ import annotations

from typing import Any

import rules

from handschlag.accounts.rules import is_moderator
from handschlag.organisations.models import Membership


def _is_authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def is_org_member(user: Any, organisation: Any) -> bool:
    """True if `user` belongs to `organisation` in any role."""
    if not _is_authenticated(user) or organisation is None:
        return False
    return Membership.objects.filter(organisation=organisation, user=user).exists()


@rules.predicate
def is_org_admin(user: Any, organisation: Any) -> bool:
    """True if `user` administers `organisation`."""
    if not _is_authenticated(user) or organisation is None:
        return False
    return Membership.objects.filter(
        organisation=organisation, user=user, role=Membership.Role.ADMIN
    ).exists()


rules.add_rule("organisations.edit", is_org_admin)
rules.add_rule("organisations.manage_members", is_org_admin)
rules.add_rule("organisations.view_members", is_org_member)
rules.add_rule("organisations.verify", is_moderator)
