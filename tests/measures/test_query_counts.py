"""The library runs a constant number of queries: 3 measures cost as many queries as 20, and a
measure with 1 town, report and material as many as one with 9 of each."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.measures import materials, reports
from handschlag.measures.models import Adoption
from tests import factories as base
from tests.conftest import client_for

from .factories import MeasureFactory, texts

pytestmark = pytest.mark.django_db


def add_measures(n, organisation):
    for i in range(n):
        measure = MeasureFactory(
            title=texts(f"Sprachcafé {i}"),
            format="encounter",
            topics=["cohesion"],
            target_groups=["newcomers"],
            effort="low",
            organisation=organisation if i % 2 else None,
        )
        town = base.MunicipalityFactory()
        Adoption.objects.create(
            measure=measure, municipality=town, organisation=base.OrganisationFactory()
        )
    MeasureFactory(title=texts("Fortbildung"), format="training", effort="high")


def queries_for(client, url, params=None):
    client.get(url, params or {})  # sessions, content types … warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries), response


FILTERS = [
    pytest.param({}, id="unfiltered"),
    pytest.param({"q": "Sprachcafé"}, id="search"),
    pytest.param({"format": "encounter", "effort": "low"}, id="format-effort"),
    pytest.param({"topic": "cohesion", "target_group": "newcomers"}, id="topic-group"),
    pytest.param({"q": "sprachcafé", "topic": "cohesion", "effort": "low"}, id="combined"),
]


@pytest.mark.parametrize("params", FILTERS)
@pytest.mark.parametrize("who", ["anonymous", "proposer"])
def test_list_page_query_count_is_constant(cast, client, params, who):
    if who == "proposer":
        client = client_for(cast.proposer)
    url = reverse("measures:list")
    add_measures(3, cast.initiative)
    few, small = queries_for(client, url, params)
    add_measures(17, cast.initiative)
    many, large = queries_for(client, url, params)
    assert many == few
    assert len(large.context["page_obj"].object_list) > len(small.context["page_obj"].object_list)


@pytest.mark.parametrize("params", FILTERS)
def test_api_list_query_count_is_constant(cast, client, params):
    add_measures(3, cast.initiative)
    few, small = queries_for(client, "/api/v1/measures", params)
    add_measures(17, cast.initiative)
    many, large = queries_for(client, "/api/v1/measures", params)
    assert many == few
    assert large.json()["count"] > small.json()["count"]


def grow(cast, n):
    """`n` more towns doing the published measure, each with a report and a material."""
    measure = cast.published
    for i in range(n):
        town = base.MunicipalityFactory()
        organisation = base.OrganisationFactory(
            kind="municipality", is_verified=True, municipality=town
        )
        Adoption.objects.create(measure=measure, municipality=town, organisation=organisation)
        member = base.MembershipFactory(organisation=organisation).user
        post = base.PostFactory(promise=base.PromiseFactory(municipality=town))
        report = reports.add_report(
            measure=measure, organisation=organisation, by=member, note=f"Bericht {i}", post=post
        )
        reports.publish_report(report=report, by=cast.moderator)
        materials.add_material(
            measure=measure,
            by=cast.moderator,
            title=texts(f"Material {i}"),
            upload=SimpleUploadedFile(f"m{i}.pdf", b"%PDF-1.4\n"),
        )


@pytest.mark.parametrize("who", ["anonymous", "stranger", "member", "town_admin", "moderator"])
def test_detail_query_count_does_not_grow_with_towns_reports_or_materials(cast, client, who):
    if who != "anonymous":
        client = client_for(getattr(cast, who))
    url = cast.published.get_absolute_url()
    grow(cast, 1)
    few, _ = queries_for(client, url)
    grow(cast, 8)
    many, response = queries_for(client, url)
    assert many == few
    html = response.content.decode()
    assert html.count('id="bericht-') == 9 and "9 Kommunen machen diese Maßnahme." in html


def test_api_detail_query_count_does_not_grow(cast, client):
    url = f"/api/v1/measures/{cast.published.slug}"
    grow(cast, 1)
    few, _ = queries_for(client, url)
    grow(cast, 8)
    many, response = queries_for(client, url)
    assert many == few
    assert len(response.json()["reports"]) == 9


def test_my_proposals_query_count_does_not_grow(cast):
    client = client_for(cast.proposer)
    few, _ = queries_for(client, reverse("measures:mine"))
    for _ in range(6):
        MeasureFactory(organisation=cast.initiative, state="draft")
    many, response = queries_for(client, reverse("measures:mine"))
    assert many == few and len(response.context["proposals"]) == 10


def test_the_moderation_queue_query_count_does_not_grow(cast):
    client = client_for(cast.moderator)
    url = reverse("moderation:dashboard")
    few, _ = queries_for(client, url, {"queue": "measures"})
    for _ in range(6):
        MeasureFactory(organisation=base.OrganisationFactory(), state="submitted")
    many, _ = queries_for(client, url, {"queue": "measures"})
    assert many == few
