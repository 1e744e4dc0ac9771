"""The needs API (list with filters, detail, constant queries) and the feeds of new needs."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.needs.models import Need

from .factories import NeedFactory, town

pytestmark = pytest.mark.django_db


def test_the_api_lists_published_needs_with_filters(stralsund):
    here = NeedFactory(municipality=stralsund)
    NeedFactory(municipality=town("Weit", km_north=200))
    NeedFactory(municipality=stralsund, category="space")
    NeedFactory(municipality=stralsund, state=Need.State.DRAFT)
    response = Client().get("/api/v1/needs", {"place": "stralsund", "category": "equipment"})
    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["items"]] == [here.pk]
    item = body["items"][0]
    assert item["municipality"]["name"] == "Stralsund"
    assert item["organisation"] == here.organisation.name
    assert item["url"].endswith(here.get_absolute_url())


@pytest.mark.parametrize(
    "params", [{"radius": "7"}, {"category": "nonsense"}, {"place": "x" * 200}, {"page": "0"}]
)
def test_bad_api_parameters_are_422(params):
    assert Client().get("/api/v1/needs", params).status_code == 422


def test_an_unknown_place_gives_an_empty_list(need):
    assert Client().get("/api/v1/needs", {"place": "atlantis"}).json()["count"] == 0


def test_the_api_shows_no_draft(stralsund):
    draft = NeedFactory(municipality=stralsund, state=Need.State.DRAFT)
    assert Client().get(f"/api/v1/needs/{draft.pk}").status_code == 404
    assert Client().get("/api/v1/needs/999999").status_code == 404


def test_the_api_detail(need):
    body = Client().get(f"/api/v1/needs/{need.pk}").json()
    assert (body["title"], body["quantity"], body["unit"]) == (need.title, 5, "Laptops")


def test_the_api_list_runs_a_constant_number_of_queries(stralsund):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert Client().get("/api/v1/needs").status_code == 200
        return len(queries)

    NeedFactory.create_batch(2, municipality=stralsund)
    few = count()
    NeedFactory.create_batch(15, municipality=stralsund)
    assert count() == few


@pytest.mark.parametrize("name", ["needs:rss", "needs:atom"])
def test_the_feeds_show_new_needs_and_survive_control_characters(stralsund, name):
    need = NeedFactory(municipality=stralsund, title="Laptops\x0b für Stralsund")
    NeedFactory(municipality=stralsund, title="Geheimer Entwurf", state=Need.State.DRAFT)
    response = Client().get(reverse(name))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Laptops für Stralsund" in text and need.organisation.name in text
    assert "Geheimer Entwurf" not in text and "\x0b" not in text


def test_the_feed_runs_a_constant_number_of_queries(stralsund):
    def count():
        with CaptureQueriesContext(connection) as queries:
            Client().get(reverse("needs:rss"))
        return len(queries)

    NeedFactory.create_batch(2, municipality=stralsund)
    few = count()
    NeedFactory.create_batch(10, municipality=stralsund)
    assert count() == few
