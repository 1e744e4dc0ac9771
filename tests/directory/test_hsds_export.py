"""HSDS 3.0 export: every service object validates against the published schema (vendored in
hsds_schema/), strictly (no field HSDS does not define, except our documented x- extensions);
the tabular package validates against the published datapackage; ids are stable; the export
of a portal runs a constant number of queries."""

import csv
import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone

from handschlag.directory import hsds_tabular
from handschlag.directory.hsds import derived_id, namespace
from handschlag.directory.hsds_export import hsds_document, portal_services
from handschlag.directory.models import HsdsId, Offer

from . import factories
from .hsds_check import datapackage, package_errors, service_errors
from .hsds_world import full_offer, world

pytestmark = pytest.mark.django_db
HERE = Path(__file__).parent


def by_name(services):
    return {service["name"]: service for service in services}


def test_every_service_validates_against_the_hsds_schema(portal):
    world(portal)
    services = portal_services(portal)
    assert len(services) == 4  # the draft is not exported
    for service in services:
        assert service_errors(service) == []
        assert service_errors(service, strict=True) == []


def test_the_validator_refuses_what_hsds_refuses(portal):
    """The check is real: a broken service fails it (negative control); the specification's
    own example passes (positive control)."""
    world(portal, offers=1)
    service = by_name(portal_services(portal))["Migrationsberatung 0"]
    broken = json.loads(json.dumps(service))
    broken["status"] = "open"
    broken["service_at_locations"][0]["location"]["id"] = "haus-1"
    broken["languages"][0]["naem"] = "Deutsch"
    errors = service_errors(broken, strict=True)
    assert len(errors) == 3
    assert any(error.startswith("status:") for error in errors)
    assert any("service_at_locations/0/location/id" in error for error in errors)
    example = json.loads((HERE / "hsds_schema/examples/service_full.json").read_text())
    assert service_errors(example, strict=True) == []


def test_the_service_carries_the_offer(portal):
    offer = full_offer(portal)
    service = portal_services(portal)[0]
    assert service["id"] == str(derived_id("service", offer.pk))
    assert service["name"] == offer.name
    assert service["x-summary"] == offer.summary
    assert service["status"] == "active"
    assert service["email"] == offer.contact_email
    assert service["phones"][0]["number"] == "03675 99999"
    assert service["contacts"][0]["name"] == "Beratungsstelle"
    assert service["minimum_age"] == 18 and service["maximum_age"] == 99
    assert service["assured_date"] == timezone.localdate(offer.last_checked_at).isoformat()
    assert [d["document"] for d in service["required_documents"]] == [
        "Pass oder Ausweis",
        "Aufenthaltstitel",
    ]
    assert service["cost_options"] == [
        {
            "id": service["cost_options"][0]["id"],
            "option": "kostenlos",
            "amount": 0,
            "currency": "EUR",
        }
    ]
    terms = [a["taxonomy_term"] for a in service["attributes"]]
    assert [(t["taxonomy"], t["code"]) for t in terms] == [
        ("handschlag-topics", "counselling"),
        ("handschlag-topics", "asylum"),
        ("handschlag-cost", "free"),
    ]
    assert terms[0]["name"] == "Beratung"  # German, whatever the reader's language
    assert [(lang["code"], lang["name"]) for lang in service["languages"]] == [
        ("ar", "Arabisch"),
        ("de", "Deutsch"),
        ("ru", "Russisch"),
    ]
    organization = service["organization"]
    assert organization["name"] == offer.provider.name
    assert organization["phones"][0]["number"] == "03675 12345"
    house, market = service["service_at_locations"]
    assert house["location"]["addresses"][0] == {
        "id": house["location"]["addresses"][0]["id"],
        "address_1": "Bahnhofstraße 1",
        "city": "Sonneberg",
        "state_province": portal.municipality.get_state_display(),
        "postal_code": "96515",
        "country": "DE",
        "address_type": "physical",
    }
    assert [a["description"] for a in house["location"]["accessibility"]] == [
        "stufenloser Zugang",
        "Aufzug",
        "Klingel am Seiteneingang.",
    ]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in house["schedules"]] == [
        ("MO", "09:00", "12:00"),
        ("TH", "14:00", "17:30"),
    ]
    assert house["schedules"][1]["valid_to"] == "2026-12-31"
    assert house["x-schedule_exceptions"][0] == {
        "starts_on": "2026-07-01",
        "ends_on": "2026-07-01",
        "closed": False,
        "opens_at": "08:00",
        "closes_at": "10:00",
    }
    assert market["x-by_appointment"] is True
    assert "addresses" not in market["location"]
    assert market["location"]["x-address"] == {"city": "Sonneberg"}


def test_translations_come_with_their_status(portal):
    offer = full_offer(portal, languages=("uk",))
    service = portal_services(portal)[0]
    uk = service["x-translations"]["uk"]
    assert uk["name"] == {"text": "Migration counselling 0 [uk]", "status": "current"}
    assert uk["x-summary"] == {"text": "Counselling [uk]", "status": "machine"}
    assert uk["description"] == {
        "text": "We advise you [uk]",
        "status": "outdated",
        "source": "Wir beraten Sie.",
    }
    assert list(service["x-translations"]) == ["uk"]
    assert service["organization"]["x-translations"]["uk"]["description"]["status"] == "current"
    location = service["service_at_locations"][0]["location"]
    assert location["x-translations"]["uk"]["transportation"]["text"].startswith("Bus 2")
    assert location["x-translations"]["uk"]["accessibility"]["status"] == "current"
    # a typo fixed in the German name outdates its translations in the next export
    offer.name = "Migrationsberatung  0!"
    offer.save()
    again = portal_services(portal)[0]["x-translations"]["uk"]["name"]
    assert again["status"] == "outdated" and again["source"] == "Migrationsberatung 0"


def test_status_and_cost_are_mapped(portal):
    world(portal, offers=0)
    services = by_name(portal_services(portal))
    closed, ended = services["Sprachcafé"], services["Nähkurs"]
    assert closed["status"] == "temporarily closed"
    assert closed["x-closed_until"] == "2026-09-01"
    assert closed["alert"] == "Vorübergehend geschlossen bis 01.09.2026."
    assert ended["status"] == "defunct"
    cost = {s["name"]: s["attributes"][-1]["taxonomy_term"]["code"] for s in services.values()}
    assert cost == {"Sprachcafé": "reduced", "Nähkurs": "paid"}
    assert "cost_options" not in closed


def test_ids_are_stable_and_imported_ids_are_kept(portal):
    offer = full_offer(portal)
    first = portal_services(portal)
    assert portal_services(portal) == first
    kept = uuid.uuid4()
    HsdsId.objects.create(portal=portal, kind="service", object_id=offer.pk, hsds_id=kept)
    assert portal_services(portal)[0]["id"] == str(kept)
    with override_settings(SITE_URL="https://other.example"):
        assert namespace() != uuid.uuid5(uuid.NAMESPACE_URL, "http://testserver/hsds/")
        other = portal_services(portal)[0]
        assert other["organization"]["id"] != first[0]["organization"]["id"]


def test_only_this_portals_published_offers(portal):
    world(portal, offers=1)
    factories.OfferFactory()  # another portal
    names = {service["name"] for service in portal_services(portal)}
    assert names == {"Migrationsberatung 0", "Sprachcafé", "Nähkurs"}


def test_the_document_is_an_hsds_page(portal):
    world(portal, offers=1)
    document = hsds_document(portal, url="http://testserver/portal/x/daten/hsds.json")
    assert document["total_items"] == document["size"] == 3
    assert document["first_page"] and document["last_page"] and not document["empty"]
    assert document["x-source"]["hsds_version"] == "3.0"


def test_the_tabular_package_validates_against_the_hsds_datapackage(portal):
    world(portal)
    out = io.BytesIO()
    package = hsds_tabular.datapackage(name="test", title="Test", homepage="http://x")
    hsds_tabular.write_package(out, portal_services(portal), package=package)
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    files = {name: archive.read(name) for name in archive.namelist()}
    assert package_errors(files) == []
    assert set(files) == {"datapackage.json"} | {path for path, *_ in hsds_tabular.TABLES.values()}
    services = list(csv.DictReader(io.StringIO(files["services.csv"].decode())))
    assert len(services) == 4
    # our field lists and types are those of the specification
    official = {r["name"]: r for r in datapackage()["resources"]}
    for resource in json.loads(files["datapackage.json"])["resources"]:
        ours = [(f["name"], f["type"]) for f in resource["schema"]["fields"]]
        theirs = [(f["name"], f["type"]) for f in official[resource["name"]]["schema"]["fields"]]
        assert [field for field in ours if not field[0].startswith("x-")] == theirs
        assert resource["path"] == official[resource["name"]]["path"]


def table(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_the_package_check_finds_broken_tables(portal):
    """Negative control of package_errors: a required value missing, a dangling key, a
    column HSDS does not know."""
    world(portal, offers=1)
    out = io.BytesIO()
    package = hsds_tabular.datapackage(name="test", title="Test", homepage="http://x")
    hsds_tabular.write_package(out, portal_services(portal), package=package)
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    files = {name: archive.read(name) for name in archive.namelist()}
    rows = list(csv.DictReader(io.StringIO(files["services.csv"].decode())))
    rows[0]["status"] = ""
    rows = [{("programme_id" if k == "program_id" else k): v for k, v in r.items()} for r in rows]
    files["services.csv"] = table(rows)
    phones = list(csv.DictReader(io.StringIO(files["phones.csv"].decode())))
    phones[0]["organization_id"] = str(uuid.uuid4())
    files["phones.csv"] = table(phones)
    errors = package_errors(files)
    assert any("programme_id is not an HSDS field" in e for e in errors)
    assert any("status is required" in e for e in errors)
    assert any("is in no organization row" in e for e in errors)


def test_the_export_runs_a_constant_number_of_queries(portal, django_assert_max_num_queries):
    full_offer(portal, 0)
    with django_assert_max_num_queries(12) as few:
        portal_services(portal)
    for n in range(1, 6):
        full_offer(portal, n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(portal_services(portal)) == 6


def test_ended_offers_are_defunct_and_unpublished_never_exported(portal):
    offer = factories.OfferFactory(portal=portal, status=Offer.Status.ENDED)
    factories.OfferFactory(portal=portal, published_at=None)
    assert [s["id"] for s in portal_services(portal)] == [str(derived_id("service", offer.pk))]
