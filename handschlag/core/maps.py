"""Maps of places (issue #12, "Find"): markers for the Leaflet component and the tile server's
place in the Content-Security-Policy.

The map is an addition to a list, never a replacement: it is drawn only when a tile server is
configured (MAP_TILE_URL, empty by default) and the browser runs JavaScript; the page works
without it. Leaflet is served from our own static files (static/vendor/leaflet/, see its
SOURCE.md); the only outside requests are the tiles' images, from the configured server.

This module imports nothing from Django but its exceptions, so config/settings.py can use it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TITLE_MAX_CHARS = 200


@dataclass(frozen=True)
class Marker:
    """One place on the map: its title, the page it links to, and where it is (WGS84)."""

    title: str
    url: str
    lat: float
    lon: float


def tile_image_sources(tile_url: str) -> list[str]:
    """The CSP `img-src` sources the tile server at `tile_url` needs: its origin; a "{s}"
    subdomain placeholder becomes a "*." wildcard. A URL on the site itself ("/tiles/…") needs
    none ('self' covers it). An unusable URL stops the start with a clear message."""
    if not tile_url:
        return []
    if tile_url.startswith("/") and not tile_url.startswith("//"):
        return []
    parts = urlsplit(tile_url)
    host = parts.netloc.rsplit("@", 1)[-1]
    if parts.scheme not in {"https", "http"} or not host:
        raise ImproperlyConfigured(
            f"MAP_TILE_URL must be an http(s) URL or a path on this site, not {tile_url!r}"
        )
    bare = host.removeprefix("{s}.")
    if not bare or any(char in bare for char in "{}*'\" ;,"):
        raise ImproperlyConfigured(
            f"MAP_TILE_URL may have a placeholder in its host name only as a leading '{{s}}.', "
            f"not {tile_url!r}"
        )
    if bare != host:
        host = "*." + bare
    return [f"{parts.scheme}://{host}"]


def safe_link(url: str) -> str:
    """`url` if a marker may link to it (a path on this site or an http(s) address), else ""."""
    url = (url or "").strip()
    if url.startswith("/") and not url.startswith("//"):
        return url
    if urlsplit(url).scheme in {"http", "https"} and urlsplit(url).netloc:
        return url
    return ""


def _coordinate(value: Any, limit: float) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (ValueError, TypeError, OverflowError):
        return None
    if not math.isfinite(number) or abs(number) > limit:
        return None
    return number


def _field(item: Marker | Mapping[str, Any], name: str) -> Any:
    return item.get(name) if isinstance(item, Mapping) else getattr(item, name, None)


def marker_data(items: Iterable[Marker | Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The markers as plain JSON-ready dicts ({title, url, lat, lon}); places without valid
    coordinates are left out (they stay in the list the map accompanies), links that are not
    http(s) or a path on this site are dropped."""
    data = []
    for item in items:
        lat = _coordinate(_field(item, "lat"), 90)
        lon = _coordinate(_field(item, "lon"), 180)
        title = " ".join(str(_field(item, "title") or "").split())[:TITLE_MAX_CHARS]
        if lat is None or lon is None or not title:
            continue
        url = safe_link(str(_field(item, "url") or ""))
        data.append({"title": title, "url": url, "lat": round(lat, 6), "lon": round(lon, 6)})
    return data
