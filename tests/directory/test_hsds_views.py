"""The open data pages and downloads: /portal/<town>/daten/ (hsds.json, hsds.zip, import) and
/portal/daten/ (hsds.zip of all portals). Published portals only; conditional requests get a
304; the import is for the portal's editors, refuses everyone else and changes nothing then."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from handschlag.directory import hsds_nationwide
from handschlag.directory.models import Offer
from tests import factories as base

from . import factories
from .hsds_check import package_errors, service_errors
from .hsds_world import full_offer, world

pytestmark = pytest.mark.django_db


def url(name, portal=None):
    return reverse(f"directory:{name}", args=[portal.municipality.slug] if portal else [])


@pytest.fixture
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def unzip(content: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {name: archive.read(name) for name in archive.namelist()}


def test_the_json_download_is_a_valid_hsds_page(client, portal):
    world(portal, offers=1)
    response = client.get(url("hsds_json", portal))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    assert document["total_items"] == 3
    for service in document["contents"]:
        assert service_errors(service, strict=True) == []
    assert document["x-source"]["url"] == "http://testserver" + url("data", portal)


def test_a_client_that_has_it_gets_a_304(client, portal):
    full_offer(portal)
    first = client.get(url("hsds_json", portal))
    again = client.get(url("hsds_json", portal), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    Offer.objects.filter(portal=portal).update(name="Neu")
    changed = client.get(url("hsds_json", portal), headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_the_zip_download_is_a_valid_tabular_package(client, portal):
    world(portal, offers=1)
    response = client.get(url("hsds_zip", portal))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="hsds-' in response["Content-Disposition"]
    files = unzip(response.content)
    assert package_errors(files) == []
    assert json.loads(files["datapackage.json"])["licenses"][0]["name"] == "dl-de-by-2.0"
    # the same data give the same bytes (and so the same ETag)
    assert client.get(url("hsds_zip", portal))["ETag"] == response["ETag"]


@pytest.mark.parametrize("name", ["hsds_json", "hsds_zip"])
def test_unpublished_and_unknown_portals_have_no_downloads(client, name):
    draft = factories.PortalFactory(published_at=None)
    factories.OfferFactory(portal=draft)
    assert client.get(url(name, draft)).status_code == 404
    assert client.get(reverse(f"directory:{name}", args=["nirgendwo"])).status_code == 404
    assert client.post(url(name, factories.PortalFactory())).status_code == 405


def test_the_download_runs_a_constant_number_of_queries(
    client, portal, django_assert_max_num_queries
):
    full_offer(portal, 0)
    with django_assert_max_num_queries(14) as few:
        client.get(url("hsds_json", portal))
    for n in range(1, 5):
        full_offer(portal, n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert json.loads(client.get(url("hsds_json", portal)).content)["total_items"] == 5


def test_the_nationwide_package_holds_every_published_portal(client, portal, storage):
    full_offer(portal)
    other = factories.PortalFactory()
    factories.OfferFactory(portal=other, name="Sprachcafé Potsdam")
    draft = factories.PortalFactory(published_at=None)
    factories.OfferFactory(portal=draft, name="Geheim")
    response = client.get(url("hsds_nationwide"))
    assert response.status_code == 200
    files = unzip(b"".join(response.streaming_content))
    assert package_errors(files) == []
    names = files["services.csv"].decode()
    assert "Migrationsberatung 0" in names and "Sprachcafé Potsdam" in names
    assert "Geheim" not in names
    # the terms both portals use are in it once
    assert files["taxonomies.csv"].decode().count("handschlag-cost") == 1
    again = client.get(url("hsds_nationwide"), headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_the_nationwide_package_is_rebuilt_when_old(client, portal, storage, monkeypatch):
    first = client.get(url("hsds_nationwide"))["ETag"]
    assert client.get(url("hsds_nationwide"))["ETag"] == first  # not rebuilt while fresh
    later = timezone.now() + hsds_nationwide.MAX_AGE + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(url("hsds_nationwide"))["ETag"] != first
    # the one before stays for readers still downloading it; older ones go
    for _ in range(2):
        later += hsds_nationwide.MAX_AGE * 2
        client.get(url("hsds_nationwide"))
    assert len(list((storage / "opendata").iterdir())) == 2


def test_while_the_first_package_is_built_readers_are_told_to_come_back(
    client, portal, storage, monkeypatch
):
    monkeypatch.setattr(hsds_nationwide, "request_rebuild", lambda: None)  # a worker will do it
    response = client.get(url("hsds_nationwide"))
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "wird erstellt" in response.content.decode()


def test_the_data_page_says_what_is_in_the_data(client, portal, editor):
    full_offer(portal)
    page = client.get(url("data", portal)).content.decode()
    assert url("hsds_json", portal) in page and url("hsds_zip", portal) in page
    assert "x-translations" in page and "handschlag-topics" in page
    assert url("hsds_import", portal) not in page
    client.force_login(editor)
    assert url("hsds_import", portal) in client.get(url("data", portal)).content.decode()


def test_an_unpublished_portals_data_page_is_for_its_editors_only(client, editor, portal):
    portal.published_at = None
    portal.save()
    assert client.get(url("data", portal)).status_code == 404
    client.force_login(editor)
    page = client.get(url("data", portal))
    assert page.status_code == 200 and url("hsds_json", portal) not in page.content.decode()


def test_the_index_lists_published_portals(client, portal):
    draft = factories.PortalFactory(published_at=None)
    page = client.get(url("data_index")).content.decode()
    assert url("data", portal) in page
    assert url("data", draft) not in page
    assert url("hsds_nationwide") in page


def export_of(portal) -> SimpleUploadedFile:
    document = json.dumps({"contents": [s for s in _services(portal)]}).encode()
    return SimpleUploadedFile("angebote.json", document, content_type="application/json")


def _services(portal):
    from handschlag.directory.hsds_export import portal_services

    return portal_services(portal)


def test_the_import_page_checks_first_then_imports(client, editor, portal):
    source = factories.PortalFactory()
    world(source, offers=1)
    client.force_login(editor)
    assert client.get(url("hsds_import", portal)).status_code == 200
    checked = client.post(
        url("hsds_import", portal), {"file": export_of(source), "check_only": "on", "publish": "on"}
    )
    assert checked.status_code == 200
    assert "3 Angebote gelesen" in checked.content.decode()
    assert not Offer.objects.filter(portal=portal).exists()
    done = client.post(url("hsds_import", portal), {"file": export_of(source), "publish": "on"})
    assert done.status_code == 302
    assert Offer.objects.filter(portal=portal, published_at__isnull=False).count() == 3
    assert "3 Angebote gelesen" in client.get(done["Location"]).content.decode()


def test_a_broken_file_is_listed_and_nothing_is_imported(client, editor, portal):
    client.force_login(editor)
    bad = SimpleUploadedFile("x.json", b'[{"id": "1", "name": "Kurs"}]')
    page = client.post(url("hsds_import", portal), {"file": bad})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Nichts übernommen" in text and "id: ist keine UUID" in text and "status: fehlt" in text
    wrong = SimpleUploadedFile("x.pdf", b"%PDF")
    assert (
        "json- oder .zip-Datei"
        in client.post(url("hsds_import", portal), {"file": wrong}).content.decode()
    )
    assert not Offer.objects.filter(portal=portal).exists()


@pytest.mark.parametrize("who", ["outsider", "provider_member", "other_town"])
def test_only_editors_may_import(client, portal, who):
    from handschlag.organisations.models import Membership

    user = base.UserFactory()
    if who == "provider_member":  # edits its own offers, but does not import into the portal
        organisation = base.OrganisationFactory(is_verified=True)
        base.MembershipFactory(user=user, organisation=organisation, role=Membership.Role.ADMIN)
        factories.ProviderFactory(portal=portal, organisation=organisation)
    if who == "other_town":
        other = factories.PortalFactory()
        base.MembershipFactory(
            user=user, organisation=other.organisation, role=Membership.Role.ADMIN
        )
    source = factories.PortalFactory()
    full_offer(source)
    client.force_login(user)
    assert client.get(url("hsds_import", portal)).status_code == 403
    assert client.post(url("hsds_import", portal), {"file": export_of(source)}).status_code == 403
    assert not Offer.objects.filter(portal=portal).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, portal):
    response = client.get(url("hsds_import", portal))
    assert response.status_code == 302 and "login" in response["Location"]
