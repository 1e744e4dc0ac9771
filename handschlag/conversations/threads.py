"""A thread as permissions and services see it: the subject, its object, and the stored
conversation (None until the first message). Who belongs to which side is asked here, from
current memberships, every time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from handschlag.accounts.models import User
from handschlag.accounts.rules import is_active_user
from handschlag.organisations.rules import is_org_member
from handschlag.organisations.selectors import organisation_members

from .models import Conversation
from .registry import ConversationSubject, Side, ThreadState, conversation_subjects


@dataclass
class Thread:
    subject: ConversationSubject
    obj: Any
    conversation: Conversation | None = None

    @property
    def sides(self) -> tuple[Side, Side]:
        return self.subject.sides(self.obj)

    @property
    def state(self) -> ThreadState:
        return self.subject.state(self.obj)

    @property
    def url(self) -> str:
        return self.subject.url(self.obj)

    def side_of(self, user: Any) -> Side | None:
        """The side `user` currently belongs to, or None."""
        if not is_active_user(user):
            return None
        if self.subject.party_perm and not user.has_perm(self.subject.party_perm, self.obj):
            return None
        for side in self.sides:
            if side.organisation is not None:
                if is_org_member(user, side.organisation):
                    return side
            elif side.person_id == user.pk:
                return side
        return None

    def other_side(self, side: Side) -> Side:
        first, second = self.sides
        return second if side.key == first.key else first

    def side_by_key(self, key: str) -> Side | None:
        return next((side for side in self.sides if side.key == key), None)

    def members(self, side: Side) -> list[Any]:
        """The active people on `side` now."""
        if side.organisation is not None:
            return [
                membership.user
                for membership in organisation_members(side.organisation)
                if membership.user.is_active
            ]
        return list(User.objects.filter(pk=side.person_id or 0, is_active=True))

    def ensure_conversation(self) -> Conversation:
        if self.conversation is None:
            self.conversation, _ = Conversation.objects.get_or_create(
                subject_key=self.subject.key, object_id=self.obj.pk
            )
        return self.conversation


def thread_of(*, subject_key: str, obj: Any) -> Thread:
    subject = conversation_subjects[subject_key]
    conversation = Conversation.objects.filter(subject_key=subject_key, object_id=obj.pk).first()
    return Thread(subject, obj, conversation)


def find_thread(*, subject_key: str, object_id: int) -> Thread:
    """The thread about object `object_id` of subject `subject_key`; 404 if either is unknown."""
    subject = conversation_subjects.get(subject_key)
    if subject is None:
        raise Http404
    obj = subject.objects().filter(pk=object_id).first()
    if obj is None:
        raise Http404
    return thread_of(subject_key=subject_key, obj=obj)
