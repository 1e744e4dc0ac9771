import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.blog.models import Post
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def list_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_list_shows_published_posts_newest_first_and_hides_drafts(client):
    old = factories.PostFactory(title="Alt", published_at="2026-01-01T10:00:00Z")
    new = factories.PostFactory(title="Neu", published_at="2026-02-01T10:00:00Z")
    factories.PostFactory(title="Geheimer Entwurf", published_at=None)
    response = client.get(reverse("blog:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(new.title) < html.index(old.title)
    assert "Geheimer Entwurf" not in html
    assert html.count('<li class="card">') == 2


def test_list_filters_by_kind_and_ignores_bad_filters(client):
    factories.PostFactory(title="Redaktionelles", kind=Post.Kind.EDITORIAL)
    factories.PostFactory(title="Ein Praxisbericht", kind=Post.Kind.REPORT)
    reports = client.get(reverse("blog:list"), {"kind": "report"}).content.decode()
    assert "Ein Praxisbericht" in reports and "Redaktionelles" not in reports
    response = client.get(reverse("blog:list"), {"kind": "<script>", "page": "x"})
    assert response.status_code == 200
    assert "Redaktionelles" in response.content.decode()


def test_list_is_paginated_by_ten(client):
    factories.PostFactory.create_batch(12)
    first = client.get(reverse("blog:list")).content.decode()
    second = client.get(reverse("blog:list"), {"page": 2}).content.decode()
    assert first.count('<li class="card">') == 10
    assert second.count('<li class="card">') == 2


def test_list_query_count_does_not_grow_with_posts(client):
    factories.PostFactory(promise=factories.PromiseFactory())
    one = list_queries(client, reverse("blog:list"))
    for _ in range(6):
        factories.PostFactory(promise=factories.PromiseFactory())
    assert list_queries(client, reverse("blog:list")) == one


def test_card_shows_kind_byline_teaser_and_promise(client):
    promise = factories.PromiseFactory(title="Tablets für Sonneberg")
    factories.PostFactory(kind=Post.Kind.REPORT, byline="Lesepaten e. V.", promise=promise)
    html = client.get(reverse("blog:list")).content.decode()
    assert "Praxisbericht" in html and "Lesepaten e. V." in html
    assert "Wie eine Initiative Tablets" in html and "Tablets für Sonneberg" in html


def test_detail_renders_body_escaped_with_paragraphs(client):
    post = factories.PostFactory(body="Erster Absatz\n\n<script>alert(1)</script>")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<p>Erster Absatz</p>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert reverse("moderation:report_abuse", args=["post", post.pk]) in html


def test_report_detail_shows_photos_and_promise_box(client, municipality):
    promise = factories.PromiseFactory(municipality=municipality, title="Tablets")
    redemption = factories.RedemptionFactory(promise=promise, state=Redemption.State.PUBLISHED)
    photo = factories.ReportPhotoFactory(redemption=redemption, alt_text="Kinder am Tablet")
    post = factories.PostFactory(kind=Post.Kind.REPORT, promise=promise, redemption=redemption)
    html = client.get(post.get_absolute_url()).content.decode()
    assert photo.image.url in html and 'alt="Kinder am Tablet"' in html
    assert "Zum Versprechen: Tablets" in html and "Sonneberg" in html
    assert promise.get_absolute_url() in html and "Nachmachen" in html


@pytest.mark.parametrize("role", ["anonymous", "user"])
def test_unpublished_post_is_404_for_the_public(client, role):
    post = factories.PostFactory(published_at=None)
    if role == "user":
        client = client_for(factories.UserFactory())
    assert client.get(post.get_absolute_url()).status_code == 404


def test_unpublished_post_is_visible_to_moderators(moderator):
    post = factories.PostFactory(published_at=None, title="Entwurf der Redaktion")
    response = client_for(moderator).get(post.get_absolute_url())
    assert response.status_code == 200 and "Entwurf der Redaktion" in response.content.decode()


def test_unknown_slug_is_404(client):
    assert client.get(reverse("blog:detail", args=["gibt-es-nicht"])).status_code == 404


# --- editorial posts ------------------------------------------------------------------------


def test_anonymous_is_sent_to_login_for_create(client):
    response = client.get(reverse("blog:create"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("role", ["user", "org_member", "promiser"])
def test_only_moderators_may_create_or_edit(role):
    if role == "org_member":
        person = factories.MembershipFactory().user
    elif role == "promiser":
        person = factories.PromiseFactory().owner
    else:
        person = factories.UserFactory()
    post = factories.PostFactory()
    client = client_for(person)
    assert client.get(reverse("blog:create")).status_code == 403
    assert client.post(reverse("blog:create"), {"title": "x", "body": "y"}).status_code == 403
    assert client.get(reverse("blog:edit", args=[post.slug])).status_code == 403
    assert client.post(reverse("blog:unpublish", args=[post.slug])).status_code == 403
    assert Post.objects.count() == 1


def test_moderator_creates_a_post_linked_to_a_public_promise(moderator):
    promise = factories.PromiseFactory(title="Öffentlich")
    factories.PromiseFactory(title="Noch ein Entwurf", state=Promise.State.DRAFT)
    client = client_for(moderator)
    form_html = client.get(reverse("blog:create")).content.decode()
    assert "Öffentlich" in form_html and "Noch ein Entwurf" not in form_html
    response = client.post(
        reverse("blog:create"),
        {
            "title": "Neu im Blog",
            "teaser": "",
            "body": "Text",
            "promise": promise.pk,
            "publish": "on",
        },
    )
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    assert post.promise == promise and post.published_at is not None


def test_create_with_missing_fields_re_renders_with_errors(moderator):
    response = client_for(moderator).post(reverse("blog:create"), {"title": ""})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Post.objects.exists()


def test_moderator_edits_and_unpublishes(moderator):
    post = factories.PostFactory()
    client = client_for(moderator)
    assert client.get(reverse("blog:edit", args=[post.slug])).status_code == 200
    response = client.post(
        reverse("blog:edit", args=[post.slug]),
        {"title": "Geändert", "body": "Neuer Text", "publish": "on"},
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Geändert" and post.published_at is not None
    client.post(reverse("blog:unpublish", args=[post.slug]))
    post.refresh_from_db()
    assert post.published_at is None


def test_editing_unknown_post_is_404(moderator):
    assert client_for(moderator).get(reverse("blog:edit", args=["nix"])).status_code == 404
