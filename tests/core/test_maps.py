"""Issue #12 "Find": the map component (Leaflet from our own static files, tiles from a server
set by MAP_TILE_URL) and its place in the Content-Security-Policy."""

import hashlib
import importlib
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.test import RequestFactory

from handschlag.core.maps import Marker, marker_data, safe_link, tile_image_sources
from tests.core.test_csp import directives

TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
STATIC = Path(django_settings.BASE_DIR, "handschlag/core/static")
LEAFLET = STATIC / "vendor/leaflet"

MARKERS = [
    Marker(title="Deutschkurs A1 an der VHS", url="/angebote/1/", lat=50.3597, lon=11.1679),
    {"title": "Migrationsberatung", "url": "/angebote/2/", "lat": Decimal("50.35"), "lon": "11.17"},
]


def render(markers, **context) -> str:
    request = RequestFactory().get("/")
    request.csp_nonce = "n0nce"
    template = Template("{% load maps %}{% marker_map markers label='Karte der Angebote' %}")
    return template.render(Context({"markers": markers, "request": request, **context}))


def markers_json(html: str, data_id: str = "karte-orte") -> list[dict]:
    match = re.search(rf'<script id="{data_id}" type="application/json">(.*?)</script>', html)
    assert match, html
    return json.loads(match.group(1))


def test_without_a_tile_server_the_map_renders_nothing_and_loads_no_leaflet(settings):
    settings.MAP_TILE_URL = ""
    assert render(MARKERS).strip() == ""


def test_without_markers_with_coordinates_the_map_renders_nothing(settings):
    settings.MAP_TILE_URL = TILES
    assert render([]).strip() == ""
    assert render([{"title": "Ohne Ort", "url": "/x/", "lat": None, "lon": None}]).strip() == ""


def test_with_a_tile_server_the_markers_come_as_json_beside_leaflet(settings):
    settings.MAP_TILE_URL = TILES
    settings.MAP_TILE_ATTRIBUTION = "© Kartendaten: Beispiel"
    html = render(MARKERS)
    assert markers_json(html) == [
        {"title": "Deutschkurs A1 an der VHS", "url": "/angebote/1/", "lat": 50.3597,
         "lon": 11.1679},
        {"title": "Migrationsberatung", "url": "/angebote/2/", "lat": 50.35, "lon": 11.17},
    ]  # fmt: skip
    assert f'data-tile-url="{TILES}"' in html
    assert 'data-attribution="© Kartendaten: Beispiel"' in html
    assert 'src="/static/vendor/leaflet/leaflet.js" nonce="n0nce" defer' in html
    assert 'src="/static/handschlag/js/map.js" nonce="n0nce" defer' in html
    assert 'href="/static/vendor/leaflet/leaflet.css"' in html
    assert 'data-icon="/static/vendor/leaflet/images/marker-icon.png"' in html
    # hidden until map.js draws it; a region named for screen readers; the hint says how
    assert re.search(r'<div class="map" [^>]*\bhidden>', html)
    assert 'role="region" aria-label="Karte der Angebote"' in html
    assert "Die Karte zeigt 2 Orte aus der Liste." in html
    assert "style=" not in html


def test_titles_and_attribution_are_escaped(settings):
    settings.MAP_TILE_URL = TILES
    settings.MAP_TILE_ATTRIBUTION = '"><script>alert(1)</script>'
    evil = "</script><script>alert(2)</script> & <b>"
    html = render([Marker(title=evil, url="/x/", lat=50, lon=11)])
    assert "<script>alert" not in html and "<b>" not in html
    assert "\\u003C/script\\u003E" in html  # json_script escapes < > &
    assert markers_json(html)[0]["title"] == evil  # and the data stays what was written
    assert 'data-attribution="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_two_maps_on_one_page_get_their_own_ids(settings):
    settings.MAP_TILE_URL = TILES
    request = RequestFactory().get("/")
    template = Template("{% load maps %}{% marker_map markers %}{% marker_map markers %}")
    html = template.render(Context({"markers": MARKERS, "request": request}))
    assert markers_json(html, "karte-orte") == markers_json(html, "karte-2-orte")
    assert 'id="karte"' in html and 'id="karte-2"' in html


def test_markers_keep_only_valid_places_and_safe_links():
    data = marker_data(
        [
            {"title": "  Treff\n  am Markt ", "url": "javascript:alert(1)", "lat": 50, "lon": 11},
            {"title": "Weit weg", "url": "/a/", "lat": 91, "lon": 11},
            {"title": "Kaputt", "url": "/b/", "lat": "abc", "lon": 11},
            {"title": "NaN", "url": "/b/", "lat": float("nan"), "lon": 11},
            {"title": "", "url": "/c/", "lat": 50, "lon": 11},
            {"title": "Außen", "url": "https://example.org/x", "lat": -33.9, "lon": 151.2},
        ]
    )
    assert data == [
        {"title": "Treff am Markt", "url": "", "lat": 50.0, "lon": 11.0},
        {"title": "Außen", "url": "https://example.org/x", "lat": -33.9, "lon": 151.2},
    ]
    assert safe_link("//evil.example/x") == "" and safe_link("/ok/") == "/ok/"


@pytest.mark.parametrize(
    ("url", "sources"),
    [
        ("", []),
        ("/kacheln/{z}/{x}/{y}.png", []),
        (TILES, ["https://tiles.example.org"]),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", ["https://*.tile.example.org"]),
        ("http://127.0.0.1:8080/{z}/{x}/{y}.png?key=1", ["http://127.0.0.1:8080"]),
    ],
)
def test_the_tile_servers_origin_is_what_img_src_needs(url, sources):
    assert tile_image_sources(url) == sources


@pytest.mark.parametrize(
    "url", ["tiles.example.org/{z}", "ftp://x/{z}", "https://{z}.x.org/a.png", "https://x.org;a/"]
)
def test_an_unusable_tile_url_stops_the_start_with_a_clear_message(url):
    with pytest.raises(ImproperlyConfigured, match="MAP_TILE_URL"):
        tile_image_sources(url)


@pytest.fixture
def settings_with_tiles(monkeypatch):
    """config.settings as loaded with MAP_TILE_URL in the environment (reloaded back after)."""
    import config.settings as module

    monkeypatch.setenv("MAP_TILE_URL", "https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    try:
        yield importlib.reload(module)
    finally:
        monkeypatch.undo()
        importlib.reload(module)


@pytest.mark.django_db
def test_the_policy_lets_the_tiles_in_when_a_tile_server_is_set(
    client, settings, settings_with_tiles
):
    assert settings_with_tiles.MAP_TILE_URL.startswith("https://{s}.tiles")
    settings.CONTENT_SECURITY_POLICY = settings_with_tiles.CONTENT_SECURITY_POLICY
    policy = directives(client.get("/")["Content-Security-Policy"])
    assert policy["img-src"] == ["'self'", "data:", "https://*.tiles.example.org"]
    # everything else stays as strict as without a map
    assert policy["style-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'" and "'unsafe-inline'" not in policy["script-src"]


@pytest.mark.django_db
def test_without_a_tile_server_images_come_only_from_the_site(client):
    assert django_settings.MAP_TILE_URL == ""
    assert directives(client.get("/")["Content-Security-Policy"])["img-src"] == ["'self'", "data:"]


def test_the_vendored_leaflet_files_are_the_ones_its_note_names():
    note = (LEAFLET / "SOURCE.md").read_text()
    listed = dict(
        (name, digest) for digest, name in re.findall(r"^([0-9a-f]{64})  (\S+)$", note, re.M)
    )
    assert set(listed) >= {"leaflet.js", "leaflet.css", "LICENSE", "images/marker-icon.png"}
    for name, digest in listed.items():
        assert hashlib.sha256((LEAFLET / name).read_bytes()).hexdigest() == digest, name
    assert "Leaflet 1.9.4" in note and "BSD 2-Clause" in (LEAFLET / "LICENSE").read_text()


def test_the_map_styles_use_logical_properties_only():
    physical = re.compile(
        r"(?<![\w-])(margin|padding|border)-(left|right|top|bottom)\b|(?<![\w-])(left|right|top|bottom)\s*:"
        r"|text-align\s*:\s*(left|right)|float\s*:\s*(left|right)"
    )
    for name in ("handschlag/css/map.css", "handschlag/css/readability.css"):
        css = re.sub(r"/\*.*?\*/", "", (STATIC / name).read_text(), flags=re.S)
        assert not physical.search(css), name
