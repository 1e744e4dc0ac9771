"""Public fragments are cached under the content version: a repeated page runs no queries,
and any change to what it shows is visible on the next request (core/versions.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.organisations import services as organisation_services
from handschlag.promises import services
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_repeated_list_page_comes_from_the_cache(client):
    factories.PromiseFactory.create_batch(3)
    client.get(reverse("promises:list"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("promises:list"))
    assert page.status_code == 200 and len(queries) == 0
    assert page.content.decode().count('class="card"') == 3


def test_taking_a_place_shows_on_the_next_list_and_detail(client):
    promise = factories.PromiseFactory(capacity=2)
    redemption = factories.RedemptionFactory(promise=promise)
    for url in (reverse("promises:list"), promise.get_absolute_url()):
        assert "noch 2 von 2" in client.get(url).content.decode()
    services.accept_application(redemption=redemption, by=promise.owner)  # a guarded UPDATE
    for url in (reverse("promises:list"), promise.get_absolute_url()):
        assert "noch 1 von 2" in client.get(url).content.decode()


def test_a_renamed_organisation_shows_on_the_cards_of_its_promises(client):
    admin = factories.MembershipFactory(role="admin")
    factories.PromiseFactory(organisation=admin.organisation, owner=admin.user)
    assert admin.organisation.name in client.get(reverse("promises:list")).content.decode()
    organisation_services.update_organisation(
        organisation=admin.organisation, by=admin.user, name="Neuer Name e. V."
    )
    assert "Neuer Name e. V." in client.get(reverse("promises:list")).content.decode()


def test_the_cached_promise_is_not_a_way_around_permissions(client):
    """A public promise is cached for everyone; once withdrawn, strangers get 404 again."""
    promise = factories.PromiseFactory()
    assert client.get(promise.get_absolute_url()).status_code == 200
    services.withdraw_promise(promise=promise, by=promise.owner)
    assert client.get(promise.get_absolute_url()).status_code == 404
    assert client_for(promise.owner).get(promise.get_absolute_url()).status_code == 200


def test_the_page_follows_the_language_of_each_visitor(client):
    factories.PromiseFactory()
    german = client.get(reverse("promises:list"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    english = client.get(reverse("promises:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Versprechen gefunden" in german and "found" in english


def test_cards_show_the_verified_badge_and_its_withdrawal_at_once(client, moderator):
    admin = factories.MembershipFactory(role="admin")
    factories.PromiseFactory(organisation=admin.organisation, owner=admin.user)
    badge = '<span class="badge badge-ok">verifiziert</span>'
    assert badge not in client.get(reverse("promises:list")).content.decode()
    organisation_services.set_verified(organisation=admin.organisation, by=moderator, verified=True)
    assert badge in client.get(reverse("promises:list")).content.decode()
    organisation_services.set_verified(
        organisation=admin.organisation, by=moderator, verified=False
    )
    assert badge not in client.get(reverse("promises:list")).content.decode()
