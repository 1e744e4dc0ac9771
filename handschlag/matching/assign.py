"""The optimal assignment on the candidate graph: a maximum flow of minimum cost.

Left item l supplies its free places, right item r demands its free places, each candidate
edge carries at most one unit at cost top - points (top: the most points of any edge).
OR-Tools' SolveMaxFlowWithMinCost first maximises the flow (= the number of new pairs), then
minimises the cost among maximum flows; as every unit of flow pays top, that maximises the sum
of points. All costs are integers, so the optimum is exact. (The smaller range of costs than
SCALE - points saves the solver about a tenth of its time.)
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from .candidates import Edges
from .encode import I64, Bools


class SolverError(RuntimeError):
    pass


def assign(edges: Edges, left_free: I64, right_free: I64, left_rank: I64, right_rank: I64) -> Bools:
    """Which edges are chosen. `*_free`: places per id-order row; `*_rank`: each item's
    place in one spatial order of both sides. Nodes are numbered in that order and arcs added
    by node, so that neighbours in the graph are neighbours in memory (about a third faster
    than numbering by id; the optimum does not depend on it)."""
    from . import kernels  # numba: loaded on the first match, not with the package

    chosen = np.zeros(len(edges), dtype=np.bool_)
    if len(edges) == 0:
        return chosen
    left_rows, left_index = _compact(edges.left, len(left_free))
    right_rows, right_index = _compact(edges.right, len(right_free))
    ranks = np.concatenate((left_rank[left_rows], right_rank[right_rows]))
    # The nodes' numbers: their ranks, without the gaps (int32, as the solver takes them).
    node = _compact(ranks, len(left_rank) + len(right_rank))[1].astype(np.int32)
    tails, heads = node[left_index], node[len(left_rows) + right_index]
    order = kernels.arc_order(tails, heads, len(ranks))
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        tails[order],
        heads[order],
        np.ones(len(edges), dtype=np.int64),
        int(edges.points.max()) - edges.points[order],
    )
    supplies = np.empty(len(ranks), dtype=np.int64)
    supplies[node] = np.concatenate((left_free[left_rows], -right_free[right_rows]))
    flow.set_nodes_supplies(np.arange(len(ranks), dtype=np.int32), supplies)
    # The solver builds its own graph: free ours before it does (lowers the peak).
    del tails, heads, left_index, right_index, node, supplies
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise SolverError(f"min-cost flow failed: {status}")
    chosen[order[np.asarray(flow.flows(arcs)) > 0]] = True
    return chosen


def _compact(rows: I64, bound: int) -> tuple[I64, I64]:
    """np.unique(rows, return_inverse=True) for rows in [0, bound), without sorting."""
    present = np.zeros(bound, dtype=np.bool_)
    present[rows] = True
    number = np.cumsum(present) - 1
    return np.flatnonzero(present), number[rows]


def prefer_smaller_ids(edges: Edges, chosen: Bools, left_free: I64, right_free: I64) -> Bools:
    """Among equal optima the solver picks one; make its ties go by id: while a chosen edge
    (l, r) has an unchosen twin (l, r') with the same points, r' free and id(r') < id(r),
    take (l, r') instead (and likewise on the left side). Every swap keeps the number of
    pairs and the total points, and lowers the sum of id ranks, so this ends. (Compiled:
    kernels.prefer_smaller_ids.)"""
    from . import kernels

    chosen = chosen.copy()
    left_now = left_free - np.bincount(edges.left[chosen], minlength=len(left_free))
    right_now = right_free - np.bincount(edges.right[chosen], minlength=len(right_free))
    kernels.prefer_smaller_ids(
        edges.left, edges.right, edges.points, chosen, right_now, len(left_free)
    )
    kernels.prefer_smaller_ids(
        edges.right, edges.left, edges.points, chosen, left_now, len(right_free)
    )
    return chosen
