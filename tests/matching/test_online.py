"""Online items: two of them may be paired at any distance; with everyone else the distance
rule holds. Found by the candidate search across the whole map, counted in the funnel,
named in the reasons, and the same in `pair_table`."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handschlag.matching import Because, Reason, match, pair_table

from .helpers import BERLIN, assert_valid, config, item, north
from .test_global import assert_each_round_optimal, graph_edges, leftover_compatible, person

MUNICH = (48.137, 11.575)
HAMBURG = (53.551, 9.994)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_two_online_people_are_paired_across_the_country():
    mentor = item("m", MUNICH, ["de", "ar"], max_km=5, online=True)
    mentee = item("n", HAMBURG, ["ar"], max_km=3, online=True)
    (pair,) = match([mentor], [mentee], config()).pairs
    assert pair.breakdown["distance"] == 0.0
    assert pair.reasons[:2] == (Because("language", {"languages": ("ar",)}), Because("online", {}))
    assert pair.reasons[2].code == "distance" and pair.reasons[2].params["km"] > 600


def test_an_online_and_an_offline_person_keep_both_distances():
    online = item("m", BERLIN, max_km=10, online=True)
    offline = item("n", north(30), max_km=50)
    result = match([online], [offline], config())
    assert result.matched == 0
    near = item("m2", north(25), max_km=10)
    assert {(p.left, p.right) for p in match([online, near], [offline], config()).pairs} == {
        ("m2", "n")
    }


def test_online_people_within_reach_score_their_distance_and_say_nothing_of_online():
    mentor = item("m", north(2), online=True, max_km=10)
    mentee = item("n", online=True, max_km=10)
    (pair,) = match([mentor], [mentee], config()).pairs
    assert abs(pair.breakdown["distance"] - 0.8) < 1e-3
    assert "online" not in [r.code for r in pair.reasons]


def test_a_near_partner_beats_a_far_online_one_of_the_same_kind():
    mentee = item("n", online=True, max_km=10)
    far = item("far", MUNICH, online=True)
    near = item("near", north(4), online=True)
    (pair,) = match([far, near], [mentee], config()).pairs
    assert pair.left == "near"


def test_the_funnel_counts_online_partners_far_away():
    mentee = item("n", BERLIN, ["ti"], online=True)
    far = item("m", MUNICH, ["de"], online=True)
    offline = item("o", HAMBURG, ["ti"])
    (left_far, left_offline, right) = sorted(
        match([far, offline], [mentee], config()).unmatched, key=lambda u: (u.side, u.id)
    )
    assert right.reason == Reason.NO_SHARED_LANGUAGE
    assert right.funnel["nearby"] == 1 and right.funnel["within_both"] == 1
    assert left_far.reason == Reason.NO_SHARED_LANGUAGE
    assert left_offline.reason == Reason.NOBODY_NEARBY


def test_pair_table_follows_the_online_rule():
    left = [item("a", MUNICH, online=True), item("b", MUNICH)]
    right = [item("x", HAMBURG, online=True), item("y", HAMBURG)]
    ok, points = pair_table(left, right, config())
    assert ok.tolist() == [[True, False], [False, False]]
    assert points[0, 0] > 0


def test_many_online_people_all_over_the_map_find_their_best_partner():
    """Every online mentee's best online mentor is found, wherever both are (k = 1)."""
    rng = random.Random(5)

    def somewhere(prefix, i):
        place = (rng.uniform(47.5, 54.5), rng.uniform(6.0, 14.5))
        return item(
            f"{prefix}{i}",
            place,
            [rng.choice(["de", "ar", "uk", "ti"])],
            max_km=rng.choice([2.0, 10.0]),
            online=rng.random() < 0.7,
        )

    left = [somewhere("m", i) for i in range(60)]
    right = [somewhere("n", j) for j in range(60)]
    result = match(left, right, config(k=1))
    assert_valid(result, left, right)
    assert leftover_compatible(result, left, right, []) == 0
    assert any(r.code == "online" for p in result.pairs for r in p.reasons)
    ok, points = pair_table(left, right, config())
    edges = {(g_l, g_r) for g_l, g_r in graph_edges(result, left, right)}
    for j in range(len(right)):
        options = [(-points[i, j], left[i].id, i) for i in range(len(left)) if ok[i, j]]
        if options:  # the best, ties by id
            assert (min(options)[2], j) in edges


@st.composite
def online_sides(draw: st.DrawFn):
    places = [BERLIN, north(8), north(20), MUNICH, HAMBURG]

    def one(prefix, index, capacity):
        base = person(draw, prefix, index, capacity)
        return item(
            base.id,
            draw(st.sampled_from(places)),
            base.languages,
            kinds=base.kinds,
            slots=base.availability,
            waiting_since=base.waiting_since,
            max_km=base.max_km,
            capacity=capacity,
            online=draw(st.booleans()),
        )

    left = [one("m", i, draw(st.integers(1, 2))) for i in range(draw(st.integers(1, 6)))]
    right = [one("n", j, 1) for j in range(draw(st.integers(1, 6)))]
    return left, right


@SETTINGS
@given(online_sides())
def test_with_online_people_no_compatible_free_pair_is_left_and_each_round_is_optimal(sides):
    left, right = sides
    result = match(left, right, config(k=1))
    assert_valid(result, left, right)
    assert leftover_compatible(result, left, right, []) == 0
    assert_each_round_optimal(result, left, right)
