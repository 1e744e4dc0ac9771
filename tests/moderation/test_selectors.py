import pytest
from django.http import Http404

from handschlag.blog.models import Post
from handschlag.moderation import selectors
from handschlag.moderation.models import AbuseReport
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

    assert list(selectors.pending_promises()) == [pending]
    assert list(selectors.reports_awaiting_publication()) == [waiting]
    assert list(selectors.disputes()) == [dispute]
    assert list(selectors.open_abuse_reports()) == [abuse]
    assert unverified in selectors.unverified_organisations()
    counts = selectors.queue_counts()
    assert counts["promises"] == counts["reports"] == counts["disputes"] == counts["abuse"] == 1


def test_reportable_target_is_only_public_promises_and_published_posts():
    promise = factories.PromiseFactory()
    post = factories.PostFactory()
    assert selectors.reportable_target(kind="promise", pk=promise.pk) == promise
    assert selectors.reportable_target(kind="post", pk=post.pk) == post
    draft = factories.PromiseFactory(state=Promise.State.DRAFT)
    unpublished = factories.PostFactory(published_at=None)
    for kind, pk in [
        ("promise", draft.pk),
        ("post", unpublished.pk),
        ("user", promise.pk),
        ("promise", 999_999),
    ]:
        with pytest.raises(Http404):
            selectors.reportable_target(kind=kind, pk=pk)
