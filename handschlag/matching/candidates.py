"""The candidate graph: for every item, its best k compatible partners by score.

Each right item with a free place walks the grid cells in its reach (never all pairs): the
distance check, then languages and kinds (one lookup in a small table of profile pairs),
wishes and exclusions, then the score; the pair goes into the right item's bounded list of
its best and into the left item's. The loop is compiled (kernels.py). Ties are broken by the
partner's id order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .constraints import union_sorted
from .encode import I64, Bools, Side
from .grid import Grid, lat_lon
from .model import SCALE
from .problem import Problem

MAX_ITEMS = 1 << 24
"""Rows per side that fit into the packed keys of the candidate lists."""


@dataclass(slots=True)
class Spatial:
    """Both sides sorted by grid cell: rows close in space are close in memory."""

    grid: Grid
    left: Side
    right: Side
    left_keys: I64  # sorted fine cell keys of `left`
    right_keys: I64
    left_rank: I64  # id-order row -> place in one spatial order of both sides
    right_rank: I64


def spatial(p: Problem) -> Spatial:
    if max(len(p.left), len(p.right)) >= MAX_ITEMS:
        raise ValueError(f"at most {MAX_ITEMS - 1} items per side")
    left_lat, left_lon = lat_lon(p.left.xyz)
    right_lat, right_lon = lat_lon(p.right.xyz)
    grid = Grid.covering(
        np.concatenate((left_lat, right_lat)), np.concatenate((p.left.max_km, p.right.max_km))
    )
    left_keys = grid.keys(left_lat, left_lon)
    right_keys = grid.keys(right_lat, right_lon)
    left_order = np.argsort(left_keys, kind="stable")
    right_order = np.argsort(right_keys, kind="stable")
    # One order of both sides by cell, left items first within a cell: a stable sort of the
    # two sorted sides merges them.
    rows = np.concatenate((left_order, len(left_keys) + right_order))
    both = rows[
        np.argsort(np.concatenate((left_keys[left_order], right_keys[right_order])), kind="stable")
    ]
    rank = np.empty(len(both), dtype=np.int64)
    rank[both] = np.arange(len(both))
    return Spatial(
        grid,
        p.left.take(left_order),
        p.right.take(right_order),
        left_keys[left_order],
        right_keys[right_order],
        left_rank=rank[: len(left_keys)],
        right_rank=rank[len(left_keys) :],
    )


@dataclass(slots=True)
class Edges:
    """Candidate edges in id-order rows, sorted by (left row, right row), no duplicates."""

    left: I64
    right: I64
    points: I64

    @classmethod
    def empty(cls) -> Edges:
        return cls(*(np.zeros(0, dtype=np.int64) for _ in range(3)))

    def __len__(self) -> int:
        return len(self.left)

    def union(self, other: Edges, n_right: int) -> Edges:
        """Both edge sets; a pair in both keeps this set's points."""
        keys = np.concatenate(
            (self.left * n_right + self.right, other.left * n_right + other.right)
        )
        values = np.concatenate((self.points, other.points))
        unique, first = np.unique(keys, return_index=True)
        return Edges(unique // n_right, unique % n_right, values[first])


COMPACT_BELOW = 0.5
"""When fewer left items than this share have a free place, the search copies them out: the
walk then skips no full items."""


def candidates(
    p: Problem,
    sp: Spatial,
    k: int,
    left_free: I64,
    right_free: I64,
    taken: I64 | None = None,
) -> Edges:
    """Edges between right items and left items that both have places left (`*_free`: places
    per id-order row): each item keeps its best k, and one more per further place. `taken`:
    sorted keys (left row * n_right + right row) of pairs already made, which are blocked
    like excluded ones (a pair is made once, whatever places its items have left)."""
    from . import kernels  # numba: loaded on the first match, not with the package

    left_active = left_free[sp.left.rows] > 0
    queries = np.flatnonzero(right_free[sp.right.rows] > 0)
    if len(queries) == 0 or not left_active.any():
        return Edges.empty()
    left, left_keys = sp.left, sp.left_keys
    if left_active.mean() < COMPACT_BELOW:  # a repair round: walk the free left items only
        active = np.flatnonzero(left_active)
        left, left_keys, left_active = left.take(active), left_keys[active], left_active[active]
    left_k = np.where(left_free > 0, left_free + (k - 1), 0)[left.rows]
    right_k = np.where(right_free > 0, right_free + (k - 1), 0)[sp.right.rows]
    blocked = p.blocked if taken is None else union_sorted(p.blocked, taken)
    offset = np.zeros(len(left_k) + 1, dtype=np.int64)
    np.cumsum(left_k, out=offset[1:])
    table = p.table
    keys = kernels.search(
        grid_tuple(sp),
        queries,
        float(left.max_km[left_active].max()),
        side_tuple(sp.right, sp.right_keys, blocked_flags(p, blocked, "right")[sp.right.rows]),
        side_tuple(left, left_keys, blocked_flags(p, blocked, "left")[left.rows]),
        left_active,
        np.flatnonzero(left_active & left.online),
        np.zeros((0, 0), np.int16) if table.values is None else table.values,
        SCALE * p.weights,
        blocked,
        len(p.right),
        right_k,
        left_k,
        offset,
    )
    return Edges(*kernels.sorted_edges(keys, len(p.right)))


def grid_tuple(sp: Spatial) -> tuple[float, float, float, float, float]:
    g = sp.grid
    return (g.cell_km, g.cell_lat, g.cell_lon, float(g.rows), float(g.cols))


def blocked_flags(p: Problem, blocked: I64, side: str) -> Bools:
    """By id-order row: the item takes part in one of the `blocked` pairs."""
    n_right = max(len(p.right), 1)
    if side == "left":
        flags = np.zeros(len(p.left), dtype=np.bool_)
        flags[blocked // n_right] = True
    else:
        flags = np.zeros(len(p.right), dtype=np.bool_)
        flags[blocked % n_right] = True
    return flags


def side_tuple(side: Side, keys: I64, flags: Bools) -> tuple[tuple[object, ...], ...]:
    """A Side as the kernels take it (kernels.py): columns, then masks as (words × rows)."""
    n = len(side)
    words = len(side.attributes)
    requirements = (
        np.stack([np.stack(mask) for mask in side.requirements])
        if side.requirements and side.picky.any()
        else np.zeros((0, words, n), dtype=np.uint64)
    )
    return (
        (
            keys,
            np.ascontiguousarray(side.xyz),
            side.threshold,
            side.max_km,
            side.online,
            side.profile,
            side.slots,
            np.bitwise_count(side.slots).astype(np.int64),
            side.waiting_points,
            side.rows,
        ),
        (
            np.stack(side.attributes),
            requirements,
            np.stack(side.languages),
            np.stack(side.kinds),
            flags,
            side.picky,
        ),
    )
