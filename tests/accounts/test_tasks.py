import datetime
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone

from handschlag.accounts.models import User
from handschlag.accounts.tasks import purge_stale_data
from handschlag.notifications.models import Notification
from tests.factories import NotificationFactory, PromiseFactory, UserFactory

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def test_purge_deletes_only_stale_unverified_accounts_that_own_nothing(settings):
    settings.RETENTION_UNVERIFIED_ACCOUNT_DAYS = 30
    stale = UserFactory(verified=False, date_joined=days_ago(31))
    EmailAddress.objects.create(user=stale, email=stale.email, verified=False, primary=True)
    fresh = UserFactory(verified=False, date_joined=days_ago(5))
    verified_old = UserFactory(date_joined=days_ago(400))
    owner = UserFactory(verified=False, date_joined=days_ago(31))
    PromiseFactory(owner=owner)
    admin = User.objects.create_superuser("admin@example.org", "pw")
    User.objects.filter(pk=admin.pk).update(date_joined=days_ago(400))

    result = purge_stale_data.call()

    assert result == {
        "accounts": 1,
        "notifications": 0,
        "conversations": 0,
        "mentoring": 0,
        "event_registrations": 0,
        "directory": 0,
    }
    remaining = set(User.objects.values_list("pk", flat=True))
    assert stale.pk not in remaining
    assert {fresh.pk, verified_old.pk, owner.pk, admin.pk} <= remaining


def test_purge_deletes_only_old_read_notifications(settings):
    settings.RETENTION_READ_NOTIFICATIONS_DAYS = 180
    old_read = NotificationFactory(read_at=days_ago(181))
    recent_read = NotificationFactory(read_at=days_ago(10))
    old_unread = NotificationFactory(created_at=days_ago(400))

    result = purge_stale_data.call()

    assert result["notifications"] == 1
    assert set(Notification.objects.values_list("pk", flat=True)) == {
        recent_read.pk,
        old_unread.pk,
    }
    assert not Notification.objects.filter(pk=old_read.pk).exists()


def test_command_runs_the_task():
    UserFactory(verified=False, date_joined=days_ago(365))
    out = StringIO()
    call_command("purge_stale_data", stdout=out)
    assert out.getvalue().strip() == (
        "deleted accounts: 1, notifications: 0, conversations: 0, mentoring: 0, "
        "event_registrations: 0, directory: 0"
    )
