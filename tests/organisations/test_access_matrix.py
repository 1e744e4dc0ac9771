"""Who may open which organisation page: one row per URL, one column per role, and for every
cell what it did to the data.

Each cell gets a fresh world. LOGIN: a redirect to the login page; DONE: the action ran (302)
and changed exactly what the row says; BACK: a redirect back with a message, nothing changed;
200/403: that status, nothing changed. The organisation has two admins (so one may leave or be
removed) and has asked to become a municipality; "solo" is an organisation whose only admin is
"admin" (who may therefore not leave it). Join and leave rows show both outcomes.
"""

import pytest
from django.urls import reverse

from handschlag.organisations.models import JoinRequest, Membership, Organisation
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
LOGIN, DONE, BACK = "login", "done", "back"
ROLES = ("anonymous", "user", "member", "admin", "moderator")
EDIT = {"name": "Neuer Name", "kind": "initiative", "description": "", "website": ""}

# fmt: off
MATRIX = [
    # name, target, method, data, anonymous, user, member, admin, moderator
    ("list", None, "get", {}, 200, 200, 200, 200, 200),
    ("detail", "org", "get", {}, 200, 200, 200, 200, 200),
    ("create", None, "get", {}, LOGIN, 200, 200, 200, 200),
    ("edit", "org", "get", {}, LOGIN, 403, 403, 200, 403),
    ("edit", "org", "post", EDIT, LOGIN, 403, 403, DONE, 403),
    ("members", "org", "get", {}, LOGIN, 403, 403, 200, 403),
    ("join", "org", "post", {}, LOGIN, DONE, BACK, BACK, DONE),
    ("leave", "org", "get", {}, LOGIN, 403, 200, 200, 403),
    ("leave", "org", "post", {}, LOGIN, 403, DONE, DONE, 403),
    ("leave", "solo", "post", {}, LOGIN, 403, DONE, BACK, 403),
    ("verify", "org", "post", {"verified": "1"}, LOGIN, 403, 403, 403, DONE),
    ("decline_kind", "org", "post", {}, LOGIN, 403, 403, 403, DONE),
    ("member_role", "org", "post", {"role": "member"}, LOGIN, 403, 403, DONE, 403),
    ("member_remove", "org", "post", {}, LOGIN, 403, 403, DONE, 403),
    ("join_request_decide", "org", "post", {"accept": "1"}, LOGIN, 403, 403, DONE, 403),
]
# fmt: on


def build_world(user, moderator):
    org = factories.OrganisationFactory(requested_kind=Organisation.Kind.MUNICIPALITY)
    admin = factories.MembershipFactory(organisation=org, role="admin").user
    second_admin = factories.MembershipFactory(organisation=org, role="admin")
    member = factories.MembershipFactory(organisation=org).user
    solo = factories.MembershipFactory(user=admin, role="admin").organisation
    factories.MembershipFactory(organisation=solo, user=member)
    join_request = factories.JoinRequestFactory(organisation=org)
    people = {"user": user, "member": member, "admin": admin, "moderator": moderator}
    return {"org": org, "solo": solo}, second_admin, join_request, people


def snapshot():
    return {
        "organisations": set(
            Organisation.objects.values_list("pk", "name", "kind", "requested_kind", "is_verified")
        ),
        "memberships": set(Membership.objects.values_list("organisation_id", "user_id", "role")),
        "join_requests": set(
            JoinRequest.objects.values_list("organisation_id", "user_id", "state")
        ),
    }


def expected_after(name, before, org, second_admin, join_request, person):
    after = {key: set(rows) for key, rows in before.items()}
    org_row = next(r for r in after["organisations"] if r[0] == org.pk)
    if name == "edit":
        after["organisations"].remove(org_row)
        # a plain kind withdraws the pending request for a municipality
        after["organisations"].add((org.pk, "Neuer Name", "initiative", "", False))
    elif name == "verify":
        after["organisations"].remove(org_row)
        after["organisations"].add((org.pk, org.name, "municipality", "", True))
    elif name == "decline_kind":
        after["organisations"].remove(org_row)
        after["organisations"].add((org.pk, org.name, org.kind, "", False))
    elif name == "join":
        after["join_requests"].add((org.pk, person.pk, "pending"))
    elif name == "leave":
        after["memberships"] = {m for m in after["memberships"] if m[:2] != (org.pk, person.pk)}
    elif name == "member_role":
        after["memberships"].remove((org.pk, second_admin.user_id, "admin"))
        after["memberships"].add((org.pk, second_admin.user_id, "member"))
    elif name == "member_remove":
        after["memberships"].remove((org.pk, second_admin.user_id, "admin"))
    elif name == "join_request_decide":
        after["join_requests"].remove((org.pk, join_request.user_id, "pending"))
        after["join_requests"].add((org.pk, join_request.user_id, "accepted"))
        after["memberships"].add((org.pk, join_request.user_id, "member"))
    return after


def url_for(name, target, second_admin, join_request):
    if target is None:
        return reverse(f"organisations:{name}")
    kwargs = {"slug": target.slug}
    if name.startswith("member_"):
        kwargs["pk"] = second_admin.pk
    elif name == "join_request_decide":
        kwargs["pk"] = join_request.pk
    return reverse(f"organisations:{name}", kwargs=kwargs)


CELLS = [
    pytest.param(row, role, expected, id=f"{row[0]}-{row[1]}-{row[2]}-{role}")
    for row in MATRIX
    for role, expected in zip(ROLES, row[4:], strict=True)
]


@pytest.mark.parametrize(("row", "role", "expected"), CELLS)
def test_access(client, user, moderator, row, role, expected):
    name, target, method, data = row[:4]
    targets, second_admin, join_request, people = build_world(user, moderator)
    url = url_for(name, targets.get(target), second_admin, join_request)
    if name == "member_role":
        data = {f"m{second_admin.pk}-role": data["role"]}
    person = people.get(role)
    browser = client if role == "anonymous" else client_for(person)
    before = snapshot()

    response = getattr(browser, method)(url, data)

    after = snapshot()
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif expected in (DONE, BACK):
        assert response.status_code == 302
        assert not response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected
    if expected == DONE:
        org = targets[target]
        assert after == expected_after(name, before, org, second_admin, join_request, person)
    else:
        assert after == before, "a refused or read-only request changed data"
