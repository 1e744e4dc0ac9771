"""The rule of five: small numbers are hidden, and cannot be recomputed from what is shown."""

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from handschlag.mentoring.small_numbers import Group, Shown, breakdown, protect

S, C, V = Shown.SMALL, Shown.COVERED, Shown.SHOWN


def test_nothing_small_shows_everything_and_zero_is_shown():
    values = {"total": 25, "goal": 20, "moved": 5, "conflict": 0}
    assert set(breakdown("total", ["goal", "moved", "conflict"], values).values()) == {V}


def test_one_small_number_beside_a_total_hides_the_next_smallest_as_well():
    values = {"total": 40, "goal": 20, "moved": 16, "conflict": 4, "time": 0}
    shown = breakdown("total", ["goal", "moved", "conflict", "time"], values)
    # without the cover: conflict = 40 - 20 - 16 - 0
    assert shown == {"total": V, "goal": V, "moved": C, "conflict": S, "time": V}


def test_two_ones_are_covered_because_their_sum_would_name_them():
    values = {"total": 22, "a": 1, "b": 1, "c": 20}
    shown = breakdown("total", ["a", "b", "c"], values)
    assert shown == {"total": V, "a": S, "b": S, "c": C}


def test_small_numbers_that_protect_each_other_need_no_cover():
    values = {"total": 30, "a": 2, "b": 3, "c": 25}
    assert breakdown("total", ["a", "b", "c"], values) == {"total": V, "a": S, "b": S, "c": V}


def test_a_small_total_of_one_reason_withholds_the_zeros_too():
    values = {"total": 3, "goal": 3, "moved": 0, "conflict": 0}
    shown = breakdown("total", ["goal", "moved", "conflict"], values)
    # the total is small itself; shown zeros would say where the 3 are
    assert shown["total"] == S
    assert shown["goal"] in (S, C)
    assert shown["moved"] == shown["conflict"] == C


def test_a_site_cell_cannot_be_recomputed_from_its_carrier_column():
    # two sites of one carrier; a column "conflict" adds up to the carrier's row
    values = {"carrier": 13, "site_a": 3, "site_b": 10}
    shown = protect(values, [Group("carrier", ("site_a", "site_b"))])
    assert shown == {"carrier": V, "site_a": S, "site_b": C}


def test_cells_outside_the_rule_are_shown_even_when_small_but_may_cover():
    values = {"total": 12, "a": 2, "b": 10}
    shown = breakdown("total", ["a", "b"], values, sensitive=["a"])
    assert shown == {"total": V, "a": S, "b": C}


def test_an_unpublished_part_protects_like_a_hidden_one():
    # ended = with a start date + without; the second is never shown
    values = {"ended": 30, "a": 2, "rest": 28}
    shown = protect(values, [Group("ended", ("a", "rest"))], unknown=["rest"])
    assert shown["a"] == S and shown["ended"] == V


def reader_can_pin(values: dict, shown: dict, total: str, parts: list[str]) -> list[str]:
    """Brute force: every assignment of the hidden cells that the reader finds consistent
    with the rule and the total; the small cells whose value is then certain."""
    hidden = [k for k in [total, *parts] if shown[k] != V]
    top = values[total] + 5

    def candidates(key):
        # a pessimistic reader: knows whether a covered cell is a cover (≥ 5) or was withheld
        if shown[key] == S:
            return range(1, 5)
        if values[key] >= 5:
            return range(5, top + 1)
        return range(1 if values[key] else 0, top + 1)

    possible: dict[str, set[int]] = {k: set() for k in hidden}
    for combo in product(*(candidates(k) for k in hidden)):
        guess = {**values, **dict(zip(hidden, combo, strict=True))}
        if guess[total] == sum(guess[p] for p in parts):
            for key in hidden:
                possible[key].add(guess[key])
    return [k for k in hidden if 0 < values[k] < 5 and len(possible[k]) < 2]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=12), min_size=2, max_size=4))
def test_no_small_number_can_be_recomputed_from_a_breakdown(parts):
    names = [f"p{i}" for i in range(len(parts))]
    values = {"total": sum(parts), **dict(zip(names, parts, strict=True))}
    shown = breakdown("total", names, values)
    for key, value in values.items():
        if 0 < value < 5:
            assert shown[key] != V, (values, shown)
    assert reader_can_pin(values, shown, "total", names) == [], (values, shown)
