"""Retention: an ended, quiet thread is deleted after RETENTION_CONVERSATION_DAYS; an open one,
a recent one and one with an open report stay."""

import datetime

import pytest
from django.utils import timezone

from handschlag.accounts.tasks import purge_stale_data
from handschlag.conversations import privacy, services
from handschlag.conversations.models import Conversation, Message
from handschlag.moderation.services import file_abuse_report
from handschlag.promises.models import Redemption

from .conftest import thread_for

pytestmark = pytest.mark.django_db


def _thread_with_message(world, *, days_ago: int) -> Message:
    message = services.post_message(
        thread=thread_for(world.redemption), by=world.applicant, text="Termin am Montag?"
    )
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return message


def _end(redemption) -> None:
    Redemption.objects.filter(pk=redemption.pk).update(state=Redemption.State.PUBLISHED)


def test_an_ended_thread_quiet_past_the_period_is_deleted(world, settings):
    _thread_with_message(world, days_ago=settings.RETENTION_CONVERSATION_DAYS + 1)
    _end(world.redemption)
    assert purge_stale_data.call()["conversations"] == 1
    assert not Conversation.objects.exists() and not Message.objects.exists()


def test_a_thread_still_open_is_kept_however_old(world, settings):
    _thread_with_message(world, days_ago=settings.RETENTION_CONVERSATION_DAYS + 1)
    assert privacy.purge(timezone.now()) == 0
    assert Message.objects.count() == 1


def test_an_ended_thread_with_a_recent_message_is_kept(world, settings):
    _thread_with_message(world, days_ago=settings.RETENTION_CONVERSATION_DAYS - 1)
    _end(world.redemption)
    assert privacy.purge(timezone.now()) == 0
    assert Message.objects.count() == 1


def test_a_thread_with_an_open_report_is_kept_until_it_is_decided(world, settings):
    message = _thread_with_message(world, days_ago=settings.RETENTION_CONVERSATION_DAYS + 1)
    file_abuse_report(reporter=world.owner, target=message, reason="offensive")
    _end(world.redemption)
    assert privacy.purge(timezone.now()) == 0
    assert Message.objects.count() == 1


def test_a_thread_whose_redemption_is_gone_is_deleted(world, settings):
    _thread_with_message(world, days_ago=settings.RETENTION_CONVERSATION_DAYS + 1)
    Redemption.objects.filter(pk=world.redemption.pk).delete()
    assert privacy.purge(timezone.now()) == 1
    assert not Conversation.objects.exists()
