"""HSDS 3.0 import: the export of a portal imported into an empty portal gives back the same
offers (fields, topics, languages, places, opening hours, translations with their status),
from the JSON and from the tabular package alike; a file with mistakes is refused as a whole
with every mistake named (file, line or position, field); nothing is half-imported."""

import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from handschlag.audit.models import AuditEntry
from handschlag.directory import hsds_tabular
from handschlag.directory.hsds_export import hsds_document, portal_services
from handschlag.directory.hsds_import import import_hsds
from handschlag.directory.hsds_input import ImportInvalid
from handschlag.directory.models import (
    Location,
    Offer,
    OfferLocation,
    Portal,
    Provider,
    Schedule,
    Translation,
)
from handschlag.directory.translation import localize
from tests import factories as base

from . import factories
from .hsds_world import full_offer, world

pytestmark = pytest.mark.django_db


def as_json(portal: Portal) -> bytes:
    return json.dumps(hsds_document(portal)).encode()


def as_zip(portal: Portal) -> bytes:
    out = io.BytesIO()
    package = hsds_tabular.datapackage(name="t", title="t", homepage="http://x")
    hsds_tabular.write_package(out, portal_services(portal), package=package)
    return out.getvalue()


def snapshot(portal: Portal) -> dict:
    """Everything a reader sees of a portal's published offers, without ids and dates of
    this database."""
    result = {}
    offers = Offer.objects.filter(portal=portal, published_at__isnull=False).order_by("name")
    for offer in offers:
        places = []
        for place in offer.offer_locations.select_related("location").order_by("location__name"):
            loc = place.location
            places.append(
                {
                    "location": [
                        loc.name,
                        loc.street,
                        loc.postcode,
                        loc.city,
                        loc.latitude,
                        loc.longitude,
                        loc.directions,
                        loc.accessibility,
                        loc.accessibility_note,
                    ],
                    "by_appointment": place.by_appointment,
                    "hours": sorted(
                        (s.weekday, s.opens_at, s.closes_at, s.valid_from, s.valid_to)
                        for s in place.schedules.all()
                    ),
                    "exceptions": sorted(
                        (e.starts_on, e.ends_on, e.closed, e.opens_at, e.closes_at, e.note)
                        for e in place.exceptions.all()
                    ),
                }
            )
        fields = [
            "name",
            "summary",
            "description",
            "eligibility",
            "required_documents",
            "cost",
            "cost_note",
            "min_age",
            "max_age",
            "website",
            "contact_name",
            "contact_phone",
            "contact_email",
            "status",
            "closed_until",
        ]
        provider = offer.provider
        result[offer.name] = {
            **{name: getattr(offer, name) for name in fields},
            "checked": timezone.localdate(offer.last_checked_at) if offer.last_checked_at else None,
            "provider": [
                provider.name,
                provider.description,
                provider.email,
                provider.website,
                provider.phone,
            ],
            "topics": sorted(offer.topic_rows.values_list("topic", flat=True)),
            "languages": sorted(offer.language_rows.values_list("language", flat=True)),
            "places": places,
            "translations": translations(
                offer, provider, *[p.location for p in offer.offer_locations.all()]
            ),
        }
    return result


def translations(*objects) -> list:
    found = []
    for language in ("en", "ar", "uk"):
        localize(objects, language)
        for obj in objects:
            for field, section in obj.localized.items():
                if section.is_translation:
                    found.append(
                        (type(obj).__name__, field, language, section.text, section.status)
                    )
    return sorted(found)


@pytest.fixture
def source(portal):
    world(portal)
    return portal


@pytest.fixture
def empty(db):
    return factories.PortalFactory()


@pytest.mark.parametrize("encode", [as_json, as_zip], ids=["json", "zip"])
def test_export_then_import_gives_the_same_offers(source, empty, encode):
    result = import_hsds(portal=empty, content=encode(source), name="hsds", by=None)
    assert result.offers == 4
    assert result.created == {"offers": 4, "providers": 4, "locations": 4}
    assert result.warnings == []
    assert snapshot(empty) == snapshot(source)
    # and the import's export is the source's export, ids included
    again, first = portal_services(empty), portal_services(source)
    for services in (again, first):
        for service in services:
            service.pop("last_modified")
    assert again == first


def test_importing_again_changes_nothing(source, empty):
    content = as_json(source)
    import_hsds(portal=empty, content=content, name="hsds", by=None)
    counts = (
        Offer.objects.count(),
        Location.objects.count(),
        Schedule.objects.count(),
        Translation.objects.count(),
        AuditEntry.objects.count(),
    )
    result = import_hsds(portal=empty, content=content, name="hsds", by=None)
    assert result.created == {} and result.updated == {}
    assert (
        Offer.objects.count(),
        Location.objects.count(),
        Schedule.objects.count(),
        Translation.objects.count(),
        AuditEntry.objects.count(),
    ) == (
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4] + 1,  # the import itself
    )


def test_reimport_into_its_own_portal_updates_in_place(portal, editor):
    offer = full_offer(portal)
    document = hsds_document(portal)
    service = document["contents"][0]
    service["name"] = "Migrationsberatung für Erwachsene"
    service["attributes"] = [
        a for a in service["attributes"] if a["taxonomy_term"]["code"] != "asylum"
    ]
    house = service["service_at_locations"][0]
    house["schedules"] = house["schedules"][:1]
    house["schedules"][0]["closes_at"] = "13:00"
    service["service_at_locations"] = [house]
    result = import_hsds(
        portal=portal, content=json.dumps(document).encode(), name="f.json", by=editor
    )
    assert result.created == {} and result.updated == {"offers": 1}
    offer.refresh_from_db()
    assert offer.name == "Migrationsberatung für Erwachsene"
    assert list(offer.topic_rows.values_list("topic", flat=True)) == ["counselling"]
    assert offer.offer_locations.count() == 1
    assert [
        (s.weekday, str(s.closes_at)) for s in Schedule.objects.filter(offer_location__offer=offer)
    ] == [(0, "13:00:00")]
    assert Offer.objects.filter(portal=portal).count() == 1
    # every change is in the log, with before and after
    changes = [
        e.details["changed"]
        for e in AuditEntry.objects.filter(
            verb="directory.offer_changed", object_id=offer.pk
        ).order_by("pk")
    ]
    assert {"name"} <= set(changes[0]) and changes[0]["name"][1].endswith("Erwachsene")
    assert changes[1]["topics"] == [["asylum", "counselling"], ["counselling"]]
    assert "locations" in changes[1] and "schedules" in changes[1]
    # its translations of the old name are outdated now, not lost
    localize([offer], "en")
    assert offer.localized["name"].is_outdated


def test_a_file_with_mistakes_is_refused_whole(source, empty):
    document = hsds_document(source)
    document["contents"][1]["status"] = "open"
    document["contents"][2]["service_at_locations"] = [
        {
            "id": "nope",
            "location": {
                "id": "8d4c0a4e-4a43-4c64-9ef1-0cd3f5e4d1aa",
                "location_type": "physical",
                "latitude": "north",
            },
        }
    ]
    with pytest.raises(ImportInvalid) as refused:
        import_hsds(portal=empty, content=json.dumps(document).encode(), name="f.json", by=None)
    problems = refused.value.problems
    assert any(
        p.startswith("f.json [1]") and "status: muss einer dieser Werte" in p for p in problems
    )
    assert any(
        p.startswith("f.json [2]") and "service_at_locations → 0 → id: ist keine UUID" in p
        for p in problems
    )
    assert any("location → latitude: muss eine Zahl sein" in p for p in problems)
    assert Offer.objects.filter(portal=empty).count() == 0
    assert Provider.objects.filter(portal=empty).count() == 0


def test_csv_mistakes_name_the_line(source, empty):
    archive = zipfile.ZipFile(io.BytesIO(as_zip(source)))
    files = {name: archive.read(name) for name in archive.namelist()}
    files["services.csv"] = files["services.csv"].replace(b",defunct,", b",closed,")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as changed:
        for name, content in files.items():
            changed.writestr(name, content)
    with pytest.raises(ImportInvalid) as refused:
        import_hsds(portal=empty, content=out.getvalue(), name="daten.zip", by=None)
    [problem] = refused.value.problems
    assert problem.startswith("services.csv:") and "(„Nähkurs“): status:" in problem


def test_broken_json_names_line_and_column(empty):
    with pytest.raises(ImportInvalid) as refused:
        import_hsds(portal=empty, content=b'{"contents": [\n  {"id": }]}', name="x.json", by=None)
    assert refused.value.problems == [
        "x.json, Zeile 2, Spalte 10: kein gültiges JSON (Expecting value)"
    ]
    for content in (b"PK\x03\x04broken", b"[]", b'"text"'):
        with pytest.raises(ImportInvalid):
            import_hsds(portal=empty, content=content, name="x", by=None)


def test_a_failure_while_writing_leaves_nothing(source, empty, monkeypatch):
    """All or nothing: a failure after the first offers were written rolls them back."""
    from handschlag.directory import hsds_import

    calls = []

    def failing(self, offer, given, fresh, where):
        calls.append(offer)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(self, offer, given, fresh, where)

    original = hsds_import._Importer.places
    monkeypatch.setattr(hsds_import._Importer, "places", failing)
    with pytest.raises(RuntimeError):
        import_hsds(portal=empty, content=as_json(source), name="f", by=None)
    assert not Offer.objects.filter(portal=empty).exists()
    assert not Provider.objects.filter(portal=empty).exists()
    assert not OfferLocation.objects.filter(offer__portal=empty).exists()


def test_a_dry_run_writes_nothing(source, empty):
    result = import_hsds(portal=empty, content=as_json(source), name="f", by=None, dry_run=True)
    assert result.dry_run and result.created["offers"] == 4
    assert not Offer.objects.filter(portal=empty).exists()


def test_only_portal_editors_import(source, empty):
    outsider = base.UserFactory()
    with pytest.raises(PermissionDenied):
        import_hsds(portal=empty, content=as_json(source), name="f", by=outsider)
    assert not Offer.objects.filter(portal=empty).exists()


def test_new_offers_can_stay_unpublished(source, empty):
    import_hsds(portal=empty, content=as_json(source), name="f", by=None, publish=False)
    assert Offer.objects.filter(portal=empty).count() == 4
    assert not Offer.objects.filter(portal=empty, published_at__isnull=False).exists()


def test_foreign_hsds_data_is_taken_in(empty):
    """The specification's own example (from the UK): what fits is taken, the rest is said."""
    from pathlib import Path

    example = (Path(__file__).parent / "hsds_schema/examples/service_full.json").read_bytes()
    with pytest.raises(ImportInvalid) as refused:  # a British postcode does not fit
        import_hsds(portal=empty, content=example, name="example.json", by=None)
    assert any(
        "postal_code: ist zu lang (höchstens 5 Zeichen)" in p for p in refused.value.problems
    )
    data = json.loads(example)
    for place in data["service_at_locations"]:
        for address in place["location"]["addresses"]:
            address["postal_code"] = "96515"
        place["location"]["latitude"], place["location"]["longitude"] = 50.3, 11.1
    result = import_hsds(portal=empty, content=json.dumps(data).encode(), name="e.json", by=None)
    assert result.created["offers"] == 1
    offer = Offer.objects.get(portal=empty)
    assert offer.name == "Community Counselling"
    assert offer.summary.startswith("Counselling Services provided by trained professionals")
    assert list(offer.language_rows.values_list("language", flat=True)) == ["ur"]
    assert offer.cost == "paid"  # a cost option of 35 GBP
    place = offer.offer_locations.get()
    assert place.location.street == "1-30 Main Street"
    # weekly on "TH,FR": one opening time per day
    assert sorted(place.schedules.values_list("weekday", flat=True)) == [3, 4]
    assert any("Zeitplan des ganzen Angebots" in warning for warning in result.warnings)


def test_the_command_imports_a_file(source, empty, tmp_path):
    path = tmp_path / "hsds.zip"
    path.write_bytes(as_zip(source))
    out = io.StringIO()
    call_command("import_hsds", empty.municipality.slug, str(path), stdout=out)
    assert "4 Angebote" in out.getvalue()
    assert snapshot(empty) == snapshot(source)
    with pytest.raises(CommandError, match="status"):
        bad = tmp_path / "bad.json"
        document = hsds_document(source)
        document["contents"][0]["status"] = "?"
        bad.write_text(json.dumps(document))
        call_command("import_hsds", empty.municipality.slug, str(bad))
    with pytest.raises(CommandError):
        call_command("import_hsds", "no-such-town", str(path))


def test_one_id_for_two_things_is_said_not_a_crash(source, empty):
    document = hsds_document(source)
    first, second = document["contents"][:2]
    second["service_at_locations"] = [dict(first["service_at_locations"][0])]
    second["service_at_locations"][0]["location"] = dict(
        first["service_at_locations"][0]["location"], id="6e0a54b6-4f4b-4ad6-9f8e-2c1f6b1d7a11"
    )
    result = import_hsds(portal=empty, content=json.dumps(document).encode(), name="f", by=None)
    assert any("steht mehrfach in der Datei" in warning for warning in result.warnings)
    assert Offer.objects.filter(portal=empty).count() == 4


def test_a_language_code_that_does_not_fit_is_named(empty, source):
    document = hsds_document(source)
    document["contents"][0]["languages"] = [
        {"id": "6e0a54b6-4f4b-4ad6-9f8e-2c1f6b1d7a12", "code": "de-Latn-DE-1996"}
    ]
    with pytest.raises(ImportInvalid) as refused:
        import_hsds(portal=empty, content=json.dumps(document).encode(), name="f", by=None)
    assert any(
        "languages → 0 → code: hat nicht die erwartete Form" in p for p in refused.value.problems
    )
