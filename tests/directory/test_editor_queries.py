"""The editor's pages run a constant number of queries, with one offer or many (each with
topics, a place, translations, reader reports and history)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.directory import offer_locations, offers
from handschlag.directory.models import ReaderReport
from handschlag.directory.translating import translate

from . import factories
from .editor_cast import build_cast

pytestmark = pytest.mark.django_db

# measured (SQLite): session, user, portal, permissions (memberships read once), the page's
# reads, the header's notification count
LIMITS = {
    "editor_home": 16,
    "provider_list": 10,
    "location_list": 12,
    "offer_history": 11,
    "offer_places": 14,
}


def _grow(cast, count):
    """`count` more offers of the provider, each with topics, a place, translations in two
    languages, an open reader report and a few history entries."""
    for number in range(count):
        offer = offers.create_offer(
            portal=cast.portal, by=cast.editor, provider=cast.provider, name=f"Kurs {number}",
            summary="Deutsch am Abend.", topics=["language"], languages=["de", "ar"],
        )  # fmt: skip
        offer_locations.add_offer_location(
            offer=offer, location=factories.LocationFactory(portal=cast.portal), by=cast.editor
        )
        translate(obj=offer, field="name", language="uk", text=f"Курс {number}", by=cast.editor)
        translate(obj=offer, field="summary", language="ar", text="دورة", by=cast.editor)
        ReaderReport.objects.create(offer=offer, reason="address")
        offers.update_offer(offer=cast.own, by=cast.editor, name=f"Migrationsberatung {number}")


def _count(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", list(LIMITS))
@pytest.mark.parametrize("role", ["editor", "provider_member"])
def test_pages_run_a_constant_number_of_queries(client, portal, name, role):
    cast = build_cast(portal)
    client.force_login(getattr(cast, role))
    args = [cast.slug] + ([cast.own.pk] if name.startswith("offer_") else [])
    address = reverse(f"directory:{name}", args=args)
    factories.LocationFactory(portal=cast.portal)  # a place still to pick, as later
    offers.update_offer(offer=cast.own, by=cast.editor, name="Beratung")  # a history
    _count(client, address)  # warm: content types are cached once per process
    few = _count(client, address)
    _grow(cast, 30)
    many = _count(client, address)
    assert many == few, f"{name}: {few} queries with few offers, {many} with many"
    assert many <= LIMITS[name]
