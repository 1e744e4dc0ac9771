"""Every API list runs a constant number of queries: 3 rows cost as many queries as 20."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


def add_promises(n):
    town = factories.MunicipalityFactory(slug="sonneberg", ags="16072017")
    for i in range(n):
        kind = i % 3
        factories.PromiseFactory(
            title=f"Tablets {i}",
            municipality=town
            if kind == 0
            else (None if kind == 1 else factories.MunicipalityFactory()),
            organisation=factories.OrganisationFactory() if kind != 2 else None,
        )


def add_posts(n):
    for i in range(n):
        factories.PostFactory(
            kind="report" if i % 2 else "editorial",
            promise=factories.PromiseFactory() if i % 3 else None,
        )


def add_towns(n):
    factories.MunicipalityFactory.create_batch(n)


PROMISES, POSTS, TOWNS = "/api/v1/promises", "/api/v1/posts", "/api/v1/municipalities"
LISTS = {
    "promises": (PROMISES, {}, add_promises),
    "promises-municipality": (PROMISES, {"municipality": "sonneberg"}, add_promises),
    "promises-radius": (PROMISES, {"near": "sonneberg", "radius": 25}, add_promises),
    "promises-category": (PROMISES, {"category": "equipment", "open": "true"}, add_promises),
    "promises-search": (PROMISES, {"q": "Tablets", "sort": "deadline"}, add_promises),
    "posts": (POSTS, {}, add_posts),
    "posts-reports": (POSTS, {"kind": "report"}, add_posts),
    "municipalities": (TOWNS, {}, add_towns),
    "municipalities-filtered": (TOWNS, {"state": "TH", "q": "Muster"}, add_towns),
}


def counted(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), len(response.json()["items"])


@pytest.mark.parametrize(("url", "params", "add"), LISTS.values(), ids=LISTS.keys())
def test_api_list_query_count_is_constant(client, url, params, add):
    add(3)
    client.get(url, params)  # warm up per-process caches
    few, items_few = counted(client, url, params)
    add(17)
    many, items_many = counted(client, url, params)
    assert many == few
    assert items_many > items_few >= 1, "the filter must match the new rows"
