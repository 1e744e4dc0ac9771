"""The scores of an assessment: computed on the fly while the round is open, stored as `Score`
rows when it closes (what results, peer comparison and the network page read).

(Owned by the results part; `store_scores` is the contract the closing service calls.)"""

from __future__ import annotations

from .models import Assessment


def store_scores(assessment: Assessment) -> None:
    """Replace the stored scores of `assessment` with the ones its answers give now: overall,
    per area and per indicator, for all groups together and per respondent group. Called
    inside the closing transaction."""
    raise NotImplementedError
