"""Each hard constraint on hand-made cases: the pair that breaks it is never made, and the
unmatched item says which check left nobody."""

from dataclasses import replace

import pytest

from handschlag.matching import Item, Reason, match

from .helpers import BERLIN, assert_valid, config, item, north


def only_unmatched(result, side, item_id):
    (found,) = [u for u in result.unmatched if u.side == side and u.id == item_id]
    return found


def test_a_pair_within_both_distances_is_matched():
    mentor = item("m", north(20), max_km=30)
    mentee = item("n", BERLIN, max_km=25)
    result = match([mentor], [mentee], config())
    assert [(p.left, p.right) for p in result.pairs] == [("m", "n")]
    assert result.pairs[0].distance_km == pytest.approx(20, abs=0.01)


def test_a_pair_beyond_one_sides_distance_is_never_matched():
    mentor = item("m", north(20), max_km=10)
    mentee = item("n", BERLIN, max_km=25)
    result = match([mentor], [mentee], config())
    assert result.pairs == ()
    unmatched = only_unmatched(result, "right", "n")
    assert unmatched.reason is Reason.TOO_FAR_FOR_THEM
    assert unmatched.params == {"km": 25.0, "people": 1}
    assert only_unmatched(result, "left", "m").reason is Reason.NOBODY_NEARBY


def test_nobody_within_the_items_own_distance():
    result = match([item("m", north(30))], [item("n", max_km=25)], config())
    unmatched = only_unmatched(result, "right", "n")
    assert unmatched.reason is Reason.NOBODY_NEARBY
    assert unmatched.params == {"km": 25.0}


def test_a_pair_without_a_shared_language_is_never_matched():
    mentor = item("m", north(3), ["de", "en"])
    mentee = item("n", BERLIN, ["ti"])
    result = match([mentor], [mentee], config())
    assert result.pairs == ()
    unmatched = only_unmatched(result, "right", "n")
    assert unmatched.reason is Reason.NO_SHARED_LANGUAGE
    assert unmatched.params == {"km": 25.0, "languages": ("ti",)}
    assert unmatched.funnel["nearby"] == 1 and unmatched.funnel["language"] == 0


def test_languages_are_named_with_the_rarest_first():
    result = match([item("m", north(3))], [item("n", languages=["ti", "en"])], config())
    assert only_unmatched(result, "right", "n").params["languages"] == ("en", "ti")  # a tie
    far = item("x", north(90), ["en"])  # one more English speaker: Tigrinya is rarer
    result = match([item("m", north(3))], [item("n", languages=["ti", "en"]), far], config())
    assert only_unmatched(result, "right", "n").params["languages"] == ("ti", "en")


def test_a_pair_without_a_shared_kind_is_never_matched():
    mentor = item("m", north(3), kinds=["job"])
    mentee = item("n", BERLIN, kinds=["homework"])
    result = match([mentor], [mentee], config())
    assert result.pairs == ()
    unmatched = only_unmatched(result, "right", "n")
    assert unmatched.reason is Reason.KIND_MISMATCH
    assert unmatched.params == {"km": 25.0, "kinds": ("homework",)}


def test_an_item_without_kinds_accepts_any_kind():
    result = match([item("m", north(3), kinds=["job"])], [item("n", BERLIN)], config())
    assert [(p.left, p.right) for p in result.pairs] == [("m", "n")]


def test_a_mentee_who_asks_for_a_female_mentor_gets_none_other():
    mentee = item("n", requirements={"gender": {"f"}})
    male = item("m1", north(1), attributes={"gender": "m"})
    silent = item("m2", north(1))  # no gender given: does not meet the requirement
    result = match([male, silent], [mentee], config())
    assert result.pairs == ()
    unmatched = only_unmatched(result, "right", "n")
    assert unmatched.reason is Reason.OWN_PREFERENCES
    assert unmatched.params == {"km": 25.0, "people": 2, "wishes": {"gender": ("f",)}}
    female = item("m3", north(10), attributes={"gender": "f"})
    result = match([male, silent, female], [mentee], config())
    assert [(p.left, p.right) for p in result.pairs] == [("m3", "n")]


def test_an_age_band_asked_for_by_the_mentor_is_honoured():
    mentor = item("m", requirements={"age_band": {"child", "youth"}})
    adult = item("n1", north(1), attributes={"age_band": "adult"})
    result = match([mentor], [adult], config())
    assert result.pairs == ()
    assert only_unmatched(result, "right", "n1").reason is Reason.THEIR_PREFERENCES
    youth = item("n2", north(2), attributes={"age_band": "youth"})
    result = match([mentor], [adult, youth], config())
    assert [(p.left, p.right) for p in result.pairs] == [("m", "n2")]


def test_wishes_are_given_as_attributes_and_allowed_values():
    result = match(
        [item("m", attributes={"gender": "m"})],
        [item("n", requirements={"gender": {"f", "d"}, "age_band": {"adult"}})],
        config(),
    )
    assert only_unmatched(result, "right", "n").params["wishes"] == {
        "age_band": ("adult",),
        "gender": ("d", "f"),
    }


def test_an_excluded_pair_is_never_matched_even_when_it_is_the_only_one():
    result = match([item("m")], [item("n")], config(), excluded=[("m", "n")])
    assert result.pairs == ()
    unmatched = only_unmatched(result, "right", "n")
    assert unmatched.reason is Reason.EXCLUDED
    assert unmatched.params == {"km": 25.0, "people": 1}


def test_an_excluded_pair_is_skipped_for_the_next_best():
    mentors = [item("m1", north(1)), item("m2", north(8))]
    result = match(mentors, [item("n")], config(), excluded=[("m1", "n")])
    assert [(p.left, p.right) for p in result.pairs] == [("m2", "n")]
    assert_valid(result, mentors, [item("n")], excluded=[("m1", "n")])


def test_capacity_zero_means_no_partner():
    result = match([item("m", capacity=0)], [item("n")], config())
    assert result.pairs == ()
    assert only_unmatched(result, "left", "m").reason is Reason.NO_CAPACITY
    assert only_unmatched(result, "right", "n").reason is Reason.TAKEN


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lat": 91.0}, "latitude"),
        ({"lon": -181.0}, "longitude"),
        ({"max_km": -1.0}, "max_km"),
        ({"capacity": -1}, "capacity"),
        ({"languages": frozenset()}, "language"),
        ({"availability": frozenset({"tue-night"})}, "time slot"),
    ],
)
def test_invalid_items_are_refused_with_a_clear_message(kwargs, message):
    bad = replace(item("m"), **kwargs)
    with pytest.raises(ValueError, match=message):
        match([bad], [item("n")], config())


def test_duplicate_ids_and_unknown_pairs_are_refused():
    with pytest.raises(ValueError, match="twice"):
        match([item("m"), item("m")], [item("n")], config())
    with pytest.raises(ValueError, match="unknown"):
        match([item("m")], [item("n")], config(), excluded=[("m", "x")])
    with pytest.raises(ValueError, match="both existing and excluded"):
        match([item("m")], [item("n")], config(), existing=[("m", "n")], excluded=[("m", "n")])


def test_plain_lists_and_int_ids_work_as_well_as_sets_and_strings():
    mentor = Item(1, *north(2), languages=["de", "ar"], kinds=["job"], availability=["mon-evening"])
    mentee = Item(2, *BERLIN, languages=["ar"], kinds=["job"], availability=["mon-evening"])
    (pair,) = match([mentor], [mentee], config()).pairs
    assert (pair.left, pair.right) == (1, 2)
    assert [r.code for r in pair.reasons] == ["language", "distance", "slots", "kinds"]


def test_an_existing_pair_is_never_proposed_again():
    """Found by the property test: with places left on both sides, the engine proposed an
    existing pair a second time, as a new pair."""
    here = (52.52, 13.405)
    left = [
        item("m0", here, {"de"}, capacity=0),
        item("m1", here, {"de"}, slots={"mon-morning"}, capacity=2),
    ]
    right = [
        item("n0", here, {"de"}, slots={"mon-morning"}, capacity=2),
        item("n1", here, {"de"}, capacity=1),
        item("n2", here, {"de"}, capacity=1),
    ]
    result = match(left, right, config(k=8), existing=[("m1", "n0")], excluded=[("m0", "n0")])
    new = [(p.left, p.right) for p in result.pairs if not p.existing]
    assert ("m1", "n0") not in new
    assert new in ([("m1", "n1")], [("m1", "n2")])
