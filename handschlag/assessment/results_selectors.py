"""Reads of the results part that reach beyond one round: the change since the town's previous
round, and the comparison with peer towns. Each is one query over the rounds' summaries of
their stored scores (`Assessment.summary`, written with the `Score` rows when a round closes).

Peers are the towns of the same size class (places/population.py) — in the same federal state, and
nationwide — each with its latest *closed* round of the same framework (by key, any version;
areas are matched by key), read from the round's summary (`Assessment.summary`, one row per
town). The own town is never among its peers; a town whose population is unknown (0) has no
band, so neither peers nor a place among others' peers.

Privacy (issue #11: "only aggregates of ≥ 5 towns, never another town's answers unless it
chose to share"). A town that shared its round (`Assessment.shared`) has public results: it
may be named with its score. Every other town's score may only go into an aggregate (mean,
median) that nobody can compute back:

1. An aggregate over a set of towns is shown only if it holds at least 5 towns, and of the
   towns that did not share either none or at least 5 — the shared towns' scores are public,
   so 1–4 unshared towns beside them could be computed from a mean and the named scores.
2. Two aggregates of the same figure over nested sets (the state's towns within the band's
   nationwide) are shown together only if the towns in one and not the other are again none
   or at least 5 unshared ones: otherwise their sums differ by 1–4 towns' scores. Then the
   nationwide figure is withheld (the state's, the nearer comparison, stays).
3. Each figure (overall, each area) is checked on its own, over the towns that have a value
   for it (an area can be n/a for some towns).
4. A shared round's page is public, and among its readers are the peers themselves: an
   unshared peer knows its own score and could take it out of the aggregate. So on a public
   page "at least 5 unshared" becomes "at least 6" (rules 1 and 2); a page that only the
   town's own people see leaves the town out of its peers anyway.

A limit that remains: someone who reads the same aggregate before and after exactly one more
town closes its round can estimate that town's contribution. The means are shown as whole
points; the set of towns changes only when rounds close.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q

from handschlag.places.models import FederalState
from handschlag.places.population import SizeClass, population_range, size_class

from .models import Assessment

MIN_TOWNS = 5


def band_of(population: int) -> SizeClass | None:
    """The size class of a town; None when its population is unknown (0)."""
    return size_class(population)


# --- change since the previous round ----------------------------------------------------------


@dataclass
class PreviousRound:
    assessment_id: int
    title: str
    closed_at: datetime.datetime | None
    overall: float | None
    areas: dict[str, float | None]  # area key → score


def previous_round(assessment: Assessment) -> PreviousRound | None:
    """The summary of the town's previous closed round of the same framework (by key): before
    this one if this one is closed. One query."""
    earlier = Assessment.objects.filter(
        municipality_id=assessment.municipality_id,
        framework__key=assessment.framework.key,
        state=Assessment.State.CLOSED,
    ).exclude(pk=assessment.pk)
    if not assessment.is_open and assessment.closed_at is not None:
        earlier = earlier.filter(
            Q(closed_at__lt=assessment.closed_at)
            | Q(closed_at=assessment.closed_at, pk__lt=assessment.pk)
        )
    found = (
        earlier.order_by("-closed_at", "-pk").values_list("pk", "title", "closed_at", "summary")
    ).first()
    if found is None or not found[3]:
        return None
    pk, title, closed_at, summary = found
    return PreviousRound(pk, title, closed_at, summary.get("overall"), summary.get("areas", {}))


# --- peers ------------------------------------------------------------------------------------


@dataclass
class PeerTown:
    municipality_id: int
    name: str
    slug: str
    state: str
    shared: bool
    assessment_id: int
    overall: float | None = None
    areas: dict[str, float | None] = field(default_factory=dict)

    @property
    def state_label(self) -> str:
        return str(FederalState(self.state).label) if self.state in FederalState else self.state


def peer_towns(assessment: Assessment) -> list[PeerTown]:
    """The towns of the assessment's population band (nationwide, the own town left out) with
    the summary of their latest closed round of the same framework key. One query, one row per
    town. A town whose population is unknown (0) has no band and no peers."""
    band = band_of(assessment.municipality.population)
    if band is None:
        return []
    key = assessment.framework.key
    newer = Assessment.objects.filter(
        municipality_id=OuterRef("municipality_id"),
        framework__key=key,
        state=Assessment.State.CLOSED,
    ).filter(
        Q(closed_at__gt=OuterRef("closed_at"))
        | Q(closed_at=OuterRef("closed_at"), pk__gt=OuterRef("pk"))
    )
    in_band = Q(**{f"municipality__{lookup}": n for lookup, n in population_range(band).items()})
    rows = (
        Assessment.objects.filter(in_band, state=Assessment.State.CLOSED, framework__key=key)
        .exclude(municipality_id=assessment.municipality_id)
        .filter(~Exists(newer))
        .values_list(
            "pk", "municipality_id", "municipality__name", "municipality__slug",
            "municipality__state", "shared", "summary",
        )
    )  # fmt: skip
    towns: dict[int, PeerTown] = {}
    for assessment_id, town_id, name, slug, state, shared, summary in rows:
        if not summary:
            continue  # closed before scores were stored
        known = towns.get(town_id)
        if known is not None and known.assessment_id > assessment_id:
            continue  # two rounds closed at the same moment: the later one counts
        towns[town_id] = PeerTown(
            town_id, name, slug, state, shared, assessment_id,
            summary.get("overall"), summary.get("areas", {}),
        )  # fmt: skip
    return sorted(towns.values(), key=lambda t: (t.name, t.municipality_id))


@dataclass(frozen=True)
class Aggregate:
    towns: int  # towns with a value for the figure
    unshared: int
    mean: float | None  # None: withheld
    median: float | None
    withheld: str = ""  # "" | "few" (rule 1) | "difference" (rule 2)

    @property
    def shown(self) -> bool:
        return self.mean is not None


def _values(towns: list[PeerTown], figure: str | None) -> list[tuple[bool, float]]:
    found = []
    for town in towns:
        value = town.overall if figure is None else town.areas.get(figure)
        if value is not None:
            found.append((town.shared, value))
    return found


def min_unshared(public: bool) -> int:
    """How many unshared towns an aggregate needs (rules 1 and 4)."""
    return MIN_TOWNS + 1 if public else MIN_TOWNS


def safe_set(towns: int, unshared: int, *, public: bool = False) -> bool:
    """Rule 1: at least 5 towns, and none or at least 5 (public: 6) of them unshared."""
    return towns >= MIN_TOWNS and (unshared == 0 or unshared >= min_unshared(public))


def aggregate(
    values: list[tuple[bool, float]], *, public: bool = False, withheld: str = ""
) -> Aggregate:
    unshared = sum(1 for shared, _v in values if not shared)
    if withheld or not safe_set(len(values), unshared, public=public):
        return Aggregate(len(values), unshared, None, None, withheld or "few")
    numbers = [value for _shared, value in values]
    return Aggregate(
        len(values), unshared, statistics.fmean(numbers), float(statistics.median(numbers))
    )


@dataclass
class PeerGroup:
    key: str  # "state" | "band"
    towns: int
    shared: int
    overall: Aggregate
    areas: dict[str, Aggregate]

    @property
    def shown(self) -> bool:
        return self.overall.shown or any(a.shown for a in self.areas.values())


@dataclass
class Comparison:
    band_label: Any
    state: str
    state_group: PeerGroup
    band_group: PeerGroup
    shared_towns: list[PeerTown]
    population_known: bool = True

    @property
    def fallback(self) -> bool:
        """The state's towns are too few: only the nationwide band is shown."""
        return not self.state_group.shown


def compare(
    towns: list[PeerTown],
    state: str,
    area_keys: list[str],
    *,
    band_label: Any = "",
    public: bool = False,
) -> Comparison:
    """The aggregates of the state's and the nationwide peers, rules 1–4 applied (`public`:
    the page is a shared round's, which anyone may read)."""
    in_state = [t for t in towns if t.state == state]
    figures: list[str | None] = [None, *area_keys]
    state_figures: dict[str | None, Aggregate] = {}
    band_figures: dict[str | None, Aggregate] = {}
    for figure in figures:
        state_values, band_values = _values(in_state, figure), _values(towns, figure)
        state_agg = aggregate(state_values, public=public)
        band_agg = aggregate(band_values, public=public)
        if state_agg.shown and band_agg.shown:
            differing = band_agg.unshared - state_agg.unshared  # towns outside the state
            if 0 < differing < min_unshared(public):
                band_agg = aggregate(band_values, withheld="difference")
        state_figures[figure], band_figures[figure] = state_agg, band_agg
    return Comparison(
        band_label=band_label,
        state=state,
        state_group=_group("state", in_state, state_figures),
        band_group=_group("band", towns, band_figures),
        shared_towns=[t for t in towns if t.shared],
    )


def _group(key: str, towns: list[PeerTown], figures: dict[str | None, Aggregate]) -> PeerGroup:
    return PeerGroup(
        key=key,
        towns=len(towns),
        shared=sum(1 for t in towns if t.shared),
        overall=figures[None],
        areas={k: v for k, v in figures.items() if k is not None},
    )


def comparison(assessment: Assessment, area_keys: list[str]) -> Comparison:
    """The peer comparison of a round (one query)."""
    band = band_of(assessment.municipality.population)
    label = band.label if band is not None else ""
    public = assessment.shared and not assessment.is_open
    found = compare(
        peer_towns(assessment),
        assessment.municipality.state,
        area_keys,
        band_label=label,
        public=public,
    )
    found.population_known = band is not None
    return found
