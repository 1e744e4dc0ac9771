"""Public promise API: filters (the same as the list page's), pagination, 404, 422, query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from handschlag.promises import selectors
from handschlag.promises.api import PromiseQuery
from handschlag.promises.filters import PromiseFilters
from handschlag.promises.forms import PromiseFilterForm
from handschlag.promises.models import Category, Promise
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


# --- one PromiseFilters for the list page and the API -----------------------------------------

SAME_FILTERS = [
    pytest.param({}, PromiseFilters(), id="none"),
    pytest.param(
        {"municipality": "sonneberg"}, PromiseFilters(municipality="sonneberg"), id="municipality"
    ),
    pytest.param(
        {"near": "sonneberg", "radius": "50"},
        PromiseFilters(near="sonneberg", radius_km=50),
        id="near",
    ),
    pytest.param({"near": "sonneberg"}, PromiseFilters(near="sonneberg"), id="near-default-radius"),
    pytest.param(
        {"category": "language", "open": "true"},
        PromiseFilters(category=Category.LANGUAGE, open_only=True),
        id="category-open",
    ),
    pytest.param({"q": "Tablets"}, PromiseFilters(q="Tablets"), id="search"),
    pytest.param({"q": "  "}, PromiseFilters(), id="blank-search"),
    pytest.param({"sort": "deadline"}, PromiseFilters(sort="deadline"), id="sort"),
    pytest.param(
        {"near": "coburg", "radius": "25", "open": "true", "sort": "remaining"},
        PromiseFilters(near="coburg", open_only=True, sort="remaining"),
        id="combined",
    ),
]


@pytest.fixture
def listed_world():
    sonneberg = factories.MunicipalityFactory(
        name="Sonneberg", slug="sonneberg", latitude=50.3597, longitude=11.1744
    )
    coburg = factories.MunicipalityFactory(
        name="Coburg", slug="coburg", latitude=50.2612, longitude=10.9627
    )
    erfurt = factories.MunicipalityFactory(
        name="Erfurt", slug="erfurt", latitude=50.9787, longitude=11.0328
    )
    today = timezone.localdate()
    for i, (town, category) in enumerate(
        [(sonneberg, "language"), (coburg, "equipment"), (erfurt, "language"), (None, "jobs")]
    ):
        factories.PromiseFactory(
            title=f"Tablets {i}", municipality=town, category=category,
            deadline=today + datetime.timedelta(days=30 - i), capacity=i + 1,
        )  # fmt: skip
        factories.PromiseFactory(
            title=f"Kurs {i}", municipality=town, category=category, remaining_capacity=0,
            deadline=today + datetime.timedelta(days=10 + i),
        )  # fmt: skip
    factories.PromiseFactory(title="Tablets alt", state=Promise.State.EXPIRED, municipality=coburg)


@pytest.mark.parametrize(("params", "expected"), SAME_FILTERS)
def test_form_and_api_query_give_the_same_filters(params, expected, listed_world):
    form = PromiseFilterForm(params)
    assert form.filters() == expected
    assert PromiseQuery(**params).to_filters() == expected


@pytest.mark.parametrize(("params", "expected"), SAME_FILTERS)
def test_list_page_and_api_list_the_same_promises(client, listed_world, params, expected):
    page = client.get(reverse("promises:list"), params)
    api = client.get(URL, params)
    assert page.status_code == 200 and api.status_code == 200
    on_page = [promise.pk for promise in page.context["page_obj"]]
    in_api = [item["id"] for item in api.json()["items"]]
    assert on_page == in_api == [p.pk for p in selectors.promise_list(filters=expected)]


def test_invalid_form_filters_are_the_defaults(municipality):
    for params in ({"radius": "7"}, {"sort": "evil"}, {"near": "atlantis"}):
        assert PromiseFilterForm(params).filters() == PromiseFilters()
    assert PromiseFilterForm().filters() == PromiseFilters()  # unbound


def test_promise_filters_refuse_what_the_list_does_not_offer():
    for bad in ({"radius_km": 7}, {"sort": "-pk"}, {"category": "evil"}):
        with pytest.raises(ValueError):
            PromiseFilters(**bad)
    assert PromiseFilters(category="language").category is Category.LANGUAGE
