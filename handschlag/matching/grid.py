"""A lat/lon grid to enumerate the pairs within a radius without looking at all pairs.

Both sides are sorted by cell (row-major), so the cells of one grid row that a query can
reach are one contiguous range of the other side; kernels.py walks these ranges (`_ranges`:
exact bounds on the sphere, with MARGIN for rounding) and checks exact distances.

Cells are `cell_km` high; their width in degrees is chosen at the highest latitude in the
data, so a cell is at least `cell_km` wide everywhere. The grid does not wrap around the
antimeridian (longitude ±180°), which no German data comes near.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .encode import EARTH_RADIUS_KM, F64, I64

KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
CELLS_PER_RADIUS = 4
"""Cells per typical radius: smaller cells fit a circle better, but make more ranges."""
MAX_LAT = 89.0
MARGIN = 1.01  # the box bounds are exact on the sphere; this slack covers rounding only
MARGIN_KM = 0.05


@dataclass(frozen=True, slots=True)
class Grid:
    cell_km: float
    cell_lat: float  # degrees
    cell_lon: float  # degrees
    rows: int
    cols: int

    @classmethod
    def covering(cls, lat: F64, radius_km: F64) -> Grid:
        """A grid for points at `lat` with query radii `radius_km`: cells of about a third of
        the typical radius, so a box is not much bigger than its circle."""
        typical = float(np.median(radius_km)) if len(radius_km) else 10.0
        cell_km = min(max(typical / CELLS_PER_RADIUS, 0.5), 200.0)
        top = min(float(np.abs(lat).max()) if len(lat) else 0.0, MAX_LAT)
        cell_lat = cell_km / KM_PER_DEGREE
        cell_lon = min(360.0, cell_km / (KM_PER_DEGREE * math.cos(math.radians(top))))
        return cls(
            cell_km=cell_km,
            cell_lat=cell_lat,
            cell_lon=cell_lon,
            rows=math.ceil(180.0 / cell_lat) + 1,
            cols=math.ceil(360.0 / cell_lon) + 1,
        )

    def row(self, lat: F64) -> I64:
        return np.floor((np.clip(lat, -90, 90) + 90.0) / self.cell_lat).astype(np.int64)

    def col(self, lon: F64) -> I64:
        return np.floor((np.clip(lon, -180, 180) + 180.0) / self.cell_lon).astype(np.int64)

    def keys(self, lat: F64, lon: F64) -> I64:
        return self.row(lat) * self.cols + self.col(lon)


def lat_lon(xyz: F64) -> tuple[F64, F64]:
    """Back from unit vectors to degrees (for points that only exist as vectors)."""
    lat = np.degrees(np.arcsin(np.clip(xyz[:, 2], -1.0, 1.0)))
    lon = np.degrees(np.arctan2(xyz[:, 1], xyz[:, 0]))
    return lat, lon
