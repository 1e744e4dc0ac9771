"""One loader for the pages of the answering, results and plan parts (views_common.py): the
same answers everywhere — 404 for what does not exist, 403 for a signed-in person without
the permission, the login (and back) for an anonymous visitor."""

import pytest
from django.urls import reverse

from handschlag.assessment.models import PlanItem

from .results_helpers import close


@pytest.fixture
def urls(world):
    close(world.assessment)  # closed, not shared: the results are the town's own
    item = PlanItem.objects.create(plan=world.plan, title="Integrationskonzept")
    town = world.municipality.slug
    return {
        "round": (reverse("assessment:detail", args=[world.assessment.pk]),
                  reverse("assessment:detail", args=[999_999])),
        "results": (reverse("assessment:results", args=[world.assessment.pk]),
                    reverse("assessment:results", args=[999_999])),
        "plan": (reverse("assessment:plan", args=[town]),
                 reverse("assessment:plan", args=["gibt-es-nicht"])),
        "item": (reverse("assessment:plan_item", args=[town, item.pk]),
                 reverse("assessment:plan_item", args=[town, 999_999])),
        "population": (reverse("assessment:population", args=[town]),
                       reverse("assessment:population", args=["gibt-es-nicht"])),
    }  # fmt: skip


@pytest.mark.parametrize("part", ["round", "results", "plan", "item", "population"])
def test_every_part_answers_alike(client, world, urls, part):
    known, unknown = urls[part]
    response = client.get(known)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={known}"
    client.force_login(world.stranger)
    assert client.get(known).status_code == 403
    assert client.get(unknown).status_code == 404
    client.force_login(world.admin)
    assert client.get(known).status_code == 200
