"""`<script>` typed into any text field is shown as text on every page that displays it.

Each field gets its own marker, so a test names the field that would leak.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from handschlag.blog.models import Post
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

from .conftest import redemption_in

pytestmark = pytest.mark.django_db


def payload(field: str) -> str:
    return f"<script>{field}</script>"


def escaped(field: str) -> str:
    return f"&lt;script&gt;{field}&lt;/script&gt;"


def assert_shown_escaped(html: str, *fields: str) -> None:
    assert "<script>" not in html.replace('<script src="', ""), "a raw <script> got through"
    for field in fields:
        assert payload(field) not in html, field
        assert escaped(field) in html, f"{field} is not shown (escaped)"


PROMISE_FIELDS = ("title", "description", "unit", "condition", "report_requirements")


@pytest.fixture
def world():
    """A promise, an application with a decision reason, a report with a photo, a blog post —
    every text field carrying its own `<script>`."""
    organisation = factories.OrganisationFactory(name=payload("organisation"))
    owner = factories.MembershipFactory(organisation=organisation).user
    promise = factories.PromiseFactory(
        owner=owner, organisation=organisation, **{f: payload(f) for f in PROMISE_FIELDS}
    )
    redemption = redemption_in(
        Redemption.State.REPORTED,
        promise=promise,
        plan=payload("plan"),
        decision_reason=payload("decision_reason"),
        report_text=payload("report_text"),
        report_consent=True,
    )
    factories.ReportPhotoFactory(redemption=redemption, alt_text=payload("alt_text"))
    post = factories.PostFactory(
        kind=Post.Kind.REPORT,
        promise=promise,
        redemption=redemption,
        title=payload("post_title"),
        teaser=payload("teaser"),
        body=payload("body"),
        byline=payload("byline"),
    )
    return {"promise": promise, "redemption": redemption, "post": post, "owner": owner}


def page(url: str, user=None) -> str:
    client = client_for(user) if user else client_for(factories.UserFactory())
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_promise_list_and_home(world):
    assert_shown_escaped(page(reverse("promises:list")), "title", "organisation")
    assert_shown_escaped(page(reverse("home")), "title")


def test_promise_detail_for_the_public(world):
    html = page(world["promise"].get_absolute_url())
    assert_shown_escaped(html, *PROMISE_FIELDS, "organisation", "post_title", "teaser", "byline")


def test_promise_detail_for_the_promiser_with_applications(world):
    html = page(world["promise"].get_absolute_url(), world["owner"])
    assert_shown_escaped(html, "title", "plan")


def test_returned_promise_shows_the_moderation_comment_escaped(world):
    promise = factories.PromiseFactory(
        state=Promise.State.RETURNED, moderation_comment=payload("moderation_comment")
    )
    assert_shown_escaped(page(promise.get_absolute_url(), promise.owner), "moderation_comment")


def test_apply_page(world):
    html = page(reverse("promises:apply", args=[world["promise"].pk]))
    assert_shown_escaped(html, "title", "condition", "unit", "organisation")


def test_redemption_page(world):
    html = page(world["redemption"].get_absolute_url(), world["owner"])
    assert_shown_escaped(
        html, "title", "plan", "decision_reason", "report_text", "alt_text", "unit"
    )


def test_redemption_page_while_reporting_shows_the_requirements(world):
    redemption = redemption_in(Redemption.State.IN_PROGRESS, promise=world["promise"])
    html = page(redemption.get_absolute_url(), redemption.applicant)
    assert_shown_escaped(html, "report_requirements")


def test_my_page(world):
    assert_shown_escaped(page(reverse("promises:mine"), world["owner"]), "title", "organisation")
    applicant = world["redemption"].applicant
    assert_shown_escaped(page(reverse("promises:mine"), applicant), "title", "organisation")


def test_preview_and_form_with_errors_keep_typed_markup_as_text(user, municipality):
    data = {
        "title": payload("title"),
        "description": payload("description"),
        "category": "equipment",
        "quantity": "1",
        "unit": payload("unit"),
        "condition": payload("condition"),
        "report_requirements": payload("report_requirements"),
        "municipality": "Sonneberg",
        "deadline": (timezone.localdate() + datetime.timedelta(days=9)).isoformat(),
        "capacity": "1",
        "eligibility": "anyone",
    }
    client = client_for(user)
    preview = client.post(reverse("promises:create"), {**data, "action": "preview"})
    assert_shown_escaped(preview.content.decode(), *PROMISE_FIELDS)
    invalid = client.post(reverse("promises:create"), {**data, "action": "preview", "quantity": ""})
    assert invalid.status_code == 200 and invalid.context["form"].errors
    assert_shown_escaped(invalid.content.decode(), *PROMISE_FIELDS)
    assert not Promise.objects.exists()


def test_blog_list_and_detail(world):
    assert_shown_escaped(page(reverse("blog:list")), "post_title", "teaser", "byline", "title")
    html = page(world["post"].get_absolute_url())
    assert_shown_escaped(html, "post_title", "teaser", "body", "byline", "alt_text", "title")


def test_what_the_views_save_is_the_text_as_typed(promise):
    """Escaping happens on output; the stored text is not mangled."""
    applicant = factories.UserFactory()
    client_for(applicant).post(
        reverse("promises:apply", args=[promise.pk]), {"plan": payload("plan"), "quantity": 1}
    )
    assert Redemption.objects.get().plan == payload("plan")
