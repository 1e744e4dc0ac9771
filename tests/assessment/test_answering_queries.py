"""The answering pages run a constant number of queries, however many questions, answers,
groups and delegations a round has."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.assessment.models import Answer, Delegation, Indicator, Question
from tests import factories as base
from tests.conftest import client_for

from . import factories

pytestmark = pytest.mark.django_db


def grow(world) -> None:
    """Many more questions (every kind), groups, answers with evidence, delegations."""
    K = Question.Kind
    for area in (world.first_area, world.second_area):
        indicator = Indicator.objects.create(
            area=area, key="mehr", title={"de": "Mehr"}, position=5
        )
        for n in range(12):
            kind = [K.YES_PARTLY_NO, K.SCALE, K.NUMBER, K.TEXT][n % 4]
            factories.add_question(indicator, f"m{n}", kind, allows_na=n % 3 == 0)
    for name in ("Migrantenorganisationen", "Politik", "Wirtschaft"):
        group = factories.GroupFactory(assessment=world.assessment, name=name)
        delegation = Delegation.objects.create(
            assessment=world.assessment,
            group=group,
            user=base.UserFactory(),
            created_by=world.admin,
        )
        delegation.areas.add(world.first_area, world.second_area)
        Delegation.objects.create(
            assessment=world.assessment,
            group=group,
            email=f"{name}@example.org",
            token_hash="x" * 64,
        ).areas.add(world.first_area)
    for group in world.assessment.groups.all():
        for q in Question.objects.filter(indicator__area__framework=world.framework):
            option = q.options.first()
            Answer.objects.create(
                assessment=world.assessment, group=group, question=q, option=option,
                number=3 if q.kind == K.NUMBER else None,
                text="Ja, seit 2020" if q.kind == K.TEXT else "",
                note="Beleg", link="https://example.org", evidence="assessment/1/x/beleg.pdf",
                answered_by=world.admin,
            )  # fmt: skip


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["admin", "partner"])
def test_the_overview(world, who):
    client = client_for(getattr(world, who))
    url = world.assessment.get_absolute_url()
    small = count(client, url)
    grow(world)
    assert count(client, url) == small
    assert small <= 20


@pytest.mark.parametrize("who", ["admin", "member"])  # answering, reading
def test_the_answering_page(world, who):
    client = client_for(getattr(world, who))
    url = reverse(
        "assessment:answer",
        args=[world.assessment.pk, world.administration.pk, world.first_area.pk],
    )
    small = count(client, url)
    grow(world)
    assert count(client, url) == small
    assert small <= 20


def test_the_rounds_page(world):
    client = client_for(world.admin)
    url = reverse("assessment:index")
    small = count(client, url)
    grow(world)
    for _ in range(3):
        factories.AssessmentFactory(
            organisation=world.organisation, municipality=world.municipality, state="closed"
        )
    assert count(client, url) == small
    assert small <= 15
