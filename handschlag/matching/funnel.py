"""Why an item got no partner: how many items of the other side pass each check, in order.

The same block enumeration as the candidates (candidates.py), run only for the unmatched
items, with a count after every check instead of a score.
"""

from __future__ import annotations

import numpy as np

from .candidates import Box, Spatial
from .constraints import kinds_compatible, share_language, wishes_met
from .encode import F64, I64, Bools, Side
from .grid import blocks
from .model import FUNNEL
from .problem import Problem

STAGES = (*FUNNEL, "free")
"""FUNNEL, then: of the allowed partners, how many had a place left before this run."""


def funnel_counts(
    p: Problem,
    sp: Spatial,
    side: str,
    rows: I64,
    free: I64,
    block_pairs: int,
) -> I64:
    """(len(rows), len(STAGES)) counts for the items `rows` (id order) of `side`; `free` are
    the other side's places per id-order row."""
    me, other = (sp.right, sp.left) if side == "right" else (sp.left, sp.right)
    my_keys, other_keys = (
        (sp.right_keys, sp.left_keys)
        if side == "right"
        else (
            sp.left_keys,
            sp.right_keys,
        )
    )
    position = np.empty(len(me), dtype=np.int64)
    position[me.rows] = np.arange(len(me))
    queries = np.sort(position[rows])
    if len(queries) == 0:
        return np.zeros((0, len(STAGES)), dtype=np.int64)
    counts = np.zeros((len(me), len(STAGES)), dtype=np.int64)
    box: Box | None = None
    for qp, positions in blocks(sp.grid, my_keys, me.max_km, queries, other_keys, block_pairs):
        if box is None or box.source is not positions:
            box = Box(p, other, positions, None)
        _count(p, side, me, other, qp, box, free, counts, far=False)
    # Online items also reach every online item beyond their own distance.
    online_queries = queries[me.online[queries]]
    online_other = np.flatnonzero(other.online)
    if len(online_queries) and len(online_other):
        box = Box(p, other, online_other, None)
        step = max(1, block_pairs // len(online_other))
        for begin in range(0, len(online_queries), step):
            qp = online_queries[begin : begin + step]
            _count(p, side, me, other, qp, box, free, counts, far=True)
    return counts[position[rows]]


def _count(
    p: Problem,
    side: str,
    me: Side,
    other: Side,
    qp: I64,
    box: Box,
    free: I64,
    counts: I64,
    far: bool,
) -> None:
    """Add the funnel counts of the queries `qp` against the box: the pairs within the
    queries' own distance, or (`far`) beyond it (both online)."""
    dot = np.einsum("ik,kj->ij", me.xyz[qp], box.xyz_t)
    near = dot >= me.threshold[qp][:, None]
    flat = np.flatnonzero(~near if far else near)
    ii, jj = np.divmod(flat, len(box.positions))
    mine, theirs, d = qp[ii], box.positions[jj], dot.reshape(-1)[flat]
    keep: Bools
    for stage in range(len(STAGES)):
        if stage > 0:
            keep = _check(p, side, stage, me, mine, other, theirs, d, free)
            ii, mine, theirs, d = ii[keep], mine[keep], theirs[keep], d[keep]
        counts[qp, stage] += np.bincount(ii, minlength=len(qp))


def _check(
    p: Problem,
    side: str,
    stage: int,
    me: Side,
    mine: I64,
    other: Side,
    theirs: I64,
    d: F64,
    free: I64,
) -> Bools:
    name = STAGES[stage]
    if name == "within_both":
        return (d >= other.threshold[theirs]) | (me.online[mine] & other.online[theirs])
    if name == "language":
        return share_language(me, mine, other, theirs)
    if name == "kind":
        return kinds_compatible(me, mine, other, theirs)
    if name == "own_wishes":
        return wishes_met(me, mine, other, theirs)
    if name == "their_wishes":
        return wishes_met(other, theirs, me, mine)
    if name == "allowed":
        if side == "right":
            return p.allowed(other, theirs, me, mine)
        return p.allowed(me, mine, other, theirs)
    return free[other.rows[theirs]] > 0
