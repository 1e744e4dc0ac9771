"""Who may open which blog page: one row per URL, one column per role.

LOGIN means a redirect to the login page; 302 means the action ran; 403 forbidden; 404 the
post is not visible to that role. Each cell gets a fresh world.
"""

import pytest
from django.urls import reverse

from handschlag.blog.models import Post
from handschlag.organisations.models import Membership
from handschlag.promises.models import Redemption
from tests import factories
from tests.conftest import client_for

from .reporting import edit_data

pytestmark = pytest.mark.django_db
LOGIN = "login"
ROLES = ("anonymous", "user", "member", "admin", "promiser", "moderator")
EDIT = {"title": "Geändert", "body": "Text", "publish": "on"}
PUBLISH = edit_data()

MATRIX = [
    # name, target, method, data, anonymous, user, member, admin, promiser, moderator
    ("list", None, "get", {}, 200, 200, 200, 200, 200, 200),
    ("rss", None, "get", {}, 200, 200, 200, 200, 200, 200),
    ("atom", None, "get", {}, 200, 200, 200, 200, 200, 200),
    ("detail", "published", "get", {}, 200, 200, 200, 200, 200, 200),
    ("detail", "report", "get", {}, 200, 200, 200, 200, 200, 200),
    ("detail", "draft", "get", {}, 404, 404, 404, 404, 404, 200),
    ("create", None, "get", {}, LOGIN, 403, 403, 403, 403, 200),
    ("create", None, "post", EDIT, LOGIN, 403, 403, 403, 403, 302),
    ("edit", "published", "get", {}, LOGIN, 403, 403, 403, 403, 200),
    ("edit", "published", "post", EDIT, LOGIN, 403, 403, 403, 403, 302),
    ("edit", "draft", "post", EDIT, LOGIN, 403, 403, 403, 403, 302),
    ("edit", "report", "get", {}, LOGIN, 403, 403, 403, 403, 404),
    ("unpublish", "published", "post", {}, LOGIN, 403, 403, 403, 403, 302),
    ("unpublish", "report", "post", {}, LOGIN, 403, 403, 403, 403, 302),
    ("review_report", "confirmed", "get", {}, LOGIN, 403, 403, 403, 403, 200),
    ("review_report", "confirmed", "post", PUBLISH, LOGIN, 403, 403, 403, 403, 302),
]


def build_world(moderator):
    membership = factories.MembershipFactory(role=Membership.Role.ADMIN)
    member = factories.MembershipFactory(organisation=membership.organisation).user
    promise = factories.PromiseFactory(organisation=membership.organisation)
    report = factories.PostFactory(kind=Post.Kind.REPORT, promise=promise)
    people = {
        "user": factories.UserFactory(),
        "member": member,
        "admin": membership.user,
        "promiser": promise.owner,
        "moderator": moderator,
    }
    targets = {
        "published": factories.PostFactory(),
        "draft": factories.PostFactory(published_at=None),
        "report": report,
        # a report the promiser confirmed, waiting in the moderators' queue
        "confirmed": factories.RedemptionFactory(
            promise=promise,
            state=Redemption.State.CONFIRMED,
            report_text="Es lief gut.",
            report_consent=True,
        ),
    }
    return people, targets


CELLS = [
    pytest.param(row, role, expected, id=f"{row[0]}-{row[1]}-{row[2]}-{role}")
    for row in MATRIX
    for role, expected in zip(ROLES, row[4:], strict=True)
]


@pytest.mark.parametrize(("row", "role", "expected"), CELLS)
def test_access(client, moderator, row, role, expected):
    name, target, method, data = row[:4]
    people, targets = build_world(moderator)
    args = []
    if target:
        obj = targets[target]
        args = [obj.slug if isinstance(obj, Post) else obj.pk]
    url = reverse(f"blog:{name}", args=args)
    browser = client if role == "anonymous" else client_for(people[role])
    before = snapshot()
    response = getattr(browser, method)(url, data)
    if expected == LOGIN:
        assert response.status_code == 302 and "/konto/" in response["Location"]
    else:
        assert response.status_code == expected
    if method == "post" and expected == 302:
        assert_done(name, target, targets, before, snapshot())
    else:
        assert snapshot() == before, "a refused or read-only request changed data"


def snapshot():
    return {
        "posts": {
            pk: (title, published_at is not None)
            for pk, title, published_at in Post.objects.values_list("pk", "title", "published_at")
        },
        "redemptions": dict(Redemption.objects.values_list("pk", "state")),
    }


def assert_done(name, target, targets, before, after):
    """What an allowed write changed: exactly this, nothing else."""
    posts, redemptions = dict(before["posts"]), dict(before["redemptions"])
    if name == "create":
        (new,) = set(after["posts"]) - set(posts)
        posts[new] = ("Geändert", True)
    elif name == "edit":
        posts[targets[target].pk] = ("Geändert", True)
    elif name == "unpublish":
        posts[targets[target].pk] = (posts[targets[target].pk][0], False)
    elif name == "review_report":
        (new,) = set(after["posts"]) - set(posts)
        posts[new] = (after["posts"][new][0], True)
        redemptions[targets[target].pk] = Redemption.State.PUBLISHED
    assert after == {"posts": posts, "redemptions": redemptions}
