"""The API is public and read-only: the same answer for every role, only public data."""

import pytest

from handschlag.promises.models import Promise
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "user", "owner", "moderator"]


@pytest.fixture
def world(moderator):
    draft = factories.PromiseFactory(state=Promise.State.DRAFT, title="Geheimer Entwurf")
    published = factories.PromiseFactory(owner=draft.owner)
    unpublished_post = factories.PostFactory(published_at=None, title="Noch nicht öffentlich")
    post = factories.PostFactory()
    people = {"user": factories.UserFactory(), "owner": draft.owner, "moderator": moderator}
    return {"draft": draft, "published": published, "post": post,
            "unpublished_post": unpublished_post, "people": people}  # fmt: skip


def client_as(role, world, client):
    return client if role == "anonymous" else client_for(world["people"][role])


@pytest.mark.parametrize("role", ROLES)
def test_lists_show_only_public_data_to_everyone(client, world, role):
    browser = client_as(role, world, client)
    promises = browser.get("/api/v1/promises").json()
    posts = browser.get("/api/v1/posts").json()
    assert [p["id"] for p in promises["items"]] == [world["published"].pk]
    assert [p["slug"] for p in posts["items"]] == [world["post"].slug]


@pytest.mark.parametrize("role", ROLES)
def test_non_public_details_are_404_even_for_their_owner_and_moderators(client, world, role):
    browser = client_as(role, world, client)
    assert browser.get(f"/api/v1/promises/{world['draft'].pk}").status_code == 404
    assert browser.get(f"/api/v1/posts/{world['unpublished_post'].slug}").status_code == 404
    assert browser.get(f"/api/v1/promises/{world['published'].pk}").status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/v1/promises", "/api/v1/posts", "/api/v1/municipalities"])
def test_nothing_can_be_written(moderator, url, method):
    response = getattr(client_for(moderator), method)(url, {}, content_type="application/json")
    assert response.status_code == 405
