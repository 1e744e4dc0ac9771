"""The review pages themselves: what they show and how they reject bad input.

The decisions they trigger are tested in test_review_decisions.py against the promise services."""

import pytest
from django.urls import reverse

from handschlag.blog.models import Post
from handschlag.core.models import StateChange
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_promise_page_shows_the_promise_in_full(moderator):
    promise = factories.PromiseFactory(
        state=Promise.State.PENDING, description="<script>alert(1)</script> Tablets"
    )
    html = client_for(moderator).get(reverse("promises:review", args=[promise.pk])).content.decode()
    assert promise.title in html and promise.condition in html
    assert promise.report_requirements in html
    assert "&lt;script&gt;" in html and "<script>alert(1)</script>" not in html
    assert "Veröffentlichen" in html and "Zurückgeben" in html


def test_returning_a_promise_without_comment_is_a_form_error(moderator):
    promise = factories.PromiseFactory(state=Promise.State.PENDING)
    response = client_for(moderator).post(
        reverse("promises:review", args=[promise.pk]),
        {"decision": "return", "return-comment": ""},
    )
    assert response.status_code == 200
    assert "Bitte begründen Sie Ihre Entscheidung." in response.content.decode()
    promise.refresh_from_db()
    assert promise.state == Promise.State.PENDING


def test_report_page_shows_report_photos_and_promise(moderator):
    redemption = factories.RedemptionFactory(
        state=Redemption.State.CONFIRMED, report_consent=True, report_text="Es hat geklappt."
    )
    photo = factories.ReportPhotoFactory(redemption=redemption, alt_text="Die Klasse")
    html = (
        client_for(moderator)
        .get(reverse("blog:review_report", args=[redemption.pk]))
        .content.decode()
    )
    assert "Es hat geklappt." in html and photo.image.url in html and 'alt="Die Klasse"' in html
    assert redemption.promise.title in html and "Im Blog veröffentlichen" in html


def test_report_page_links_an_existing_post_instead_of_publishing_again(moderator):
    redemption = factories.RedemptionFactory(state=Redemption.State.PUBLISHED, report_consent=True)
    post = factories.PostFactory(kind=Post.Kind.REPORT, redemption=redemption)
    html = (
        client_for(moderator)
        .get(reverse("blog:review_report", args=[redemption.pk]))
        .content.decode()
    )
    assert post.get_absolute_url() in html and "Im Blog veröffentlichen" not in html


def test_returning_a_report_without_comment_is_a_form_error(moderator):
    redemption = factories.RedemptionFactory(state=Redemption.State.CONFIRMED, report_consent=True)
    response = client_for(moderator).post(
        reverse("blog:review_report", args=[redemption.pk]), {"decision": "return"}
    )
    assert response.status_code == 200
    assert "Bitte begründen Sie Ihre Entscheidung." in response.content.decode()


def test_dispute_page_shows_both_sides_and_history(moderator):
    redemption = factories.RedemptionFactory(
        state=Redemption.State.DISPUTED, report_text="Wir haben zwölf Kinder unterrichtet."
    )
    StateChange.objects.create(
        target=redemption,
        from_state="reported",
        to_state="disputed",
        by=redemption.promise.owner,
        comment="Es waren nur zwei Termine.",
    )
    html = (
        client_for(moderator)
        .get(reverse("promises:review_dispute", args=[redemption.pk]))
        .content.decode()
    )
    assert "Wir haben zwölf Kinder unterrichtet." in html
    assert "Es waren nur zwei Termine." in html
    assert 'Bericht eingereicht <span class="flip-rtl">→</span> beanstandet' in html
    assert 'value="confirm"' in html and 'value="rework"' in html and 'value="fail"' in html


@pytest.mark.parametrize(
    "data", [{}, {"outcome": "confirm"}, {"outcome": "maybe", "comment": "x"}, {"comment": "x"}]
)
def test_dispute_needs_an_outcome_and_a_comment(moderator, data):
    redemption = factories.RedemptionFactory(state=Redemption.State.DISPUTED)
    response = client_for(moderator).post(
        reverse("promises:review_dispute", args=[redemption.pk]), data
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.DISPUTED


def test_pages_offer_no_decision_in_states_that_allow_none(moderator):
    client = client_for(moderator)
    draft = factories.PromiseFactory(state=Promise.State.DRAFT)
    in_progress = factories.RedemptionFactory(state=Redemption.State.IN_PROGRESS)
    for url in [
        reverse("promises:review", args=[draft.pk]),
        reverse("blog:review_report", args=[in_progress.pk]),
        reverse("promises:review_dispute", args=[in_progress.pk]),
    ]:
        html = client.get(url).content.decode()
        assert 'name="decision"' not in html and 'name="outcome"' not in html
        assert "gibt es hier nichts zu entscheiden" in html


def test_a_published_promise_can_still_be_returned_but_not_approved(moderator):
    promise = factories.PromiseFactory(state=Promise.State.PUBLISHED)
    html = client_for(moderator).get(reverse("promises:review", args=[promise.pk])).content.decode()
    assert 'value="return"' in html and 'value="approve"' not in html
