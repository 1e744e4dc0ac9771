"""Capacities, existing pairs and the objective: the most pairs first, then the best score."""

from datetime import timedelta

import pytest

from handschlag.matching import Config, Reason, match

from .helpers import BERLIN, TODAY, assert_valid, config, item, north


def test_a_mentor_takes_at_most_capacity_mentees():
    mentor = item("m", capacity=2)
    mentees = [item(f"n{i}", north(i + 1)) for i in range(3)]
    result = match([mentor], mentees, config())
    assert result.matched == 2
    assert {p.right for p in result.pairs} == {"n0", "n1"}  # the closest two
    (left_out,) = [u for u in result.unmatched if u.id == "n2"]
    assert left_out.reason is Reason.TAKEN
    assert left_out.params == {"km": 25.0, "candidates": 1}
    assert_valid(result, [mentor], mentees)


def test_existing_pairs_are_kept_and_use_up_a_place():
    mentor = item("m", capacity=2)
    mentees = [item("n1", north(9)), item("n2", north(1)), item("n3", north(2))]
    result = match([mentor], mentees, config(), existing=[("m", "n1")])
    assert [(p.left, p.right, p.existing) for p in result.pairs] == [
        ("m", "n1", True),
        ("m", "n2", False),
    ]
    assert result.matched == 1  # the existing pair is not new
    assert result.objective == result.pairs[1].points
    assert result.pairs[0].reasons[0].code == "existing"
    assert "existing" not in [r.code for r in result.pairs[1].reasons]
    assert_valid(result, [mentor], mentees, existing=[("m", "n1")])


def test_an_existing_pair_that_fills_the_mentor_leaves_the_others_a_clear_reason():
    result = match([item("m")], [item("n1"), item("n2")], config(), existing=[("m", "n1")])
    (unmatched,) = result.unmatched
    assert (unmatched.id, unmatched.reason) == ("n2", Reason.TAKEN)
    assert unmatched.funnel["allowed"] == 1 and unmatched.funnel["free"] == 0
    assert unmatched.params == {"km": 25.0, "people": 1}


def test_existing_pairs_beyond_capacity_are_refused():
    with pytest.raises(ValueError, match="more existing pairs than capacity"):
        match([item("m")], [item("n1"), item("n2")], config(), existing=[("m", "n1"), ("m", "n2")])


def test_more_pairs_beat_a_better_single_pair():
    # m1–n1 is the best pair, but taking it leaves n2 alone: m1–n2 and m2–n1 make two.
    m1 = item("m1", BERLIN)
    m2 = item("m2", north(15), max_km=16)
    n1 = item("n1", north(0.5))
    n2 = item("n2", north(-10), max_km=12)
    result = match([m1, m2], [n1, n2], config())
    assert {(p.left, p.right) for p in result.pairs} == {("m1", "n2"), ("m2", "n1")}
    assert result.matched == 2


def test_among_equally_many_pairs_the_higher_total_wins():
    mentors = [item("m1", north(1)), item("m2", north(6))]
    mentees = [item("n1", north(1.5)), item("n2", north(5.5))]
    result = match(mentors, mentees, config())
    assert {(p.left, p.right) for p in result.pairs} == {("m1", "n1"), ("m2", "n2")}


def test_who_waited_longer_gets_the_scarce_mentor():
    mentor = item("m")
    early = item("n1", north(2), waiting_since=TODAY - timedelta(days=300))
    late = item("n2", north(2), waiting_since=TODAY - timedelta(days=10))
    result = match([mentor], [late, early], config())
    assert [(p.left, p.right) for p in result.pairs] == [("m", "n1")]
    assert result.pairs[0].breakdown["waiting"] == pytest.approx(300 / 365 / 2)


def test_ties_are_broken_by_id():
    mentor = item("m")
    twins = [item(name, north(3)) for name in ("b", "a", "c")]
    result = match([mentor], twins, config())
    assert [(p.left, p.right) for p in result.pairs] == [("m", "a")]


def test_weights_change_what_counts():
    near_no_slots = item("n1", north(1))
    far_same_slot = item("n2", north(20), slots=["mon-evening"])
    mentor = item("m", slots=["mon-evening"])
    by_distance = match([mentor], [near_no_slots, far_same_slot], config())
    assert by_distance.pairs[0].right == "n1"
    from handschlag.matching import Weights

    by_time = match(
        [mentor],
        [near_no_slots, far_same_slot],
        config(weights=Weights(distance=0.1, language=0, kinds=0, availability=1, waiting=0)),
    )
    assert by_time.pairs[0].right == "n2"


def test_a_pair_s_points_are_the_weighted_criteria():
    result = match([item("m", slots=["mon-evening"])], [item("n", north(5))], config())
    (pair,) = result.pairs
    weights = Config().weights.normalised()
    expected = sum(
        round(10_000 * w * pair.breakdown[c]) for w, c in zip(weights, pair.breakdown, strict=True)
    )
    # waiting is rounded per side, the others per criterion; no waiting here
    assert pair.points == expected
    assert pair.score == pair.points / 10_000
    assert pair.breakdown["distance"] == pytest.approx(1 - 5 / 25, abs=1e-4)
    assert pair.breakdown["availability"] == 0.5  # one side names no slots: neutral


def test_config_is_validated():
    from handschlag.matching import Weights

    with pytest.raises(ValueError, match="k"):
        Config(k=0)
    with pytest.raises(ValueError, match="weights"):
        Config(weights=Weights(0, 0, 0, 0, 0))
    with pytest.raises(ValueError, match="weights"):
        Config(weights=Weights(distance=-1))
