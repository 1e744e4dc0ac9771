"""Decisions on the review pages (promises:review, promises:review_dispute, blog:review_report)
go through the promise and blog services."""

import pytest
from django.urls import reverse

from handschlag.audit.models import AuditEntry
from handschlag.blog.models import Post
from handschlag.notifications.models import Notification
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.blog.reporting import edit_data
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_moderator_publishes_a_pending_promise(moderator):
    promise = factories.PromiseFactory(state=Promise.State.PENDING, published_at=None)
    response = client_for(moderator).post(
        reverse("promises:review", args=[promise.pk]),
        {"decision": "approve", "approve-comment": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("moderation:dashboard") + "?queue=promises"
    promise.refresh_from_db()
    assert promise.state == Promise.State.PUBLISHED
    assert AuditEntry.objects.filter(verb="promises.publish_promise", actor=moderator).exists()


def test_moderator_returns_a_promise_with_comment(moderator):
    promise = factories.PromiseFactory(state=Promise.State.PENDING, published_at=None)
    client_for(moderator).post(
        reverse("promises:review", args=[promise.pk]),
        {"decision": "return", "return-comment": "Bitte die Bedingung genauer fassen."},
    )
    promise.refresh_from_db()
    assert promise.state == Promise.State.RETURNED


def test_approving_a_promise_in_the_wrong_state_shows_a_message(moderator):
    promise = factories.PromiseFactory(state=Promise.State.DRAFT, published_at=None)
    url = reverse("promises:review", args=[promise.pk])
    response = client_for(moderator).post(url, {"decision": "approve"}, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert 'class="message message-error"' in response.content.decode()
    promise.refresh_from_db()
    assert promise.state == Promise.State.DRAFT


def test_moderator_publishes_a_confirmed_report(moderator):
    redemption = factories.RedemptionFactory(
        state=Redemption.State.CONFIRMED, report_consent=True, report_text="Bericht"
    )
    response = client_for(moderator).post(
        reverse("blog:review_report", args=[redemption.pk]), edit_data(redemption)
    )
    assert response.status_code == 302
    post = Post.objects.get(redemption=redemption, kind=Post.Kind.REPORT)
    assert AuditEntry.objects.get(verb="blog.publish_report").target == post


def test_moderator_resolves_a_dispute(moderator):
    redemption = factories.RedemptionFactory(state=Redemption.State.DISPUTED, report_text="Bericht")
    response = client_for(moderator).post(
        reverse("promises:review_dispute", args=[redemption.pk]),
        {"outcome": "rework", "comment": "Bitte noch Fotos ergänzen."},
    )
    assert response.status_code == 302
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.IN_PROGRESS
    assert AuditEntry.objects.filter(
        verb="promises.resolve_dispute", details={"outcome": "rework"}
    ).exists()
    assert Notification.objects.filter(recipient=redemption.applicant).exists()


def test_publishing_a_report_without_consent_is_refused_with_a_message(moderator):
    redemption = factories.RedemptionFactory(
        state=Redemption.State.CONFIRMED, report_consent=False, report_text="Bericht"
    )
    url = reverse("blog:review_report", args=[redemption.pk])
    response = client_for(moderator).post(url, edit_data(redemption), follow=True)
    assert response.redirect_chain[-1][0] == url
    assert 'class="message message-error"' in response.content.decode()
    assert not Post.objects.exists()


def test_moderator_returns_a_report_with_comment(moderator):
    redemption = factories.RedemptionFactory(
        state=Redemption.State.CONFIRMED, report_consent=True, report_text="Bericht"
    )
    client_for(moderator).post(
        reverse("blog:review_report", args=[redemption.pk]),
        {"decision": "return", "return-comment": "Bitte ohne Namen der Kinder."},
    )
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.IN_PROGRESS
    assert AuditEntry.objects.filter(verb="promises.return_report", actor=moderator).exists()


def test_published_report_appears_in_the_blog_queue_empties(moderator, client):
    redemption = factories.RedemptionFactory(
        state=Redemption.State.CONFIRMED, report_consent=True, report_text="Es lief gut."
    )
    mod = client_for(moderator)
    mod.post(reverse("blog:review_report", args=[redemption.pk]), edit_data(redemption))
    post = Post.objects.get()
    assert "Es lief gut." in client.get(post.get_absolute_url()).content.decode()
    html = mod.get(reverse("moderation:dashboard"), {"queue": "reports"}).content.decode()
    assert reverse("blog:review_report", args=[redemption.pk]) not in html
