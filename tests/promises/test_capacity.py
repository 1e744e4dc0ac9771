"""The capacity counters across a promise's whole life: what is held is never given twice.

Parallel requests are in test_concurrency.py; here each step runs one after the other.
"""

import datetime

import pytest
from django.utils import timezone

from handschlag.blog import services as blog_services
from handschlag.core.errors import DomainError
from handschlag.promises import services
from handschlag.promises.models import Promise, Redemption
from tests import factories

from .conftest import redemption_in

pytestmark = pytest.mark.django_db


def holding(promise):
    return promise.redemptions.filter(state__in=Redemption.HOLDING_STATES)


def assert_counters_match_what_is_held(promise):
    promise.refresh_from_db()
    held = list(holding(promise))
    assert promise.remaining_capacity == promise.capacity - len(held)
    assert promise.remaining_quantity == promise.quantity - sum(r.quantity for r in held)


# --- a returned promise keeps what it has already given -------------------------------------


def returned_with_one_accepted(moderator, *quantities):
    """Published, capacity 2 of 10 units; accepted applications for `quantities` (default 3);
    then returned by a moderator."""
    promise = factories.PromiseFactory(capacity=2, quantity=10)
    for quantity in quantities or (3,):
        accepted = factories.RedemptionFactory(promise=promise, quantity=quantity)
        services.accept_application(redemption=accepted, by=promise.owner)
    services.return_promise(promise=promise, by=moderator, comment="Bitte Ort ergänzen")
    promise.refresh_from_db()
    return promise


def test_editing_a_returned_promise_keeps_accepted_redemptions_counted(moderator):
    promise = returned_with_one_accepted(moderator)

    services.update_promise(promise=promise, by=promise.owner, title="Mit Ort")

    assert_counters_match_what_is_held(promise)
    assert (promise.remaining_capacity, promise.remaining_quantity) == (1, 7)


def test_a_returned_promise_edited_and_republished_is_not_oversubscribed(moderator):
    promise = returned_with_one_accepted(moderator)
    services.update_promise(promise=promise, by=promise.owner, title="Mit Ort")
    services.submit_promise(promise=promise, by=promise.owner)
    services.approve_promise(promise=promise, by=moderator)
    second, third = factories.RedemptionFactory.create_batch(2, promise=promise)

    services.accept_application(redemption=second, by=promise.owner)
    with pytest.raises(DomainError, match="vollständig vergeben"):
        services.accept_application(redemption=third, by=promise.owner)

    assert holding(promise).count() == 2 == promise.capacity


def test_capacity_cannot_be_edited_below_what_is_already_held(moderator):
    promise = returned_with_one_accepted(moderator, 3, 2)
    with pytest.raises(DomainError):
        services.update_promise(promise=promise, by=promise.owner, capacity=1)
    with pytest.raises(DomainError):
        services.update_promise(promise=promise, by=promise.owner, quantity=4)
    services.update_promise(promise=promise, by=promise.owner, capacity=3, quantity=5)
    assert_counters_match_what_is_held(promise)
    assert (promise.remaining_capacity, promise.remaining_quantity) == (1, 0)


def test_a_fresh_draft_still_follows_its_totals(user):
    promise = factories.PromiseFactory(owner=user, state=Promise.State.DRAFT, published_at=None)
    services.update_promise(promise=promise, by=user, capacity=7, quantity=30)
    promise.refresh_from_db()
    assert (promise.remaining_capacity, promise.remaining_quantity) == (7, 30)


# --- accepting needs a promise that is still open -------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"state": Promise.State.RETURNED},
        {"state": Promise.State.PENDING},
        {"state": Promise.State.WITHDRAWN},
        {"state": Promise.State.EXPIRED},
        {"deadline": timezone.localdate() - datetime.timedelta(days=1)},
    ],
    ids=["returned", "pending", "withdrawn", "expired", "deadline-passed"],
)
def test_accepting_on_a_promise_that_is_no_longer_open_is_refused(change):
    promise = factories.PromiseFactory()
    waiting = factories.RedemptionFactory(promise=promise)
    Promise.objects.filter(pk=promise.pk).update(**change)

    with pytest.raises(DomainError, match="nicht \\(mehr\\) offen"):
        services.accept_application(redemption=waiting, by=promise.owner)

    waiting.refresh_from_db()
    assert waiting.state == Redemption.State.APPLIED
    assert_counters_match_what_is_held(promise)


def test_accepting_on_the_deadline_day_is_still_allowed():
    promise = factories.PromiseFactory(deadline=timezone.localdate())
    waiting = factories.RedemptionFactory(promise=promise)
    services.accept_application(redemption=waiting, by=promise.owner)
    assert waiting.state == Redemption.State.ACCEPTED


# --- giving back ----------------------------------------------------------------------------


def test_every_way_out_gives_back_exactly_what_was_held(moderator):
    promise = factories.PromiseFactory(capacity=4, quantity=10)
    a, b, c, d = (factories.RedemptionFactory(promise=promise, quantity=q) for q in (1, 2, 3, 4))
    for redemption in (a, b, c, d):
        services.accept_application(redemption=redemption, by=promise.owner)
    assert_counters_match_what_is_held(promise)
    assert promise.remaining_capacity == 0 and promise.remaining_quantity == 0

    services.withdraw_application(redemption=a, by=a.applicant)  # accepted → withdrawn
    services.start_redemption(redemption=b, by=b.applicant)
    services.withdraw_application(redemption=b, by=b.applicant)  # in progress → withdrawn
    c.move_to(Redemption.State.IN_PROGRESS, by=c.applicant)
    c.move_to(Redemption.State.REPORTED, by=c.applicant)
    services.dispute_fulfilment(redemption=c, by=promise.owner, reason="nichts passiert")
    services.resolve_dispute(redemption=c, by=moderator, outcome="fail", comment="")

    assert_counters_match_what_is_held(promise)
    assert (promise.remaining_capacity, promise.remaining_quantity) == (3, 6)


def test_a_confirmed_redemption_keeps_holding_its_share(moderator):
    redemption = redemption_in(Redemption.State.REPORTED, report_text="x", report_consent=True)
    promise = redemption.promise
    services.confirm_fulfilment(redemption=redemption, by=promise.owner)
    blog_services.publish_report(redemption=redemption, by=moderator)
    assert_counters_match_what_is_held(promise)
    assert promise.remaining_capacity == promise.capacity - 1
