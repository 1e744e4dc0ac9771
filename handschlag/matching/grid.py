"""A lat/lon grid to enumerate the pairs within a radius without looking at all pairs.

Both sides are sorted by fine cell (row-major), so the cells of one grid row that a query can
reach are one contiguous range of the other side. Queries are grouped (see LEVELS); a group's
"box" is every fine cell of the other side that any point of the group can reach. The caller
gets (query positions, box positions) blocks and checks exact distances.

Cells are `cell_km` high; their width in degrees is chosen at the highest latitude in the
data, so a cell is at least `cell_km` wide everywhere. The grid does not wrap around the
antimeridian (longitude ±180°), which no German data comes near.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .encode import EARTH_RADIUS_KM, F64, I64, arc_km

KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
CELLS_PER_RADIUS = 4
"""Cells per typical radius: smaller cells fit a circle better, but make more ranges."""
LEVELS = ((16, False), (4, True), (1, True))
"""Query groups, coarse to fine: (cells per side, split by radius class). A group is taken at
the coarsest level where its block has at most SMALL_BLOCK pairs; dense places get fine cells,
sparse ones a few big blocks (fewer, larger numpy calls)."""
SMALL_BLOCK = 1 << 20
RADIUS_STEP = 1.5
"""Queries whose radii differ by more than this factor get separate groups (and boxes)."""
_CLASSES = 64
_MAX_LAT = 89.0
_MARGIN = 1.01  # the box bounds are exact on the sphere; this slack covers rounding only
_MARGIN_KM = 0.05


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
        top = min(float(np.abs(lat).max()) if len(lat) else 0.0, _MAX_LAT)
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


def blocks(
    grid: Grid,
    query_keys: I64,
    query_radius: F64,
    queries: I64,
    index_keys: I64,
    block_pairs: int,
) -> Iterator[tuple[I64, I64]]:
    """Yield (query positions, index positions) whose product holds every pair of a query in
    `queries` and an index point within that query's (straight-line) radius. `query_keys` /
    `query_radius` are columns of the query side, `index_keys` the sorted fine keys of the
    index side. Each query comes in exactly one block, with its whole box."""
    if len(queries) == 0 or len(index_keys) == 0:
        return
    radius = arc_km(query_radius[queries])  # a straight-line radius, as an arc on the sphere
    fine = query_keys[queries]
    row, col = fine // grid.cols, fine % grid.cols
    radius_class = np.clip(
        np.ceil(np.log(np.maximum(radius, 0.1) / 0.1) / math.log(RADIUS_STEP)), 0, _CLASSES - 1
    ).astype(np.int64)
    remaining = np.arange(len(queries))
    for level, (factor, by_radius) in enumerate(LEVELS):
        last = level == len(LEVELS) - 1
        key = (row[remaining] // factor) * grid.cols + col[remaining] // factor
        if by_radius:
            key = key * _CLASSES + radius_class[remaining]
        groups, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        top = row[remaining[first]] // factor * factor
        left = col[remaining[first]] // factor * factor
        group_radius = _group_max(radius[remaining], inverse, len(groups))
        ranges = _box_ranges(grid, top, top + factor - 1, left, left + factor - 1, group_radius)
        starts, ends, owner = _search(grid, ranges, index_keys)
        box = np.bincount(owner, weights=ends - starts, minlength=len(groups))
        count = np.bincount(inverse, minlength=len(groups))
        accept = np.ones(len(groups), dtype=np.bool_) if last else count * box <= SMALL_BLOCK
        order = np.argsort(inverse, kind="stable")
        member_bounds = np.searchsorted(inverse[order], np.arange(len(groups) + 1))
        range_bounds = np.searchsorted(owner, np.arange(len(groups) + 1))
        for g in np.flatnonzero(accept & (box > 0)):
            members = queries[remaining[order[member_bounds[g] : member_bounds[g + 1]]]]
            lo, hi = range_bounds[g], range_bounds[g + 1]
            positions = _positions(starts[lo:hi], ends[lo:hi])
            step = max(1, block_pairs // len(positions))
            for begin in range(0, len(members), step):
                yield members[begin : begin + step], positions
        remaining = remaining[~accept[inverse]]
        if len(remaining) == 0:
            return


def _box_ranges(
    grid: Grid, row_lo: I64, row_hi: I64, col_lo: I64, col_hi: I64, radius_km: F64
) -> tuple[I64, I64, I64, I64]:
    """For each rectangle of fine cells, the fine rows it can reach and, per row, the first and
    last column: (owner, row, first col, last col), ordered by owner."""
    reach = radius_km * _MARGIN + _MARGIN_KM
    dr = np.floor(reach / grid.cell_km).astype(np.int64) + 1
    span = row_hi - row_lo + 1 + 2 * dr
    owner = np.repeat(np.arange(len(row_lo), dtype=np.int64), span)
    local = np.arange(len(owner), dtype=np.int64) - np.repeat(np.cumsum(span) - span, span)
    row = row_lo[owner] - dr[owner] + local
    gap_rows = np.maximum(0, np.maximum(row_lo[owner] - row, row - row_hi[owner]) - 1)
    gap_km = gap_rows * grid.cell_km
    r = reach[owner]
    inside = (gap_km <= r) & (row >= 0) & (row < grid.rows)
    owner, row, gap_km, r = owner[inside], row[inside], gap_km[inside], r[inside]
    # On a sphere, |Δlat| >= gap, and sin²(d/2R) = sin²(Δlat/2) + cos φ1 cos φ2 sin²(Δlon/2)
    # bounds Δlon for every pair within the radius (cos φ >= cos top for both points).
    half = np.minimum(r, np.pi * EARTH_RADIUS_KM) / (2 * EARTH_RADIUS_KM)
    gap_half = np.minimum(gap_km, r) / (2 * EARTH_RADIUS_KM)
    across = np.sqrt(np.maximum(np.sin(half) ** 2 - np.sin(gap_half) ** 2, 0.0))
    # The widest longitude span is at the latitude farthest from the equator of either row.
    edges = np.stack((row, row + 1, row_lo[owner], row_hi[owner] + 1), axis=1)
    top = np.abs(edges * grid.cell_lat - 90.0).max(axis=1)
    cos_top = np.cos(np.radians(np.minimum(top, _MAX_LAT)))
    ratio = across / cos_top
    wide = (top >= _MAX_LAT) | (ratio >= 1.0)
    reach_lon = np.where(wide, 360.0, np.degrees(2 * np.arcsin(np.minimum(ratio, 1.0))))
    dc = np.floor(np.minimum(reach_lon, 360.0) / grid.cell_lon).astype(np.int64) + 1
    first = np.maximum(col_lo[owner] - dc, 0)
    last = np.minimum(col_hi[owner] + dc, grid.cols - 1)
    return owner, row, first, last


def _search(grid: Grid, ranges: tuple[I64, I64, I64, I64], index_keys: I64) -> tuple[I64, I64, I64]:
    owner, row, first, last = ranges
    starts = np.searchsorted(index_keys, row * grid.cols + first, side="left")
    ends = np.searchsorted(index_keys, row * grid.cols + last, side="right")
    nonempty = ends > starts
    return starts[nonempty], ends[nonempty], owner[nonempty]


def _positions(starts: I64, ends: I64) -> I64:
    """Concatenate the ranges [start, end) into one index array."""
    lengths = ends - starts
    total = int(lengths.sum())
    offsets = np.cumsum(lengths) - lengths
    return np.arange(total, dtype=np.int64) + np.repeat(starts - offsets, lengths)


def _group_max(values: F64, group: I64, groups: int) -> F64:
    result = np.zeros(groups)
    np.maximum.at(result, group, values)
    return result
