"""The engine's compiled and vectorised helpers give exactly what the numpy calls they replace
give: distinct objects (np.unique), profiles of one-word masks (the general sort), sorted
edges (np.sort and divmod), the solver's arc order (np.argsort), merged key sets
(np.union1d), slot masks (bit by bit), and the tie rule (the quadratic scan it replaced)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from handschlag.matching import SLOTS, kernels, problem
from handschlag.matching.constraints import union_sorted
from handschlag.matching.encode import _slot_masks, objects

seeds = st.integers(0, 10_000)


@settings(max_examples=40, deadline=None)
@given(seed=seeds, n=st.integers(0, 300), distinct=st.integers(1, 40))
def test_distinct_keys_are_numpys_unique_in_order_of_first_occurrence(seed, n, distinct):
    rng = np.random.default_rng(seed)
    keys = rng.integers(0, 2**63, distinct).astype(np.uint64)[rng.integers(0, distinct, n)]
    first, index = kernels.distinct(keys)
    _, expected_first = np.unique(keys, return_index=True)
    assert np.array_equal(first, np.sort(expected_first))
    assert np.array_equal(keys[first][index], keys)
    assert len(set(keys[first].tolist())) == len(first)


def test_objects_are_found_by_identity_not_by_equality():
    a, b = frozenset({"de"}), frozenset({"de"})  # equal, not the same object
    unique, index = objects([a, b, a, a, b])
    assert len(unique) == 2 and unique[0] is a and unique[1] is b
    assert index.tolist() == [0, 1, 0, 0, 1]


@settings(max_examples=40, deadline=None)
@given(seed=seeds, n=st.integers(0, 500), n_left=st.integers(1, 5000))
def test_sorted_edges_are_the_sorted_keys_split(seed, n, n_left):
    rng = np.random.default_rng(seed)
    n_right = int(rng.integers(1, 5000))
    pairs = rng.choice(n_left * n_right, min(n, n_left * n_right), replace=False)
    keys = (pairs << kernels.POINT_BITS) | rng.integers(0, 10_001, len(pairs))
    left, right, points = kernels.sorted_edges(keys, n_right)
    ordered = np.sort(keys)
    assert np.array_equal(left * n_right + right, ordered >> kernels.POINT_BITS)
    assert np.array_equal(points, ordered & kernels.POINT_MASK)
    assert (right < n_right).all()


@settings(max_examples=40, deadline=None)
@given(seed=seeds, n=st.integers(0, 400), nodes=st.integers(1, 60))
def test_arc_order_is_the_argsort_by_tail_then_head(seed, n, nodes):
    rng = np.random.default_rng(seed)
    arcs = rng.choice(nodes * nodes, min(n, nodes * nodes), replace=False)
    tails, heads = (arcs // nodes).astype(np.int32), (arcs % nodes).astype(np.int32)
    expected = np.argsort(tails.astype(np.int64) * nodes + heads)
    assert np.array_equal(kernels.arc_order(tails, heads, nodes), expected)


@settings(max_examples=40, deadline=None)
@given(seed=seeds, sizes=st.tuples(st.integers(0, 200), st.integers(0, 200)))
def test_union_sorted_is_union1d(seed, sizes):
    rng = np.random.default_rng(seed)
    a, b = (np.unique(rng.integers(0, 300, size)) for size in sizes)
    assert np.array_equal(union_sorted(a, b), np.union1d(a, b))


def test_slot_masks_set_one_bit_per_slot_once_and_none_for_no_slots():
    sets = [("mon-morning", "sun-evening"), (), ["tue-midday", "tue-midday"], frozenset(SLOTS)]
    masks = _slot_masks(sets).tolist()
    assert masks[0] == 1 | 1 << (len(SLOTS) - 1)
    assert masks[1] == 0
    assert masks[2] == 1 << SLOTS.index("tue-midday")
    assert masks[3] == (1 << len(SLOTS)) - 1


def _prefer_smaller_ids_by_scan(mine, theirs, pts, chosen, free):
    """The rule as the engine had it before: for every unchosen edge with a free partner,
    every edge of its item is looked at."""
    while True:
        swaps = []
        for e_new in range(len(mine)):
            if chosen[e_new] or free[theirs[e_new]] <= 0:
                continue
            twins = [
                e
                for e in range(len(mine))
                if mine[e] == mine[e_new] and chosen[e] and pts[e] == pts[e_new]
            ]
            if twins:
                best = max(twins, key=lambda e: theirs[e])
                if theirs[e_new] < theirs[best]:
                    swaps.append((theirs[e_new], e_new, best))
        if not swaps:
            return
        for _, e, o in sorted(swaps):
            if chosen[o] and not chosen[e] and free[theirs[e]] > 0:
                chosen[o], chosen[e] = False, True
                free[theirs[o]] += 1
                free[theirs[e]] -= 1


@settings(max_examples=60, deadline=None)
@given(seed=seeds)
def test_the_compiled_tie_rule_makes_the_swaps_of_the_scan(seed):
    rng = np.random.default_rng(seed)
    n_mine, n_theirs = int(rng.integers(1, 8)), int(rng.integers(1, 8))
    pairs = rng.choice(n_mine * n_theirs, int(rng.integers(0, n_mine * n_theirs + 1)), False)
    mine, theirs = pairs // n_theirs, pairs % n_theirs
    pts = rng.integers(0, 3, len(pairs))  # few values: many ties
    chosen = np.zeros(len(pairs), dtype=np.bool_)
    free = rng.integers(0, 3, n_theirs)
    used_mine = np.zeros(n_mine, dtype=np.int64)
    for e in rng.permutation(len(pairs)).tolist():  # a valid choice: at most one edge per item
        if used_mine[mine[e]] == 0 and free[theirs[e]] > 0 and rng.random() < 0.6:
            chosen[e], used_mine[mine[e]] = True, 1
            free[theirs[e]] -= 1
    expected_chosen, expected_free = chosen.copy(), free.copy()
    _prefer_smaller_ids_by_scan(mine, theirs, pts, expected_chosen, expected_free)
    kernels.prefer_smaller_ids(mine, theirs, pts, chosen, free, n_mine)
    assert np.array_equal(chosen, expected_chosen)
    assert np.array_equal(free, expected_free)


@settings(max_examples=40, deadline=None)
@given(seed=seeds, n=st.integers(1, 400), distinct=st.integers(1, 30))
def test_profiles_of_one_word_are_those_of_the_general_sort(seed, n, distinct):
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 2**63, distinct).astype(np.uint64)[rng.integers(0, distinct, n)]
    fast = problem._profiles([values])  # one word: hashed
    general = problem._profiles([values, np.zeros(n, dtype=np.uint64)])  # two words: sorted
    assert np.array_equal(fast[0], general[0]) and np.array_equal(fast[1], general[1])
