"""Predicates about a person that every app's rules build on."""

import rules


@rules.predicate
def is_active_user(user: object) -> bool:
    """Signed in with an account that is not deactivated (or deleted)."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


@rules.predicate
def is_moderator(user: object) -> bool:
    """Platform staff who review what goes public and handle reports."""
    return bool(is_active_user(user) and getattr(user, "is_moderator", False))
