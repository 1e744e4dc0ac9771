"""Public promise API: filters, pagination, 404, 422, constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from handschlag.promises.models import Promise
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/promises"


def test_list_returns_public_promises_with_fields(client):
    organisation = factories.OrganisationFactory(name="Tafel e.V.")
    promise = factories.PromiseFactory(organisation=organisation)
    factories.PromiseFactory(municipality=None, owner__first_name="Anna", owner__last_name="Berg")
    factories.PromiseFactory(state=Promise.State.DRAFT)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    item = next(i for i in body["items"] if i["id"] == promise.pk)
    assert item["promiser"] == "Tafel e.V."
    assert item["municipality"] == {
        "name": promise.municipality.name,
        "ags": promise.municipality.ags,
    }
    assert item["nationwide"] is False
    assert item["url"].endswith(f"/versprechen/{promise.pk}/")
    assert item["remaining_capacity"] == 2 and item["state"] == "published"
    nationwide = next(i for i in body["items"] if i["id"] != promise.pk)
    assert nationwide["nationwide"] is True and nationwide["promiser"] == "Anna B."
    assert "email" not in str(body)


def test_list_filters(client):
    town = factories.MunicipalityFactory(slug="sonneberg")
    factories.PromiseFactory(
        title="Fahrräder", description="Räder", municipality=town, category="equipment"
    )
    far = factories.MunicipalityFactory(slug="hamburg", latitude=53.55, longitude=9.99)
    factories.PromiseFactory(
        title="Kurs", category="language", remaining_capacity=0, municipality=far
    )
    get = lambda **params: [i["title"] for i in client.get(URL, params).json()["items"]]  # noqa: E731
    assert get(municipality="sonneberg") == ["Fahrräder"]
    assert get(category="language") == ["Kurs"]
    assert get(category="language", open="true") == []
    assert get(q="Fahrräder") == ["Fahrräder"]
    assert get(near="sonneberg", radius=5) == ["Fahrräder"]
    assert get(near="hamburg", radius=100, sort="deadline") == ["Kurs"]


def test_pagination(client):
    factories.PromiseFactory.create_batch(23)
    first = client.get(URL).json()
    second = client.get(URL, {"page": 2}).json()
    assert first["count"] == 23 and len(first["items"]) == 20 and len(second["items"]) == 3


@pytest.mark.parametrize(
    "params",
    [{"radius": 7}, {"category": "nonsense"}, {"sort": "cheapest"}, {"open": "vielleicht"}],
)
def test_invalid_filters_are_422(client, params):
    assert client.get(URL, params).status_code == 422


def test_detail_and_404_for_non_public(client):
    promise = factories.PromiseFactory()
    draft = factories.PromiseFactory(state=Promise.State.DRAFT)
    assert client.get(f"{URL}/{promise.pk}").json()["title"] == promise.title
    assert client.get(f"{URL}/{draft.pk}").status_code == 404
    assert client.get(f"{URL}/999999").status_code == 404


def test_list_query_count_is_constant(client):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx)

    factories.PromiseFactory(organisation=factories.OrganisationFactory())
    few = count()
    factories.PromiseFactory.create_batch(5, organisation=factories.OrganisationFactory())
    factories.PromiseFactory.create_batch(5)
    assert count() == few
