"""The plan pages run a constant number of queries, however many items, milestones, owners
and links the plan has."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from handschlag.assessment.models import Milestone, PlanItem
from tests import factories as base
from tests.events.factories import EventFactory

from .plan_helpers import make_item

S = PlanItem.State
TODAY = timezone.localdate()


def _grow(world, n):
    """`n` more items, each with its own owner, two milestones and a linked event."""
    states = [S.PLANNED, S.IN_PROGRESS, S.PAUSED, S.DONE, S.DROPPED]
    areas = [world.first_area, world.second_area, None]
    for i in range(n):
        owner = base.MembershipFactory(organisation=world.organisation).user
        item = make_item(
            world.plan, title=f"Vorhaben {i}", owner=owner, state=states[i % 5],
            area=areas[i % 3], progress=(i * 7) % 100,
            due_date=TODAY + datetime.timedelta(days=i - n // 2),
        )  # fmt: skip
        Milestone.objects.create(item=item, title="A", done_on=TODAY)
        Milestone.objects.create(item=item, title="B")
        item.events.add(EventFactory(organisation=world.organisation))


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_plan_page_costs_the_same_for_3_items_or_30(client, world):
    client.force_login(world.admin)
    url = world.plan.get_absolute_url()
    _grow(world, 3)
    few = _count(client, url)
    _grow(world, 27)
    assert _count(client, url) == few
    assert _count(client, url + "?stand=done&ueberfaellig=on") == few
    assert few <= 14, few


def test_the_item_page_costs_the_same_with_many_milestones_and_links(client, world):
    client.force_login(world.admin)
    item = make_item(world.plan, owner=world.colleague)
    url = reverse("assessment:plan_item", args=[world.municipality.slug, item.pk])
    Milestone.objects.create(item=item, title="A")
    item.events.add(EventFactory(organisation=world.organisation))
    few = _count(client, url)
    for i in range(20):
        Milestone.objects.create(item=item, title=f"M{i}", done_on=TODAY if i % 2 else None)
        item.events.add(EventFactory(organisation=world.organisation))
        item.promises.add(base.PromiseFactory(municipality=world.municipality))
    assert _count(client, url) == few
