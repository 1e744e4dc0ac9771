"""Why an item got no partner: how many items of the other side pass each check, in order.

The same walk through the grid as the candidate search (kernels.py), run only for the unmatched
items without any candidate, with a count after every check instead of a score.
"""

from __future__ import annotations

import numpy as np

from .candidates import Spatial, blocked_flags, grid_tuple, side_tuple
from .encode import I64
from .model import FUNNEL
from .problem import Problem

STAGES = (*FUNNEL, "free")
"""FUNNEL, then: of the allowed partners, how many had a place left before this run."""


def funnel_counts(p: Problem, sp: Spatial, side: str, rows: I64, free: I64) -> I64:
    """(len(rows), len(STAGES)) counts for the items `rows` (id order) of `side`; `free` are
    the other side's places per id-order row."""
    from . import kernels  # numba: loaded on the first match, not with the package

    other_side = "left" if side == "right" else "right"
    me, other = (sp.right, sp.left) if side == "right" else (sp.left, sp.right)
    my_keys, other_keys = (
        (sp.right_keys, sp.left_keys) if side == "right" else (sp.left_keys, sp.right_keys)
    )
    position = np.empty(len(me), dtype=np.int64)
    position[me.rows] = np.arange(len(me))
    queries = np.sort(position[rows])
    if len(queries) == 0:
        return np.zeros((0, len(STAGES)), dtype=np.int64)
    counts = kernels.funnel(
        grid_tuple(sp),
        queries,
        side_tuple(me, my_keys, blocked_flags(p, p.blocked, side)[me.rows]),
        side_tuple(other, other_keys, blocked_flags(p, p.blocked, other_side)[other.rows]),
        np.flatnonzero(other.online),
        free[other.rows],
        p.blocked,
        len(p.right),
        side == "left",
    )
    return counts[np.searchsorted(queries, position[rows])]
