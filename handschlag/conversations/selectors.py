"""Reads: a thread as one person sees it (messages, unread, contact details)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .consent import CONSENT_VERSION, consent_text
from .models import ContactRelease, Message, Reader
from .registry import Side, ThreadState
from .threads import Thread, thread_of


@dataclass
class ShownMessage:
    pk: int
    author: str
    side: str
    text: str
    created_at: Any
    mine: bool
    unread: bool
    hidden: bool


@dataclass
class ThreadView:
    """Everything the thread template shows to one party."""

    thread: Thread
    me: Side
    other: Side
    state: ThreadState
    messages: list[ShownMessage] = field(default_factory=list)
    unread_count: int = 0
    my_release: ContactRelease | None = None
    my_side_shared: bool = False
    other_side_shared: bool = False
    other_contacts: list[dict[str, str]] = field(default_factory=list)
    consent_text: str = ""
    consent_version: str = CONSENT_VERSION

    @property
    def subject_key(self) -> str:
        return self.thread.subject.key

    @property
    def object_id(self) -> int:
        return int(self.thread.obj.pk)

    @property
    def contacts_visible(self) -> bool:
        return self.my_side_shared and self.other_side_shared


def _author_name(message: Message, thread: Thread) -> str:
    if message.author is None:
        return _("gelöschtes Konto")
    side = thread.side_by_key(message.side)
    if side is not None and side.organisation is not None:
        return f"{message.author.public_name} ({side.name})"
    return message.author.public_name


def _current_ids(thread: Thread, side: Side) -> set[int]:
    return {person.pk for person in thread.members(side)}


def thread_view(*, subject_key: str, obj: Any, user: Any) -> ThreadView | None:
    """The thread about `obj` as `user` sees it, or None if they are no party to it."""
    thread = thread_of(subject_key=subject_key, obj=obj)
    me = thread.side_of(user)
    if me is None:
        return None
    view = ThreadView(
        thread=thread,
        me=me,
        other=thread.other_side(me),
        state=thread.state,
        consent_text=consent_text(),
    )
    if thread.conversation is None:
        return view
    reader = Reader.objects.filter(conversation=thread.conversation, user=user).first()
    last_read = reader.last_read_at if reader else None
    messages = Message.objects.filter(conversation=thread.conversation).select_related("author")
    for message in messages:
        mine = message.author_id == user.pk
        unread = not mine and (last_read is None or message.created_at > last_read)
        view.messages.append(
            ShownMessage(
                pk=message.pk,
                author=_author_name(message, thread),
                side=str(thread.side_by_key(message.side).label)  # type: ignore[union-attr]
                if thread.side_by_key(message.side)
                else "",
                text="" if message.hidden_at else message.text,
                created_at=message.created_at,
                mine=mine,
                unread=unread,
                hidden=message.hidden_at is not None,
            )
        )
        view.unread_count += unread
    releases = list(
        ContactRelease.objects.filter(
            conversation=thread.conversation, revoked_at__isnull=True
        ).select_related("user")
    )
    mine_ids, other_ids = _current_ids(thread, me), _current_ids(thread, view.other)
    view.my_release = next((r for r in releases if r.user_id == user.pk), None)
    view.my_side_shared = any(r.side == me.key and r.user_id in mine_ids for r in releases)
    other_releases = [r for r in releases if r.side == view.other.key and r.user_id in other_ids]
    view.other_side_shared = bool(other_releases)
    if view.contacts_visible:
        view.other_contacts = [
            {"name": r.user.public_name, "email": r.email, "phone": r.phone} for r in other_releases
        ]
    return view
