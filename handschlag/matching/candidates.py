"""The candidate graph: for every item, its best k compatible partners by score.

Pairs are enumerated block by block through the grid (never all pairs). On a whole block,
the distance check is one product of unit vectors and languages and kinds are one lookup in a
small table of profile pairs; wishes, exclusions and the score run only on the pairs that are
left, gathered from several blocks. A right item's whole box is in one block, so its top k is
exact there; a left item's top k is merged across blocks in a bounded buffer. Ties are broken
by the partner's id order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .constraints import contains, wishes_met
from .encode import F64, I64, Bools, Side
from .grid import Grid, blocks, lat_lon
from .memory import release_memory
from .model import SCALE
from .problem import Problem, language_kind
from .score import place_time_points

_PARTNER_BITS = 24
_SCORE_BITS = 14
_GROUP_SHIFT = _PARTNER_BITS + _SCORE_BITS
_PARTNER_MASK = (1 << _PARTNER_BITS) - 1
_SCORE_MASK = (1 << _SCORE_BITS) - 1
MAX_ITEMS = 1 << _PARTNER_BITS
"""Rows per side that fit into the packed sort keys."""
_BUCKET_SHIFT = 6
_BUCKETS = (SCALE >> _BUCKET_SHIFT) + 1


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
    left_picky: bool  # some left item has requirements
    right_picky: bool


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
    both = np.argsort(np.concatenate((left_keys, right_keys)), kind="stable")
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
        left_picky=bool(p.left.picky.any()),
        right_picky=bool(p.right.picky.any()),
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


BATCH_PAIRS = 1 << 19
"""Pairs gathered from several blocks before the per-pair steps run: few numpy calls even
where blocks are small."""


def candidates(
    p: Problem,
    sp: Spatial,
    k: int,
    left_free: I64,
    right_free: I64,
    block_pairs: int,
    taken: I64 | None = None,
) -> Edges:
    """Edges between right items and left items that both have places left (`*_free`: places
    per id-order row): each item keeps its best k, and one more per further place. `taken`:
    sorted keys (left row * n_right + right row) of pairs already made, which are blocked
    like excluded ones (a pair is made once, whatever places its items have left)."""
    left_active = left_free[sp.left.rows] > 0
    queries = np.flatnonzero(right_free[sp.right.rows] > 0)
    if len(queries) == 0 or not left_active.any():
        return Edges.empty()
    left_k = np.where(left_free > 0, left_free + (k - 1), 0)
    right_k = np.where(right_free > 0, right_free + (k - 1), 0)
    blocked = p.blocked if taken is None else np.union1d(p.blocked, taken)
    flags = np.zeros(len(p.left), dtype=np.bool_)
    flags[blocked // max(len(p.right), 1)] = True
    search = _Search(p, sp, left_active, left_k, right_k, block_pairs)
    search.blocked, search.blocked_flags = blocked, flags[sp.left.rows]
    search.run(queries)
    left_edges = _unpack(search.left)
    right_edges = _unpack(search.right)
    swapped = Edges(right_edges.right, right_edges.left, right_edges.points)
    return left_edges.union(swapped, len(p.right))


class _Search:
    """The candidates of the right items `queries`: their own best lists (`right`, packed
    keys by right row) and the left items' best lists among them (`left`, by left row)."""

    def __init__(
        self,
        p: Problem,
        sp: Spatial,
        left_active: Bools,
        left_k: I64,
        right_k: I64,
        block_pairs: int,
    ) -> None:
        self.p, self.sp = p, sp
        self.left_active, self.left_k, self.right_k = left_active, left_k, right_k
        self.block_pairs = block_pairs
        self.right = np.zeros(0, dtype=np.int64)
        self.left = np.zeros(0, dtype=np.int64)
        self.blocked = p.blocked  # sorted keys of pairs never to propose
        self.blocked_flags = sp.left.excluding  # by left position: in some blocked pair

    def run(self, queries: I64) -> None:
        p, sp = self.p, self.sp
        right_chosen: list[I64] = []
        buffer = _Buffer(self.left_k, size=max(int(self.left_k.sum()), 1 << 21))
        batch = _Batch()
        radius = np.minimum(sp.right.max_km, float(sp.left.max_km[self.left_active].max()))
        box: Box | None = None
        for qp, positions in blocks(
            sp.grid, sp.right_keys, radius, queries, sp.left_keys, self.block_pairs
        ):
            if box is None or box.source is not positions:  # row chunks of a group share it
                box = Box(p, sp.left, positions, self.left_active)
            if len(box.positions):
                batch.add(sp.right.rows[qp], *near_compatible(p, sp, qp, box))
                if batch.pairs >= BATCH_PAIRS:
                    self._flush(batch, right_chosen, buffer)
        online = self._online(queries, batch, right_chosen, buffer)
        if batch.pairs:
            self._flush(batch, right_chosen, buffer)
        self.right = np.concatenate(right_chosen) if right_chosen else self.right
        if online:  # an online right item's list comes in two parts: keep its best
            self.right = _keep_best(self.right, self.right_k)
        self.left = buffer.result()

    def _online(
        self, queries: I64, batch: _Batch, right_chosen: list[I64], buffer: _Buffer
    ) -> bool:
        """The pairs of two online items beyond a maximum distance (the grid found the others):
        the online queries against every online left item, in blocks. Whether there were
        any."""
        p, sp = self.p, self.sp
        online_queries = queries[sp.right.online[queries]]
        online_left = np.flatnonzero(self.left_active & sp.left.online)
        if len(online_queries) == 0 or len(online_left) == 0:
            return False
        box = Box(p, sp.left, online_left, None)
        step = max(1, self.block_pairs // len(box.positions))
        for begin in range(0, len(online_queries), step):
            qp = online_queries[begin : begin + step]
            batch.add(sp.right.rows[qp], *near_compatible(p, sp, qp, box, far=True))
            if batch.pairs >= BATCH_PAIRS:
                self._flush(batch, right_chosen, buffer)
        return True

    def _flush(self, batch: _Batch, right_chosen: list[I64], buffer: _Buffer) -> None:
        p, sp = self.p, self.sp
        query, ri, li, dot, language_kind_points = batch.take()
        wanted = self._wishes_and_exclusions(ri, li)
        if wanted is not None:
            query, ri, li, dot = query[wanted], ri[wanted], li[wanted], dot[wanted]
            language_kind_points = language_kind_points[wanted]
        pts = language_kind_points + place_time_points(p.weights, sp.left, li, sp.right, ri, dot)
        right_rows, left_rows = sp.right.rows[ri], sp.left.rows[li]
        take = _likely_top(query, batch.queries, pts, self.right_k[batch.query_rows()])
        right_chosen.append(_best(right_rows[take], pts[take], left_rows[take], self.right_k))
        buffer.add(left_rows, pts, right_rows)
        batch.clear()

    def _wishes_and_exclusions(self, ri: I64, li: I64) -> Bools | None:
        """None when nobody has wishes and no pair is blocked."""
        p, sp = self.p, self.sp
        ok: Bools | None = None
        if sp.right_picky:
            ok = wishes_met(sp.right, ri, sp.left, li)
        if sp.left_picky:
            met = wishes_met(sp.left, li, sp.right, ri)
            ok = met if ok is None else ok & met
        if len(self.blocked):
            free = np.ones(len(li), dtype=np.bool_)
            check = np.flatnonzero(self.blocked_flags[li])
            if len(check):
                keys = sp.left.rows[li[check]] * len(p.right) + sp.right.rows[ri[check]]
                free[check] = ~contains(self.blocked, keys)
            ok = free if ok is None else ok & free
        return ok


class _Batch:
    """Pairs of several blocks; a query's index is its place among the batch's queries."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.parts: list[tuple[I64, I64, I64, F64, I64]] = []
        self.rows: list[I64] = []
        self.queries = 0
        self.pairs = 0

    def add(self, rows: I64, ii: I64, ri: I64, li: I64, dot: F64, lk: I64) -> None:
        self.parts.append((ii + self.queries, ri, li, dot, lk))
        self.rows.append(rows)
        self.queries += len(rows)
        self.pairs += len(ii)

    def take(self) -> tuple[I64, I64, I64, F64, I64]:
        columns = list(zip(*self.parts, strict=True))
        query, ri, li, lk = (np.concatenate(columns[i]) for i in (0, 1, 2, 4))
        return query, ri, li, np.concatenate(columns[3]), lk

    def query_rows(self) -> I64:
        return np.concatenate(self.rows)


class Box:
    """The index side of a block, prepared once for all row chunks of a query group: its
    positions (sorted by profile when the problem has a table, so that profile runs expand to
    columns with one np.repeat), unit vectors (transposed) and distance thresholds."""

    def __init__(self, p: Problem, side: Side, positions: I64, active: Bools | None) -> None:
        self.source = positions
        chosen = positions if active is None else positions[active[positions]]
        self.runs: I64 | None = None
        if p.table.values is not None:
            profile = side.profile[chosen]
            if len(p.table.values) // max(p.table.columns, 1) < 1 << 16:
                profile = profile.astype(np.uint16)  # a radix sort
            order = np.argsort(profile, kind="stable")
            chosen, profile = chosen[order], profile[order]
            change = np.ones(len(profile), dtype=np.bool_)
            change[1:] = profile[1:] != profile[:-1]
            starts = np.flatnonzero(change)
            self.profiles = profile[starts].astype(np.int64)
            self.runs = np.diff(np.append(starts, len(profile)))
            self.run_of_column = np.repeat(np.arange(len(self.runs)), self.runs)
        self.positions = chosen
        self.xyz_t = np.ascontiguousarray(side.xyz[chosen].T)
        self.threshold = side.threshold[chosen]


def near_pairs(
    xyz: F64, threshold: F64, box: Box, extra: Bools | None = None, far: bool = False
) -> tuple[I64, I64, F64]:
    """Pairs of queries (unit vectors, thresholds) × box within both maximum distances (and
    `extra`, a mask over the block): (query index, box index, dot product). `far`: the pairs
    beyond either maximum instead (online items, whose near pairs the grid finds)."""
    # einsum's own loop, not BLAS: BLAS threads spin and stall on a busy machine (K is 3).
    dot = np.einsum("ik,kj->ij", xyz, box.xyz_t)
    near = dot >= threshold[:, None]
    near &= dot >= box.threshold[None, :]
    if far:
        np.logical_not(near, out=near)
    if extra is not None:
        near &= extra
    flat = np.flatnonzero(near)
    ii, jj = np.divmod(flat, len(box.positions))
    return ii, jj, dot.reshape(-1)[flat]


def near_compatible(
    p: Problem, sp: Spatial, qp: I64, box: Box, far: bool = False
) -> tuple[I64, I64, I64, F64, I64]:
    """The pairs of right positions `qp` × the box within both distances (`far`: beyond one of
    them) that share a language and a kind: (index into qp, right position, left position,
    dot product, language and kind points). Wishes and exclusions are left to the caller."""
    right, left = sp.right, sp.left
    xyz, threshold = right.xyz[qp], right.threshold[qp]
    if box.runs is None or p.table.values is None:
        ii, jj, dot = near_pairs(xyz, threshold, box, None, far)
        ri, li = qp[ii], box.positions[jj]
        ok, language_kind_points = language_kind(p, left, li, right, ri)
        return ii[ok], ri[ok], li[ok], dot[ok], language_kind_points
    # Language and kind by profile: a (box profiles × query profiles) slice of the table,
    # expanded to a mask over the block; the points come from the same slice.
    profiles, inverse = _distinct(right.profile[qp], p.table.columns)
    table = p.table.values.reshape(-1, p.table.columns)
    sub = table[box.profiles[:, None], profiles[None, :]]
    mask = np.repeat(np.ascontiguousarray((sub >= 0).T)[inverse], box.runs, axis=1)
    ii, jj, dot = near_pairs(xyz, threshold, box, mask, far)
    language_kind_points = sub[box.run_of_column[jj], inverse[ii]].astype(np.int64)
    return ii, qp[ii], box.positions[jj], dot, language_kind_points


def _distinct(values: I64, bound: int) -> tuple[I64, I64]:
    """np.unique(values, return_inverse=True) for values in [0, bound), without sorting."""
    present = np.zeros(bound, dtype=np.bool_)
    present[values] = True
    number = np.cumsum(present) - 1
    return np.flatnonzero(present), number[values]


def _likely_top(group: I64, groups: int, pts: I64, limit: I64) -> Bools:
    """A superset of each group's best `limit[group]` elements, without sorting: every element
    in a bucket of points at or above the bucket where the group's count reaches its limit."""
    if len(pts) < 2 * groups * _BUCKETS:
        return np.ones(len(pts), dtype=np.bool_)
    bucket = (SCALE - pts) >> _BUCKET_SHIFT  # 0 is best
    histogram = np.bincount(group * _BUCKETS + bucket, minlength=groups * _BUCKETS)
    reached = np.cumsum(histogram.reshape(groups, _BUCKETS), axis=1) >= limit[:, None]
    cutoff = np.where(reached[:, -1], reached.argmax(axis=1), _BUCKETS)
    return bucket <= cutoff[group]


def _pack(group: I64, pts: I64, partner: I64) -> I64:
    """A sortable key: by group, then points (best first), then partner row."""
    return (group << _GROUP_SHIFT) | ((SCALE - pts) << _PARTNER_BITS) | partner


def _best(group: I64, pts: I64, partner: I64, limit: I64) -> I64:
    """Packed keys of the best `limit[group]` edges of each group (ties: smaller partner row),
    sorted."""
    keys = np.sort(_pack(group, pts, partner))
    groups = keys >> _GROUP_SHIFT
    return keys[_rank(groups) < limit[groups]]


def _keep_best(keys: I64, limit: I64) -> I64:
    """Of packed keys, the best `limit[group]` of each group, sorted."""
    keys = np.sort(keys)
    groups = keys >> _GROUP_SHIFT
    return keys[_rank(groups) < limit[groups]]


def _unpack(keys: I64) -> Edges:
    """(group, points, partner) of packed keys, as Edges(left=group, right=partner)."""
    pts = SCALE - ((keys >> _PARTNER_BITS) & _SCORE_MASK)
    return Edges(keys >> _GROUP_SHIFT, keys & _PARTNER_MASK, pts)


def _rank(sorted_group: I64) -> I64:
    """Position of each element within its run of equal groups."""
    n = len(sorted_group)
    change = np.ones(n, dtype=np.bool_)
    change[1:] = sorted_group[1:] != sorted_group[:-1]
    first = np.flatnonzero(change)
    lengths = np.diff(np.append(first, n))
    return np.arange(n, dtype=np.int64) - np.repeat(first, lengths)


_REDUCE_SLICE = 1 << 18


class _Buffer:
    """The best `limit[group]` edges per group seen so far, as packed keys. Once a group has
    its full count, only edges at least as good as its current last one get in (checked on
    the points before any key is built); the buffer is reduced whenever it grows past `size`,
    so memory stays bounded however many blocks a group appears in."""

    def __init__(self, limit: I64, size: int) -> None:
        self.limit = limit
        self.size = size
        self.parts: list[I64] = []
        self.count = 0
        self.cutoff = np.full(len(limit), np.iinfo(np.int64).max, dtype=np.int64)
        self.floor = np.full(len(limit), -1, dtype=np.int64)  # points of the last kept edge
        self.merged = False  # parts[0] is the sorted result of a reduction

    def add(self, group: I64, pts: I64, partner: I64) -> None:
        hopeful = np.flatnonzero(pts >= self.floor[group])
        group, keys = group[hopeful], _pack(group[hopeful], pts[hopeful], partner[hopeful])
        keys = keys[keys < self.cutoff[group]]
        self.parts.append(keys)
        self.count += len(keys)
        if self.count > self.size:
            self._reduce()

    def _reduce(self) -> None:
        if not self.parts:
            keys = np.zeros(0, np.int64)
        elif self.merged and len(self.parts) > 1:
            # parts[0] is sorted already: sort the new keys, then merge the two sorted runs
            # (a stable sort finds the runs and merges them in linear time)
            new = np.sort(np.concatenate(self.parts[1:]))
            keys = np.sort(np.concatenate((self.parts[0], new)), kind="stable")
        else:
            keys = np.sort(np.concatenate(self.parts))
        self.merged = True
        kept = []
        start = 0
        while start < len(keys):  # in slices of whole groups: few temporaries at a time
            end = min(start + _REDUCE_SLICE, len(keys))
            if end < len(keys):
                next_group = (int(keys[end - 1]) >> _GROUP_SHIFT) + 1
                end = int(np.searchsorted(keys, next_group << _GROUP_SHIFT))
            part = keys[start:end]
            groups = part >> _GROUP_SHIFT
            rank = _rank(groups)
            limit = self.limit[groups]
            full = rank == limit - 1
            self.cutoff[groups[full]] = part[full]
            self.floor[groups[full]] = SCALE - ((part[full] >> _PARTNER_BITS) & _SCORE_MASK)
            kept.append(part[rank < limit])
            start = end
        keys = np.concatenate(kept) if kept else keys
        release_memory()  # the search's freed temporaries, before the buffer grows again
        self.parts, self.count = [keys], len(keys)
        self.size = max(self.size, 2 * len(keys))

    def result(self) -> I64:
        self._reduce()
        return self.parts[0]
