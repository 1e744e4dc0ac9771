import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from handschlag.core.errors import DomainError
from handschlag.moderation import services
from handschlag.moderation.models import AbuseReport, ModerationAction
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
    ("decide", "state", "action"),
    [
        (
            services.resolve_abuse_report,
            AbuseReport.State.RESOLVED,
            ModerationAction.Action.RESOLVE_ABUSE,
        ),
        (
            services.dismiss_abuse_report,
            AbuseReport.State.DISMISSED,
            ModerationAction.Action.DISMISS_ABUSE,
        ),
    ],
)
def test_moderator_closes_a_report_and_it_is_logged(moderator, decide, state, action):
    report = factories.AbuseReportFactory()
    decide(report=report, by=moderator, comment="Geprüft")
    report.refresh_from_db()
    assert report.state == state
    assert report.resolved_by == moderator and report.resolution == "Geprüft"
    logged = ModerationAction.objects.get()
    assert logged.action == action and logged.moderator == moderator
    assert logged.comment == "Geprüft" and logged.target == report


@pytest.mark.parametrize("decide", [services.resolve_abuse_report, services.dismiss_abuse_report])
def test_a_closed_report_cannot_be_closed_again(moderator, decide):
    report = factories.AbuseReportFactory(state=AbuseReport.State.RESOLVED)
    with pytest.raises(DomainError):
        decide(report=report, by=moderator, comment="nochmal")
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize("decide", [services.resolve_abuse_report, services.dismiss_abuse_report])
def test_non_moderators_cannot_close_reports(user, decide):
    report = factories.AbuseReportFactory()
    with pytest.raises(PermissionDenied):
        decide(report=report, by=user, comment="weg damit")
    report.refresh_from_db()
    assert report.state == AbuseReport.State.OPEN


def test_record_action_keeps_a_label_of_the_target(moderator):
    promise = factories.PromiseFactory(title="Ein Titel")
    action = services.record_action(
        moderator=moderator, action=ModerationAction.Action.PUBLISH_PROMISE, target=promise
    )
    assert action.target_label == "Ein Titel" and action.target == promise
