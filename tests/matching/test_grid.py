"""The spatial index finds every pair within a radius (and each only once), anywhere but
across the antimeridian; and the profile table gives the same pairs as direct checks."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from handschlag.matching import match, problem
from handschlag.matching.encode import EARTH_RADIUS_KM, dot_threshold
from handschlag.matching.grid import Grid, blocks

from .helpers import BERLIN, config, item, north


def unit(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)), axis=1)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    centre=st.sampled_from(
        [(52.5, 13.4), (48.1, 11.6), (0.0, 0.0), (-33.9, 151.2), (71.0, 25.0), (84.0, -40.0)]
    ),
    spread=st.sampled_from([0.05, 0.5, 3.0]),
    radii=st.sampled_from([(0.5, 3.0), (5.0, 30.0), (100.0, 600.0)]),
    block_pairs=st.sampled_from([1000, 100_000]),
)
def test_blocks_hold_every_pair_within_the_radius_exactly_once(
    seed, centre, spread, radii, block_pairs
):
    rng = np.random.default_rng(seed)
    n_query, n_index = 60, 80
    q_lat = np.clip(centre[0] + rng.normal(0, spread, n_query), -89.9, 89.9)
    q_lon = np.clip(centre[1] + rng.normal(0, spread * 2, n_query), -179.9, 179.9)
    i_lat = np.clip(centre[0] + rng.normal(0, spread, n_index), -89.9, 89.9)
    i_lon = np.clip(centre[1] + rng.normal(0, spread * 2, n_index), -179.9, 179.9)
    radius = rng.uniform(*radii, n_query)
    grid = Grid.covering(np.concatenate((q_lat, i_lat)), radius)
    q_keys, i_keys = grid.keys(q_lat, q_lon), grid.keys(i_lat, i_lon)
    order = np.argsort(i_keys, kind="stable")
    q_xyz, i_xyz = unit(q_lat, q_lon), unit(i_lat, i_lon)
    within = (q_xyz @ i_xyz.T) >= dot_threshold(radius)[:, None]
    expected = {(int(a), int(b)) for a, b in zip(*np.nonzero(within), strict=True)}

    seen: list[tuple[int, int]] = []
    queries_seen: list[int] = []
    for queries, positions in blocks(
        grid, q_keys, radius, np.arange(n_query), i_keys[order], block_pairs
    ):
        queries_seen += queries.tolist()
        members = order[positions]
        dot = q_xyz[queries] @ i_xyz[members].T
        hit = dot >= dot_threshold(radius[queries])[:, None]
        seen += [(int(queries[a]), int(members[b])) for a, b in zip(*np.nonzero(hit), strict=True)]
    assert len(seen) == len(set(seen))
    assert set(seen) == expected
    assert len(queries_seen) == len(set(queries_seen))


def test_distances_are_straight_lines_within_a_metre_of_great_circles():
    result = match([item("m", north(30), max_km=40)], [item("n", BERLIN, max_km=40)], config())
    (pair,) = result.pairs
    great_circle = 30.0
    assert abs(pair.distance_km - great_circle) < 0.001
    assert EARTH_RADIUS_KM == 6371.0088


def test_without_a_profile_table_the_result_is_the_same(monkeypatch):
    rng = np.random.default_rng(5)
    mentors = [
        item(
            f"m{i}",
            north(float(rng.uniform(0, 20))),
            rng.choice(["de", "ar", "uk"], 2, replace=False),
            kinds=[str(rng.choice(["a", "b"]))],
            slots=["mon-evening"] if i % 2 else [],
            capacity=2,
        )
        for i in range(30)
    ]
    mentees = [
        item(
            f"n{i}",
            north(float(rng.uniform(0, 20))),
            [str(rng.choice(["de", "ar", "uk"]))],
            kinds=[str(rng.choice(["a", "b"]))],
            requirements={"gender": {"f"}} if i % 7 == 0 else {},
        )
        for i in range(50)
    ]
    with_table = match(mentors, mentees, config(k=2))
    monkeypatch.setattr(problem, "TABLE_LIMIT", 0)
    assert problem.build_problem(mentors, mentees, config(), (), ()).table.values is None
    without = match(mentors, mentees, config(k=2))
    assert with_table.pairs == without.pairs
    assert with_table.unmatched == without.unmatched
    assert np.array_equal(with_table.graph.points, without.graph.points)
