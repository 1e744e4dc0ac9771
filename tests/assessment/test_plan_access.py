"""The role × URL matrix of the action plan: the town's coordinator (admin), an item's owner,
a colleague and a plain member of the municipality organisation, an invited partner, another
town's admin, a moderator, a stranger and anonymous. Allowed: the page shows, a write does
what it says. Refused: a login redirect or 403, and the database is unchanged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from handschlag.assessment.models import Milestone, PlanItem
from tests import factories as base

from .plan_helpers import make_item, measure_for, snapshot

ROLES = [
    "admin", "owner", "colleague", "member", "partner", "other_admin", "moderator", "stranger",
    "anonymous",
]  # fmt: skip
TEAM = {"admin", "owner", "colleague", "member"}
COORDINATION = {"admin"}
ITEM_PEOPLE = {"admin", "owner"}
POST_ONLY = {"milestone_add", "milestone_tick"}
LATER = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()


@pytest.fixture
def cast(world):
    owner = base.MembershipFactory(organisation=world.organisation, role="member").user
    item = make_item(world.plan, owner=owner, area=world.first_area)
    milestone = Milestone.objects.create(item=item, title="Entwurf")
    world.owner = owner
    world.item = item
    world.milestone = milestone
    world.measure = measure_for()
    return world


def _item_form(w):
    return {
        "title": "Leitbild", "area": w.first_area.pk, "owner": w.owner.pk, "partners": "",
        "due_date": LATER, "progress": "30", "description": "Erster Entwurf",
    }  # fmt: skip


def _url(name, w):
    town = w.municipality.slug
    item = [town, w.item.pk]
    return {
        "plan": reverse("assessment:plan", args=[town]),
        "plan_item_add": reverse("assessment:plan_item_add", args=[town]),
        "adopt": reverse("assessment:adopt", args=[town, w.measure.slug]),
        "plan_item": reverse("assessment:plan_item", args=item),
        "plan_item_edit": reverse("assessment:plan_item_edit", args=item),
        "move_done": reverse("assessment:plan_item_move", args=[*item, "done"]),
        "move_dropped": reverse("assessment:plan_item_move", args=[*item, "dropped"]),
        "plan_item_links": reverse("assessment:plan_item_links", args=item),
        "milestone_add": reverse("assessment:milestone_add", args=item),
        "milestone_tick": reverse("assessment:milestone_tick", args=[*item, w.milestone.pk]),
        "milestone_remove": reverse("assessment:milestone_remove", args=[*item, w.milestone.pk]),
    }[name]


# name, who may, what a successful POST sends (None: GET only)
CASES = [
    ("plan", TEAM, None),
    ("plan_item", TEAM, None),
    ("plan_item_add", COORDINATION, lambda w: {"title": "Neu", "owner": w.owner.pk}),
    ("adopt", COORDINATION, lambda w: {"title": "Nachgemacht", "due_date": LATER}),
    ("plan_item_edit", ITEM_PEOPLE, _item_form),
    ("move_done", ITEM_PEOPLE, lambda w: {}),
    ("move_dropped", ITEM_PEOPLE, lambda w: {"comment": "kein Geld"}),
    ("plan_item_links", COORDINATION, lambda w: {"events": [], "promises": []}),
    ("milestone_add", ITEM_PEOPLE, lambda w: {"title": "Ratsbeschluss"}),
    ("milestone_tick", ITEM_PEOPLE, lambda w: {"done": "1"}),
    ("milestone_remove", ITEM_PEOPLE, lambda w: {}),
]


def _client(client, world, role):
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "allowed", "data"), CASES, ids=[c[0] for c in CASES])
def test_who_may_open_a_page(client, cast, role, name, allowed, data):
    url = _url(name, cast)
    before = snapshot()
    response = _client(client, cast, role).get(url)
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif name in POST_ONLY:
        assert response.status_code == 405
    else:
        assert response.status_code == (200 if role in allowed else 403)
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "allowed", "data"),
    [c for c in CASES if c[2] is not None],
    ids=[c[0] for c in CASES if c[2] is not None],
)
def test_who_may_write(client, cast, role, name, allowed, data):
    url = _url(name, cast)
    if name == "plan_item_links":  # something to link, so that saving changes something
        from tests.events.factories import EventFactory

        data = lambda w: {"events": [EventFactory(organisation=w.organisation).pk]}  # noqa: E731
    sent = data(cast)
    before = snapshot()
    response = _client(client, cast, role).post(url, sent)
    if role in allowed:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert snapshot() != before
        return
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == 403
    assert snapshot() == before


def test_the_owner_edits_only_progress_and_description(client, cast):
    client.force_login(cast.owner)
    response = client.post(
        _url("plan_item_edit", cast), {**_item_form(cast), "title": "Anders", "owner": ""}
    )
    assert response.status_code == 302
    item = PlanItem.objects.get(pk=cast.item.pk)
    assert (item.title, item.owner, item.progress, item.description) == (
        "Willkommensbüro im Rathaus", cast.owner, 30, "Erster Entwurf",
    )  # fmt: skip


def test_unknown_things_are_404(client, cast):
    client.force_login(cast.admin)
    town = cast.municipality.slug
    for url in (
        reverse("assessment:plan", args=["gibt-es-nicht"]),
        reverse("assessment:plan_item", args=[town, 999_999]),
        reverse("assessment:adopt", args=[town, "gibt-es-nicht"]),
        reverse("assessment:plan_item_move", args=[town, cast.item.pk, "verschwunden"]),
        reverse("assessment:milestone_remove", args=[town, cast.item.pk, 999_999]),
    ):
        assert client.get(url).status_code == 404, url


def test_an_item_is_not_reached_through_another_towns_address(client, cast):
    other_town = cast.other_assessment.municipality.slug
    client.force_login(cast.other_admin)
    url = reverse("assessment:plan_item", args=[other_town, cast.item.pk])
    assert client.get(url).status_code == 404


def test_a_town_without_a_verified_municipality_organisation_has_no_plan(client, cast):
    client.force_login(cast.admin)
    town = base.MunicipalityFactory()
    assert client.get(reverse("assessment:plan", args=[town.slug])).status_code == 404


def test_an_unpublished_measure_is_not_adopted(client, cast):
    draft = measure_for(state="draft")
    client.force_login(cast.admin)
    url = reverse("assessment:adopt", args=[cast.municipality.slug, draft.slug])
    before = snapshot()
    assert client.post(url, {"title": "X"}).status_code == 404
    assert snapshot() == before
