"""'Meine Versprechen': what waits for the person comes first; a new person sees how to begin;
the next step is right for full, fulfilled and disputed promises."""

import pytest
from django.urls import reverse

from handschlag.promises.models import Promise, Redemption
from handschlag.promises.selectors import promise_next_step
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
    step = promise_next_step(_with(states, **fields))
    assert step.text.startswith(expected)
    assert "wartet auf Bewerbungen" not in step.text or not states
