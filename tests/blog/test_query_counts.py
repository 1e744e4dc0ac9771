"""Blog pages and feeds run a constant number of queries: 3 posts cost as many as 20."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.blog.models import Post
from handschlag.promises.models import Redemption
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def add_posts(n):
    for i in range(n):
        organisation = factories.OrganisationFactory() if i % 2 else None
        factories.PostFactory(
            kind=Post.Kind.REPORT if i % 3 else Post.Kind.EDITORIAL,
            promise=factories.PromiseFactory(organisation=organisation) if i % 4 else None,
        )


def counted(client, url, params=None):
    """Queries of a render that builds its fragments: the cached ones are the cheap case."""
    cache.clear()
    client.get(url, params or {})
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries), response


def shown(response):
    """How many posts a list page or feed shows."""
    if response.context is not None and "page_obj" in response.context:
        return len(response.context["page_obj"].object_list)
    return response.content.count(b"<item>") + response.content.count(b"<entry>")


PAGES = [
    pytest.param(reverse("blog:list"), {}, id="list"),
    pytest.param(reverse("blog:list"), {"kind": "report"}, id="list-reports"),
    pytest.param(reverse("blog:list"), {"kind": "editorial", "page": "1"}, id="list-editorial"),
    pytest.param(reverse("blog:rss"), {}, id="rss"),
    pytest.param(reverse("blog:atom"), {}, id="atom"),
]


@pytest.mark.parametrize(("url", "params"), PAGES)
@pytest.mark.parametrize("who", ["anonymous", "moderator"])
def test_blog_list_and_feeds_query_count_is_constant(client, url, params, who):
    if who == "moderator":
        client = client_for(factories.ModeratorFactory())
    add_posts(3)
    client.get(url, params)  # warm up per-process caches
    few, small = counted(client, url, params)
    add_posts(17)
    many, large = counted(client, url, params)
    assert many == few
    assert shown(large) > shown(small) >= 1, "the new posts must be on the page"


def test_report_post_detail_query_count_does_not_grow_with_photos(client):
    redemption = factories.RedemptionFactory(state=Redemption.State.PUBLISHED)
    post = factories.PostFactory(
        kind=Post.Kind.REPORT, promise=redemption.promise, redemption=redemption
    )
    factories.ReportPhotoFactory(redemption=redemption)
    client.get(post.get_absolute_url())
    few, _ = counted(client, post.get_absolute_url())
    factories.ReportPhotoFactory.create_batch(4, redemption=redemption)
    many, response = counted(client, post.get_absolute_url())
    assert many == few and len(response.context["photos"]) == 5
