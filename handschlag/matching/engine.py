"""match(): encode, generate candidates, assign optimally, explain."""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from time import perf_counter, process_time

import numpy as np
from numpy.typing import NDArray

from .assign import assign, prefer_smaller_ids
from .candidates import Edges, Spatial, candidates, spatial
from .constraints import union_sorted
from .encode import Bools
from .explain import Explainer
from .funnel import funnel_counts
from .memory import release_memory
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
    started, cpu_started = perf_counter(), process_time()
    release_memory()
    p = build_problem(left, right, config, existing, excluded)
    sp = spatial(p)
    encoded, cpu_encoded = perf_counter(), process_time()
    left_free, right_free = p.left.capacity.copy(), p.right.capacity.copy()

    timing = _Timing()
    with timing.candidates():
        extra = candidates(p, sp, config.k, left_free, right_free)
    parts: list[tuple[Edges, Bools]] = []
    left_now, right_now = left_free, right_free
    taken = np.zeros(0, dtype=np.int64)
    rounds = 0
    limit = config.max_rounds
    # Round 1 solves the candidate graph of all items; every further (repair) round solves
    # the graph among the items still free only, so it costs little. A repair round's graph
    # holds a compatible pair of two free items, and its optimum is a maximum flow, so it
    # makes at least one pair: the loop ends after at most min(places) + 1 rounds.
    while (limit is None or rounds < limit) and (rounds == 0 or len(extra)):
        rounds += 1
        release_memory()
        with timing.assign():
            chosen = assign(extra, left_now, right_now, sp.left_rank, sp.right_rank)
            chosen = prefer_smaller_ids(extra, chosen, left_now, right_now)
        parts.append((extra, chosen))
        left_now = left_now - np.bincount(extra.left[chosen], minlength=len(p.left))
        right_now = right_now - np.bincount(extra.right[chosen], minlength=len(p.right))
        # Compatible pairs of items that are both still free, other than pairs made already:
        # the next round's graph, else they explain NOT_SELECTED.
        with timing.candidates():
            made = extra.left[chosen] * len(p.right) + extra.right[chosen]  # sorted, as extra
            taken = union_sorted(taken, made)
            extra = candidates(p, sp, config.k, left_now, right_now, taken)
    edges, chosen, round_of = _merge(parts, len(p.right))

    release_memory()
    clock, cpu_clock = perf_counter(), process_time()
    explainer = Explainer(p, config)
    pairs = _pairs(p, explainer, edges, chosen)
    unmatched = _unmatched(p, sp, config, explainer, edges, chosen, extra)
    explained, cpu_explained = perf_counter(), process_time()
    return Result(
        pairs=tuple(pairs),
        unmatched=tuple(unmatched),
        matched=int(chosen.sum()),
        objective=int(edges.points[chosen].sum()),
        graph=CandidateGraph(
            left_ids=tuple(p.left_ids.tolist()),
            right_ids=tuple(p.right_ids.tolist()),
            left_capacity=left_free,
            right_capacity=right_free,
            left=edges.left,
            right=edges.right,
            points=edges.points,
            round=round_of,
        ),
        stats=Stats(
            candidate_edges=len(edges),
            rounds=rounds,
            seconds_encode=encoded - started,
            seconds_candidates=timing.seconds["candidates"],
            seconds_assign=timing.seconds["assign"],
            seconds_explain=explained - clock,
            cpu_candidates=timing.cpu["candidates"],
            cpu_assign=timing.cpu["assign"],
            cpu_encode=cpu_encoded - cpu_started,
            cpu_explain=cpu_explained - cpu_clock,
        ),
    )


class _Timing:
    """Wall-clock and CPU seconds per step, summed over rounds."""

    def __init__(self) -> None:
        self.seconds = {"candidates": 0.0, "assign": 0.0}
        self.cpu = {"candidates": 0.0, "assign": 0.0}

    def candidates(self) -> AbstractContextManager[None]:
        return self._step("candidates")

    def assign(self) -> AbstractContextManager[None]:
        return self._step("assign")

    @contextmanager
    def _step(self, name: str) -> Iterator[None]:
        clock, cpu = perf_counter(), process_time()
        try:
            yield
        finally:
            self.seconds[name] += perf_counter() - clock
            self.cpu[name] += process_time() - cpu


def _merge(parts: list[tuple[Edges, Bools]], n_right: int) -> tuple[Edges, Bools, NDArray[np.int8]]:
    """The graphs of all rounds as one, sorted by (left row, right row), with the chosen
    edges and each edge's round (1: the first solve's graph). The rounds' graphs share no
    edge: a repair round's edges join items that were both free, and such an edge of an
    earlier graph would have been chosen (its solve was a maximum flow)."""
    if not parts:
        return Edges.empty(), np.zeros(0, dtype=np.bool_), np.zeros(0, dtype=np.int8)
    left = np.concatenate([e.left for e, _ in parts])
    right = np.concatenate([e.right for e, _ in parts])
    pts = np.concatenate([e.points for e, _ in parts])
    chosen = np.concatenate([c for _, c in parts])
    round_of = np.repeat(np.arange(1, len(parts) + 1, dtype=np.int8), [len(e) for e, _ in parts])
    order = np.argsort(left * n_right + right, kind="stable")
    return Edges(left[order], right[order], pts[order]), chosen[order], round_of[order]


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
    # Both parts are sorted by (left, right): a stable sort merges them.
    order = np.argsort(left * len(p.right) + right, kind="stable")
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
        counts = funnel_counts(p, sp, side, lonely, other_free)
        result += explainer.unmatched(
            side,
            rows,
            degree[rows],
            free_partners[rows],
            dict(zip(lonely.tolist(), counts.tolist(), strict=True)),
        )
    return result
