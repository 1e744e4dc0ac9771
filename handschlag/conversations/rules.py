"""Who may read and write a thread (django-rules, checked with `has_perm(name, thread)`).

Only the current people of its two sides; a member who leaves an organisation loses access
at once, because sides are resolved from the memberships on every check.
"""

from __future__ import annotations

from typing import Any

import rules

from handschlag.accounts.rules import is_moderator


@rules.predicate
def is_party(user: Any, thread: Any) -> bool:
    return thread is not None and thread.side_of(user) is not None


@rules.predicate
def is_writable(user: Any, thread: Any) -> bool:
    return thread is not None and thread.state.writable


rules.add_perm("conversations.read_thread", is_party)
rules.add_perm("conversations.write_thread", is_party & is_writable)
rules.add_perm("conversations.share_contact", is_party & is_writable)

rules.add_perm("conversations.hide_message", is_moderator)


def may(perm: str, user: Any, thread: Any) -> bool:
    """`has_perm` for a thread (a plain object, not a model row, so asked of rules directly)."""
    return bool(rules.has_perm(perm, user, thread))
