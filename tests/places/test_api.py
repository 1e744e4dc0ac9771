import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/municipalities"


def test_list_is_paginated_and_has_the_documented_fields(client):
    MunicipalityFactory.create_batch(25)

    first = client.get(URL).json()
    second = client.get(URL, {"page": 2}).json()

    assert first["count"] == 25 and len(first["items"]) == 20 and len(second["items"]) == 5
    assert set(first["items"][0]) == {
        "name", "slug", "ags", "state", "state_name", "latitude", "longitude", "population",
    }  # fmt: skip
    assert first["items"][0]["state_name"] == "Thüringen"


def test_list_filters_by_name_key_and_state(client):
    MunicipalityFactory(name="Potsdam", ags="12054000", state="BB")
    MunicipalityFactory(name="Pforzheim", ags="08231000", state="BW")

    assert [m["name"] for m in client.get(URL, {"q": "pots"}).json()["items"]] == ["Potsdam"]
    assert [m["name"] for m in client.get(URL, {"q": "0823"}).json()["items"]] == ["Pforzheim"]
    assert [m["name"] for m in client.get(URL, {"state": "BB"}).json()["items"]] == ["Potsdam"]


def test_invalid_state_is_422(client):
    assert client.get(URL, {"state": "XX"}).status_code == 422


def test_detail_and_unknown_key(client):
    MunicipalityFactory(name="Torgau", ags="14730310", state="SN")

    response = client.get(f"{URL}/14730310")
    assert response.status_code == 200 and response.json()["name"] == "Torgau"
    assert client.get(f"{URL}/00000000").status_code == 404


def test_list_query_count_does_not_grow(client):
    MunicipalityFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    MunicipalityFactory.create_batch(30)
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(few) == len(many)
