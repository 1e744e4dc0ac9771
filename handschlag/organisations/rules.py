"""Object permissions for organisations (django-rules), checked with `has_perm`.

Power over an organisation always needs a current membership: the predicates ask the database
each time, so a person removed a minute ago has no power left. The predicates are plain
callables too, for the rules of feature apps (`is_org_admin(user, organisation)`).
"""

from __future__ import annotations

from typing import Any

import rules

from handschlag.accounts.rules import is_active_user, is_moderator

from .models import Membership


@rules.predicate
def is_org_member(user: Any, organisation: Any) -> bool:
    """True if `user` currently belongs to `organisation` in any role."""
    if not is_active_user(user) or organisation is None:
        return False
    return Membership.objects.filter(organisation=organisation, user=user).exists()


@rules.predicate
def is_org_admin(user: Any, organisation: Any) -> bool:
    """True if `user` currently administers `organisation`."""
    if not is_active_user(user) or organisation is None:
        return False
    return Membership.objects.filter(
        organisation=organisation, user=user, role=Membership.Role.ADMIN
    ).exists()


rules.add_perm("organisations.create", is_active_user)
rules.add_perm("organisations.edit", is_org_admin)
rules.add_perm("organisations.manage_members", is_org_admin)
rules.add_perm("organisations.view_members", is_org_member)
rules.add_perm("organisations.join", is_active_user & ~is_org_member)
rules.add_perm("organisations.leave", is_org_member)
rules.add_perm("organisations.verify", is_moderator)
