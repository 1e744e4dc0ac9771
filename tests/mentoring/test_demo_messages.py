"""The demo's messages between the demo mentor and the demo mentee: a thread on their running
tandem that both read on the tandem page, the last message still new to the mentor."""

import pytest

from handschlag.conversations import selectors
from handschlag.conversations.models import Conversation
from handschlag.mentoring.tandem_conversation import SUBJECT
from handschlag.site.demo.mentoring import MESSAGES, _messages

from .tandems_helpers import make_tandem

pytestmark = pytest.mark.django_db


def test_the_demo_tandem_has_a_thread(world):
    tandem = make_tandem(world)
    _messages({"mentor": world.mentor.user, "mentee": world.mentee.user})
    mentor = selectors.thread_view(subject_key=SUBJECT, obj=tandem, user=world.mentor.user)
    mentee = selectors.thread_view(subject_key=SUBJECT, obj=tandem, user=world.mentee.user)
    assert [m.text for m in mentor.messages] == [text for _days, _side, text in MESSAGES]
    assert (mentor.unread_count, mentee.unread_count) == (1, 0)
    assert mentor.state.writable


def test_no_thread_without_the_running_tandem(world):
    make_tandem(world, "ended", ended_on=world.programme.starts_on)
    _messages({"mentor": world.mentor.user, "mentee": world.mentee.user})
    assert not Conversation.objects.exists()
