"""What the engine says about a pair and about an item left without partner, in German and
English; and that the same input gives the same output."""

import random
from datetime import timedelta

from handschlag.matching import Reason, Text, match

from .helpers import BERLIN, TODAY, config, item, north


def test_a_pair_is_explained_by_language_distance_and_time():
    mentor = item("m", north(3), ["de", "ar"], slots=["tue-afternoon"])
    mentee = item("n", BERLIN, ["ar"], slots=["tue-afternoon"])
    (pair,) = match([mentor], [mentee], config()).pairs
    assert (
        pair.explanation.de
        == "spricht Arabisch wie Sie · 3 km entfernt · beide dienstags nachmittags"
    )
    assert pair.explanation.en == (
        "speaks Arabic like you · 3 km away · both free on Tuesday afternoons"
    )
    assert pair.explanation.get("en-GB") == pair.explanation.en
    assert pair.explanation.get("de") == pair.explanation.de


def test_the_explanation_names_shared_kinds_more_times_and_the_wait():
    labels = {"homework": Text("Hausaufgabenhilfe", "homework help")}
    mentor = item(
        "m",
        north(12.2),
        ["de", "en"],
        kinds=["homework", "job"],
        slots=["mon-evening", "sat-morning", "sun-midday"],
    )
    mentee = item(
        "n",
        BERLIN,
        ["en", "uk"],
        kinds=["homework"],
        slots=["sat-morning", "sun-midday"],
        waiting_since=TODAY - timedelta(days=150),
    )
    (pair,) = match([mentor], [mentee], config(kind_labels=labels)).pairs
    assert pair.explanation.de == (
        "spricht Englisch wie Sie · 12 km entfernt · beide samstags vormittags "
        "(und 1 weitere Zeit) · gemeinsam: Hausaufgabenhilfe · Sie warten seit 5 Monaten"
    )
    assert pair.explanation.en == (
        "speaks English like you · 12 km away · both free on Saturday mornings "
        "(and 1 more time) · shared: homework help · you have waited 5 months"
    )


def test_short_distances_are_said_plainly():
    (pair,) = match([item("m")], [item("n")], config()).pairs
    assert pair.explanation.de == "spricht Deutsch wie Sie · weniger als 1 km entfernt"
    (pair,) = match([item("m", north(0.4))], [item("n")], config()).pairs
    assert "weniger als 1 km entfernt" in pair.explanation.de
    (pair,) = match([item("m", north(2.4))], [item("n")], config()).pairs
    assert "2,5 km entfernt" in pair.explanation.de and "2.5 km away" in pair.explanation.en


def test_the_distinctive_shared_language_is_named_first():
    mentors = [item("m", north(1), ["de", "ar", "en"])]
    mentees = [item("n", BERLIN, ["de", "ar"]), item("x", north(50), ["de"])]
    pair = match(mentors, mentees, config()).pairs[0]
    assert pair.explanation.de.startswith("spricht Arabisch und Deutsch wie Sie")


def test_every_unmatched_item_has_a_reason_in_both_languages():
    mentors = [item("m1", north(2), ["de"], kinds=["job"]), item("m2", north(40), ["de"])]
    mentees = [
        item("n1", BERLIN, ["ti"]),
        item("n2", BERLIN, ["de"], kinds=["homework"]),
        item("n3", north(-60), ["de"]),
    ]
    result = match(mentors, mentees, config())
    reasons = {u.id: u.reason for u in result.unmatched}
    assert reasons == {
        "m1": Reason.KIND_MISMATCH,
        "m2": Reason.NOBODY_NEARBY,
        "n1": Reason.NO_SHARED_LANGUAGE,
        "n2": Reason.KIND_MISMATCH,
        "n3": Reason.NOBODY_NEARBY,
    }
    for unmatched in result.unmatched:
        assert unmatched.explanation.de and unmatched.explanation.en
        assert unmatched.explanation.de != unmatched.explanation.en


def test_a_partner_left_out_of_the_candidates_is_reported_and_found_in_a_second_round():
    # With k = 1 every item keeps only its best candidate; m2–n0 is nobody's best, so it is
    # not in the graph, and the optimum on the graph leaves both alone.
    mentors = [
        item("m0", north(4), max_km=10),
        item("m1", north(12), max_km=15),
        item("m2", north(8), max_km=15),
    ]
    mentees = [
        item("n0", BERLIN, max_km=10),
        item("n1", north(12), max_km=15),
        item("n2", north(1), max_km=15),
    ]
    result = match(mentors, mentees, config(k=1))
    assert {(p.left, p.right) for p in result.pairs} == {("m0", "n2"), ("m1", "n1")}
    reasons = {u.id: u.reason for u in result.unmatched}
    assert reasons == {"m2": Reason.NOT_SELECTED, "n0": Reason.NOT_SELECTED}
    text = next(u for u in result.unmatched if u.id == "n0").explanation
    assert text.de == (
        "im Umkreis von 10 km passt 1 Person mit freiem Platz, aber nicht unter den "
        "1 besten Vorschlägen"
    )
    again = match(mentors, mentees, config(k=1, max_rounds=2))
    assert again.matched == 3 and again.unmatched == ()
    assert again.stats.rounds == 2


def test_the_same_input_in_any_order_gives_the_same_output():
    rng = random.Random(3)
    mentors = [
        item(
            f"m{i}",
            north(rng.uniform(0, 30)),
            rng.sample(["de", "ar", "en", "uk"], 2),
            kinds=rng.sample(["a", "b", "c"], 1),
            capacity=rng.choice([1, 2]),
        )
        for i in range(40)
    ]
    mentees = [
        item(
            i,
            north(rng.uniform(0, 30)),
            rng.sample(["de", "ar", "en", "uk"], 1),
            kinds=rng.sample(["a", "b", "c"], 1),
            waiting_since=TODAY - timedelta(days=i),
        )
        for i in range(60)
    ]
    first = match(mentors, mentees, config(k=3))
    shuffled_mentors, shuffled_mentees = mentors[:], mentees[:]
    rng.shuffle(shuffled_mentors)
    rng.shuffle(shuffled_mentees)
    second = match(shuffled_mentors, shuffled_mentees, config(k=3))
    assert first.pairs == second.pairs
    assert first.unmatched == second.unmatched
    assert (first.matched, first.objective) == (second.matched, second.objective)
