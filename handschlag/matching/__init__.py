"""The matching engine: optimal, explainable matching of two sides, at national scale.

Pure Python with numpy and OR-Tools; no Django. The callers (mentoring: mentors and mentees;
promises: promises and needs) turn their rows into `Item`s and the result back into rows.

    from handschlag.matching import Config, Item, match

    result = match(mentors, mentees, Config(), existing=[("m1", "n7")], excluded=[("m2", "n3")])
    for pair in result.new_pairs:
        print(pair.left, pair.right, pair.score, pair.explanation.de)
    for item in result.unmatched:
        print(item.side, item.id, item.reason, item.explanation.en)

`match(left, right, config=None, *, existing=(), excluded=()) -> Result`

Input
    `left`, `right`: sequences of `Item` (ids unique per side). Left items usually offer
    several places (`capacity`), right items one. `existing`: (left id, right id) pairs that
    already exist; they are kept, returned with `existing=True`, and use up a place on both
    sides. `excluded`: pairs that must never be matched. `config`: `Config` (weights of the
    soft criteria, k, labels for the texts); the defaults suit mentoring.

Hard constraints (never violated by a new pair)
    distance <= both items' `max_km` (straight-line distance, exact to within a metre), at
    least one shared language, a shared kind (or one side names no kind), each side's
    `requirements` met by the other's `attributes`, not excluded, capacities.

Soft criteria (`Weights`, normalised to sum 1; each value in [0, 1])
    distance (1 - km / the smaller maximum), language overlap and kind overlap (shared codes
    over the smaller set), availability overlap (shared weekly slots over the smaller set),
    waiting (both items' waiting time, capped at `waiting_cap_days`; longer waiting scores
    higher, so those who wait longest win ties for scarce partners). A pair's score is the sum
    of round(SCALE · weight · value) over the criteria: an integer number of points.

Objective
    Among all matchings on the candidate graph, first the greatest number of new pairs, then
    the greatest total of points: a maximum flow of minimum cost (OR-Tools), exact because all
    costs are integers. The candidate graph holds, for every item with a free place, its best
    `k` compatible partners (one more per further free place; by points, ties by id), from
    both sides (union). Candidates come from a grid over the map and tables of language and
    kind profiles, block by block, never from all pairs. Afterwards the engine looks for
    compatible pairs of items that are both still free (they cannot be in the graph, or the
    flow would have used them): with `max_rounds` > 1 it adds them and solves again; else
    the items concerned are reported as NOT_SELECTED (rare: both sides had k better options).

Output (`Result`)
    `pairs`: existing and new `Pair`s ordered by (left id, right id), each with `score`,
    `points`, `breakdown` (criterion -> value), `distance_km` and `explanation` (`Text` with
    `de` and `en`, spoken to the right item, e.g. "spricht Arabisch wie Sie · 3 km entfernt
    · beide dienstags nachmittags"). `unmatched`: every item without any partner, with a
    `Reason` (nobody within its distance; within, but too far for them; nobody nearby speaks
    its language; no compatible kind; its own or their wishes; excluded; all candidates taken
    by other matches; not selected), an explanation (e.g. "niemand im Umkreis von 25 km
    spricht Tigrinya") and the counts behind it. `matched` and `objective` (points) count the
    new pairs.
    `graph`: the candidate graph, so that others can check the optimum. `stats`: sizes and
    timings.

`pair_table(left, right, config=None, *, excluded=())` gives the compatibility and the points
of every pair, computed directly: quadratic, for tests and for checking single cases.

Determinism
    Items are processed in id order, candidate lists break ties by id, the solver is
    deterministic, and in the optimum an item never loses an equal-points tie for the same
    partner to a larger id: the same input, in any order, gives the same output.
"""

from .engine import match, pair_table
from .model import (
    CRITERIA,
    FUNNEL,
    SCALE,
    SLOTS,
    CandidateGraph,
    Config,
    Item,
    ItemId,
    Pair,
    Reason,
    Result,
    Stats,
    Text,
    Unmatched,
    Weights,
)

__all__ = [
    "CRITERIA",
    "FUNNEL",
    "SCALE",
    "SLOTS",
    "CandidateGraph",
    "Config",
    "Item",
    "ItemId",
    "Pair",
    "Reason",
    "Result",
    "Stats",
    "Text",
    "Unmatched",
    "Weights",
    "match",
    "pair_table",
]
