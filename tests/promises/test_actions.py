"""`actions.redemption_actions` and `actions.promise_actions`: what each person may do next, for
every state × role, and the pages render exactly those buttons (compared by form action URL).

Each cell gets a fresh world: an organisation promises (its owner is a member, beside an admin
and a plain member), another organisation redeems (the applicant and a colleague are members).
"ex_owner" owns the promise but was removed from the promising organisation; "ex_applicant"
applied for the redeeming organisation and has left it.
"""

import re

import pytest
from django.urls import reverse

from handschlag.organisations import services as organisation_services
from handschlag.organisations.models import Membership
from handschlag.promises.actions import promise_actions, redemption_actions, redemption_status
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

from .conftest import redemption_in

pytestmark = pytest.mark.django_db

R = Redemption.State
P = Promise.State

REDEMPTION_ROLES = (
    "owner", "admin", "applicant", "colleague", "promise_member", "stranger", "moderator",
    "ex_owner", "ex_applicant",
)  # fmt: skip
PROMISERS = {"owner", "admin"}
REDEEMERS = {"applicant", "colleague"}

# state -> {role group: expected keys, in the order the page offers them}; everyone else: none
REDEMPTION_EXPECTED = {
    R.APPLIED: {"promisers": ["accept", "decline"], "applicant": ["withdraw_application"]},
    R.ACCEPTED: {"applicant": ["start", "withdraw_application"], "colleague": ["start"]},
    R.IN_PROGRESS: {"applicant": ["report", "withdraw_application"], "colleague": ["report"]},
    R.REPORTED: {"promisers": ["confirm", "dispute"]},
    R.DISPUTED: {},
    R.CONFIRMED: {},
    R.PUBLISHED: {},
    R.DECLINED: {},
    R.WITHDRAWN: {},
    R.FAILED: {},
}


def expected_redemption_keys(state, role):
    expected = REDEMPTION_EXPECTED[state]
    if role in PROMISERS:
        return expected.get("promisers", [])
    return expected.get(role, [])


def redemption_world(state, role):
    """The redemption in `state` and the person playing `role`."""
    promising = factories.OrganisationFactory()
    owner_membership = factories.MembershipFactory(organisation=promising)
    admin = factories.MembershipFactory(organisation=promising, role=Membership.Role.ADMIN).user
    promise_member = factories.MembershipFactory(organisation=promising).user
    promise = factories.PromiseFactory(owner=owner_membership.user, organisation=promising)
    redeeming = factories.OrganisationFactory()
    applicant = factories.MembershipFactory(organisation=redeeming).user
    colleague = factories.MembershipFactory(organisation=redeeming).user
    redemption = redemption_in(
        state,
        promise=promise,
        applicant=applicant,
        organisation=redeeming,
        report_text="Bericht" if state not in (R.APPLIED, R.ACCEPTED) else "",
    )
    if role == "ex_owner":
        organisation_services.remove_member(membership=owner_membership, by=admin)
    if role == "ex_applicant":
        organisation_services.leave_organisation(organisation=redeeming, by=applicant)
    people = {
        "owner": owner_membership.user,
        "ex_owner": owner_membership.user,
        "admin": admin,
        "promise_member": promise_member,
        "applicant": applicant,
        "ex_applicant": applicant,
        "colleague": colleague,
        "stranger": factories.UserFactory(),
        "moderator": factories.ModeratorFactory(),
    }
    redemption = Redemption.objects.select_related("promise", "organisation").get(pk=redemption.pk)
    return redemption, people[role]


def redemption_action_urls(html, redemption):
    """The form actions on the page that act on `redemption`, in page order."""
    prefix = re.escape(reverse("promises:redemption", args=[redemption.pk]))
    return re.findall(rf'<form[^>]*action="({prefix}[^"]+)"', html)


CELLS = [(state, role) for state in REDEMPTION_EXPECTED for role in REDEMPTION_ROLES]


@pytest.mark.parametrize(("state", "role"), CELLS)
def test_redemption_actions_per_state_and_role_and_the_page_shows_exactly_those(state, role):
    redemption, person = redemption_world(state, role)
    actions = redemption_actions(redemption, person)
    assert [a.key for a in actions] == expected_redemption_keys(state, role)
    for action in actions:
        assert action.url == reverse(f"promises:{action.key}", args=[redemption.pk])

    response = client_for(person).get(redemption.get_absolute_url())
    may_see = role in PROMISERS | REDEEMERS | {"moderator", "promise_member"}
    if not may_see:
        # strangers and those who left see nothing; plain members of the promising
        # organisation read along (issue #8: they take part in the thread) but act not
        assert response.status_code == 404
        return
    assert response.status_code == 200
    expected = [
        reverse(f"promises:{key}", args=[redemption.pk])
        for key in expected_redemption_keys(state, role)
    ]
    assert sorted(redemption_action_urls(response.content.decode(), redemption)) == sorted(expected)


def test_destructive_redemption_actions_come_last_and_say_what_happens():
    redemption, applicant = redemption_world(R.ACCEPTED, "applicant")
    start, withdraw = redemption_actions(redemption, applicant)
    assert (start.style, withdraw.style) == ("primary", "danger")
    assert withdraw.consequence == "Ein zugesagter Platz geht an das Versprechen zurück."
    html = client_for(applicant).get(redemption.get_absolute_url()).content.decode()
    assert html.index(start.url) < html.index(withdraw.url)
    assert withdraw.consequence in html


def test_who_waits_reads_what_happens_next():
    redemption, applicant = redemption_world(R.APPLIED, "applicant")
    status = "Die Bewerbung wartet auf die Entscheidung der Versprechenden."
    assert redemption_status(redemption) == status
    assert status in client_for(applicant).get(redemption.get_absolute_url()).content.decode()
    # the promiser has a next step instead of the status
    owner = redemption.promise.owner
    html = client_for(owner).get(redemption.get_absolute_url()).content.decode()
    assert status not in html and "Bewerbung annehmen" in html


def test_the_report_hint_goes_to_whoever_may_confirm():
    redemption, admin = redemption_world(R.REPORTED, "admin")
    html = client_for(admin).get(redemption.get_absolute_url()).content.decode()
    assert "Bitte lesen Sie den Bericht unten und bestätigen Sie" in html
    html = client_for(redemption.applicant).get(redemption.get_absolute_url()).content.decode()
    assert "Bitte lesen Sie den Bericht unten" not in html
    assert "Der Bericht wartet auf die Bestätigung der Versprechenden." in html


# --- promise actions ------------------------------------------------------------------------

PROMISE_ROLES = (
    "owner", "admin", "promise_member", "applicant", "stranger", "moderator", "ex_owner",
)  # fmt: skip
# A draft never made public is deleted, not withdrawn (the destructive ones are links to a page
# that asks first).
PROMISE_EXPECTED = {
    P.DRAFT: ["edit", "submit", "delete"],
    P.RETURNED: ["edit", "submit", "delete"],
    P.PENDING: ["withdraw"],
    P.PUBLISHED: ["withdraw"],
    P.WITHDRAWN: [],
    P.EXPIRED: [],
}


def promise_world(state, role):
    promising = factories.OrganisationFactory()
    owner_membership = factories.MembershipFactory(organisation=promising)
    admin = factories.MembershipFactory(organisation=promising, role=Membership.Role.ADMIN).user
    never_public = state in (P.DRAFT, P.RETURNED, P.PENDING)
    promise = factories.PromiseFactory(
        owner=owner_membership.user,
        organisation=promising,
        state=state,
        **({"published_at": None} if never_public else {}),
    )
    applicant = factories.RedemptionFactory(promise=promise).applicant
    if role == "ex_owner":
        organisation_services.remove_member(membership=owner_membership, by=admin)
    people = {
        "owner": owner_membership.user,
        "ex_owner": owner_membership.user,
        "admin": admin,
        "promise_member": factories.MembershipFactory(organisation=promising).user,
        "applicant": applicant,
        "stranger": factories.UserFactory(),
        "moderator": factories.ModeratorFactory(),
    }
    return Promise.objects.get(pk=promise.pk), people[role]


PROMISE_CELLS = [(state, role) for state in PROMISE_EXPECTED for role in PROMISE_ROLES]


def expected_promise_keys(state, role):
    return PROMISE_EXPECTED[state] if role in PROMISERS else []


@pytest.mark.parametrize(("state", "role"), PROMISE_CELLS)
def test_promise_actions_per_state_and_role_and_the_page_shows_exactly_those(state, role):
    promise, person = promise_world(state, role)
    actions = promise_actions(promise, person)
    assert [a.key for a in actions] == expected_promise_keys(state, role)
    for action in actions:
        assert action.url == reverse(f"promises:{action.key}", args=[promise.pk])

    response = client_for(person).get(promise.get_absolute_url())
    may_see = state in Promise.PUBLIC_STATES or role in PROMISERS | {"promise_member", "moderator"}
    if not may_see:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    html = response.content.decode()
    keys = ("edit", "submit", "withdraw", "delete")
    urls = {key: reverse(f"promises:{key}", args=[promise.pk]) for key in keys}
    posted = re.findall(r'<form[^>]*action="([^"]+)"', html)
    linked = re.findall(r'<a[^>]*href="([^"]+)"', html)
    shown = ["submit"] if urls["submit"] in posted else []
    shown += [key for key in ("edit", "withdraw", "delete") if urls[key] in linked]
    assert sorted(shown) == sorted(expected_promise_keys(state, role))
    assert all(linked.count(urls[key]) <= 1 for key in ("withdraw", "delete"))


def test_withdrawing_names_the_applications_it_declines():
    promise, owner = promise_world(P.PUBLISHED, "owner")
    factories.RedemptionFactory(promise=promise)
    [withdraw] = promise_actions(promise, owner)
    assert withdraw.style == "danger"
    assert withdraw.consequence == "Alle 2 offenen Bewerbungen werden abgelehnt."
    assert (
        withdraw.consequence in client_for(owner).get(promise.get_absolute_url()).content.decode()
    )
