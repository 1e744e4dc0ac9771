"""The grid walk finds every pair within a radius (and each only once), anywhere but across
the antimeridian; and the profile table gives the same pairs as direct checks."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from handschlag.matching import kernels, match, problem
from handschlag.matching.encode import EARTH_RADIUS_KM, dot_threshold
from handschlag.matching.grid import Grid

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
)
def test_the_ranges_of_a_query_hold_every_point_within_its_radius_exactly_once(
    seed, centre, spread, radii
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

    as_tuple = (grid.cell_km, grid.cell_lat, grid.cell_lon, float(grid.rows), float(grid.cols))
    starts, ends = np.empty(grid.rows, dtype=np.int64), np.empty(grid.rows, dtype=np.int64)
    seen: list[tuple[int, int]] = []
    for query in range(n_query):
        n = kernels._ranges(i_keys[order], q_keys[query], radius[query], as_tuple, starts, ends)
        ranges = [np.arange(a, b) for a, b in zip(starts[:n], ends[:n], strict=True)]
        positions = np.concatenate([*ranges, np.zeros(0, dtype=np.int64)])
        members = order[positions]
        hit = q_xyz[query] @ i_xyz[members].T >= dot_threshold(radius[query : query + 1])
        seen += [(query, int(member)) for member in members[hit]]
        assert len(positions) == len(set(positions.tolist()))
    assert len(seen) == len(set(seen))
    assert set(seen) == expected


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
