"""The compiled candidate search (kernels.py) against every pair computed directly: the first
round's graph is exactly the union of each item's best lists, with the same points."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from handschlag.matching import Config, candidates, match, pair_table

BENCH = Path(__file__).resolve().parents[2] / "bench" / "matching.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_matching_search", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def best_lists(ok, pts, capacity, partner_capacity, k, by_row):
    """(item, partner) of each item's best k + places - 1 partners with a place: by points,
    then by the partner's id order (`by_row`: the partners' id-order rows)."""
    edges = set()
    for i in np.flatnonzero(capacity > 0):
        partners = np.flatnonzero(ok[i] & (partner_capacity > 0))
        ranked = sorted(partners.tolist(), key=lambda j: (-pts[i, j], by_row[j]))
        edges |= {(int(i), j) for j in ranked[: capacity[i] + k - 1]}
    return edges


@pytest.mark.parametrize(("seed", "online", "k"), [(11, 0.0, 3), (12, 0.3, 2), (13, 0.1, 6)])
def test_the_first_graph_is_the_union_of_every_items_best_list(bench, seed, online, k):
    mentors, mentees, _existing, excluded = bench.generate(600, seed, online)
    result = match(mentors, mentees, Config(today=bench.TODAY, k=k), excluded=excluded)
    ok, pts = pair_table(mentors, mentees, Config(today=bench.TODAY), excluded=excluded)
    left_row = {item_id: row for row, item_id in enumerate(result.graph.left_ids)}
    right_row = {item_id: row for row, item_id in enumerate(result.graph.right_ids)}
    lr = np.array([left_row[m.id] for m in mentors])
    rr = np.array([right_row[n.id] for n in mentees])
    left_cap = np.array([m.capacity for m in mentors])
    right_cap = np.array([n.capacity for n in mentees])
    expected = {
        (int(lr[i]), int(rr[j])) for i, j in best_lists(ok, pts, left_cap, right_cap, k, rr)
    } | {(int(lr[i]), int(rr[j])) for j, i in best_lists(ok.T, pts.T, right_cap, left_cap, k, lr)}
    graph = result.graph
    first = graph.round == 1
    found = dict(
        zip(
            zip(graph.left[first].tolist(), graph.right[first].tolist(), strict=True),
            graph.points[first].tolist(),
            strict=True,
        )
    )
    assert set(found) == expected
    by_rows = np.empty_like(pts)
    by_rows[lr[:, None], rr[None, :]] = pts
    assert all(by_rows[a, b] == value for (a, b), value in found.items())


def test_walking_only_the_free_left_items_changes_nothing(bench, monkeypatch):
    mentors, mentees, existing, excluded = bench.generate(800, 21, 0.2)
    config = Config(today=bench.TODAY, k=1)
    monkeypatch.setattr(candidates, "COMPACT_BELOW", 0.0)  # never copy the free items out
    walked_all = match(mentors, mentees, config, existing=existing, excluded=excluded)
    monkeypatch.setattr(candidates, "COMPACT_BELOW", 2.0)  # always
    compacted = match(mentors, mentees, config, existing=existing, excluded=excluded)
    assert walked_all.stats.rounds > 1
    assert walked_all.pairs == compacted.pairs
    assert walked_all.unmatched == compacted.unmatched
    for name in ("left", "right", "points", "round"):
        assert np.array_equal(getattr(walked_all.graph, name), getattr(compacted.graph, name))
