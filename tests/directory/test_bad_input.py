"""Hostile and clumsy requests to the newcomer portal (issue #12): every reader page, the
read API, the keep pages (share, report, check token, short links, guide PDF), the HSDS
import and the editor's forms. Each answer is a 4xx, or a 200 that says what was wrong in
the reader's language — never a 500 — and a refused write changes nothing.

One small world for the whole module (built once, rolled back at the end); each test runs
in its own savepoint on top of it.
"""

from __future__ import annotations

import copy
import datetime
import io
import json
import zipfile
from types import SimpleNamespace
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from handschlag.audit.models import AuditEntry
from handschlag.directory import hsds_input, keeping
from handschlag.directory.hsds_export import hsds_document
from handschlag.directory.models import (
    HsdsId,
    Location,
    Offer,
    OfferCheck,
    Provider,
    ReaderReport,
    ShortLink,
    Translation,
)
from handschlag.organisations.models import Membership
from tests import factories as base
from tests.conftest import client_for

from . import factories
from .editor_cast import hours_data, offer_data, snapshot
from .hsds_world import full_offer
from .public_world import build_public_world

BIG = "9" * 31  # 10**30 and more


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        made = build_public_world()
        other = factories.PortalFactory()
        source = factories.PortalFactory()
        full_offer(source)
        importer = base.UserFactory()
        base.MembershipFactory(
            user=importer, organisation=made.portal.organisation, role=Membership.Role.ADMIN
        )
        yield SimpleNamespace(
            **vars(made),
            slug=made.town.slug,
            other_offer=factories.OfferFactory(portal=other),
            importer=importer,
            service=hsds_document(source)["contents"][0],
        )
        transaction.set_rollback(True)


@pytest.fixture
def w(world, db):
    return world


def reader_urls(w) -> dict[str, str]:
    slug = w.slug
    return {
        "index": reverse("directory:index"),
        "home": reverse("directory:portal", args=[slug]),
        "offers": reverse("directory:offers", args=[slug]),
        "offer": w.course.get_absolute_url(),
        "guides": reverse("directory:guides", args=[slug]),
        "guide": w.guide.get_absolute_url(),
        "data": reverse("directory:data", args=[slug]),
    }


def api(w, rest: str = "") -> str:
    return f"/api/v1/directory/portals/{w.slug}{rest}"


HOSTILE_QUERIES = [
    "page=abc", "page=-1", f"page={BIG}", "page=0", "page=1e309", "page=1&page=2",
    "topic=nonsense", "topic=language&topic=nonsense", "language=xx", "language=de&language=zz",
    "q=" + "a" * 5000, "q=%00", "q=a%00b", "q=%20%20%20", "q=%F0%9F%98%80%F0%9F%99%88",
    "q=%27%3B+DROP+TABLE+directory_offer%3B--", "q=%25_%25", "q=%D8%AF%D9%88%D8%B1%D8%A9",
    "q=%FF%FE", "q=a&q=b", "place=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "place=%00",
    "place=" + "x" * 5000, "place=00000", "place=Sonneberg&place=Lauscha",
    "place=Sonneberg&radius=1e309", "place=Sonneberg&radius=nan", "place=Sonneberg&radius=-5",
    f"radius={BIG}", "lang=xx", "lang=%00", "original=yes", "original=1&original=0",
]  # fmt: skip


# --- the reader's pages ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["index", "home", "offers", "offer", "guides", "guide", "data"])
def test_every_reader_page_answers_any_query_string(w, client, name):
    url = reader_urls(w)[name]
    # the list, where the filters are, also in Arabic (right to left, its own catalogue)
    for query in HOSTILE_QUERIES:
        for language in ("de", "ar") if name == "offers" else ("de",):
            response = client.get(f"{url}?{query}", HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, (query, language)


# Django's own messages, as each language's catalogue has them (the part before the value)
INVALID_CHOICE = forms.ChoiceField.default_error_messages["invalid_choice"]
NUL = ProhibitNullCharactersValidator.message
REQUIRED = forms.Field.default_error_messages["required"]
TOO_LONG = MaxLengthValidator.message


def message_in(language: str, message: Any) -> str:
    """The message as a reader in `language` reads it, up to its first value, HTML-escaped."""
    with translation.override(language):
        text = gettext(message) if isinstance(message, str) else str(message)
    return escape(text.split("%(")[0].strip())


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("topic=nonsense", INVALID_CHOICE),
        ("language=xx", INVALID_CHOICE),
        ("place=Sonneberg&radius=-5", INVALID_CHOICE),
        ("q=" + "a" * 5000, TOO_LONG),
        ("q=a%00b", NUL),
        ("place=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Diesen Ort kennen wir nicht."),
        ("place=00000", "Zu dieser Postleitzahl kennen wir keinen Ort mit Angeboten."),
    ],
)  # fmt: skip
def test_a_bad_filter_is_explained_in_the_readers_language(w, client, query, message):
    url = reader_urls(w)["offers"]
    for language in ("de", "ar"):
        text = message_in(language, message)
        response = client.get(f"{url}?{query}", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        assert text in response.content.decode(), (query, language)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (lambda w: f"/portal/{w.slug}/angebote/999999/", 404),
        (lambda w: f"/portal/{w.slug}/angebote/{BIG}/", 404),
        (lambda w: f"/portal/{w.slug}/angebote/{w.other_offer.pk}/", 404),  # another town's
        (lambda w: f"/portal/{w.slug}/angebote/{w.unpublished.pk}/", 404),
        (lambda w: f"/portal/{w.slug}/angebote/{w.ended.pk}/", 410),
        (lambda w: f"/portal/{w.slug}/wegweiser/999999-x/", 404),
        (lambda w: f"/portal/{w.slug}/wegweiser/{w.draft_guide.pk}-entwurf/", 404),
        (lambda w: f"/portal/{w.hidden_portal.municipality.slug}/", 404),
        (lambda w: f"/portal/{w.hidden_portal.municipality.slug}/angebote/", 404),
        (lambda w: f"/portal/{w.hidden_portal.municipality.slug}/daten/hsds.json", 404),
        (lambda w: "/portal/s%C3%B6nneberg/", 404),
        (lambda w: "/portal/%D8%B9%D8%B1%D8%A8/angebote/", 404),
        (lambda w: f"/portal/{w.slug}/wegweiser/999999/pdf", 404),
        (lambda w: f"/portal/{w.slug}/wegweiser/{w.draft_guide.pk}/pdf", 404),
        (lambda w: f"/portal/{w.hidden_portal.municipality.slug}/wegweiser/{w.guide.pk}/pdf", 404),
        (lambda w: "/k/gibt-es-nicht", 404),
        (lambda w: "/k/" + "x" * 3000, 404),
        (lambda w: "/k/%00", 404),  # was a DataError on PostgreSQL
        (lambda w: "/k/%C3%BC", 404),
    ],
)  # fmt: skip
def test_what_is_not_there_is_a_404_or_410(w, client, path, status):
    assert client.get(path(w)).status_code == status


def test_an_ended_offer_says_so_in_arabic(w, client):
    response = client.get(w.ended.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 410
    assert response["Content-Language"] == "ar"


@pytest.mark.parametrize("name", ["home", "offers", "offer", "guides", "guide"])
def test_head_is_read_and_post_refused(w, client, name):
    url = reader_urls(w)[name]
    assert client.head(url).status_code == 200
    for method in (client.post, client.put, client.delete):
        assert method(url).status_code == 405


# --- the read API ----------------------------------------------------------------------------


@pytest.mark.parametrize("rest", ["", "/offers", "/offers/{course}", "/guides",
                                  "/guides/{guide}", "/bundle"])  # fmt: skip
def test_the_api_answers_any_query_string_with_200_or_a_4xx(w, client, rest):
    url = api(w, rest.format(course=w.course.pk, guide=w.guide.pk))
    for query in HOSTILE_QUERIES:
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 400, 404, 422), query
        if response.status_code != 200:
            assert response.json()["detail"], query


@pytest.mark.parametrize(
    "query", ["page=abc", "page=0", f"page={BIG}", "topic=nonsense", "language=xx",
              "q=" + "a" * 5000, "radius=1e309", "radius=nan", "place=Sonneberg&radius=-5",
              "lang=xx", "place=%3Cscript%3E"],
)  # fmt: skip
def test_the_api_refuses_a_bad_filter_with_422_and_where(w, client, query):
    response = client.get(api(w, "/offers") + "?" + query)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "query"


@pytest.mark.parametrize(
    "rest", ["/offers/999999", f"/offers/{BIG}", "/offers/{other}", "/offers/{ended}",
             "/offers/{unpublished}", "/guides/999999", "/guides/{draft}"],
)  # fmt: skip
def test_the_api_answers_404_for_what_is_not_public_here(w, client, rest):
    url = api(w, rest.format(other=w.other_offer.pk, ended=w.ended.pk,
                             unpublished=w.unpublished.pk, draft=w.draft_guide.pk))  # fmt: skip
    assert client.get(url).status_code == 404
    hidden = f"/api/v1/directory/portals/{w.hidden_portal.municipality.slug}"
    for rest_of_hidden in ("", "/offers", "/guides", "/bundle"):
        assert client.get(hidden + rest_of_hidden).status_code == 404


def test_the_bundle_serves_offers_that_share_a_place(w, client):
    # the course and the counselling both meet at the town hall (each offer holds its own
    # copy of the place; every copy must be localized, or the bundle was a 500)
    response = client.get(api(w, "/bundle") + "?lang=uk")
    assert response.status_code == 200
    offers = {offer["id"]: offer for offer in response.json()["offers"]}
    for shared in (w.course, w.counselling):
        places = offers[shared.pk]["places"]
        assert "Rathaus" in [place["location"]["name"]["text"] for place in places]


# --- share, report, check --------------------------------------------------------------------


@pytest.mark.parametrize(
    "pfad",
    ["https://evil.example/", "javascript:alert(1)", "//evil.example/portal/", "/\\evil.example",
     "", "/admin/", "/portal/lauscha/", "/portal/{slug}/\r\nSet-Cookie:x", "/portal/{slug}/\t",
     "/portal/{slug}/" + "x" * 5000],
)  # fmt: skip
def test_share_refuses_what_is_not_a_page_of_this_portal(w, client, pfad):
    before = ShortLink.objects.count()
    response = client.get(
        reverse("directory:share", args=[w.slug]), {"pfad": pfad.format(slug=w.slug)}
    )
    assert response.status_code == 400
    assert "Nur Seiten dieses Portals können geteilt werden." in response.content.decode()
    assert ShortLink.objects.count() == before


def test_share_of_an_unpublished_portal_is_a_404(w, client):
    slug = w.hidden_portal.municipality.slug
    response = client.get(reverse("directory:share", args=[slug]), {"pfad": f"/portal/{slug}/"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": "nonsense"}, INVALID_CHOICE),
        ({"reason": ["address", "x"]}, INVALID_CHOICE),
        ({"note": ""}, REQUIRED),  # what a browser sends when no reason was picked
        ({"reason": "other", "note": "x" * 100_000}, TOO_LONG),
        ({"reason": "other", "note": "a\x00b"}, NUL),
    ],
)  # fmt: skip
def test_a_bad_report_is_explained_and_saves_nothing(w, client, data, message):
    url = reverse("directory:report", args=[w.slug, w.course.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    assert message_in("de", message) in response.content.decode()
    assert not ReaderReport.objects.exists()


@pytest.mark.parametrize(
    "pk",
    [lambda w: w.ended.pk, lambda w: w.unpublished.pk, lambda w: w.other_offer.pk,
     lambda w: 999999],
)  # fmt: skip
def test_a_report_on_an_offer_not_public_here_is_a_404(w, client, pk):
    url = reverse("directory:report", args=[w.slug, pk(w)])
    assert client.post(url, {"reason": "other"}).status_code == 404
    assert not ReaderReport.objects.exists()


@pytest.mark.parametrize("token", ["x", "a" * 5000, "%00", "%C3%BC%F0%9F%98%80", "..%2E"])
def test_a_malformed_check_token_says_the_link_is_unknown(w, client, token):
    for method in (client.get, client.post):
        response = method(f"/portal/pruefen/{token}/", {"answer": "confirmed"})
        assert response.status_code == 404
        assert "Diesen Link kennen wir nicht." in response.content.decode()
    assert not OfferCheck.objects.filter(answered_at__isnull=False).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"answer": "nonsense"}, INVALID_CHOICE),
        ({"answer": "corrected", "correction": "x" * 100_000}, TOO_LONG),
        ({"answer": "corrected", "correction": "\x00"}, NUL),
    ],
)  # fmt: skip
def test_a_bad_check_answer_is_explained_and_saves_nothing(w, client, data, message):
    token = "ein-geheimes-token-zum-testen"
    check = OfferCheck.objects.create(
        offer=w.course, token_hash=keeping.hash_token(token), sent_to="kurs@vhs.example",
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )  # fmt: skip
    response = client.post(reverse("directory:check", args=[token]), data)
    assert response.status_code == 200
    assert message_in("de", message) in response.content.decode()
    check.refresh_from_db()
    assert check.answered_at is None


# --- the HSDS import (an editor of the portal) -------------------------------------------------


def changed(service: dict, change) -> bytes:
    service = copy.deepcopy(service)
    change(service)
    return json.dumps(service).encode()


def place_of(service: dict) -> dict:
    return service["service_at_locations"][0]["location"]


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def damaged_zip(service: dict) -> bytes:
    content = bytearray(zipped({"angebote.json": json.dumps(service).encode() * 20}))
    content[45] ^= 0xFF  # inside the compressed data: zlib cannot read it
    return bytes(content)


def second_service(service: dict) -> dict:
    return {**copy.deepcopy(service), "name": "Noch ein Angebot"}  # the same id


IMPORT_CASES = [
    ("malformed", lambda s: b'{"id": ', "kein gültiges JSON"),
    ("nested deeper than Python parses", lambda s: b"[" * 100_000 + b"]" * 100_000,
     "zu tief verschachtelt"),
    ("not UTF-8", lambda s: "Köln".encode("latin-1"), "nicht UTF-8-kodiert"),
    ("empty list", lambda s: b"[]", "enthält keine Angebote"),
    ("a string", lambda s: b'"Angebot"', "erwartet wird ein HSDS-Dienst"),
    ("junk in the list", lambda s: b'[1, null, "x"]', "ist kein Objekt"),
    ("name is a list", lambda s: changed(s, lambda x: x.update(name=["x"])), "muss Text sein"),
    ("name of 100 KB", lambda s: changed(s, lambda x: x.update(name="x" * 100_000)),
     "ist zu lang (höchstens 160 Zeichen)"),
    ("id no uuid", lambda s: changed(s, lambda x: x.update(id="7")), "ist keine UUID"),
    ("status unknown", lambda s: changed(s, lambda x: x.update(status="open")),
     "muss einer dieser Werte sein"),
    ("age 10**30", lambda s: changed(s, lambda x: x.update(minimum_age=10**30)),
     "liegt außerhalb des erlaubten Bereichs"),
    ("date 2024-13-45", lambda s: changed(s, lambda x: x.update(assured_date="2024-13-45")),
     "ist kein Datum (JJJJ-MM-TT)"),
    ("latitude text", lambda s: changed(s, lambda x: place_of(x).update(latitude="abc")),
     "muss eine Zahl sein"),
    ("latitude 1e308", lambda s: changed(s, lambda x: place_of(x).update(latitude=1e308)),
     "liegt außerhalb des erlaubten Bereichs"),
    ("opens at 25:00", lambda s: changed(s, lambda x: x["service_at_locations"][0]["schedules"][0]
                                          .update(opens_at="25:00")), "keine Uhrzeit"),
    ("NUL in a text", lambda s: changed(s, lambda x: x.update(description="a\x00b")),
     "enthält ein unzulässiges Zeichen (NUL)"),
    ("NUL in a translation", lambda s: changed(s, lambda x: x.update(
        {"x-translations": {"ar": {"name": {"text": "\x00"}}}})),
     "enthält ein unzulässiges Zeichen (NUL)"),
    ("duplicate ids", lambda s: json.dumps([s, second_service(s)]).encode(), "kommt schon in"),
]  # fmt: skip

ZIP_CASES = [
    ("damaged", damaged_zip, "keine gültige ZIP-Datei"),
    ("cut off", lambda s: zipped({"a.json": b"{}"})[:40], "keine gültige ZIP-Datei"),
    ("many entries", lambda s: zipped({f"{n}.csv": b"" for n in range(500)}),
     "zu viele oder zu große Dateien"),
    ("large unpacked", lambda s: zipped({"a.json": b" " * 2_000_000}),
     "zu viele oder zu große Dateien"),
    ("two JSON files", lambda s: zipped({"a.json": b"{}", "b.json": b"{}"}),
     "weder services.csv noch genau eine JSON-Datei"),
    ("CSV field over csv's limit", lambda s: zipped(
        {"services.csv": b"id,name,status\n" + b"a" * 200_000 + b",x,active\n"}),
     "not a readable CSV table"),
    ("deep JSON inside", lambda s: zipped({"a.json": b"[" * 100_000}), "zu tief verschachtelt"),
]  # fmt: skip


def import_snapshot(portal) -> tuple:
    return (
        list(Offer.objects.filter(portal=portal).order_by("pk").values()),
        list(Provider.objects.filter(portal=portal).order_by("pk").values()),
        list(Location.objects.filter(portal=portal).order_by("pk").values()),
        HsdsId.objects.filter(portal=portal).count(),
        Translation.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize(
    ("name", "content", "problem", "extension"),
    [*((*case, ".json") for case in IMPORT_CASES), *((*case, ".zip") for case in ZIP_CASES)],
    ids=[case[0] for case in [*IMPORT_CASES, *ZIP_CASES]],
)
def test_a_bad_hsds_file_is_explained_and_imports_nothing(
    w, monkeypatch, name, content, problem, extension
):
    monkeypatch.setattr(hsds_input, "MAX_UNPACKED_BYTES", 1_000_000)  # "large" stays cheap here
    client = client_for(w.importer)
    before = import_snapshot(w.portal)
    response = client.post(
        reverse("directory:hsds_import", args=[w.slug]),
        {"file": SimpleUploadedFile(f"angebote{extension}", content(w.service)), "publish": "on"},
    )  # a real import, not a check
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nichts übernommen" in html and escape(problem) in html
    assert import_snapshot(w.portal) == before


def test_control_characters_in_an_hsds_file_are_dropped_not_stored(w):
    """Control characters other than NUL (refused above) are taken out before saving, like
    in every text the platform stores (core.text), so the import goes through."""
    client = client_for(w.importer)
    content = changed(w.service, lambda x: x.update(name="Beratung\x0b", description="a\x0cb"))
    response = client.post(
        reverse("directory:hsds_import", args=[w.slug]),
        {"file": SimpleUploadedFile("angebote.json", content)},
    )
    assert response.status_code == 302
    offer = Offer.objects.get(portal=w.portal, name="Beratung")
    assert offer.description == "ab"


def test_the_sample_service_itself_imports(w):
    """The cases above are refused for what was broken, not for the service they start from."""
    client = client_for(w.importer)
    response = client.post(
        reverse("directory:hsds_import", args=[w.slug]),
        {"file": SimpleUploadedFile("angebote.json", json.dumps(w.service).encode()),
         "check_only": "on"},
    )  # fmt: skip
    assert response.status_code == 200 and "Nichts übernommen" not in response.content.decode()


# --- the editor's forms ----------------------------------------------------------------------


def editor_url(w, name: str, *args: Any) -> str:
    return reverse(f"directory:{name}", args=[w.slug, *args])


TIME_INVALID = forms.TimeField.default_error_messages["invalid"]
NUMBER_INVALID = forms.FloatField.default_error_messages["invalid"]
MULTIPLE_INVALID = forms.MultipleChoiceField.default_error_messages["invalid_choice"]


@pytest.mark.parametrize(
    ("slots", "exceptions", "message"),
    [
        ([(1, "25:00", "26:00")], [], TIME_INVALID),
        ([(1, "14:00", "09:00")], [], "Die Endzeit muss nach der Anfangszeit liegen."),
        ([(1, "09:00", "09:00")], [], "Die Endzeit muss nach der Anfangszeit liegen."),
        ([("8", "09:00", "10:00")], [], INVALID_CHOICE),
        ([(1, "-1:00", "99:99")], [], TIME_INVALID),
        ([], [{"starts_on": "2030-13-45"}], forms.DateField.default_error_messages["invalid"]),
        ([], [{"starts_on": "2030-05-02", "ends_on": "2030-05-01"}],
         "Das Ende liegt vor dem Anfang."),
        ([], [{"starts_on": "2030-05-02", "closed": "0", "opens_at": "18:00",
               "closes_at": "08:00"}], "Die Endzeit muss nach der Anfangszeit liegen."),
        ([], [{"starts_on": "2030-05-02", "note": "x" * 100_000}], TOO_LONG),
    ],
)  # fmt: skip
def test_bad_hours_are_explained_and_save_nothing(w, slots, exceptions, message):
    row = w.course.offer_locations.order_by("pk").first()
    client = client_for(w.editor)
    before = snapshot()
    response = client.post(
        editor_url(w, "offer_hours", w.course.pk, row.pk),
        hours_data(*slots, exceptions=exceptions),
    )
    assert response.status_code == 200
    assert message_in("de", message) in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        ("91", "11.17", "Diese Koordinaten liegen nicht in Deutschland."),
        ("-90", "200", "Diese Koordinaten liegen nicht in Deutschland."),
        ("11.17", "50.36", "Breiten- und Längengrad sind vertauscht."),
        ("1e309", "11.17", NUMBER_INVALID),
        ("nan", "11.17", NUMBER_INVALID),
        (BIG, BIG, "Diese Koordinaten liegen nicht in Deutschland."),
        ("50.36", "", "Bitte geben Sie Breiten- und Längengrad an – oder keinen von beiden."),
    ],
)  # fmt: skip
def test_coordinates_out_of_range_are_explained_and_save_nothing(w, latitude, longitude, message):
    client = client_for(w.editor)
    for url, prefix in (
        (editor_url(w, "location_create"), ""),
        (editor_url(w, "location_edit", w.town_hall.pk), ""),
        (editor_url(w, "offer_places", w.phone_line.pk), "new-"),
    ):
        before = snapshot()
        data = {"name": "Rathaus Nord", "city": "Sonneberg", "latitude": latitude,
                "longitude": longitude, "action": "new"}  # fmt: skip
        response = client.post(
            url, {prefix + key: value for key, value in data.items()} | {"action": "new"}
        )
        assert response.status_code == 200, url
        assert message_in("de", message) in response.content.decode(), url
        assert snapshot() == before, url


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "x" * 100_000}, TOO_LONG),
        ({"summary": "x" * 100_000}, TOO_LONG),
        ({"name": "Kurs\x00"}, NUL),
        ({"min_age": BIG}, MaxValueValidator.message),
        ({"min_age": "-1"}, MinValueValidator.message),
        ({"topics": ["nonsense"]}, MULTIPLE_INVALID),
        ({"languages": ["xx"]}, MULTIPLE_INVALID),
        ({"provider": BIG}, forms.ModelChoiceField.default_error_messages["invalid_choice"]),
    ],
)  # fmt: skip
def test_a_bad_offer_is_explained_and_saves_nothing(w, changes, message):
    client = client_for(w.editor)
    before = snapshot()
    response = client.post(
        editor_url(w, "offer_edit", w.course.pk), offer_data(w.course, **changes)
    )
    assert response.status_code == 200
    assert message_in("de", message) in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Bitte geben Sie eine Übersetzung ein."),
        ({"field": "search_text", "text": "x"}, "Dieser Abschnitt existiert nicht mehr."),
        ({"object": "offer-999999", "text": "x"}, "Dieser Abschnitt existiert nicht mehr."),
    ],
)  # fmt: skip
def test_a_bad_translation_is_explained_and_saves_nothing(w, data, message):
    client = client_for(w.editor)
    url = editor_url(w, "translate", "offer", w.course.pk, "ar")
    before = list(Translation.objects.order_by("pk").values())
    response = client.post(
        url, {"object": f"offer-{w.course.pk}", "field": "name", **data}, follow=True
    )
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert list(Translation.objects.order_by("pk").values()) == before


def test_a_control_character_in_a_translation_is_dropped(w):
    client = client_for(w.editor)
    url = editor_url(w, "translate", "offer", w.course.pk, "ar")
    data = {"object": f"offer-{w.course.pk}", "field": "name", "text": "دورة\x00 مسائية"}
    assert client.post(url, data).status_code == 302
    assert Translation.objects.get(object_id=w.course.pk, field="name", language="ar").text == (
        "دورة مسائية"
    )
