"""Property tests on small random instances: the result is a brute-force optimum (most pairs,
then most points) and never breaks a hard constraint."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handschlag.matching import SLOTS, Item, match, pair_table

from .helpers import BERLIN, TODAY, assert_valid, config, haversine_km, item, violation

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PLACES = [(BERLIN[0] + dy, BERLIN[1] + dx) for dy in (0, 0.05, 0.12, 0.3) for dx in (0, 0.08, 0.25)]


@st.composite
def sides(draw: st.DrawFn) -> tuple[list[Item], list[Item], list, list]:
    def one(prefix: str, index: int, capacity: int) -> Item:
        return item(
            f"{prefix}{index}",
            draw(st.sampled_from(PLACES)),
            draw(st.sets(st.sampled_from(["de", "ar", "uk", "ti"]), min_size=1, max_size=2)),
            kinds=draw(st.sets(st.sampled_from(["a", "b", "c"]), max_size=2)),
            slots=draw(st.sets(st.sampled_from(SLOTS[:6]), max_size=3)),
            waiting_since=draw(
                st.one_of(st.none(), st.integers(0, 500).map(lambda d: TODAY - timedelta(days=d)))
            ),
            attributes=draw(st.sampled_from([{}, {"gender": "f"}, {"gender": "m"}])),
            requirements=draw(st.sampled_from([{}, {}, {"gender": {"f"}}, {"gender": set()}])),
            max_km=draw(st.sampled_from([0.0, 5.0, 15.0, 40.0])),
            capacity=capacity,
        )

    left = [one("m", i, draw(st.integers(0, 2))) for i in range(draw(st.integers(1, 3)))]
    right = [one("n", j, draw(st.integers(1, 2))) for j in range(draw(st.integers(1, 4)))]
    all_pairs = [(a.id, b.id) for a in left for b in right]
    chosen = draw(st.lists(st.sampled_from(all_pairs), unique=True, max_size=3))
    existing, excluded = [], []
    used: dict[str, int] = {}
    capacity = {i.id: i.capacity for i in (*left, *right)}
    for pair in chosen:
        if draw(st.booleans()) and all(used.get(x, 0) < capacity[x] for x in pair):
            existing.append(pair)
            for x in pair:
                used[x] = used.get(x, 0) + 1
        else:
            excluded.append(pair)
    return left, right, existing, excluded


def brute_force(left, right, existing, excluded) -> tuple[int, int]:
    """(most new pairs, most points among those) over every set of compatible pairs."""
    ok, pts = pair_table(left, right, config(), excluded=excluded)
    free = {i.id: i.capacity for i in (*left, *right)}
    for pair in existing:
        for x in pair:
            free[x] -= 1
    edges = [
        (left[i].id, right[j].id, int(pts[i][j]))
        for i in range(len(left))
        for j in range(len(right))
        if ok[i][j] and (left[i].id, right[j].id) not in existing
    ]
    best = (0, 0)

    def search(index: int, count: int, total: int) -> None:
        nonlocal best
        best = max(best, (count, total))
        for e in range(index, len(edges)):
            a, b, p = edges[e]
            if free[a] > 0 and free[b] > 0:
                free[a] -= 1
                free[b] -= 1
                search(e + 1, count + 1, total + p)
                free[a] += 1
                free[b] += 1

    search(0, 0, 0)
    return best


@SETTINGS
@given(sides())
def test_the_result_is_the_brute_force_optimum_and_keeps_every_hard_constraint(instance):
    left, right, existing, excluded = instance
    result = match(left, right, config(k=8), existing=existing, excluded=excluded)
    assert_valid(result, left, right, existing, excluded)
    assert (result.matched, result.objective) == brute_force(left, right, existing, excluded)


@SETTINGS
@given(sides())
def test_pair_table_agrees_with_an_independent_check(instance):
    left, right, _, excluded = instance
    ok, _ = pair_table(left, right, config(), excluded=excluded)
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            limit = min(a.max_km, b.max_km)
            if abs(haversine_km(a, b) - limit) < 1e-3 and limit > 0:
                continue  # on the boundary the two distance formulas may disagree by a hair
            assert ok[i][j] == (violation(a, b, excluded, slack_km=0) is None), (a, b)


@SETTINGS
@given(sides(), st.integers(1, 2))
def test_with_few_candidates_no_hard_constraint_is_broken(instance, k):
    left, right, existing, excluded = instance
    result = match(left, right, config(k=k), existing=existing, excluded=excluded)
    assert_valid(result, left, right, existing, excluded)
    optimum = brute_force(left, right, existing, excluded)
    assert (result.matched, result.objective) <= optimum
