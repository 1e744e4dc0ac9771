"""Conversation subjects: what a message thread can be about (a redemption, later a tandem or
an event). A feature app registers its subject in `AppConfig.ready()`; the kernel never
imports it.

A subject says who the two sides are (a person, or all current members of an organisation),
from when the sides may write and when the thread becomes read-only, where the thread is
shown and what it is called. Everyone on a side reads and writes; nobody else (moderators
neither: a reported message reaches them through the abuse report).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise as LazyText

from handschlag.core.registry import Registry


@dataclass(frozen=True)
class Side:
    """One party of a thread. With `organisation`, every current member of it takes part
    (looked up each time, so someone removed a moment ago has no access left); otherwise the
    person `person_id`. `name` is what the other side sees: the organisation's name or
    "first name + initial"."""

    key: str
    label: str | LazyText
    name: str
    person_id: int | None = None
    organisation: Any = None


@dataclass(frozen=True)
class ThreadState:
    """Whether the sides may write now; `note` says why not (not yet, or closed)."""

    writable: bool
    note: str = ""


@dataclass(frozen=True)
class ConversationSubject:
    """`objects()` is the subject's queryset (with what `sides` needs joined in); `sides(obj)`
    the two parties; `state(obj)` whether writing is allowed; `url(obj)` the page that shows
    the thread; `title(obj)` names it in mails. `party_perm`, if set, is a permission every
    party must also hold on the object (a second lock the subject keeps)."""

    key: str
    label: str | LazyText
    objects: Callable[[], models.QuerySet[Any]]
    sides: Callable[[Any], tuple[Side, Side]]
    state: Callable[[Any], ThreadState]
    url: Callable[[Any], str]
    title: Callable[[Any], str]
    party_perm: str = ""


conversation_subjects: Registry[ConversationSubject] = Registry("conversation subjects")
