"""Machine translation fills missing sections, marked machine-translated; it never overwrites
what a person translated, and is off unless a backend is configured."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from handschlag.directory.machine import LibreTranslate, fill_missing, portal_objects
from handschlag.directory.models import Translation
from handschlag.directory.tasks import machine_translate_portal
from handschlag.directory.translating import translate
from handschlag.directory.translation import Status, section_statuses

from . import factories
from .mt_backend import TaggingBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(portal):
    return factories.OfferFactory(portal=portal, eligibility="", required_documents="")


def test_missing_sections_are_filled_as_machine_translations(offer, editor):
    translate(obj=offer, field="name", language="uk", text="Курс німецької", by=editor)
    filled = fill_missing(objects=[offer], languages=["uk"], backend=TaggingBackend())
    assert filled == 2  # summary and description; the name was translated by a person
    statuses = section_statuses(offer, ["uk"])["uk"]
    assert statuses == {
        "name": Status.CURRENT, "summary": Status.MACHINE, "description": Status.MACHINE
    }  # fmt: skip
    name = Translation.objects.get(object_id=offer.pk, field="name", language="uk")
    assert name.text == "Курс німецької"
    summary = Translation.objects.get(object_id=offer.pk, field="summary", language="uk")
    assert summary.text == f"[uk] {offer.summary}"


def test_outdated_human_translations_are_left_for_people(offer, editor):
    translate(obj=offer, field="summary", language="ar", text="دورة مسائية", by=editor)
    offer.summary = "Ganz neuer Text."
    offer.save()
    fill_missing(objects=[offer], languages=["ar"], backend=TaggingBackend())
    row = Translation.objects.get(object_id=offer.pk, field="summary", language="ar")
    assert row.text == "دورة مسائية"
    assert section_statuses(offer, ["ar"])["ar"]["summary"] == Status.OUTDATED


def test_languages_the_backend_lacks_stay_missing(offer):
    assert fill_missing(objects=[offer], languages=["fa"], backend=TaggingBackend()) == 0
    assert set(section_statuses(offer, ["fa"])["fa"].values()) == {Status.MISSING}


def test_nothing_happens_without_a_configured_backend(offer, settings):
    settings.DIRECTORY_MT_BACKEND = ""
    assert fill_missing(objects=[offer]) == 0
    assert machine_translate_portal.call(offer.portal_id) == 0
    assert not Translation.objects.exists()


def test_the_task_uses_the_backend_from_settings(offer, settings):
    settings.DIRECTORY_MT_BACKEND = "tests.directory.mt_backend.TaggingBackend"
    filled = machine_translate_portal.call(offer.portal_id)
    # portal welcome, provider description, offer name/summary/description: 5 sections × 5 languages
    assert filled == 5 * 5
    assert not Translation.objects.filter(language="fa").exists()
    assert len(list(portal_objects(offer.portal))) == 3


class _LibreTranslateStub(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self):
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _LibreTranslateStub.received.append({"path": self.path, **payload})
        body = json.dumps({"translatedText": [f"<{t}>" for t in payload["q"]]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_libretranslate_speaks_its_http_api():
    server = HTTPServer(("127.0.0.1", 0), _LibreTranslateStub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        backend = LibreTranslate(url=f"http://127.0.0.1:{server.server_port}/", key="k")
        assert backend.translate(["Hallo", "Welt"], source="de", target="uk") == [
            "<Hallo>",
            "<Welt>",
        ]
    finally:
        server.shutdown()
    assert _LibreTranslateStub.received == [
        {"path": "/translate", "q": ["Hallo", "Welt"], "source": "de", "target": "uk",
         "format": "text", "api_key": "k"}
    ]  # fmt: skip
