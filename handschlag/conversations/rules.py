"""Who may read and write a thread (django-rules, checked with `has_perm(name, thread)`).

Only the current people of its two sides; a member who leaves an organisation loses access
at once, because sides are resolved from the memberships on every check.
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.contenttypes.models import ContentType

from handschlag.accounts.rules import is_moderator
from handschlag.moderation.models import AbuseReport

from .threads import find_thread


@rules.predicate
def is_party(user: Any, thread: Any) -> bool:
    return thread is not None and thread.side_of(user) is not None


@rules.predicate
def is_writable(user: Any, thread: Any) -> bool:
    return thread is not None and thread.state.writable


rules.add_perm("conversations.read_thread", is_party)
rules.add_perm("conversations.write_thread", is_party & is_writable)
rules.add_perm("conversations.share_contact", is_party & is_writable)


@rules.predicate
def is_reported(user: Any, message: Any) -> bool:
    """Someone reported this message as abuse (open or decided)."""
    return (
        message is not None
        and AbuseReport.objects.filter(
            content_type=ContentType.objects.get_for_model(type(message)), object_id=message.pk
        ).exists()
    )


rules.add_perm("conversations.hide_message", is_moderator)
# a moderator reads a reported message (only that one), never the rest of a thread
rules.add_perm("conversations.review_message", is_moderator & is_reported)


def may_report_message(user: Any, message: Any) -> bool:
    """Only the people who can read a message's thread may report it, and not their own: a
    stranger guessing message ids learns nothing and files nothing."""
    if message.author_id is not None and message.author_id == getattr(user, "pk", None):
        return False
    conversation = message.conversation
    thread = find_thread(subject_key=conversation.subject_key, object_id=conversation.object_id)
    return may("conversations.read_thread", user, thread)


def may(perm: str, user: Any, thread: Any) -> bool:
    """`has_perm` for a thread (a plain object, not a model row, so asked of rules directly)."""
    return bool(rules.has_perm(perm, user, thread))
