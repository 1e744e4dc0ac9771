import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db
URL = reverse("places:list")


def test_anyone_can_search_municipalities(client, user):
    MunicipalityFactory(name="Stralsund", ags="13073088", state="MV")
    MunicipalityFactory(name="Sonneberg", ags="16072017", state="TH")

    for c in (client, client_for(user)):
        response = c.get(URL, {"q": "stral"})
        assert response.status_code == 200
        assert "Stralsund" in response.text and "Sonneberg" not in response.text
        assert response.text.count("<h1") == 1


def test_state_filter_and_bad_input(client):
    MunicipalityFactory(name="Stralsund", ags="13073088", state="MV")
    MunicipalityFactory(name="Sonneberg", ags="16072017", state="TH")

    assert "Sonneberg" not in client.get(URL, {"state": "MV"}).text
    response = client.get(URL, {"state": "XX", "page": "abc"})
    assert response.status_code == 200 and "errorlist" in response.text


def test_script_in_search_is_escaped(client):
    response = client.get(URL, {"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in response.text


def test_list_is_paginated_with_constant_queries(client):
    MunicipalityFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    MunicipalityFactory.create_batch(40)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert len(few) == len(many)
    assert "Seite 1 von 3" in response.text
