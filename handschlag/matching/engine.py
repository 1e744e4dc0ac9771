"""match(): encode, generate candidates, assign optimally, explain."""

from __future__ import annotations

import gc
from collections.abc import Collection, Sequence
from time import perf_counter, process_time

import numpy as np

from .assign import assign, prefer_smaller_ids
from .candidates import Edges, Spatial, candidates, spatial
from .explain import Explainer
from .funnel import funnel_counts
from .model import CandidateGraph, Config, Item, ItemId, Pair, Result, Stats, Unmatched
from .problem import Problem, build_problem, compatible, dots
from .score import points


def match(
    left: Sequence[Item],
    right: Sequence[Item],
    config: Config | None = None,
    *,
    existing: Collection[tuple[ItemId, ItemId]] = (),
    excluded: Collection[tuple[ItemId, ItemId]] = (),
) -> Result:
    """See the package docstring."""
    # The engine makes no reference cycles; with the collector on, every few thousand new
    # objects it would rescan all the caller's items (seconds at national scale).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _match(left, right, config or Config(), existing, excluded)
    finally:
        if collecting:
            gc.enable()


def _match(
    left: Sequence[Item],
    right: Sequence[Item],
    config: Config,
    existing: Collection[tuple[ItemId, ItemId]],
    excluded: Collection[tuple[ItemId, ItemId]],
) -> Result:
    started = perf_counter()
    p = build_problem(left, right, config, existing, excluded)
    sp = spatial(p)
    encoded = perf_counter()
    left_free, right_free = p.left.capacity.copy(), p.right.capacity.copy()

    seconds_candidates = seconds_assign = cpu_candidates = cpu_assign = 0.0
    edges = Edges.empty()
    chosen = np.zeros(0, dtype=np.bool_)
    left_now, right_now = left_free, right_free
    clock, cpu = perf_counter(), process_time()
    extra = candidates(p, sp, config.k, left_now, right_now, config.block_pairs)
    seconds_candidates += perf_counter() - clock
    cpu_candidates += process_time() - cpu
    rounds = 0
    limit = config.max_rounds
    # Every repair round adds edges between items that are both free, so its optimum has at
    # least one pair more than the last: the loop ends after at most min(places) + 1 rounds.
    while (limit is None or rounds < limit) and (rounds == 0 or len(extra)):
        edges, rounds = edges.union(extra, len(p.right)), rounds + 1
        clock, cpu = perf_counter(), process_time()
        chosen = assign(edges, left_free, right_free, sp.left_rank, sp.right_rank)
        chosen = prefer_smaller_ids(edges, chosen, left_free, right_free)
        seconds_assign += perf_counter() - clock
        cpu_assign += process_time() - cpu
        left_now = left_free - np.bincount(edges.left[chosen], minlength=len(p.left))
        right_now = right_free - np.bincount(edges.right[chosen], minlength=len(p.right))
        # Compatible pairs of items that are both still free, other than pairs made already:
        # none are in the graph (the flow would have used them); the next round adds them,
        # else they explain NOT_SELECTED.
        clock, cpu = perf_counter(), process_time()
        taken = edges.left[chosen] * len(p.right) + edges.right[chosen]
        extra = candidates(p, sp, config.k, left_now, right_now, config.block_pairs, taken)
        seconds_candidates += perf_counter() - clock
        cpu_candidates += process_time() - cpu

    clock = perf_counter()
    explainer = Explainer(p, config)
    pairs = _pairs(p, explainer, edges, chosen)
    unmatched = _unmatched(p, sp, config, explainer, edges, chosen, extra)
    explained = perf_counter()
    return Result(
        pairs=tuple(pairs),
        unmatched=tuple(unmatched),
        matched=int(chosen.sum()),
        objective=int(edges.points[chosen].sum()),
        graph=CandidateGraph(
            left_ids=tuple(item.id for item in p.left_items),
            right_ids=tuple(item.id for item in p.right_items),
            left_capacity=left_free,
            right_capacity=right_free,
            left=edges.left,
            right=edges.right,
            points=edges.points,
        ),
        stats=Stats(
            candidate_edges=len(edges),
            rounds=rounds,
            seconds_encode=encoded - started,
            seconds_candidates=seconds_candidates,
            seconds_assign=seconds_assign,
            seconds_explain=explained - clock,
            cpu_candidates=cpu_candidates,
            cpu_assign=cpu_assign,
        ),
    )


def pair_table(
    left: Sequence[Item],
    right: Sequence[Item],
    config: Config | None = None,
    *,
    excluded: Collection[tuple[ItemId, ItemId]] = (),
) -> tuple[np.ndarray, np.ndarray]:
    """(compatible, points): two (len(left), len(right)) matrices in input order, every pair
    computed directly. Quadratic: for tests, checks and small cases, not for matching."""
    config = config or Config()
    p = build_problem(left, right, config, (), excluded)
    row = {item.id: r for r, item in enumerate(p.left_items)}
    col = {item.id: r for r, item in enumerate(p.right_items)}
    li = np.repeat([row[item.id] for item in left], len(right)).astype(np.int64)
    ri = np.tile([col[item.id] for item in right], len(left)).astype(np.int64)
    dot = dots(p.left, li, p.right, ri)
    ok = compatible(p, li, ri, dot)
    pts = points(p.weights, p.left, li, p.right, ri, dot)
    shape = (len(left), len(right))
    return ok.reshape(shape), pts.reshape(shape)


def _pairs(p: Problem, explainer: Explainer, edges: Edges, chosen: np.ndarray) -> list[Pair]:
    """Existing and new pairs, ordered by (left id, right id)."""
    existing_left, existing_right = p.split_keys(p.existing)
    left = np.concatenate((existing_left, edges.left[chosen]))
    right = np.concatenate((existing_right, edges.right[chosen]))
    pts = np.concatenate((np.full(len(existing_left), -1), edges.points[chosen]))
    old = np.arange(len(left)) < len(existing_left)
    order = np.lexsort((right, left))
    return explainer.pairs(left[order], right[order], pts[order], old[order])


def _unmatched(
    p: Problem,
    sp: Spatial,
    config: Config,
    explainer: Explainer,
    edges: Edges,
    chosen: np.ndarray,
    missing: Edges,
) -> list[Unmatched]:
    """Items with no partner at all (existing or new), left side first, each in id order.

    An unmatched item with candidates found them all taken (else the flow would not be
    maximal), or, when `missing` edges join it to a free partner, was not selected. Only
    items without any candidate need the funnel: which check leaves nobody."""
    existing_left, existing_right = p.split_keys(p.existing)
    result = []
    for side, taken, ends, missing_ends, other_free in (
        ("left", (existing_left, edges.left[chosen]), edges.left, missing.left, p.right.capacity),
        (
            "right",
            (existing_right, edges.right[chosen]),
            edges.right,
            missing.right,
            p.left.capacity,
        ),
    ):
        n = len(p.left) if side == "left" else len(p.right)
        partnered = np.zeros(n, dtype=np.bool_)
        for rows in taken:
            partnered[rows] = True
        degree = np.bincount(ends, minlength=n)
        free_partners = np.bincount(missing_ends, minlength=n)
        rows = np.flatnonzero(~partnered)
        places = p.left.capacity if side == "left" else p.right.capacity
        lonely = rows[(degree[rows] == 0) & (places[rows] > 0)]
        counts = funnel_counts(p, sp, side, lonely, other_free, config.block_pairs)
        result += explainer.unmatched(
            side,
            rows,
            degree[rows],
            free_partners[rows],
            dict(zip(lonely.tolist(), counts.tolist(), strict=True)),
        )
    return result
