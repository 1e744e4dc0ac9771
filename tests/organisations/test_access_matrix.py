"""Who may open which organisation page: one row per URL, one column per role.

LOGIN means a redirect to the login page. POST rows send no data, so an allowed POST is
refused by the form or the service, never by the permission check (302 back with a message).
"""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import JoinRequestFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
LOGIN = "login"
ROLES = ("anonymous", "user", "member", "admin", "moderator")

MATRIX = [
    # name, method, anonymous, user, member, admin, moderator
    ("list", "get", 200, 200, 200, 200, 200),
    ("detail", "get", 200, 200, 200, 200, 200),
    ("create", "get", LOGIN, 200, 200, 200, 200),
    ("edit", "get", LOGIN, 403, 403, 200, 403),
    ("members", "get", LOGIN, 403, 403, 200, 403),
    ("join", "post", LOGIN, 302, 302, 302, 302),
    ("leave", "post", LOGIN, 302, 302, 302, 302),
    ("verify", "post", LOGIN, 403, 403, 403, 302),
    ("member_role", "post", LOGIN, 403, 403, 302, 403),
    ("member_remove", "post", LOGIN, 403, 403, 302, 403),
    ("join_request_decide", "post", LOGIN, 403, 403, 302, 403),
]


@pytest.fixture
def world(user, moderator):
    org = OrganisationFactory()
    admin = MembershipFactory(organisation=org, role="admin").user
    admin2 = MembershipFactory(organisation=org, role="admin")  # target of role/remove
    member = MembershipFactory(organisation=org).user
    join_request = JoinRequestFactory(organisation=org)
    people = {"user": user, "member": member, "admin": admin, "moderator": moderator}
    return org, admin2, join_request, people


def url_for(name, org, membership, join_request):
    if name in ("list", "create"):
        return reverse(f"organisations:{name}")
    kwargs = {"slug": org.slug}
    if name.startswith("member_"):
        kwargs["pk"] = membership.pk
    elif name == "join_request_decide":
        kwargs["pk"] = join_request.pk
    return reverse(f"organisations:{name}", kwargs=kwargs)


@pytest.mark.parametrize(("name", "method", "statuses"), [(r[0], r[1], r[2:]) for r in MATRIX])
def test_access(client, world, name, method, statuses):
    org, membership, join_request, people = world
    expected = dict(zip(ROLES, statuses, strict=True))
    url = url_for(name, org, membership, join_request)
    for role in ROLES:
        c = client if role == "anonymous" else client_for(people[role])
        response = getattr(c, method)(url)
        want = expected[role]
        if want == LOGIN:
            assert response.status_code == 302, role
            assert response["Location"].startswith(reverse("account_login")), role
        else:
            assert response.status_code == want, (name, role, response.status_code)
