import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from handschlag.blog.models import Post
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/posts"


def test_list_returns_published_posts_with_promise(client):
    promise = factories.PromiseFactory(title="Tablets")
    post = factories.PostFactory(kind=Post.Kind.REPORT, promise=promise)
    factories.PostFactory(published_at=None)
    data = client.get(URL).json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["slug"] == post.slug and item["kind"] == "report"
    assert item["url"] == post.get_absolute_url()
    assert item["promise"] == {
        "id": promise.pk,
        "title": "Tablets",
        "url": promise.get_absolute_url(),
    }
    assert set(item) == {
        "title", "slug", "kind", "teaser", "body", "sections", "byline", "published_at",
        "promise", "url",
    }  # fmt: skip


def test_list_filters_by_kind_and_rejects_unknown_kinds(client):
    factories.PostFactory(kind=Post.Kind.REPORT)
    factories.PostFactory(kind=Post.Kind.EDITORIAL)
    assert client.get(URL, {"kind": "editorial"}).json()["count"] == 1
    assert client.get(URL, {"kind": "gossip"}).status_code == 422


def test_list_is_paginated_by_twenty(client):
    factories.PostFactory.create_batch(21)
    assert len(client.get(URL).json()["items"]) == 20
    assert len(client.get(URL, {"page": 2}).json()["items"]) == 1


def test_list_query_count_is_constant(client):
    factories.PostFactory(promise=factories.PromiseFactory())
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    factories.PostFactory.create_batch(5, promise=factories.PromiseFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(one)


def test_detail_is_404_unless_published(client):
    post = factories.PostFactory(promise=None)
    draft = factories.PostFactory(published_at=None)
    data = client.get(f"{URL}/{post.slug}").json()
    assert data["title"] == post.title and data["promise"] is None
    assert client.get(f"{URL}/{draft.slug}").status_code == 404
    assert client.get(f"{URL}/gibt-es-nicht").status_code == 404


def test_a_reports_sections_come_with_their_headings_in_the_readers_language(client):
    factories.PostFactory(
        kind="report",
        sections=[
            {"key": "advice", "text": "Fragen Sie vor Ort."},
            {"key": "happened", "text": "Wir haben gelernt."},
            {"key": "unknown", "text": "weg"},
            {"key": "worked", "text": "  "},
        ],
    )
    item = client.get(URL).json()["items"][0]
    assert item["sections"] == [
        {"key": "happened", "heading": "Was passiert ist", "text": "Wir haben gelernt."},
        {"key": "advice", "heading": "Unser Rat für Orte, die es nachmachen",
         "text": "Fragen Sie vor Ort."},
    ]  # fmt: skip
