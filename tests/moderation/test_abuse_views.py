import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from handschlag.audit.models import AuditEntry
from handschlag.blog.models import Post
from handschlag.moderation.models import AbuseReport
from handschlag.notifications.models import Notification
from handschlag.promises.models import Promise
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def abuse_url(kind, pk):
    return reverse("moderation:report_abuse", args=[kind, pk])


def test_anonymous_visitors_must_log_in_to_report(client):
    post = factories.PostFactory()
    response = client.get(abuse_url("post", post.pk))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert client.post(abuse_url("post", post.pk), {"reason": "spam"}).status_code == 302
    assert not AbuseReport.objects.exists()


def test_unknown_kinds_and_targets_are_404(user):
    client = client_for(user)
    promise = factories.PromiseFactory()
    draft = factories.PromiseFactory(state=Promise.State.DRAFT)
    hidden_post = factories.PostFactory(published_at=None)
    assert client.get(abuse_url("user", promise.pk)).status_code == 404
    assert client.get(abuse_url("promise", 999_999)).status_code == 404
    assert client.get(abuse_url("promise", draft.pk)).status_code == 404
    assert client.post(abuse_url("post", hidden_post.pk), {"reason": "spam"}).status_code == 404
    assert not AbuseReport.objects.exists()


def test_user_reports_a_post_and_is_thanked_and_sent_back(user):
    post = factories.PostFactory(title="Fragwürdiger Beitrag")
    client = client_for(user)
    form = client.get(abuse_url("post", post.pk)).content.decode()
    assert "Fragwürdiger Beitrag" in form and 'name="reason"' in form
    response = client.post(
        abuse_url("post", post.pk), {"reason": "privacy", "message": "Name genannt"}
    )
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    report = AbuseReport.objects.get()
    assert report.target == post and report.reporter == user and report.reason == "privacy"
    assert "Danke" in str(next(iter(get_messages(response.wsgi_request))))


def test_a_promise_can_be_reported_too(user):
    promise = factories.PromiseFactory()
    response = client_for(user).post(abuse_url("promise", promise.pk), {"reason": "fraud"})
    assert response.status_code == 302 and response["Location"] == promise.get_absolute_url()
    assert AbuseReport.objects.get().target == promise


def test_missing_reason_re_renders_with_an_error(user):
    post = factories.PostFactory()
    response = client_for(user).post(abuse_url("post", post.pk), {"reason": "", "message": "x"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not AbuseReport.objects.exists()


def test_reporting_twice_creates_one_report(user):
    post = factories.PostFactory()
    client = client_for(user)
    client.post(abuse_url("post", post.pk), {"reason": "spam"})
    response = client.post(abuse_url("post", post.pk), {"reason": "spam"})
    assert response.status_code == 302
    assert AbuseReport.objects.count() == 1


def test_abuse_page_escapes_the_message(moderator):
    report = factories.AbuseReportFactory(message="<script>alert('x')</script>")
    html = client_for(moderator).get(reverse("moderation:abuse", args=[report.pk])).content.decode()
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;" in html
    assert report.target.title in html


def test_moderator_resolves_and_dismisses_with_a_comment(moderator):
    first, second = factories.AbuseReportFactory.create_batch(2)
    client = client_for(moderator)
    response = client.post(
        reverse("moderation:abuse", args=[first.pk]), {"decision": "resolve", "comment": "Entfernt"}
    )
    assert response.status_code == 302
    client.post(
        reverse("moderation:abuse", args=[second.pk]),
        {"decision": "dismiss", "comment": "Unbegründet"},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (AbuseReport.State.RESOLVED, AbuseReport.State.DISMISSED)
    assert sorted(AuditEntry.objects.values_list("verb", flat=True)) == [
        "moderation.dismiss_abuse",
        "moderation.resolve_abuse",
    ]


def test_deciding_without_comment_shows_a_form_error(moderator):
    report = factories.AbuseReportFactory()
    response = client_for(moderator).post(
        reverse("moderation:abuse", args=[report.pk]), {"decision": "dismiss", "comment": ""}
    )
    assert response.status_code == 200
    assert "Bitte begründen Sie Ihre Entscheidung." in response.content.decode()
    report.refresh_from_db()
    assert report.state == AbuseReport.State.OPEN


def test_deciding_a_closed_report_shows_a_message(moderator):
    report = factories.AbuseReportFactory(state=AbuseReport.State.DISMISSED)
    client = client_for(moderator)
    response = client.post(
        reverse("moderation:abuse", args=[report.pk]),
        {"decision": "resolve", "comment": "x"},
        follow=True,
    )
    assert "bereits bearbeitet" in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_abuse_link_on_post_pages_leads_to_the_form(client):
    post = factories.PostFactory()
    assert abuse_url("post", post.pk) in client.get(post.get_absolute_url()).content.decode()


# --- decisions registered by the reportable's app ---------------------------------------------


def test_a_reported_promise_offers_its_registered_decision_besides_resolve_and_dismiss(moderator):
    report = factories.AbuseReportFactory()
    html = client_for(moderator).get(reverse("moderation:abuse", args=[report.pk])).content.decode()
    assert 'name="decision" value="do:return_promise"' in html
    assert "Versprechen zurückgeben" in html
    assert 'value="do:unpublish_post"' not in html
    assert 'value="resolve"' in html and 'value="dismiss"' in html


def test_a_reported_post_offers_to_take_it_off_the_blog(moderator):
    report = factories.AbuseReportFactory(target=factories.PostFactory())
    html = client_for(moderator).get(reverse("moderation:abuse", args=[report.pk])).content.decode()
    assert 'name="decision" value="do:unpublish_post"' in html
    assert 'value="do:return_promise"' not in html


def test_returning_the_reported_promise_returns_it_and_resolves_the_report(moderator):
    promise = factories.PromiseFactory(state=Promise.State.PUBLISHED)
    report = factories.AbuseReportFactory(target=promise)
    response = client_for(moderator).post(
        reverse("moderation:abuse", args=[report.pk]),
        {"decision": "do:return_promise", "comment": "Bitte ohne Werbung."},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("moderation:dashboard") + "?queue=abuse"
    promise.refresh_from_db()
    report.refresh_from_db()
    assert promise.state == Promise.State.RETURNED
    assert promise.moderation_comment == "Bitte ohne Werbung."
    assert report.state == AbuseReport.State.RESOLVED and report.resolved_by == moderator
    assert report.resolution == "Bitte ohne Werbung."
    entries = {e.verb: e for e in AuditEntry.objects.all()}
    assert set(entries) == {"promises.return_promise", "moderation.resolve_abuse"}
    assert entries["moderation.resolve_abuse"].details == {"decision": "return_promise"}
    assert entries["promises.return_promise"].target == promise


def test_a_decision_on_an_already_closed_report_changes_nothing(moderator):
    """Promise and report are decided in one transaction: when closing the report fails
    (someone else closed it meanwhile), the promise is not returned either."""
    promise = factories.PromiseFactory(state=Promise.State.PUBLISHED)
    report = factories.AbuseReportFactory(target=promise)
    client = client_for(moderator)
    html = client.get(reverse("moderation:abuse", args=[report.pk])).content.decode()
    assert 'value="do:return_promise"' in html
    # another moderator dismisses it while this page is open
    AbuseReport.objects.filter(pk=report.pk).update(state=AbuseReport.State.DISMISSED)
    response = client.post(
        reverse("moderation:abuse", args=[report.pk]),
        {"decision": "do:return_promise", "comment": "zu spät"},
        follow=True,
    )
    assert "bereits bearbeitet" in response.content.decode()
    promise.refresh_from_db()
    report.refresh_from_db()
    assert promise.state == Promise.State.PUBLISHED and promise.moderation_comment == ""
    assert report.state == AbuseReport.State.DISMISSED and report.resolution == ""
    assert not AuditEntry.objects.exists()
    assert not promise.state_changes.exists()
    assert not Notification.objects.exists()


def test_taking_a_reported_post_off_the_blog(moderator, client):
    post = factories.PostFactory(title="Fragwürdig")
    report = factories.AbuseReportFactory(target=post)
    response = client_for(moderator).post(
        reverse("moderation:abuse", args=[report.pk]),
        {"decision": "do:unpublish_post", "comment": "Nennt Namen von Kindern."},
    )
    assert response.status_code == 302
    post.refresh_from_db()
    report.refresh_from_db()
    assert post.published_at is None and report.state == AbuseReport.State.RESOLVED
    assert client.get(post.get_absolute_url()).status_code == 404
    assert set(AuditEntry.objects.values_list("verb", flat=True)) == {
        "blog.unpublish_post",
        "moderation.resolve_abuse",
    }


def test_a_decision_the_reportable_does_not_offer_is_refused(moderator):
    post = factories.PostFactory()
    report = factories.AbuseReportFactory(target=post)
    response = client_for(moderator).post(
        reverse("moderation:abuse", args=[report.pk]),
        {"decision": "do:return_promise", "comment": "x"},
        follow=True,
    )
    assert 'class="message message-error"' in response.content.decode()
    report.refresh_from_db()
    post.refresh_from_db()
    assert report.state == AbuseReport.State.OPEN and post.published_at is not None
    assert not AuditEntry.objects.exists()
    assert Post.objects.published().filter(pk=post.pk).exists()
