"""Issue #12 "Find": the map of offers in Chromium — Leaflet from our static files, tiles from
the server MAP_TILE_URL names (here a small PNG of our own static files, on another origin of
the live server: 127.0.0.1 instead of localhost, so the policy must let it in), markers drawn,
a popup opened and closed with the keyboard, right-to-left, and nothing when no tile server
is set. No internet needed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.http import HttpRequest, HttpResponse
from django.template import RequestContext, Template
from django.urls import path, reverse
from django.utils import translation
from playwright.sync_api import ConsoleMessage, Page, expect

from config.urls import urlpatterns as site_urlpatterns
from handschlag.core.maps import Marker, tile_image_sources
from tests.directory.public_world import build_public_world
from tests.e2e.conftest import assert_accessible

MARKERS = [
    Marker(title="Deutschkurs A1 <VHS>", url="/angebote/deutschkurs/", lat=50.3597, lon=11.1679),
    Marker(title="Migrationsberatung", url="/angebote/beratung/", lat=50.3530, lon=11.1800),
]
PAGE = """{% extends "base.html" %}{% load maps %}
{% block content %}<h1>Angebote</h1>
<ul class="offers">{% for m in markers %}
<li><a href="{{ m.url }}">{{ m.title }}</a></li>{% endfor %}</ul>
{% marker_map markers label="Karte der Angebote" %}{% endblock %}"""


def offers(request: HttpRequest) -> HttpResponse:
    if request.GET.get("sprache") == "ar":
        translation.activate("ar")  # a right-to-left page (dir="rtl" from base.html)
    return HttpResponse(Template(PAGE).render(RequestContext(request, {"markers": MARKERS})))


urlpatterns = [*site_urlpatterns, path("karten-test/", offers)]


@pytest.fixture
def tiles(live_server, settings) -> str:
    """A tile server on another origin than the page: our own 26 px PNG for every tile."""
    port = urlsplit(live_server.url).port
    url = f"http://127.0.0.1:{port}/static/vendor/leaflet/images/layers.png?z={{z}}&x={{x}}&y={{y}}"
    settings.ROOT_URLCONF = __name__
    settings.MAP_TILE_URL = url
    settings.MAP_TILE_ATTRIBUTION = "Testkacheln"
    policy = {**settings.CONTENT_SECURITY_POLICY}
    directives = {**policy["DIRECTIVES"]}
    directives["img-src"] = [*directives["img-src"], *tile_image_sources(url)]
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
    return url


@pytest.fixture
def blocked(page: Page) -> list[str]:
    seen: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            seen.append(message.text)

    page.on("console", on_console)
    return seen


def open_map(page: Page, url: str = "/karten-test/") -> None:
    page.goto(url)
    expect(page.locator(".map")).to_be_visible()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(len(MARKERS))
    page.wait_for_function(
        "() => [...document.querySelectorAll('img.leaflet-tile')]"
        ".some(img => img.complete && img.naturalWidth > 0)"
    )


def test_markers_appear_and_a_popup_opens_and_closes_with_the_keyboard(
    page: Page, tiles: str, blocked: list[str]
) -> None:
    open_map(page)
    # the tiles come from the tile server, Leaflet from our own files
    tile = page.locator("img.leaflet-tile").first.get_attribute("src") or ""
    assert tile.startswith("http://127.0.0.1:") and "layers.png?z=" in tile
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("Testkacheln")
    # the list stays first and complete
    expect(page.locator("ul.offers li")).to_have_count(len(MARKERS))

    page.locator(".map-canvas").focus()
    page.keyboard.press("Tab")
    marker = page.locator(".leaflet-marker-icon:focus")
    expect(marker).to_have_attribute("alt", "Deutschkurs A1 <VHS>")
    expect(marker).to_have_attribute("role", "button")
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup .map-popup a")
    expect(link).to_have_text("Deutschkurs A1 <VHS>")
    expect(link).to_have_attribute("href", "/angebote/deutschkurs/")
    expect(link).to_be_focused()
    expect(page.locator(".leaflet-popup-close-button")).to_have_attribute("aria-label", "Schließen")
    assert_accessible(page)

    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    expect(page.locator(".leaflet-marker-icon").first).to_be_focused()
    assert blocked == []


def test_the_map_is_mirrored_on_a_right_to_left_page(page: Page, tiles: str, blocked: list[str]):
    open_map(page, "/karten-test/?sprache=ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    expect(page.locator(".leaflet-top.leaflet-right .leaflet-control-zoom")).to_have_count(1)
    expect(page.locator(".leaflet-bottom.leaflet-left .leaflet-control-attribution")).to_have_count(
        1
    )
    page.locator(".leaflet-marker-icon").first.click()
    expect(page.locator(".leaflet-popup .map-popup")).to_have_attribute("dir", "rtl")
    assert blocked == []


def test_without_the_tile_origin_in_the_policy_the_browser_blocks_the_tiles(
    page: Page, tiles: str, blocked: list[str], settings
) -> None:
    """The other origin really needs its img-src entry (so the test above proves the policy)."""
    policy = settings.CONTENT_SECURITY_POLICY
    directives = {**policy["DIRECTIVES"], "img-src": ["'self'", "data:"]}
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
    page.goto("/karten-test/")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(len(MARKERS))
    page.wait_for_timeout(500)
    assert any("img-src" in text for text in blocked), blocked


def test_without_a_tile_server_the_page_is_the_list_alone(page: Page, live_server, settings):
    settings.ROOT_URLCONF = __name__
    settings.MAP_TILE_URL = ""
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(request.url))
    page.goto("/karten-test/")
    expect(page.locator("ul.offers li")).to_have_count(len(MARKERS))
    assert page.locator(".map").count() == 0
    assert not [url for url in scripts if "leaflet" in url or "map.js" in url]


def test_the_portals_offer_list_maps_the_listed_offers_and_follows_the_filters(
    page: Page, tiles: str, blocked: list[str]
) -> None:
    world = build_public_world()
    page.goto(reverse("directory:offers", args=[world.town.slug]))
    expect(page.locator("#results .offer-card")).to_have_count(4)  # the list stays complete
    markers = page.locator(".leaflet-marker-icon")
    expect(markers).to_have_count(3)  # the phone line has no place
    titles = sorted(marker.get_attribute("alt") or "" for marker in markers.all())
    assert titles == ["Deutschkurs am Abend", "Migrationsberatung", "Sprachcafé Lauscha"]
    assert_accessible(page)
    # the filters (swapped in by htmx) bring the map of what they found
    page.select_option("#id_topic", "counselling")
    page.locator("main form.filters button[type=submit]").click()
    expect(page.locator("#results .offer-card")).to_have_count(1)
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(page.locator(".leaflet-marker-icon")).to_have_attribute("alt", "Migrationsberatung")
    # the offer's own page maps each of its places
    page.goto(world.course.get_absolute_url())
    expect(page.locator(".leaflet-marker-icon")).to_have_count(2)
    assert blocked == []
