"""`{% load maps %}{% marker_map markers label=… %}`: a Leaflet map of places beside a list.

Renders nothing when no tile server is configured (settings.MAP_TILE_URL) or no marker has
coordinates; then no Leaflet file is loaded either and the page is the list alone. Otherwise a
hidden container, the markers as a JSON script element, and the scripts; map.js shows the map.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from handschlag.core.maps import Marker, marker_data

register = template.Library()


@register.inclusion_tag("includes/map.html", takes_context=True)
def marker_map(
    context: template.Context,
    markers: Iterable[Marker | Mapping[str, Any]],
    label: str = "",
    id: str = "",
) -> dict[str, Any]:
    """`markers`: Marker objects or mappings with title, url, lat, lon. `label` names the map
    for screen readers ("Karte der Angebote"); `id` is needed only for a second map on a page."""
    tile_url = settings.MAP_TILE_URL
    data = marker_data(markers or []) if tile_url else []
    if not data:
        return {"markers": []}
    # One id per map on a page: a counter on the request (or on this render without one).
    request = context.get("request")
    counter: Any = request if request is not None else context.render_context
    count = getattr(counter, "_marker_maps", 0) + 1
    counter._marker_maps = count
    map_id = id or ("karte" if count == 1 else f"karte-{count}")
    return {
        "markers": data,
        "map_id": map_id,
        "data_id": f"{map_id}-orte",
        "label": label or _("Karte"),
        "tile_url": tile_url,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "attribution_url": settings.MAP_TILE_ATTRIBUTION_URL,
        "request": request,
    }
