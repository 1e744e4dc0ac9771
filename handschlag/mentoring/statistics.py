"""The figures of a programme, a carrier or a site: tandems set up per year and month, running
now, average duration, ended by reason; waiting mentees and free mentor places per carrier or
site; the share of survey answers saying the tandem helps.

Read in two queries, whatever the number of tandems, from the summary tables that
statistics_figures.py keeps exact (recomputed for a site after every write that changes it):

- one GROUP BY month over the scope's SiteMonthFigures (≤ sites × months rows, read from a
  covering index): tandems set up per month, put into years here;
- one query over the rows of the table (the programme's carriers, a carrier's sites, the site
  itself) summing their sites' SiteFigures: tandems per state, ended per reason and their
  summed duration, waiting mentees, free places, survey answers; the scope's figures are the
  sum of its rows.

Small numbers follow the rule of five (small_numbers.py): end reasons and survey answers of
fewer than 5 are hidden. Waiting mentees, free places and tandems set up are shown as they are:
they are counted for the coordinators of exactly these people (the funder report, which leaves
the platform, hides every small number).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import small_numbers
from .models import Carrier, Site, SiteMonthFigures, Tandem
from .small_numbers import Group, Shown
from .statistics_scope import Scope

# The sides asked "does the tandem help" (surveys.HELPS_KEYS; 4 and 5 of 5 count as "yes")
SIDES = ("mentor", "mentee")
DAYS_PER_MONTH = 365.25 / 12
REASONS = tuple(Tandem.EndReason.values)


STATES = tuple(Tandem.State.values)


@dataclass(frozen=True)
class Cell:
    """A number as published: `value` None when the rule of five hides it."""

    value: int | None
    shown: Shown = Shown.SHOWN

    @classmethod
    def of(cls, value: int, shown: Shown = Shown.SHOWN) -> Cell:
        return cls(value if shown == Shown.SHOWN else None, shown)


@dataclass(frozen=True)
class Share:
    """The share of a side's survey answers saying the tandem helps; None when hidden."""

    side: str  # "mentor" | "mentee" | "all"
    responses: int | None
    percent: float | None


@dataclass(frozen=True)
class Row:
    """One line of the table: a carrier (in a programme) or a site."""

    kind: str
    obj: Carrier | Site
    sites: int
    running: int
    waiting: int
    free_places: int


@dataclass
class Dashboard:
    scope: Scope
    today: datetime.date
    set_up_by_month: dict[datetime.date, int]
    states: Counter[str]
    ended_by_reason: dict[str, Cell]
    ended: Cell
    average_days: float | None  # None: fewer than 5 ended tandems with both dates
    rows: list[Row]
    survey: list[Share]
    survey_responses: int
    notes: list[str] = field(default_factory=list)

    @property
    def set_up_total(self) -> int:
        return sum(self.set_up_by_month.values())

    @property
    def active(self) -> int:
        return self.states[Tandem.State.ACTIVE]

    @property
    def paused(self) -> int:
        return self.states[Tandem.State.PAUSED]

    @property
    def waiting(self) -> int:
        return sum(row.waiting for row in self.rows)

    @property
    def free_places(self) -> int:
        return sum(row.free_places for row in self.rows)

    @property
    def average_months(self) -> float | None:
        return None if self.average_days is None else self.average_days / DAYS_PER_MONTH

    def per_year(self) -> list[tuple[int, int]]:
        """(year, tandems set up) from the first year with a tandem to this year."""
        counts: Counter[int] = Counter()
        for month, n in self.set_up_by_month.items():
            counts[month.year] += n
        if not counts:
            return []
        first = min(min(counts), self.today.year)
        return [(year, counts[year]) for year in range(first, self.today.year + 1)]

    def per_month(self, months: int = 12) -> list[tuple[datetime.date, int]]:
        """(first day of the month, tandems set up) for the last `months` months."""
        first = month_start(self.today, -(months - 1))
        return [
            (month_start(first, i), self.set_up_by_month.get(month_start(first, i), 0))
            for i in range(months)
        ]

    def set_up_in(self, year: int) -> int:
        return sum(n for month, n in self.set_up_by_month.items() if month.year == year)


def month_start(day: datetime.date, add: int = 0) -> datetime.date:
    index = day.year * 12 + day.month - 1 + add
    return datetime.date(index // 12, index % 12 + 1, 1)


def dashboard(scope: Scope, *, today: datetime.date | None = None) -> Dashboard:
    """Every figure of a scope's dashboard, in two queries over the summary tables
    (statistics_figures.py), whatever the number of tandems."""
    today = today or timezone.localdate()
    by_month = _set_up_by_month(scope)
    rows, totals = _rows(scope)
    states = Counter({state: totals[state] for state in STATES})
    reasons = Counter({reason: totals[f"ended_{reason}"] for reason in REASONS})
    dated = totals["ended_dated"]
    ended_by_reason, ended = _protect_reasons(
        reasons,
        sum(reasons.values()),
        set_up=sum(by_month.values()),
        ended_started=dated,
        states=states,
    )
    survey_counts = Counter(
        {
            f"{side}_{key}": totals[f"{side}_{what}"]
            for side in SIDES
            for key, what in (("n", "answers"), ("yes", "helps"))
        }
    )
    return Dashboard(
        scope=scope,
        today=today,
        set_up_by_month=by_month,
        states=states,
        ended_by_reason=ended_by_reason,
        ended=ended,
        average_days=totals["ended_days"] / dated if dated >= small_numbers.THRESHOLD else None,
        rows=rows,
        survey=survey_shares(survey_counts),
        survey_responses=survey_counts["mentor_n"] + survey_counts["mentee_n"],
    )


def month_rows(scope: Scope) -> QuerySet[SiteMonthFigures]:
    """The scope's SiteMonthFigures, found by their own site, carrier or programme (no join)."""
    if scope.site is not None:
        return SiteMonthFigures.objects.filter(site=scope.site.pk)
    if scope.carrier is not None:
        return SiteMonthFigures.objects.filter(carrier=scope.carrier.pk)
    return SiteMonthFigures.objects.filter(programme=scope.programme.pk)


def _set_up_by_month(scope: Scope) -> dict[datetime.date, int]:
    """Tandems set up per month: one GROUP BY month over the scope's SiteMonthFigures, read
    from a covering index (programme or carrier, month, set_up)."""
    groups = (
        month_rows(scope)
        .filter(set_up__gt=0)
        .order_by()
        .values("month")
        .annotate(n=Sum("set_up"))
        .values_list("month", "n")
    )
    return dict(groups)


def _protect_reasons(
    reasons: Mapping[str, int],
    ended_total: int,
    *,
    set_up: int,
    ended_started: int,
    states: Mapping[str, int],
) -> tuple[dict[str, Cell], Cell]:
    """The rule of five on "ended by reason"; the reader also knows that the tandems set up
    are the running ones plus those ended after they started."""
    running = states.get(Tandem.State.ACTIVE, 0) + states.get(Tandem.State.PAUSED, 0)
    values = {
        **{f"r_{reason}": n for reason, n in reasons.items()},
        "ended": ended_total,
        "set_up": set_up,
        "running": running,
        "ended_started": ended_started,
        "ended_unstarted": max(0, ended_total - ended_started),
    }
    shown = small_numbers.protect(
        values,
        [
            Group("ended", tuple(f"r_{reason}" for reason in reasons)),
            Group("ended", ("ended_started", "ended_unstarted")),
            Group("set_up", ("running", "ended_started")),
        ],
        sensitive=[*(f"r_{reason}" for reason in reasons), "ended"],
        unknown=["ended_started", "ended_unstarted"],
    )
    cells = {reason: Cell.of(n, shown[f"r_{reason}"]) for reason, n in reasons.items()}
    return cells, Cell.of(ended_total, shown["ended"])


NOW_FIELDS = (
    *STATES, "waiting", "free_places", *(f"ended_{reason}" for reason in REASONS),
    "ended_days", "ended_dated",
    *(f"{side}_{what}" for side in SIDES for what in ("answers", "helps")),
)  # fmt: skip


def _rows(scope: Scope) -> tuple[list[Row], Counter[str]]:
    """The table's rows (the programme's carriers, a carrier's sites, the site) with their
    figures now, and the scope's sums: one query over the rows' SiteFigures."""
    if scope.kind == "programme":
        prefix = "sites__figures__"
        queryset: QuerySet[Any] = (
            Carrier.objects.filter(programme=scope.programme)
            .annotate(site_count=Count("sites"))
            .select_related("organisation")
            .order_by("organisation__name", "pk")
        )
    else:
        prefix = "figures__"
        queryset = (
            Site.objects.filter(pk=scope.site.pk)
            if scope.site
            else Site.objects.filter(carrier=scope.carrier)
        ).order_by("name", "pk")
    queryset = queryset.annotate(
        **{f"f_{name}": Coalesce(Sum(prefix + name), 0) for name in NOW_FIELDS}
    )
    rows, totals = [], Counter[str]()
    for obj in queryset:
        figures = {name: getattr(obj, f"f_{name}") for name in NOW_FIELDS}
        totals.update(figures)
        rows.append(
            Row(
                kind="carrier" if scope.kind == "programme" else "site",
                obj=obj,
                sites=getattr(obj, "site_count", 1),
                running=figures["active"] + figures["paused"],
                waiting=figures["waiting"],
                free_places=figures["free_places"],
            )
        )
    return rows, totals


def survey_shares(counts: Mapping[str, int]) -> list[Share]:
    """Mentors, mentees, all: a share is shown only over 5 or more answers. A side is hidden
    also when the other side is hidden but has answers (else it is the total minus the other)."""
    threshold = small_numbers.THRESHOLD
    sides = {side: (counts[f"{side}_n"], counts[f"{side}_yes"]) for side in SIDES}
    hidden = {side for side, (n, _yes) in sides.items() if 0 < n < threshold}
    if hidden:
        hidden |= {side for side, (n, _yes) in sides.items() if n > 0}
    total_n = sum(n for n, _yes in sides.values())
    total_yes = sum(yes for _n, yes in sides.values())
    shares = [
        Share(side, None, None) if side in hidden or n == 0 else Share(side, n, 100 * yes / n)
        for side, (n, yes) in sides.items()
    ]
    if total_n >= threshold:
        shares.append(Share("all", total_n, 100 * total_yes / total_n))
    else:
        shares.append(Share("all", None, None))
    return shares
