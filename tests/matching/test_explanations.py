"""What the engine says about a pair and about an item left without partner: reason codes
with parameters, no words; and that the same input gives the same output."""

import json
import random
from datetime import timedelta

from handschlag.matching import Because, Reason, match

from .helpers import BERLIN, TODAY, config, item, north


def test_a_pair_is_explained_by_language_distance_and_time():
    mentor = item("m", north(3), ["de", "ar"], slots=["tue-afternoon"])
    mentee = item("n", BERLIN, ["ar"], slots=["tue-afternoon"])
    (pair,) = match([mentor], [mentee], config()).pairs
    assert pair.reasons == (
        Because("language", {"languages": ("ar",)}),
        Because("distance", {"km": 3.0}),
        Because("slots", {"slots": ("tue-afternoon",)}),
    )


def test_the_reasons_name_shared_kinds_all_shared_times_and_the_wait():
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
        slots=["sun-midday", "sat-morning"],
        waiting_since=TODAY - timedelta(days=150),
    )
    (pair,) = match([mentor], [mentee], config()).pairs
    assert [(r.code, r.params) for r in pair.reasons] == [
        ("language", {"languages": ("en",)}),
        ("distance", {"km": 12.0}),
        ("slots", {"slots": ("sat-morning", "sun-midday")}),
        ("kinds", {"kinds": ("homework",)}),
        ("waiting", {"days": 150}),
    ]


def test_reasons_are_plain_json():
    mentor = item("m", north(2.4), ["de", "ar"], kinds=["job"], slots=["mon-evening"])
    mentee = item(
        "n",
        languages=["ar"],
        kinds=["job"],
        slots=["mon-evening"],
        waiting_since=TODAY.replace(year=2024),
    )
    result = match([mentor, item("x", north(90))], [mentee, item("y", languages=["ti"])], config())
    as_json = json.loads(
        json.dumps(
            {
                "pairs": [
                    [{"code": r.code, "params": r.params} for r in p.reasons] for p in result.pairs
                ],
                "unmatched": [{"reason": u.reason, "params": u.params} for u in result.unmatched],
            }
        )
    )
    assert as_json["pairs"][0][1] == {"code": "distance", "params": {"km": 2.5}}
    assert {"reason": "nobody_nearby", "params": {"km": 25.0}} in as_json["unmatched"]


def test_short_distances_are_rounded_to_half_a_kilometre():
    def km(place):
        (pair,) = match([item("m", place)], [item("n")], config()).pairs
        (distance,) = [r for r in pair.reasons if r.code == "distance"]
        return distance.params["km"]

    assert km(BERLIN) == 0.0
    assert km(north(0.4)) == 0.5
    assert km(north(2.4)) == 2.5
    assert km(north(17.2)) == 17.0


def test_an_existing_pair_says_so_first_and_a_short_wait_is_not_named():
    mentor = item("m", languages=["en"], capacity=1)
    mentee = item("n", languages=["de"], waiting_since=TODAY - timedelta(days=29))
    (pair,) = match([mentor], [mentee], config(), existing=[("m", "n")]).pairs
    assert [r.code for r in pair.reasons] == ["existing", "distance"]  # no shared language


def test_the_distinctive_shared_language_is_named_first():
    mentors = [item("m", north(1), ["de", "ar", "en"])]
    mentees = [item("n", BERLIN, ["de", "ar"]), item("x", north(50), ["de"])]
    pair = match(mentors, mentees, config()).pairs[0]
    assert pair.reasons[0] == Because("language", {"languages": ("ar", "de")})


def test_every_unmatched_item_has_a_reason_with_its_parameters():
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
    params = {u.id: u.params for u in result.unmatched}
    assert params == {
        "m1": {"km": 25.0, "kinds": ("job",)},
        "m2": {"km": 25.0},
        "n1": {"km": 25.0, "languages": ("ti",)},
        "n2": {"km": 25.0, "kinds": ("homework",)},
        "n3": {"km": 25.0},
    }


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
    n0 = next(u for u in result.unmatched if u.id == "n0")
    assert n0.params == {"km": 10.0, "free_partners": 1, "k": 1}
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
