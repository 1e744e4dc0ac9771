"""The demo's self-assessments are what the README promises: Sonneberg's two closed rounds a
year apart with progress, its action plan in progress, enough Thuringian peers for a
comparison, Potsdam's closed round and Stralsund's round under way."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from handschlag.assessment.models import ActionPlan, Assessment, PlanItem
from handschlag.places.models import Municipality
from handschlag.places.population import population_range, size_class


@pytest.mark.django_db
def test_the_demo_has_rounds_progress_a_plan_and_peers(client):
    call_command("load_demo", verbosity=0)
    sonneberg = Municipality.objects.get(slug="sonneberg")
    first, second = Assessment.objects.filter(municipality=sonneberg).order_by("closed_at")
    assert first.state == second.state == Assessment.State.CLOSED and second.shared
    assert (second.closed_at - first.closed_at).days >= 360
    assert second.summary["overall"] > first.summary["overall"]  # progress

    size = size_class(sonneberg.population)
    assert size is not None
    peers = Assessment.objects.filter(
        state=Assessment.State.CLOSED, municipality__state=sonneberg.state,
        **{f"municipality__{key}": value for key, value in population_range(size).items()},
    ).exclude(municipality=sonneberg)  # fmt: skip
    assert peers.values("municipality").distinct().count() >= 5

    items = PlanItem.objects.filter(plan=ActionPlan.objects.get(municipality=sonneberg))
    assert {PlanItem.State.DONE, PlanItem.State.IN_PROGRESS, PlanItem.State.PLANNED} <= set(
        items.values_list("state", flat=True)
    )
    assert Assessment.objects.get(municipality__slug="stralsund").is_open
    assert Assessment.objects.get(municipality__slug="potsdam").state == Assessment.State.CLOSED

    html = client.get(reverse("municipality", args=["sonneberg"])).content.decode()
    assert "Standortbestimmung 2026" in html and "Integrationsbeauftragte" in html
    client.login(email="integration@demo.handschlag.example", password="handschlag-demo")
    results = client.get(reverse("assessment:results", args=[second.pk]))
    assert results.status_code == 200
    assert client.get(reverse("assessment:peers", args=[second.pk])).status_code == 200

    before = Assessment.objects.count()
    call_command("load_demo", verbosity=0)
    assert Assessment.objects.count() == before
