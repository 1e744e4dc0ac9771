"""Who may open which promise page: one row per URL, one column per role.

Each cell gets a fresh world, so a state change by one role never affects another cell.
LOGIN means a redirect to the login page; 302 means the action ran (or was refused with a
message by the service's state check); 403 forbidden; 404 not visible to that role.
"""

import pytest
from django.urls import reverse

from handschlag.organisations.models import Membership
from handschlag.promises.models import Promise
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
LOGIN = "login"
APPLY = {"plan": "So", "quantity": 1}
ROLES = ("anonymous", "user", "member", "admin", "owner", "moderator", "applicant")

MATRIX = [
    # name, target, method, data, anonymous, user, member, admin, owner, moderator, applicant
    ("list", None, "get", {}, 200, 200, 200, 200, 200, 200, 200),
    ("create", None, "get", {}, LOGIN, 200, 200, 200, 200, 200, 200),
    ("mine", None, "get", {}, LOGIN, 200, 200, 200, 200, 200, 200),
    ("detail", "published", "get", {}, 200, 200, 200, 200, 200, 200, 200),
    ("detail", "draft", "get", {}, 404, 404, 200, 200, 200, 200, 404),
    ("detail", "expired", "get", {}, 200, 200, 200, 200, 200, 200, 200),
    ("detail", "withdrawn", "get", {}, 404, 404, 200, 200, 200, 200, 404),
    ("edit", "draft", "get", {}, LOGIN, 404, 403, 200, 200, 403, 404),
    ("edit", "published", "get", {}, LOGIN, 403, 403, 302, 302, 403, 403),
    ("edit", "draft", "post", {"action": "preview"}, LOGIN, 404, 403, 200, 200, 403, 404),
    ("submit", "draft", "post", {}, LOGIN, 404, 403, 302, 302, 403, 404),
    ("withdraw", "published", "post", {}, LOGIN, 403, 403, 302, 302, 403, 403),
    ("copy", "published", "post", {}, LOGIN, 302, 302, 302, 302, 302, 302),
    ("apply", "published", "get", {}, LOGIN, 200, 200, 200, 200, 200, 200),
    ("apply", "draft", "get", {}, LOGIN, 404, 404, 404, 404, 404, 404),
    ("apply", "withdrawn", "get", {}, LOGIN, 404, 404, 404, 404, 404, 404),
    # 302: the application was made; 200: refused with a message (own promise, applied already)
    ("apply", "published", "post", APPLY, LOGIN, 302, 200, 200, 200, 302, 200),
    ("redemption", "redemption", "get", {}, LOGIN, 404, 404, 200, 200, 200, 200),
    ("accept", "redemption", "post", {}, LOGIN, 404, 404, 302, 302, 403, 403),
    ("decline", "redemption", "post", {"decline-reason": "x"}, LOGIN, 404, 404, 302, 302, 403, 403),
    ("withdraw_application", "redemption", "post", {}, LOGIN, 404, 404, 403, 403, 403, 302),
    ("start", "redemption", "post", {}, LOGIN, 404, 404, 403, 403, 403, 302),
    ("report", "redemption", "post", {}, LOGIN, 404, 404, 403, 403, 403, 200),
    ("confirm", "redemption", "post", {}, LOGIN, 404, 404, 302, 302, 403, 403),
    ("dispute", "redemption", "post", {"dispute-reason": "x"}, LOGIN, 404, 404, 302, 302, 403, 403),
]


def build_world(user, moderator):
    organisation = factories.OrganisationFactory()
    owner = factories.MembershipFactory(organisation=organisation).user
    admin = factories.MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN).user
    member = factories.MembershipFactory(organisation=organisation).user
    published = factories.PromiseFactory(owner=owner, organisation=organisation)
    draft = factories.PromiseFactory(
        owner=owner, organisation=organisation, state=Promise.State.DRAFT, published_at=None
    )
    redemption = factories.RedemptionFactory(promise=published)
    people = {
        "user": user,
        "member": member,
        "admin": admin,
        "owner": owner,
        "moderator": moderator,
        "applicant": redemption.applicant,
    }
    expired = factories.PromiseFactory(
        owner=owner, organisation=organisation, state=Promise.State.EXPIRED
    )
    withdrawn = factories.PromiseFactory(
        owner=owner, organisation=organisation, state=Promise.State.WITHDRAWN
    )
    targets = {
        "published": published,
        "draft": draft,
        "expired": expired,
        "withdrawn": withdrawn,
        "redemption": redemption,
    }
    return people, targets


CELLS = [
    pytest.param(row, role, expected, id=f"{row[0]}-{row[1]}-{role}")
    for row in MATRIX
    for role, expected in zip(ROLES, row[4:], strict=True)
]


@pytest.mark.parametrize(("row", "role", "expected"), CELLS)
def test_access(client, user, moderator, row, role, expected):
    name, target, method, data = row[:4]
    people, targets = build_world(user, moderator)
    args = [targets[target].pk] if target else []
    url = reverse(f"promises:{name}", args=args)
    browser = client if role == "anonymous" else client_for(people[role])
    response = getattr(browser, method)(url, data)
    if expected == LOGIN:
        assert response.status_code == 302 and "/konto/" in response["Location"]
    else:
        assert response.status_code == expected
