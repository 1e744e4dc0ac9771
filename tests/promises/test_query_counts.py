"""Promise pages run a constant number of queries: 3 rows cost as many queries as 20.

The API lists are counted in tests/api/test_query_counts.py.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.promises.models import Redemption
from tests import factories
from tests.conftest import client_for

from .conftest import redemption_in

pytestmark = pytest.mark.django_db


def add_promises(n, town):
    """`n` promises that all match the filters below, with every kind of promiser and place."""
    for i in range(n):
        kind = i % 3
        factories.PromiseFactory(
            title=f"Tablets Nummer {i}",
            category="equipment",
            municipality=town if kind == 0 else factories.MunicipalityFactory(),
            organisation=factories.OrganisationFactory() if kind == 1 else None,
        )
    # and one that matches none of them, so the filters really filter
    factories.PromiseFactory(title="Fahrräder", category="mobility", municipality=None)


def queries_for(client, url, params):
    """Queries of a render that builds its fragments: the cached ones are the cheap case."""
    cache.clear()
    client.get(url, params)  # sessions, content types … warm; then only the fragments go
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response


FILTERS = [
    pytest.param({}, id="unfiltered"),
    pytest.param({"municipality": "sonneberg"}, id="municipality"),
    pytest.param({"near": "sonneberg", "radius": "25"}, id="radius"),
    pytest.param({"category": "equipment"}, id="category"),
    pytest.param({"q": "Tablets"}, id="search"),
    pytest.param({"open": "on", "sort": "deadline"}, id="open-sorted"),
    pytest.param(
        {"q": "Tablets", "category": "equipment", "near": "sonneberg", "radius": "50"},
        id="combined",
    ),
]


@pytest.mark.parametrize("params", FILTERS)
@pytest.mark.parametrize("who", ["anonymous", "user"])
def test_promise_list_page_query_count_is_constant(client, municipality, params, who):
    if who == "user":
        client = client_for(factories.UserFactory())
    url = reverse("promises:list")
    add_promises(3, municipality)
    client.get(url, params)  # warm up per-process caches (content types, sessions)
    few, small = queries_for(client, url, params)
    add_promises(17, municipality)
    many, large = queries_for(client, url, params)
    assert many == few
    shown_small = len(small.context["page_obj"].object_list)
    shown_large = len(large.context["page_obj"].object_list)
    assert shown_large > shown_small >= 1, "the filter must match the new rows"


def test_promise_detail_query_count_does_not_grow_with_applications_reports_or_copies():
    promise = factories.PromiseFactory(organisation=factories.OrganisationFactory())
    # the owner acts for the organisation's promise only as a member: then they see each application
    factories.MembershipFactory(organisation=promise.organisation, user=promise.owner)
    client = client_for(promise.owner)

    def grow(n):
        for _ in range(n):
            factories.RedemptionFactory(
                promise=promise, organisation=factories.OrganisationFactory()
            )
            factories.RedemptionFactory(promise=promise)
            factories.PostFactory(kind="report", promise=promise)
            factories.PromiseFactory(inspired_by=promise, state="draft")

    grow(1)
    client.get(promise.get_absolute_url())
    few, _ = queries_for(client, promise.get_absolute_url(), {})
    grow(8)
    many, response = queries_for(client, promise.get_absolute_url(), {})
    assert many == few
    assert response.content.decode().count("Menge:") == 18


def test_my_page_query_count_does_not_grow():
    user = factories.UserFactory()
    client = client_for(user)

    def grow(n):
        for _ in range(n):
            mine = factories.PromiseFactory(owner=user)
            factories.RedemptionFactory.create_batch(2, promise=mine)
            factories.RedemptionFactory(
                applicant=user, organisation=factories.OrganisationFactory()
            )

    grow(1)
    client.get(reverse("promises:mine"))
    few, _ = queries_for(client, reverse("promises:mine"), {})
    grow(6)
    many, response = queries_for(client, reverse("promises:mine"), {})
    assert many == few and len(response.context["applications"]) == 7


def test_redemption_page_query_count_does_not_grow_with_history_and_photos():
    redemption = redemption_in(Redemption.State.REPORTED, report_text="Bericht")
    moderator = factories.ModeratorFactory()
    client = client_for(redemption.promise.owner)
    factories.ReportPhotoFactory(redemption=redemption)
    redemption.move_to(Redemption.State.DISPUTED, by=moderator)
    client.get(redemption.get_absolute_url())
    few, _ = queries_for(client, redemption.get_absolute_url(), {})
    factories.ReportPhotoFactory.create_batch(4, redemption=redemption)
    redemption.move_to(Redemption.State.IN_PROGRESS, by=redemption.promise.owner)
    redemption.move_to(Redemption.State.REPORTED, by=redemption.applicant)
    many, response = queries_for(client, redemption.get_absolute_url(), {})
    assert many == few and len(response.context["history"]) == 3
    assert len(response.context["redemption"].photos.all()) == 5
