"""The matching engine: optimal, explainable matching of two sides, at national scale.

Pure Python with numpy and OR-Tools; no Django. The callers (mentoring: mentors and mentees;
promises: promises and needs) turn their rows into `Item`s and the result back into rows.

    from handschlag.matching import Config, Item, match

    result = match(mentors, mentees, Config(), existing=[("m1", "n7")], excluded=[("m2", "n3")])
    for pair in result.new_pairs:
        print(pair.left, pair.right, pair.score, [(r.code, r.params) for r in pair.reasons])
    for item in result.unmatched:
        print(item.side, item.id, item.reason, item.params)

`match(left, right, config=None, *, existing=(), excluded=()) -> Result`

Input
    `left`, `right`: sequences of `Item` (ids unique per side). Left items usually offer
    several places (`capacity`), right items one. `existing`: (left id, right id) pairs that
    already exist; they are kept, returned with `existing=True`, and use up a place on both
    sides. `excluded`: pairs that must never be matched. `config`: `Config` (weights of the
    soft criteria, k, rounds); the defaults suit mentoring.

Hard constraints (never violated by a new pair)
    distance <= both items' `max_km` (straight-line distance, exact to within a metre) or
    both items `online`, at least one shared language, a shared kind (or one side names no
    kind), each side's `requirements` met by the other's `attributes`, not excluded,
    capacities.

Online
    `Item.online`: the item also meets online. Two online items may be paired at any
    distance; an online item and one that is not keep the distance rule. The distance
    criterion stays 1 - km / the smaller maximum, at least 0: an online pair beyond its
    reach scores like a pair at exactly the smaller maximum, so meeting in person (nearer)
    always scores better on distance than meeting only online. The candidate search finds
    the pairs within reach through the grid and, in a separate pass, the pairs of two online
    items beyond reach (every online right item against every online left item, in blocks:
    quadratic in the number of online items). The funnel counts online partners beyond the
    item's own distance as "nearby" and "within_both".

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
    kind profiles, block by block, never from all pairs.

Repair rounds
    After the first solve, the engine looks for compatible pairs of items that both still
    have a free place. None of them is in the graph (the flow would have used it). If there
    are any, a repair round solves the graph among the free items only: each free item's best
    k compatible free partners (pairs made already excluded), with the places left, by the
    same maximum flow of minimum cost; its pairs are added to those of the rounds before,
    which stay. It repeats this until no such pair is left (`Config.max_rounds`: None, the
    default; a number limits the rounds, and the items concerned are then reported as
    NOT_SELECTED). The loop ends: a repair round's graph holds a pair of two free items, so
    its maximum flow makes at least one pair. A repair round costs a search and a solve
    among the free items, a small part of the first.

    Guaranteed by default:
    - no compatible pair of two items with free places is left over (checked over all
      pairs: tests/matching/test_global.py; the bench counts them without the engine);
    - round 1 is optimal (most pairs, then most points) on its candidate graph, and every
      repair round is optimal on its own graph with the places left;
    - at least half as many pairs as the optimum over all pairs (a maximal matching).
    Not guaranteed: the optimum on the union of the rounds' graphs, or over all pairs (an
    improving path may run through a pair of round 1 and a repair pair). The gap is
    measured, not hidden: in tests/matching/test_global.py's `gap_statistics` and by the
    bench (reference optimum on the union graph).

Output (`Result`)
    `pairs`: existing and new `Pair`s ordered by (left id, right id), each with `score`,
    `points`, `breakdown` (criterion -> value), `distance_km` and `reasons`. `unmatched`:
    every item without any partner, with a `Reason`, its `params` and the counts behind it
    (`funnel`). `matched` and `objective` (points) count the new pairs.
    `graph`: the candidate graphs of all rounds, each edge with its round, so that others
    can check each round's optimum. `stats`: sizes and timings.

Reasons: codes with parameters, no words
    The engine speaks no human language: the caller renders codes and parameters with gettext
    in the reader's language (mentoring: `handschlag.mentoring.explanations`). Parameters are
    plain JSON values (str, int, float, tuples of str, a mapping of str to tuples of str);
    language codes are ISO 639 as given in `Item.languages`, slot codes come from `SLOTS`.

    `Pair.reasons`, a tuple of `Because(code, params)`, the most telling first, each only
    when it applies:
      "existing"  {}                          the pair was given as existing
      "language"  {"languages": (codes,)}     shared languages, the rarest among all items
                                              first, at most 2
      "online"    {}                          both are online and farther apart than one of
                                              them travels: they meet online
      "distance"  {"km": float}               always; rounded to half a kilometre
      "slots"     {"slots": (slot codes,)}    shared weekly slots, in SLOTS order
      "kinds"     {"kinds": (codes,)}         shared kinds, sorted
      "waiting"   {"days": int}               the right item has waited at least 30 days

    `Unmatched.reason` (`Reason`) and `Unmatched.params`; "km" is the item's own maximum
    distance, "people" how many on the other side passed the checks before the failing one:
      NO_CAPACITY         {}                  the item offers no place
      NOBODY_NEARBY       {"km"}              nobody within its distance
      TOO_FAR_FOR_THEM    {"km", "people"}    within, but too far for all of them
      NO_SHARED_LANGUAGE  {"km", "languages"} nobody nearby speaks one of its languages
                                              (all of them, the rarest first)
      KIND_MISMATCH       {"km", "kinds"}     nobody nearby with a shared language wants one
                                              of its kinds (all of them, sorted)
      OWN_PREFERENCES     {"km", "people", "wishes"}  nobody meets its requirements;
                                              "wishes": {attribute: (allowed values,)}
      THEIR_PREFERENCES   {"km", "people"}    it meets nobody's requirements
      EXCLUDED            {"km", "people"}    the only fitting partners are excluded
      TAKEN               {"km", "candidates"}  all n candidates of this run went to others;
                          {"km", "people"}    or: no candidate, all fitting partners were full
      NOT_SELECTED        {"km", "free_partners", "k"}  compatible partners with a free
                                              place are left (only when `max_rounds` ran out)

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
    Because,
    CandidateGraph,
    Config,
    Item,
    ItemId,
    Pair,
    Reason,
    Result,
    Stats,
    Unmatched,
    Weights,
)

__all__ = [
    "CRITERIA",
    "FUNNEL",
    "SCALE",
    "SLOTS",
    "Because",
    "CandidateGraph",
    "Config",
    "Item",
    "ItemId",
    "Pair",
    "Reason",
    "Result",
    "Stats",
    "Unmatched",
    "Weights",
    "match",
    "pair_table",
]
