"""What a reader does with a portal page besides reading it (issue #12, points 5 to 7): the map
beside the list (only with a tile server), "Das stimmt nicht", print and share, a guide or the
offer list as a PDF in their language — and no unbounded short links from one reader."""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.directory import keeping, printing
from handschlag.directory.models import ShortLink
from handschlag.directory.translating import translate

from .public_world import build_public_world, more_offers
from .test_print_pdf import pdfium_text

pytestmark = pytest.mark.django_db

ARABIC_NAME = "دورة اللغة الألمانية في المساء"


@pytest.fixture
def world():
    return build_public_world()


def offers_url(world, query: str = "") -> str:
    return reverse("directory:offers", args=[world.town.slug]) + query


def pdf_url(world, query: str = "") -> str:
    return reverse("directory:offers_pdf", args=[world.town.slug]) + query


def share_url(world) -> str:
    return reverse("directory:share", args=[world.town.slug])


def links(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', html)]


def in_language(client, settings, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


# --- the map ---------------------------------------------------------------------------------


def test_without_a_tile_server_no_map_and_no_leaflet(client, world, settings):
    settings.MAP_TILE_URL = ""
    for url in (offers_url(world), world.course.get_absolute_url()):
        html = client.get(url).content.decode()
        assert 'class="map"' not in html, url
        assert "leaflet" not in html.lower() and "map.js" not in html, url
        assert "Deutschkurs am Abend" in html  # the list (or the offer) alone


def map_markers(html: str) -> list[dict]:
    found = re.search(r'<script id="karte-orte" type="application/json">(.*?)</script>', html)
    assert found, "no map data"
    return json.loads(found.group(1))


def test_with_a_tile_server_the_list_has_a_map_of_the_listed_offers(client, world, settings):
    settings.MAP_TILE_URL = "/karten/{z}/{x}/{y}.png"
    world.far.name = "Sprachcafé <b>Lauscha</b>"
    world.far.save()
    html = client.get(offers_url(world)).content.decode()
    assert 'data-tile-url="/karten/{z}/{x}/{y}.png"' in html
    assert 'aria-label="Karte der Angebote"' in html and "vendor/leaflet/leaflet.js" in html
    markers = map_markers(html)
    # every listed offer with a place; the phone line has none, the unpublished is not listed
    assert sorted(m["title"] for m in markers) == sorted(
        ["Deutschkurs am Abend", "Migrationsberatung", "Sprachcafé <b>Lauscha</b>"]
    )
    assert {m["url"] for m in markers} >= {world.course.get_absolute_url()}
    assert "<b>Lauscha" not in html  # in the JSON as \u003C, on the card as &lt;

    filtered = client.get(offers_url(world, "?topic=counselling")).content.decode()
    assert [m["title"] for m in map_markers(filtered)] == ["Migrationsberatung"]


def test_with_a_tile_server_the_offer_page_maps_each_of_its_places(client, world, settings):
    settings.MAP_TILE_URL = "/karten/{z}/{x}/{y}.png"
    html = client.get(world.course.get_absolute_url()).content.decode()
    assert 'aria-label="Karte des Angebots"' in html
    markers = map_markers(html)
    assert sorted((m["title"], m["lat"]) for m in markers) == [
        ("Rathaus", 50.3597),
        ("Volkshochschule", 50.365),
    ]
    for marker in markers:  # each to its place's entry on the page
        path, anchor = marker["url"].split("#")
        assert path == world.course.get_absolute_url() and f'id="{anchor}"' in html
    # an offer without a place has no map
    html = client.get(world.phone_line.get_absolute_url()).content.decode()
    assert 'class="map"' not in html


# --- the reader's tools ----------------------------------------------------------------------


def test_the_offer_page_links_to_the_report_form_and_to_sharing_it(client, world):
    html = client.get(world.course.get_absolute_url()).content.decode()
    found = links(html)
    report = reverse("directory:report", args=[world.town.slug, world.course.pk])
    assert report in found and "Das stimmt nicht? Hinweis senden" in html
    share = next(link for link in found if link.startswith(share_url(world)))
    assert parse_qs(urlsplit(share).query)["pfad"] == [world.course.get_absolute_url()]
    assert "Drucken / teilen" in html
    # and the share page it leads to shows the short link of exactly this page
    shared = client.get(share)
    assert shared.status_code == 200
    assert ShortLink.objects.get().path == world.course.get_absolute_url()


def test_a_guide_page_offers_its_pdf_in_the_readers_language_and_sharing(client, world, settings):
    html = in_language(client, settings, "uk").get(world.guide.get_absolute_url()).content
    found = links(html.decode())
    pdf = reverse("directory:guide_pdf", args=[world.town.slug, world.guide.pk]) + "?lang=uk"
    assert pdf in found
    assert any(link.startswith(share_url(world) + "?pfad=") for link in found)
    response = client.get(pdf)
    assert response["Content-Type"] == "application/pdf"
    assert "Перші кроки" in pdfium_text(response.content)


def test_the_list_shares_and_prints_with_its_filters_not_its_page_number(client, world):
    html = client.get(offers_url(world, "?topic=language&page=1&x=1")).content.decode()
    found = links(html)
    share = next(link for link in found if link.startswith(share_url(world)))
    assert parse_qs(urlsplit(share).query)["pfad"] == [offers_url(world, "?topic=language")]
    assert pdf_url(world, "?topic=language&lang=de") in found
    assert "Liste als PDF" in html


def test_previews_and_unpublished_portals_have_no_tools(client, world):
    client.force_login(world.editor)
    html = client.get(world.unpublished.get_absolute_url()).content.decode()
    assert "Drucken / teilen" not in html and "Hinweis senden" not in html
    world.portal.published_at = None
    world.portal.save()
    for url in (offers_url(world), world.course.get_absolute_url(), world.guide.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Drucken / teilen" not in html and "als PDF" not in html, url
    assert client.get(pdf_url(world)).status_code == 404


# --- the offer list as a PDF -----------------------------------------------------------------


def test_the_german_list_pdf_has_each_offers_place_hours_languages_and_contact(client, world):
    response = client.get(pdf_url(world))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdfium_text(response.content).split())
    assert "Angebote in Sonneberg" in text
    for name in ("Deutschkurs am Abend", "Migrationsberatung", "Hilfetelefon", "Sprachcafé"):
        assert name in text
    assert "Geheimer Entwurf" not in text and "Alter Nähkurs" not in text
    assert "Schulplatz 3" in text and "Montag: 18:00–20:00 Uhr" in text
    assert "kurs@vhs.example" in text and "+49 3675 123-45" in text
    assert "Türkçe" in text  # the languages spoken, in their own names
    assert "/k/" + ShortLink.objects.get().code in text


def test_the_list_pdf_keeps_the_filters(client, world):
    text = pdfium_text(client.get(pdf_url(world, "?topic=counselling")).content)
    assert "Migrationsberatung" in text
    assert "Deutschkurs am Abend" not in text and "Hilfetelefon" not in text
    near = pdfium_text(client.get(pdf_url(world, "?q=sprechen&place=Lauscha")).content)
    assert "Sprachcafé Lauscha" in near and "Migrationsberatung" not in near
    # the QR code leads back to the same filtered list
    link = ShortLink.objects.get(path__contains="topic=counselling")
    assert link.path == offers_url(world, "?topic=counselling")


def test_the_arabic_list_pdf_reads_right_to_left_in_logical_order(client, world):
    translate(obj=world.course, field="name", language="ar", text=ARABIC_NAME, by=world.editor)
    response = client.get(pdf_url(world, "?topic=language&lang=ar"))
    text = " ".join(pdfium_text(response.content).split())
    assert ARABIC_NAME in text, text
    assert "Migrationsberatung" not in text  # not a language course
    assert "Sprachcafé Lauscha" in text  # untranslated: in German


def test_a_long_list_is_cut_and_the_pdf_says_so(client, world, monkeypatch):
    monkeypatch.setattr(printing, "MAX_LIST_OFFERS", 2)
    text = " ".join(pdfium_text(client.get(pdf_url(world)).content).split())
    assert "4 Angebote gefunden" in text
    assert "Hier stehen die ersten 2 von 4 Angeboten." in text
    # the list's order: open ones by name, then the temporarily closed
    assert "Deutschkurs am Abend" in text and "Hilfetelefon" in text
    assert "Sprachcafé Lauscha" not in text and "Migrationsberatung" not in text


def pdf_queries(client, url: str) -> int:
    client.get(url)  # per-process caches warm, the short link made
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_list_pdf_runs_the_same_few_queries_with_many_offers(client, world):
    url = pdf_url(world, "?place=Sonneberg&lang=uk")
    few = pdf_queries(client, url)
    more_offers(world.portal, 30)
    assert pdf_queries(client, url) == few <= 12


# --- short links: one reader cannot make unbounded rows -----------------------------------------


def test_over_the_limit_no_new_short_link_and_a_clear_message(client, world, settings):
    for n in range(keeping.SHORT_LINK_LIMIT):
        path = offers_url(world, f"?q=wort{n}")
        assert client.get(share_url(world), {"pfad": path}).status_code == 200
    assert ShortLink.objects.count() == keeping.SHORT_LINK_LIMIT

    response = client.get(share_url(world), {"pfad": offers_url(world, "?q=zuviel")})
    assert response.status_code == 429
    assert "schon viele Kurzlinks erstellt" in response.content.decode()
    assert ShortLink.objects.count() == keeping.SHORT_LINK_LIMIT
    # a page that has its short link already is still shared: the same code, no new row
    again = client.get(share_url(world), {"pfad": offers_url(world, "?q=wort0")})
    assert again.status_code == 200
    assert ShortLink.objects.get(path=offers_url(world, "?q=wort0")).code in again.content.decode()
    # the list PDF is still made, its QR code with the list's full address instead
    text = pdfium_text(client.get(pdf_url(world, "?q=neu")).content)
    assert ShortLink.objects.count() == keeping.SHORT_LINK_LIMIT
    assert settings.SITE_URL.rstrip("/") + offers_url(world, "?q=neu") in "".join(text.split())


def test_the_limit_counts_per_address_too(client, world):
    """A new session for every request (no cookies kept) does not get around it."""
    for n in range(keeping.SHORT_LINK_LIMIT):
        client.cookies.clear()
        client.get(share_url(world), {"pfad": offers_url(world, f"?q=wort{n}")})
    client.cookies.clear()
    response = client.get(share_url(world), {"pfad": offers_url(world, "?q=zuviel")})
    assert response.status_code == 429
    assert ShortLink.objects.count() == keeping.SHORT_LINK_LIMIT


# --- the ways in ---------------------------------------------------------------------------------


def test_every_pages_header_leads_to_the_portals(client, world):
    for url in (reverse("home"), reverse("promises:list"), offers_url(world)):
        html = client.get(url).content.decode()
        assert f'href="{reverse("directory:index")}"' in html, url
        assert "Angebote für Neuzugewanderte" in html
    html = client.get(reverse("directory:index")).content.decode()
    assert f'href="{reverse("directory:index")}" aria-current="page"' in html


def test_a_portals_pages_link_to_its_open_data(client, world):
    data = reverse("directory:data", args=[world.town.slug])
    for url in (reverse("directory:portal", args=[world.town.slug]), offers_url(world)):
        html = client.get(url).content.decode()
        assert f'href="{data}"' in html and "Offene Daten" in html, url
    assert client.get(data).status_code == 200
