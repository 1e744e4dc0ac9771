"""The figures of a programme, a carrier or a site: tandems set up per year and month, running
now, average duration, ended by reason; waiting mentees and free mentor places per carrier or
site; the share of survey answers saying the tandem helps.

Counted in the database in two queries, whatever the number of tandems and sites:

- one GROUP BY over the scope's tandems by the month they were set up (`started_on`), with
  conditional counts per state and end reason and the summed duration of ended tandems; the
  months are put into years here. The month is the database's own string function
  (`MonthOf`: substr on SQLite, to_char on PostgreSQL): Django's TruncMonth and ExtractYear
  call a Python function per row on SQLite, which costs about a second on 240,000 tandems;
- one query over the rows of the table (the programme's carriers, a carrier's sites, the site
  itself) with a subquery per figure; the scope's survey answers are the sum of its rows.

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

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import small_numbers
from .date_sql import DaysBetween, MonthOf, month_of
from .models import Carrier, Mentee, Mentor, Site, SurveyResponse, Tandem
from .small_numbers import Group, Shown
from .statistics_scope import Scope

# The survey question "Hilft Ihnen das Tandem?" per side (keys of SurveyResponse.answers, answered
# 1–5); 4 and 5 count as "yes". Until the tandems part's surveys.py names its keys.
HELPS_KEYS = {"mentor": "helps", "mentee": "helps"}
AGREE = 4
DAYS_PER_MONTH = 365.25 / 12
OPEN = Tandem.HOLDING  # proposed, active, paused: the mentee is not waiting
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
    """Every figure of a scope's dashboard, in two queries."""
    today = today or timezone.localdate()
    by_month, states, reasons, days, dated, ended_started = _tandem_figures(scope)
    rows, survey_counts = _rows(scope)
    ended_total = sum(reasons.values())
    ended_by_reason, ended = _protect_reasons(
        reasons,
        ended_total,
        set_up=sum(by_month.values()),
        ended_started=ended_started,
        states=states,
    )
    return Dashboard(
        scope=scope,
        today=today,
        set_up_by_month=by_month,
        states=states,
        ended_by_reason=ended_by_reason,
        ended=ended,
        average_days=days / dated if dated >= small_numbers.THRESHOLD else None,
        rows=rows,
        survey=survey_shares(survey_counts),
        survey_responses=survey_counts["mentor_n"] + survey_counts["mentee_n"],
    )


def _tandem_figures(
    scope: Scope,
) -> tuple[dict[datetime.date, int], Counter[str], Counter[str], float, int, int]:
    ended = Q(state=Tandem.State.ENDED)
    dated = ended & Q(started_on__isnull=False, ended_on__isnull=False)
    columns = {
        **{f"s_{state}": Count("pk", filter=Q(state=state)) for state in STATES},
        **{f"r_{reason}": Count("pk", filter=ended & Q(end_reason=reason)) for reason in REASONS},
        "blank": Count("pk", filter=ended & Q(end_reason="")),
        "days": Sum(DaysBetween("ended_on", "started_on"), filter=dated),
        "dated": Count("pk", filter=dated),
    }
    names = list(columns)
    groups = (
        Tandem.objects.filter(scope.where())
        .annotate(month=MonthOf("started_on"))
        .order_by()
        .values("month")
        .annotate(**columns)
        .values_list("month", *names)
    )
    by_month: dict[datetime.date, int] = {}
    totals: Counter[str] = Counter()
    ended_started = 0
    for month, *figures in groups:
        row = dict(zip(names, figures, strict=True))
        if month is not None:
            by_month[month_of(month)] = sum(row[f"s_{state}"] for state in STATES)
            ended_started += row[f"s_{Tandem.State.ENDED}"]
        totals.update({name: value or 0 for name, value in row.items()})
    states = Counter({state: totals[f"s_{state}"] for state in STATES})
    reasons = Counter({reason: totals[f"r_{reason}"] for reason in REASONS})
    reasons[Tandem.EndReason.OTHER] += totals["blank"]  # no reason given: "other"
    return by_month, states, reasons, float(totals["days"]), totals["dated"], ended_started


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


def _count(queryset: QuerySet[Any], outer: str) -> Coalesce:
    """The number of rows of `queryset` whose `outer` is the outer row, as a subquery."""
    inner = (
        queryset.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(inner, output_field=IntegerField()), 0)


def _sum(queryset: QuerySet[Any], outer: str, column: str) -> Coalesce:
    inner = (
        queryset.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(n=Sum(column))
        .values("n")
    )
    return Coalesce(Subquery(inner, output_field=IntegerField()), 0)


def waiting_mentees() -> QuerySet[Mentee]:
    """Approved mentees without a proposed, active or paused tandem."""
    open_tandem = Tandem.objects.filter(mentee=OuterRef("pk"), state__in=OPEN)
    return Mentee.objects.filter(state=Mentee.State.APPROVED).filter(~Exists(open_tandem))


def _survey_figures(outer: str) -> dict[str, Coalesce]:
    figures = {}
    for side, key in HELPS_KEYS.items():
        answered = SurveyResponse.objects.filter(side=side, answers__has_key=key)
        figures[f"{side}_n"] = _count(answered, outer)
        figures[f"{side}_yes"] = _count(answered.filter(**{f"answers__{key}__gte": AGREE}), outer)
    return figures


def with_figures(queryset: QuerySet[Any], outer: str) -> QuerySet[Any]:
    """Carriers (outer "site__carrier") or sites (outer "site") with their running tandems,
    waiting mentees and free mentor places, as subqueries: one query for any number of rows."""
    running = Tandem.objects.filter(state__in=(Tandem.State.ACTIVE, Tandem.State.PAUSED))
    approved_mentors = Mentor.objects.filter(state=Mentor.State.APPROVED)
    return queryset.annotate(
        running=_count(running, outer),
        waiting=_count(waiting_mentees(), outer),
        free=_sum(approved_mentors, outer, "free_places"),
    )


def _rows(scope: Scope) -> tuple[list[Row], Counter[str]]:
    """The table's rows with their figures, and the scope's survey counts (their sum)."""
    if scope.kind == "programme":
        outer = "site__carrier"
        queryset: QuerySet[Any] = Carrier.objects.filter(programme=scope.programme).annotate(
            site_count=_count(Site.objects.all(), "carrier")
        )
        queryset = queryset.select_related("organisation").order_by("organisation__name", "pk")
    else:
        outer = "site"
        sites = (
            Site.objects.filter(pk=scope.site.pk)
            if scope.site
            else Site.objects.filter(carrier=scope.carrier)
        )
        queryset = sites.order_by("name", "pk")
    queryset = with_figures(queryset, outer).annotate(**_survey_figures(outer))
    rows, survey = [], Counter[str]()
    for obj in queryset:
        rows.append(
            Row(
                kind="carrier" if scope.kind == "programme" else "site",
                obj=obj,
                sites=getattr(obj, "site_count", 1),
                running=obj.running,
                waiting=obj.waiting,
                free_places=obj.free,
            )
        )
        for name in ("mentor_n", "mentor_yes", "mentee_n", "mentee_yes"):
            survey[name] += getattr(obj, name)
    return rows, survey


def survey_shares(counts: Mapping[str, int]) -> list[Share]:
    """Mentors, mentees, all: a share is shown only over 5 or more answers. A side is hidden
    also when the other side is hidden but has answers (else it is the total minus the other)."""
    threshold = small_numbers.THRESHOLD
    sides = {side: (counts[f"{side}_n"], counts[f"{side}_yes"]) for side in HELPS_KEYS}
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
