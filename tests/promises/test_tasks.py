"""The daily expiry task and its management command."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from handschlag.notifications.models import Notification
from handschlag.promises import messages, services
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
        Notification.objects.filter(
            recipient=promise.owner, kind=messages.PROMISE_EXPIRED.key
        ).count()
        == 1
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
    warnings = Notification.objects.filter(kind=messages.EXPIRING_SOON.key)
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
    assert Notification.objects.filter(kind=messages.PROMISE_EXPIRED.key).count() == 1


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


# --- the services the task runs ---------------------------------------------------------------


def test_expire_promise_expires_declines_waiting_and_tells_all_promisers():
    organisation = factories.OrganisationFactory()
    owner = factories.MembershipFactory(organisation=organisation).user
    admin = factories.MembershipFactory(organisation=organisation, role="admin").user
    promise = factories.PromiseFactory(owner=owner, organisation=organisation, deadline=days(-1))
    waiting = factories.RedemptionFactory(promise=promise)
    assert services.expire_promise(promise=promise) is True
    promise.refresh_from_db()
    waiting.refresh_from_db()
    assert promise.state == Promise.State.EXPIRED
    assert waiting.state == Redemption.State.DECLINED
    assert waiting.decision_reason == "Das Versprechen ist abgelaufen."
    expired = Notification.objects.filter(kind=messages.PROMISE_EXPIRED.key)
    assert sorted(expired.values_list("recipient", flat=True)) == sorted([owner.pk, admin.pk])
    assert Notification.objects.filter(
        recipient=waiting.applicant, kind=messages.APPLICATION_DECLINED.key
    ).exists()


@pytest.mark.parametrize(
    "state", [Promise.State.WITHDRAWN, Promise.State.EXPIRED, Promise.State.DRAFT]
)
def test_expire_promise_leaves_what_is_no_longer_published(state):
    promise = factories.PromiseFactory(deadline=days(-1), state=state)
    assert services.expire_promise(promise=promise) is False
    promise.refresh_from_db()
    assert promise.state == state
    assert not Notification.objects.exists()


def test_expire_promise_acts_on_the_current_state_not_a_stale_copy():
    promise = factories.PromiseFactory(deadline=days(-1))
    stale = Promise.objects.get(pk=promise.pk)
    Promise.objects.filter(pk=promise.pk).update(state=Promise.State.WITHDRAWN)
    assert services.expire_promise(promise=stale) is False
    promise.refresh_from_db()
    assert promise.state == Promise.State.WITHDRAWN


def test_warn_of_expiry_tells_the_promisers_once():
    organisation = factories.OrganisationFactory()
    admin = factories.MembershipFactory(organisation=organisation, role="admin").user
    # the owner has left the organisation: the warning goes to its admins only
    gone = factories.UserFactory()
    promise = factories.PromiseFactory(owner=gone, organisation=organisation, deadline=days(3))
    assert services.warn_of_expiry(promise=promise) is True
    assert services.warn_of_expiry(promise=promise) is False
    warnings = Notification.objects.filter(kind=messages.EXPIRING_SOON.key)
    assert list(warnings.values_list("recipient", flat=True)) == [admin.pk]
    assert warnings.get().params["deadline"] == days(3).isoformat()
    promise.refresh_from_db()
    assert promise.expiry_warned_at is not None
