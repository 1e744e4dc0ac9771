"""„So geht es weiter“ on the redemption page: derived from the state, with dates, in "Sie"
for the side that looks."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from handschlag.promises import services
from handschlag.promises.models import Redemption
from handschlag.promises.redemption_steps import MIN_DAYS_FOR_REPORT, next_steps, report_due
from tests import factories
from tests.conftest import client_for
from tests.promises import report_data

pytestmark = pytest.mark.django_db
R = Redemption.State


@pytest.fixture
def accepted():
    owner = factories.UserFactory(first_name="Olga", last_name="Ostermann")
    promise = factories.PromiseFactory(
        owner=owner, deadline=timezone.localdate() + datetime.timedelta(days=90)
    )
    redemption = factories.RedemptionFactory(promise=promise)
    services.accept_application(redemption=redemption, by=owner)
    return Redemption.objects.select_related("promise", "applicant").get(pk=redemption.pk)


def statuses(steps):
    return [step.status for step in steps]


def test_nothing_before_acceptance():
    redemption = factories.RedemptionFactory()
    assert next_steps(redemption) == []
    html = client_for(redemption.applicant).get(redemption.get_absolute_url()).content.decode()
    assert "So geht es weiter" not in html


def test_after_acceptance_the_report_is_due_by_the_promise_deadline(accepted):
    steps = next_steps(accepted, my_side="redeemer")
    assert statuses(steps) == ["done", "now", "now", "later", "later"]
    assert steps[0].date == timezone.localdate()
    report = steps[3]
    assert report.who == "Sie" and report.date == accepted.promise.deadline
    assert steps[4].who == "Olga O."  # the other side by its public name


def test_a_deadline_too_close_leaves_four_weeks_for_the_report(accepted):
    accepted.promise.deadline = timezone.localdate() + datetime.timedelta(days=3)
    expected = timezone.localdate() + datetime.timedelta(days=MIN_DAYS_FOR_REPORT)
    assert report_due(accepted) == expected


def test_the_road_moves_with_the_state(accepted):
    applicant = accepted.applicant
    services.start_redemption(redemption=accepted, by=applicant)
    assert statuses(next_steps(accepted)) == ["done", "now", "now", "now", "later"]
    services.submit_report(
        redemption=accepted, by=applicant, content=report_data.CONTENT, consent=True
    )
    accepted.refresh_from_db()
    steps = next_steps(accepted, my_side="promiser")
    assert statuses(steps) == ["done", "done", "done", "done", "now", "later"]
    assert steps[3].date == timezone.localdate() and steps[3].date_label == "eingereicht am"
    assert steps[4].who == "Sie" and steps[5].who == "Moderation"


def test_the_page_shows_the_dates_and_the_status_no_longer_says_soon(accepted):
    html = client_for(accepted.promise.owner).get(accepted.get_absolute_url()).content.decode()
    assert "So geht es weiter" in html and "beginnt bald" not in html
    assert f'datetime="{accepted.promise.deadline:%Y-%m-%d}"' in html
    assert "spätestens bis" in html and 'aria-current="step"' in html


def test_a_declined_redemption_has_no_road():
    redemption = factories.RedemptionFactory()
    services.decline_application(
        redemption=redemption, by=redemption.promise.owner, reason="Passt nicht."
    )
    assert next_steps(redemption) == []


def test_the_privacy_page_says_what_the_platform_does(client):
    html = client.get(reverse("privacy")).content.decode()
    assert "Kontakt läuft über die Plattform" not in html
    assert "Nachrichten und Kontaktdaten" in html and "gelöschtes Konto" in html
