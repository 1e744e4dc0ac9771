"""'Meine Versprechen': what waits for the person comes first; a new person sees how to begin;
the next step is right for full, fulfilled and disputed promises."""

import pytest
from django.urls import reverse

from handschlag.promises.actions import promise_next_step
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def mine(user):
    return client_for(user).get(reverse("promises:mine")).content.decode()


def test_a_new_person_sees_how_to_begin():
    html = mine(factories.UserFactory())
    assert "So beginnen Sie" in html
    assert reverse("organisations:create") in html
    assert "Was ich verspreche" not in html  # no empty lists


def test_a_member_is_told_for_whom_they_act():
    membership = factories.MembershipFactory()
    html = mine(membership.user)
    assert f"Sie handeln für {membership.organisation.name}." in html
    assert reverse("organisations:create") not in html


def test_what_waits_comes_first():
    owner = factories.UserFactory()
    waiting = factories.PromiseFactory(owner=owner, title="Mit Bewerbung")
    factories.RedemptionFactory(promise=waiting)
    quiet = factories.PromiseFactory(owner=owner, title="Ohne Bewerbung")
    Promise.objects.filter(pk=quiet.pk).update(updated_at=waiting.updated_at.replace(year=2099))
    html = mine(owner)
    assert "Eine Sache wartet auf Sie" in html
    assert html.index("Mit Bewerbung") < html.index("Ohne Bewerbung")
    cards = html[html.index("Was ich verspreche") :]
    assert cards.index("Mit Bewerbung") < cards.index("Ohne Bewerbung")


def _with(states, **promise_fields):
    promise = factories.PromiseFactory(capacity=len(states) or 1, **promise_fields)
    for state in states:
        factories.RedemptionFactory(promise=promise, state=state)
    return Promise.objects.prefetch_related("redemptions").get(pk=promise.pk)


@pytest.mark.parametrize(
    "states, fields, expected",
    [
        ([], {}, "Veröffentlicht – wartet auf Bewerbungen"),
        ([Redemption.State.IN_PROGRESS], {"remaining_capacity": 0}, "1 Einlösung in Umsetzung"),
        ([Redemption.State.DISPUTED], {"remaining_capacity": 0}, "Beanstandet"),
        ([Redemption.State.PUBLISHED], {"remaining_capacity": 0}, "Erfüllt"),
        ([Redemption.State.DECLINED], {"remaining_capacity": 0}, "Alle Plätze vergeben"),
        ([], {"state": Promise.State.WITHDRAWN}, "Abgeschlossen"),
    ],
)
def test_the_next_step_says_where_the_promise_stands(states, fields, expected):
    promise = _with(states, **fields)
    step = promise_next_step(promise, promise.owner)
    assert step.text.startswith(expected)
    assert "wartet auf Bewerbungen" not in step.text or not states


def test_a_member_who_may_not_decide_is_told_who_does():
    """A plain member of the promising organisation sees the applications but is not asked to
    decide (the admins are); the admin is."""
    admin = factories.UserFactory()
    member = factories.UserFactory()
    promise = factories.PromiseFactory(owner=admin)
    organisation = promise.organisation or factories.OrganisationFactory()
    Promise.objects.filter(pk=promise.pk).update(organisation=organisation)
    factories.MembershipFactory(organisation=organisation, user=admin, role="admin")
    factories.MembershipFactory(organisation=organisation, user=member, role="member")
    factories.RedemptionFactory.create_batch(2, promise=promise)
    loaded = Promise.objects.prefetch_related("redemptions").get(pk=promise.pk)
    assert promise_next_step(loaded, admin).urgent
    theirs = promise_next_step(loaded, member)
    assert (
        not theirs.urgent and theirs.text == "2 neue Bewerbungen – die Versprechenden entscheiden"
    )
    assert "Eine Sache wartet auf Sie" not in mine(member)
    assert "2 Sachen warten auf Sie" not in mine(member)


def test_the_page_asks_each_membership_once(django_assert_max_num_queries):
    """Next steps ask permissions of every promise and application; the memberships behind them
    are read once per page, not once per check."""
    owner = factories.UserFactory()
    organisation = factories.OrganisationFactory()
    factories.MembershipFactory(organisation=organisation, user=owner, role="admin")
    for _ in range(3):
        promise = factories.PromiseFactory(owner=owner, organisation=organisation)
        factories.RedemptionFactory.create_batch(2, promise=promise)
        factories.RedemptionFactory(promise=promise, state=Redemption.State.REPORTED)
    client = client_for(owner)
    with django_assert_max_num_queries(20) as counted:
        client.get(reverse("promises:mine"))
    few = len(counted)
    for _ in range(5):
        promise = factories.PromiseFactory(owner=owner, organisation=organisation)
        factories.RedemptionFactory.create_batch(2, promise=promise)
    with django_assert_max_num_queries(few):
        client.get(reverse("promises:mine"))
