import pytest
from django.http import Http404

from handschlag.blog import selectors as blog_selectors
from handschlag.blog.models import Post
from handschlag.moderation import selectors
from handschlag.moderation.models import AbuseReport
from handschlag.moderation.registry import moderation_queues, ordered_queues
from handschlag.promises import selectors as promise_selectors
from handschlag.promises.models import Promise, Redemption
from tests import factories

pytestmark = pytest.mark.django_db


def test_queues_hold_exactly_what_waits():
    pending = factories.PromiseFactory(state=Promise.State.PENDING)
    factories.PromiseFactory(state=Promise.State.DRAFT)
    waiting = factories.RedemptionFactory(state=Redemption.State.CONFIRMED, report_consent=True)
    factories.RedemptionFactory(state=Redemption.State.CONFIRMED, report_consent=False)
    published = factories.RedemptionFactory(state=Redemption.State.CONFIRMED, report_consent=True)
    factories.PostFactory(kind=Post.Kind.REPORT, redemption=published)
    dispute = factories.RedemptionFactory(state=Redemption.State.DISPUTED)
    abuse = factories.AbuseReportFactory()
    factories.AbuseReportFactory(state=AbuseReport.State.DISMISSED)
    unverified = factories.OrganisationFactory(is_verified=False)
    factories.OrganisationFactory(is_verified=True)
    wants_powers = factories.OrganisationFactory(is_verified=True, requested_kind="municipality")

    assert list(promise_selectors.pending_promises()) == [pending]
    assert list(blog_selectors.reports_awaiting_publication()) == [waiting]
    assert list(promise_selectors.disputes()) == [dispute]
    assert list(selectors.open_abuse_reports()) == [abuse]
    assert list(selectors.organisations_to_verify()) == [unverified, wants_powers]
    counts = selectors.queue_counts()
    assert counts["promises"] == counts["reports"] == counts["disputes"] == counts["abuse"] == 1
    assert counts["organisations"] == 2
    # each registered queue lists what its selector returns
    for key, items in [
        ("promises", [pending]),
        ("reports", [waiting]),
        ("disputes", [dispute]),
        ("abuse", [abuse]),
        ("organisations", [unverified, wants_powers]),
    ]:
        assert list(moderation_queues.get(key).items()) == items


PRODUCT_QUEUES = ["promises", "reports", "disputes", "abuse", "organisations"]


def test_queues_are_registered_in_position_order():
    # (the test-only app in tests/kernel_app adds a queue of its own between them)
    keys = [q.key for q in ordered_queues()]
    assert [key for key in keys if key in PRODUCT_QUEUES] == PRODUCT_QUEUES
    assert set(keys) == {q.key for q in moderation_queues}
    positions = [q.position for q in ordered_queues()]
    assert positions == sorted(positions)
    with pytest.raises(Http404):
        selectors.queue("nope")


def test_reportable_target_is_only_public_promises_and_published_posts():
    promise = factories.PromiseFactory()
    post = factories.PostFactory()
    user = factories.UserFactory()
    assert selectors.reportable_target(kind="promise", pk=promise.pk, user=user) == promise
    assert selectors.reportable_target(kind="post", pk=post.pk, user=user) == post
    draft = factories.PromiseFactory(state=Promise.State.DRAFT)
    unpublished = factories.PostFactory(published_at=None)
    for kind, pk in [
        ("promise", draft.pk),
        ("post", unpublished.pk),
        ("user", promise.pk),
        ("promise", 999_999),
    ]:
        with pytest.raises(Http404):
            selectors.reportable_target(kind=kind, pk=pk, user=user)
