"""Object permissions for organisations (django-rules), checked with `has_perm`.

Power over an organisation always needs a current membership: the predicates ask the database
each time, so a person removed a minute ago has no power left. The predicates are plain
callables too, for the rules of feature apps (`is_org_admin(user, organisation)`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import rules

from handschlag.accounts.rules import is_active_user, is_moderator

from .models import Membership, Organisation

# {user id: {organisation id: role}} while a `membership_snapshot()` is active
_snapshot: ContextVar[dict[int, dict[int, str]] | None] = ContextVar("memberships", default=None)


@contextmanager
def membership_snapshot() -> Iterator[None]:
    """Within the block, each person's memberships are read once instead of once per check:
    for a page that asks many permissions of many objects (one request, so nobody keeps power
    longer than the page takes to render)."""
    token = _snapshot.set({})
    try:
        yield
    finally:
        _snapshot.reset(token)


def _role_in(user: Any, organisation: Any) -> str | None:
    """`user`'s role in `organisation`, or None; asks the database unless a snapshot holds it."""
    snapshot = _snapshot.get()
    if snapshot is None:
        return (
            Membership.objects.filter(organisation=organisation, user=user)
            .values_list("role", flat=True)
            .first()
        )
    if user.pk not in snapshot:
        snapshot[user.pk] = dict(
            Membership.objects.filter(user=user).values_list("organisation_id", "role")
        )
    return snapshot[user.pk].get(organisation.pk)


@rules.predicate
def is_org_member(user: Any, organisation: Any) -> bool:
    """True if `user` currently belongs to `organisation` in any role."""
    if not is_active_user(user) or organisation is None:
        return False
    return _role_in(user, organisation) is not None


@rules.predicate
def is_org_admin(user: Any, organisation: Any) -> bool:
    """True if `user` currently administers `organisation`."""
    if not is_active_user(user) or organisation is None:
        return False
    return _role_in(user, organisation) == Membership.Role.ADMIN


rules.add_perm("organisations.create", is_active_user)
rules.add_perm("organisations.edit", is_org_admin)
rules.add_perm("organisations.manage_members", is_org_admin)
rules.add_perm("organisations.view_members", is_org_member)
rules.add_perm("organisations.join", is_active_user & ~is_org_member)
rules.add_perm("organisations.leave", is_org_member)
rules.add_perm("organisations.verify", is_moderator)


@rules.predicate
def is_municipality_admin(user: Any, organisation: Any) -> bool:
    """An admin of a verified municipality organisation: runs its town's self-assessment and
    action plan, adopts measures."""
    return (
        organisation is not None
        and organisation.acts_as(Organisation.Kind.MUNICIPALITY)
        and bool(is_org_admin(user, organisation))
    )


@rules.predicate
def is_municipality_member(user: Any, organisation: Any) -> bool:
    """Any current member of a verified municipality organisation."""
    return (
        organisation is not None
        and organisation.acts_as(Organisation.Kind.MUNICIPALITY)
        and bool(is_org_member(user, organisation))
    )
