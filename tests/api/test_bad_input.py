"""Bad input on every API list and detail: a 4xx with a JSON body, never a 500.

Each case is its own test, so one failing query cannot hide the next one on PostgreSQL
(where a failed statement aborts the test's transaction).
"""

import pytest

from handschlag.core.pagination import MAX_PAGE
from tests import factories

pytestmark = pytest.mark.django_db

PROMISES, POSTS, TOWNS = "/api/v1/promises", "/api/v1/posts", "/api/v1/municipalities"

REFUSED = [
    (PROMISES, {"q": "\x00"}),
    (PROMISES, {"municipality": "a\x00b"}),
    (PROMISES, {"near": "\x00"}),
    # an unknown place is refused (with similar towns), not silently an empty or national list
    (PROMISES, {"municipality": "gibt-es-nicht"}),
    (PROMISES, {"near": "gibt-es-nicht"}),
    (PROMISES, {"place": "gibt-es-nicht"}),
    (PROMISES, {"page": "0"}),
    (PROMISES, {"page": "-3"}),
    (PROMISES, {"page": "abc"}),
    (PROMISES, {"page": "99999999999999999999"}),
    (PROMISES, {"page": str(MAX_PAGE + 1)}),
    (PROMISES, {"radius": "99999999999999999999"}),
    (PROMISES, {"radius": "-5"}),
    (PROMISES, {"q": "x" * 201}),
    (PROMISES, {"sort": "-pk"}),
    (POSTS, {"page": "99999999999999999999"}),
    (POSTS, {"page": "0"}),
    (POSTS, {"kind": "\x00"}),
    (TOWNS, {"q": "\x00"}),
    (TOWNS, {"page": "99999999999999999999"}),
    (TOWNS, {"state": "<script>"}),
    # issue #7 F5: spellings of a huge page number that pydantic accepts as an integer
    *[
        (url, {"page": page})
        for url in (PROMISES, POSTS, TOWNS)
        for page in (
            "+99999999999999999999",
            "99999999999999999999.0",
            "9_999_999_999_999_999_999",
            " 99999999999999999999",
            "1e30",
        )
    ],
]


@pytest.mark.parametrize(("url", "params"), REFUSED, ids=lambda v: repr(v)[:40])
def test_bad_parameters_are_422_with_a_detail(client, url, params):
    factories.PromiseFactory()
    factories.PostFactory()
    response = client.get(url, params)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


ODD_BUT_VALID = [
    (PROMISES, {"q": "' OR 1=1; --"}),
    (PROMISES, {"q": "&|!():*<>"}),
    (PROMISES, {"q": "   "}),
    (PROMISES, {"page": str(MAX_PAGE)}),
    (POSTS, {"page": "500"}),
    (TOWNS, {"q": "'%_\\"}),
]


@pytest.mark.parametrize(("url", "params"), ODD_BUT_VALID, ids=lambda v: repr(v)[:40])
def test_odd_but_valid_parameters_give_a_list(client, url, params):
    factories.PromiseFactory()
    response = client.get(url, params)
    assert response.status_code == 200
    assert set(response.json()) == {"items", "count"}


def test_a_page_beyond_the_last_is_an_empty_list(client):
    factories.PromiseFactory.create_batch(2)
    body = client.get(PROMISES, {"page": 3}).json()
    assert body == {"items": [], "count": 2}


UNKNOWN = [
    f"{PROMISES}/999999",
    f"{PROMISES}/{2**63 + 7}",
    f"{POSTS}/gibt-es-nicht",
    f"{TOWNS}/00000000",
]


@pytest.mark.parametrize("url", UNKNOWN)
def test_unknown_ids_are_404(client, url):
    factories.PostFactory()
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("url", [f"{POSTS}/a%00b", f"{TOWNS}/%00"])
def test_nul_in_a_path_is_422(client, url):
    assert client.get(url).status_code == 422


def test_non_numeric_promise_id_is_422(client):
    assert client.get(f"{PROMISES}/abc").status_code == 422
