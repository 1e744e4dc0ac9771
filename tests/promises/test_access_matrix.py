"""Who may open which promise page: one row per URL, one column per role, and for every cell
what it did to the data.

Each cell gets a fresh world, so a state change by one role never affects another cell.
LOGIN: a redirect to the login page; DONE: the action ran (302) and changed exactly what the
row says; BACK: a redirect back with a message, nothing changed; 200/403/404: that status, and
nothing changed. "ex_owner" owns the organisation's promises but was just removed from it.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from handschlag.organisations import services as organisation_services
from handschlag.organisations.models import Membership
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

from .conftest import redemption_in
from .report_data import form_data

pytestmark = pytest.mark.django_db
LOGIN, DONE, BACK = "login", "done", "back"
APPLY = {"plan": "So", "quantity": 1}
REPORT = form_data()
DECLINE, DISPUTE = {"decline-reason": "x"}, {"dispute-reason": "x"}
ROLES = ("anonymous", "user", "member", "admin", "owner", "ex_owner", "moderator", "applicant")

# fmt: off
MATRIX = [
    # name, target, method, data,
    #   anonymous, user, member, admin, owner, ex_owner, moderator, applicant
    ("list", None, "get", {}, 200, 200, 200, 200, 200, 200, 200, 200),
    ("create", None, "get", {}, LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("mine", None, "get", {}, LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("detail", "published", "get", {}, 200, 200, 200, 200, 200, 200, 200, 200),
    ("detail", "draft", "get", {}, 404, 404, 200, 200, 200, 404, 200, 404),
    ("detail", "expired", "get", {}, 200, 200, 200, 200, 200, 200, 200, 200),
    ("detail", "withdrawn", "get", {}, 404, 404, 200, 200, 200, 404, 200, 404),
    ("edit", "draft", "get", {}, LOGIN, 404, 403, 200, 200, 404, 403, 404),
    ("edit", "published", "get", {}, LOGIN, 403, 403, BACK, BACK, 403, 403, 403),
    ("edit", "draft", "post", {"action": "preview"}, LOGIN, 404, 403, 200, 200, 404, 403, 404),
    ("submit", "draft", "post", {}, LOGIN, 404, 403, DONE, DONE, 404, 403, 404),
    ("withdraw", "published", "post", {}, LOGIN, 403, 403, DONE, DONE, 403, 403, 403),
    # copying: refused for a promise nobody fulfilled yet, done for a fulfilled one
    ("copy", "published", "post", {}, LOGIN, BACK, BACK, BACK, BACK, BACK, BACK, BACK),
    ("copy", "fulfilled", "post", {}, LOGIN, DONE, DONE, DONE, DONE, DONE, DONE, DONE),
    ("apply", "published", "get", {}, LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("apply", "draft", "get", {}, LOGIN, 404, 404, 404, 404, 404, 404, 404),
    ("apply", "withdrawn", "get", {}, LOGIN, 404, 404, 404, 404, 404, 404, 404),
    # 200: refused with a message on the form (own promise, applied already)
    ("apply", "published", "post", APPLY, LOGIN, DONE, 200, 200, 200, 200, DONE, 200),
    # members of the promising organisation read along and write in the thread (issue #8)
    ("redemption", "applied", "get", {}, LOGIN, 404, 200, 200, 200, 404, 200, 200),
    ("accept", "applied", "post", {}, LOGIN, 404, 403, DONE, DONE, 404, 403, 403),
    ("decline", "applied", "post", DECLINE, LOGIN, 404, 403, DONE, DONE, 404, 403, 403),
    ("withdraw_application", "applied", "post", {}, LOGIN, 404, 403, 403, 403, 404, 403, DONE),
    ("withdraw_application", "accepted", "post", {}, LOGIN, 404, 403, 403, 403, 404, 403, DONE),
    ("start", "accepted", "post", {}, LOGIN, 404, 403, 403, 403, 404, 403, DONE),
    ("report", "in_progress", "post", REPORT, LOGIN, 404, 403, 403, 403, 404, 403, DONE),
    ("confirm", "reported", "post", {}, LOGIN, 404, 403, DONE, DONE, 404, 403, 403),
    ("dispute", "reported", "post", DISPUTE, LOGIN, 404, 403, DONE, DONE, 404, 403, 403),
]
# fmt: on


@dataclass
class World:
    people: dict
    targets: dict


def build_world(user, moderator) -> World:
    organisation = factories.OrganisationFactory()
    owner = factories.MembershipFactory(organisation=organisation).user
    admin = factories.MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN).user
    member = factories.MembershipFactory(organisation=organisation).user
    applicant = factories.UserFactory()

    def promise(**kwargs):
        return factories.PromiseFactory(owner=owner, organisation=organisation, **kwargs)

    published = promise(capacity=5)
    targets = {
        "published": published,
        "draft": promise(state=Promise.State.DRAFT, published_at=None),
        "expired": promise(state=Promise.State.EXPIRED),
        "withdrawn": promise(state=Promise.State.WITHDRAWN),
        "fulfilled": redemption_in(Redemption.State.CONFIRMED, promise=promise()).promise,
    }
    for state in ("applied", "accepted", "in_progress", "reported"):
        targets[state] = redemption_in(state, promise=published, applicant=applicant)
    people = {
        "user": user, "member": member, "admin": admin, "owner": owner, "ex_owner": owner,
        "moderator": moderator, "applicant": applicant,
    }  # fmt: skip
    return World(people, targets)


def snapshot():
    """Everything a promise page could change."""
    return {
        "promises": set(
            Promise.objects.values_list("pk", "state", "remaining_capacity", "remaining_quantity")
        ),
        "redemptions": set(Redemption.objects.values_list("pk", "promise_id", "state")),
    }


def expected_after(name, before, world, person):
    """What the snapshot must look like after the row's action ran (DONE cells)."""
    after = {key: set(rows) for key, rows in before.items()}
    targets = world.targets

    def move(obj, to, taken=0):
        if isinstance(obj, Promise):
            row = next(r for r in after["promises"] if r[0] == obj.pk)
            after["promises"].remove(row)
            after["promises"].add((row[0], to, row[2] - taken, row[3] - taken))
        else:
            row = next(r for r in after["redemptions"] if r[0] == obj.pk)
            after["redemptions"].remove(row)
            after["redemptions"].add((row[0], row[1], to))

    def give_back(promise):
        row = next(r for r in after["promises"] if r[0] == promise.pk)
        after["promises"].remove(row)
        after["promises"].add((row[0], row[1], row[2] + 1, row[3] + 1))

    published = targets["published"]
    if name == "submit":
        move(targets["draft"], "pending")
    elif name == "withdraw":
        move(published, "withdrawn")
        move(targets["applied"], "declined")  # the open application is declined with it
    elif name == "accept":
        move(targets["applied"], "accepted")
        move(published, "published", taken=1)
    elif name == "decline":
        move(targets["applied"], "declined")
    elif name == "withdraw_application":
        target = next(t for t in ("applied", "accepted") if world.cell_target == t)
        move(targets[target], "withdrawn")
        if target == "accepted":
            give_back(published)
    elif name == "start":
        move(targets["accepted"], "in_progress")
    elif name == "report":
        move(targets["in_progress"], "reported")
    elif name == "confirm":
        move(targets["reported"], "confirmed")
    elif name == "dispute":
        move(targets["reported"], "disputed")
    return after


def assert_created(name, before, after, world, person):
    """Rows that create a promise or a redemption: exactly one new one, with its owner."""
    if name == "copy":
        new = {row[0] for row in after["promises"]} - {row[0] for row in before["promises"]}
        copy = Promise.objects.get(pk__in=new)
        assert copy.owner == person and copy.state == Promise.State.DRAFT
        assert copy.inspired_by == world.targets["fulfilled"]
        assert after["redemptions"] == before["redemptions"]
    else:
        new = {row[0] for row in after["redemptions"]} - {row[0] for row in before["redemptions"]}
        redemption = Redemption.objects.get(pk__in=new)
        assert redemption.applicant == person and redemption.state == Redemption.State.APPLIED
        assert redemption.promise == world.targets["published"]
        assert after["promises"] == before["promises"]


CELLS = [
    pytest.param(row, role, expected, id=f"{row[0]}-{row[1]}-{row[2]}-{role}")
    for row in MATRIX
    for role, expected in zip(ROLES, row[4:], strict=True)
]


@pytest.mark.parametrize(("row", "role", "expected"), CELLS)
def test_access(client, user, moderator, row, role, expected):
    name, target, method, data = row[:4]
    world = build_world(user, moderator)
    world.cell_target = target  # type: ignore[attr-defined]
    if role == "ex_owner":
        admin = world.people["admin"]
        membership = Membership.objects.get(user=world.people["owner"])
        organisation_services.remove_member(membership=membership, by=admin)
    args = [world.targets[target].pk] if target else []
    url = reverse(f"promises:{name}", args=args)
    person = world.people.get(role)
    browser = client if role == "anonymous" else client_for(person)
    before = snapshot()

    response = getattr(browser, method)(url, data)

    after = snapshot()
    if expected == LOGIN:
        assert response.status_code == 302 and "/konto/" in response["Location"]
    elif expected in (DONE, BACK):
        assert response.status_code == 302 and "/konto/" not in response["Location"]
    else:
        assert response.status_code == expected
    if expected != DONE:
        assert after == before, "a refused or read-only request changed data"
    elif name in ("copy", "apply"):
        assert_created(name, before, after, world, person)
    else:
        assert after == expected_after(name, before, world, person)
