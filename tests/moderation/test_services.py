import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.moderation import services
from handschlag.moderation.models import AbuseReport
from handschlag.promises import services as promise_services
from handschlag.promises.models import Promise
from tests import factories

pytestmark = pytest.mark.django_db


def test_filing_a_report_stores_it_open(user):
    promise = factories.PromiseFactory()
    report = services.file_abuse_report(
        reporter=user, target=promise, reason="fraud", message="Klingt unseriös"
    )
    assert report.state == AbuseReport.State.OPEN
    assert report.target == promise and report.reporter == user


def test_the_same_person_cannot_report_the_same_thing_twice_while_open(user):
    post = factories.PostFactory()
    services.file_abuse_report(reporter=user, target=post, reason="spam")
    with pytest.raises(DomainError):
        services.file_abuse_report(reporter=user, target=post, reason="other")
    services.file_abuse_report(reporter=factories.UserFactory(), target=post, reason="spam")
    assert AbuseReport.objects.count() == 2


def test_unknown_reasons_and_anonymous_reporters_are_refused(user):
    promise = factories.PromiseFactory()
    with pytest.raises(DomainError):
        services.file_abuse_report(reporter=user, target=promise, reason="boring")
    with pytest.raises(PermissionDenied):
        services.file_abuse_report(reporter=AnonymousUser(), target=promise, reason="spam")
    assert not AbuseReport.objects.exists()


@pytest.mark.parametrize(
    ("decide", "state", "verb"),
    [
        (services.resolve_abuse_report, AbuseReport.State.RESOLVED, "moderation.resolve_abuse"),
        (services.dismiss_abuse_report, AbuseReport.State.DISMISSED, "moderation.dismiss_abuse"),
    ],
)
def test_moderator_closes_a_report_and_it_is_logged(moderator, decide, state, verb):
    report = factories.AbuseReportFactory()
    decide(report=report, by=moderator, comment="Geprüft")
    report.refresh_from_db()
    assert report.state == state
    assert report.resolved_by == moderator and report.resolution == "Geprüft"
    logged = AuditEntry.objects.get()
    assert logged.verb == verb and logged.actor == moderator
    assert logged.comment == "Geprüft" and logged.target == report


@pytest.mark.parametrize("decide", [services.resolve_abuse_report, services.dismiss_abuse_report])
def test_a_closed_report_cannot_be_closed_again(moderator, decide):
    report = factories.AbuseReportFactory(state=AbuseReport.State.RESOLVED)
    with pytest.raises(DomainError):
        decide(report=report, by=moderator, comment="nochmal")
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("decide", [services.resolve_abuse_report, services.dismiss_abuse_report])
def test_non_moderators_cannot_close_reports(user, decide):
    report = factories.AbuseReportFactory()
    with pytest.raises(PermissionDenied):
        decide(report=report, by=user, comment="weg damit")
    report.refresh_from_db()
    assert report.state == AbuseReport.State.OPEN


def test_resolving_with_a_decision_runs_it_and_closes_the_report(moderator):
    promise = factories.PromiseFactory(state=Promise.State.PUBLISHED)
    report = factories.AbuseReportFactory(target=promise)
    services.resolve_abuse_report(
        report=report, by=moderator, comment="Irreführend", decision="return_promise"
    )
    promise.refresh_from_db()
    report.refresh_from_db()
    assert promise.state == Promise.State.RETURNED
    assert report.state == AbuseReport.State.RESOLVED
    logged = AuditEntry.objects.get(verb="moderation.resolve_abuse")
    assert logged.details == {"decision": "return_promise"} and logged.target == report


def test_a_decision_on_a_closed_report_is_rolled_back(moderator):
    promise = factories.PromiseFactory(state=Promise.State.PUBLISHED)
    report = factories.AbuseReportFactory(target=promise, state=AbuseReport.State.RESOLVED)
    with pytest.raises(DomainError):
        services.resolve_abuse_report(
            report=report, by=moderator, comment="x", decision="return_promise"
        )
    promise.refresh_from_db()
    assert promise.state == Promise.State.PUBLISHED
    assert not AuditEntry.objects.exists()


def test_unknown_decisions_and_non_moderators_are_refused(moderator, user):
    promise = factories.PromiseFactory(state=Promise.State.PUBLISHED)
    report = factories.AbuseReportFactory(target=promise)
    with pytest.raises(DomainError):
        services.resolve_abuse_report(
            report=report, by=moderator, comment="x", decision="unpublish_post"
        )
    with pytest.raises(PermissionDenied):
        services.resolve_abuse_report(
            report=report, by=user, comment="x", decision="return_promise"
        )
    promise.refresh_from_db()
    report.refresh_from_db()
    assert promise.state == Promise.State.PUBLISHED and report.state == AbuseReport.State.OPEN


def test_decisions_are_those_registered_for_the_reported_model():
    promise_report = factories.AbuseReportFactory()
    post_report = factories.AbuseReportFactory(target=factories.PostFactory())
    assert [d.key for d in services.decisions_for(promise_report)] == ["return_promise"]
    assert [d.key for d in services.decisions_for(post_report)] == ["unpublish_post"]
    promise_report.target.delete()
    promise_report = AbuseReport.objects.get(pk=promise_report.pk)
    assert services.decisions_for(promise_report) == []


def test_the_log_keeps_a_label_of_the_target(moderator):
    promise = factories.PromiseFactory(state=Promise.State.PENDING, title="Ein Titel")
    promise_services.approve_promise(promise=promise, by=moderator)
    entry = AuditEntry.objects.get()
    assert entry.verb == "promises.publish_promise" and entry.actor == moderator
    assert entry.target_label == "Ein Titel" and entry.target == promise
    promise.title = "Später geändert"
    promise.save()
    entry.refresh_from_db()
    assert entry.target_label == "Ein Titel"
