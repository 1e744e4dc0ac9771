"""The daily expiry task and its management command."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from handschlag.notifications.models import Kind, Notification
from handschlag.promises.models import Promise, Redemption
from handschlag.promises.tasks import expire_and_warn
from tests import factories

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def test_past_deadline_expires_declines_open_applications_and_notifies():
    promise = factories.PromiseFactory(deadline=days(-1))
    waiting = factories.RedemptionFactory(promise=promise)
    accepted = factories.RedemptionFactory(promise=promise, state=Redemption.State.ACCEPTED)
    result = expire_and_warn.call()
    promise.refresh_from_db()
    waiting.refresh_from_db()
    accepted.refresh_from_db()
    assert result["expired"] == 1
    assert promise.state == Promise.State.EXPIRED
    assert promise.state_changes.get(to_state="expired").by is None
    assert waiting.state == Redemption.State.DECLINED
    assert accepted.state == Redemption.State.ACCEPTED
    assert (
        Notification.objects.filter(recipient=promise.owner, kind=Kind.PROMISE_EXPIRED).count() == 1
    )


def test_deadline_today_does_not_expire_but_warns():
    promise = factories.PromiseFactory(deadline=days(0))
    expire_and_warn.call()
    promise.refresh_from_db()
    assert promise.state == Promise.State.PUBLISHED and promise.expiry_warned_at


def test_warns_once_within_warning_days(settings):
    settings.PROMISE_EXPIRY_WARNING_DAYS = 7
    soon = factories.PromiseFactory(deadline=days(5))
    later = factories.PromiseFactory(deadline=days(30))
    draft = factories.PromiseFactory(deadline=days(3), state=Promise.State.DRAFT)
    expire_and_warn.call()
    expire_and_warn.call()
    warnings = Notification.objects.filter(kind=Kind.EXPIRING_SOON)
    assert list(warnings.values_list("recipient", flat=True)) == [soon.owner_id]
    soon.refresh_from_db()
    later.refresh_from_db()
    draft.refresh_from_db()
    assert soon.expiry_warned_at and later.expiry_warned_at is None
    assert draft.expiry_warned_at is None


def test_task_is_idempotent():
    factories.PromiseFactory(deadline=days(-3))
    first = expire_and_warn.call()
    second = expire_and_warn.call()
    assert first == {"expired": 1, "warned": 0}
    assert second == {"expired": 0, "warned": 0}
    assert Notification.objects.filter(kind=Kind.PROMISE_EXPIRED).count() == 1


def test_withdrawn_and_draft_promises_are_left_alone():
    withdrawn = factories.PromiseFactory(deadline=days(-3), state=Promise.State.WITHDRAWN)
    expire_and_warn.call()
    withdrawn.refresh_from_db()
    assert withdrawn.state == Promise.State.WITHDRAWN


def test_management_command_runs_the_task(capsys):
    promise = factories.PromiseFactory(deadline=days(-1))
    call_command("expire_promises")
    promise.refresh_from_db()
    assert promise.state == Promise.State.EXPIRED
    assert "1 expired" in capsys.readouterr().out
