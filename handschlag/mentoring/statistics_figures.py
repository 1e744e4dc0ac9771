"""The statistics' summary tables, kept exact: SiteFigures (a site's figures now) and
SiteMonthFigures (a site's tandems by month), which the dashboards, the API and the funder
report read instead of the tandems themselves (≤ 900 sites × months rows, not 240,000 tandems).

How they stay exact: a site's rows are a pure function of its tandems, mentors, mentees and
survey answers, so they are never incremented — they are *recomputed* for the sites a
transaction changed, right after it commits (`transaction.on_commit`, one refresh per
transaction for all its sites, ~10 queries). Nothing can drift: a refresh that sees a later
state simply writes the later figures. The writes are found this way:

- signals (connected in kernel/statistics.py): post_save and post_delete of Tandem, Mentor,
  Mentee and SurveyResponse mark the row's site as changed (a save with `update_fields` that
  touch no figure — last contact, tokens, notes — is ignored); pre_delete of a Mentor or
  Mentee also marks the sites of their tandems (their tandems lose them: "people per year");
- post_save of a Site (new, or moved to another carrier: the month rows name it);
- queryset updates, which send no signal, call `site_changed` themselves: the mentor's free
  places (mentor_places.take_place/give_back_place, joining.change_capacity);
- bulk writes call `refresh(site_ids)` or `rebuild()` when done (the demo data, the bench).

`manage.py refresh_mentoring_figures` (also run by `manage.py process_mentoring`, daily)
rebuilds every site as a safety net — e.g. after a write in a shell or a refresh that failed
(a failed refresh is logged by Django's robust on_commit, never breaks the write that caused
it). It also moves
`year_mentors` on: a running tandem counts in every year up to the next one.

A refresh locks the sites' rows first (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE
transactions hold the write lock anyway), so of two refreshes of a site the later one reads
after the earlier one wrote, and after both writes that caused them.
"""

from __future__ import annotations

import datetime
import functools
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone

from .models import Mentee, Mentor, Site, SiteFigures, SiteMonthFigures, SurveyResponse, Tandem
from .surveys import AGREE, HELPS_KEYS

S = Tandem.State
REASONS = tuple(Tandem.EndReason.values)
OPEN = Tandem.HOLDING  # proposed, active, paused: the mentee is not waiting
ENDED_FIELDS = tuple(f"ended_{reason}" for reason in REASONS)
CHUNK = 100  # sites per transaction in a rebuild
_PENDING = "_mentoring_figures_pending"

# the fields whose change can change a figure; a save touching none of them is ignored
FIGURE_FIELDS = {
    Tandem: {
        "state",
        "started_on",
        "ended_on",
        "end_reason",
        "site",
        "mentor",
        "mentee",
        "site_id",
        "mentor_id",
        "mentee_id",
    },
    Mentor: {"state", "free_places", "capacity", "site", "site_id"},
    Mentee: {"state", "site", "site_id"},
    SurveyResponse: {"site", "site_id", "side", "answers"},
}


# --- marking sites as changed -----------------------------------------------------------------


def site_changed(site_id: int | None) -> None:
    """The figures of this site changed: recompute them once the transaction commits (at
    once outside a transaction)."""
    if site_id is not None:
        sites_changed([site_id])


def sites_changed(site_ids: Iterable[int]) -> None:
    pending: set[int] = transaction.get_connection().__dict__.setdefault(_PENDING, set())
    pending.update(site_ids)
    _after_commit()


def _after_commit() -> None:
    # one callback per call: a savepoint rolled back drops its own callbacks only, and the
    # first callback to run takes every pending site (the others find nothing left).
    # Tests whose data is made inside one transaction replace this by `_flush`.
    transaction.on_commit(_flush, robust=True)


def _flush() -> None:
    pending: set[int] = transaction.get_connection().__dict__.get(_PENDING, set())
    if not pending:
        return
    sites = sorted(pending)
    pending.clear()
    refresh(sites)


def _saved(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    if update_fields is not None and not (set(update_fields) & FIGURE_FIELDS[sender]):
        return
    site_changed(instance.site_id)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    site_changed(instance.site_id)


def _person_leaving(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A mentor or mentee is deleted: their tandems' sites count fewer people per year."""
    side = "mentor" if sender is Mentor else "mentee"
    sites_changed(
        Tandem.objects.filter(**{side: instance.pk}).values_list("site_id", flat=True).distinct()
    )


def _site_saved(sender: Any, instance: Site, update_fields: Any = None, **kwargs: Any) -> None:
    """A site (new, or maybe moved to another carrier): its rows name its carrier."""
    if kwargs.get("raw"):
        return
    if update_fields is None or {"carrier", "carrier_id"} & set(update_fields):
        site_changed(instance.pk)


def connect() -> None:
    """Listen to the writes that change figures (kernel/statistics.py, at start-up)."""
    for model in FIGURE_FIELDS:
        uid = f"mentoring-figures-{model.__name__}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    post_save.connect(_site_saved, sender=Site, dispatch_uid="mentoring-figures-Site")
    for model in (Mentor, Mentee):
        pre_delete.connect(_person_leaving, sender=model, dispatch_uid=f"mentoring-leaving-{model}")


# --- recomputing ------------------------------------------------------------------------------


def refresh(site_ids: Iterable[int]) -> None:
    """Recompute the rows of these sites from their tandems, people and answers."""
    wanted = sorted(set(site_ids))
    if not wanted:
        return
    with transaction.atomic():
        sites = {
            pk: (carrier_id, programme_id)
            for pk, carrier_id, programme_id in Site.objects.select_for_update(of=("self",))
            .filter(pk__in=wanted)
            .order_by("pk")
            .values_list("pk", "carrier_id", "carrier__programme_id")
        }
        SiteMonthFigures.objects.filter(site_id__in=wanted).delete()
        SiteFigures.objects.filter(site_id__in=wanted).delete()
        if not sites:
            return
        now_rows, month_rows = compute(sites)
        _insert(SiteFigures, [{**row, "refreshed_at": timezone.now()} for row in now_rows])
        _insert(SiteMonthFigures, month_rows)


def _insert(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Many plain rows in few statements (bulk_create prepares every value of every field in
    Python: most of a rebuild's time)."""
    if not rows:
        return
    columns = list(rows[0])
    quote = connection.ops.quote_name
    fields = {field.attname: field for field in model._meta.concrete_fields}
    # names from the model's own meta, values as parameters
    table, names = quote(model._meta.db_table), ", ".join(map(quote, columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    converted = {"month", "refreshed_at"}  # dates as the database takes them
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                [
                    fields[name].get_db_prep_value(row[name], connection)
                    if name in converted
                    else row[name]
                    for name in columns
                ]
                for row in rows
            ],
        )


def rebuild() -> int:
    """Recompute every site, CHUNK sites per transaction; returns the number of sites."""
    ids = list(Site.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        refresh(ids[start : start + CHUNK])
    return len(ids)


TANDEM_COLUMNS = (
    "site_id",
    "state",
    "started_on",
    "ended_on",
    "end_reason",
    "mentor_id",
    "mentee_id",
)


def compute(
    sites: dict[int, tuple[int, int]], *, today: datetime.date | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows of these sites (site id -> (carrier id, programme id)) as column -> value, not
    saved: 4 queries, whatever their number."""
    site_ids = list(sites)
    horizon = (today or timezone.localdate()).year + 1  # a running tandem counts up to then
    tandems = (
        Tandem.objects.filter(site_id__in=site_ids).order_by("site_id").values_list(*TANDEM_COLUMNS)
    )
    now: dict[int, dict[str, Any]] = {pk: _zeros(SiteFigures, site_id=pk) for pk in site_ids}
    months: list[dict[str, Any]] = []
    for site_id, rows in itertools.groupby(tandems.iterator(chunk_size=5000), key=lambda r: r[0]):
        months.extend(_site_months(site_id, sites[site_id], rows, now[site_id], horizon))
    for site_id, n in (
        _waiting()
        .filter(site_id__in=site_ids)
        .values("site")
        .annotate(n=Count("pk"))
        .values_list("site", "n")
    ):
        now[site_id]["waiting"] = n
    for site_id, n in (
        Mentor.objects.filter(site_id__in=site_ids, state=Mentor.State.APPROVED)
        .values("site")
        .annotate(n=Sum("free_places"))
        .values_list("site", "n")
    ):
        now[site_id]["free_places"] = n or 0
    answers = {}
    for side, key in HELPS_KEYS.items():
        answered = Q(side=side, answers__has_key=key)
        answers[f"{side}_answers"] = Count("pk", filter=answered)
        answers[f"{side}_helps"] = Count(
            "pk", filter=answered & Q(**{f"answers__{key}__gte": AGREE})
        )
    names = list(answers)
    for site_id, *counts in (
        SurveyResponse.objects.filter(site_id__in=site_ids)
        .values("site")
        .annotate(**answers)
        .values_list("site", *names)
    ):
        now[site_id].update(zip(names, counts, strict=True))
    return list(now.values()), months


def _zeros(model: type[models.Model], **given: Any) -> dict[str, Any]:
    """A row of `model` with every counter at 0, and `given`."""
    return {**given, **dict.fromkeys(_counters(model), 0)}


@functools.cache
def _counters(model: type[models.Model]) -> tuple[str, ...]:
    """The integer fields of a summary model (its counters)."""
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.IntegerField)
        and not field.is_relation
        and field.attname != "id"
    )


def _waiting() -> QuerySet[Mentee]:
    """Approved mentees without a proposed, active or paused tandem."""
    open_tandem = Tandem.objects.filter(mentee=OuterRef("pk"), state__in=OPEN)
    return Mentee.objects.filter(state=Mentee.State.APPROVED).filter(~Exists(open_tandem))


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _site_months(
    site_id: int,
    parents: tuple[int, int],
    tandems: Iterator[tuple[Any, ...]],
    now: dict[str, Any],
    horizon: int,
) -> list[dict[str, Any]]:
    carrier_id, programme_id = parents
    states: Counter[str] = Counter()
    rows: dict[datetime.date, dict[str, Any]] = {}
    mentors: dict[int, set[int]] = defaultdict(set)
    mentees: dict[int, set[int]] = defaultdict(set)

    def row(day: datetime.date) -> dict[str, Any]:
        month = _month(day)
        if month not in rows:
            rows[month] = _zeros(
                SiteMonthFigures,
                site_id=site_id, carrier_id=carrier_id, programme_id=programme_id, month=month,
            )  # fmt: skip
        return rows[month]

    for _site, state, started, ended, reason, mentor_id, mentee_id in tandems:
        states[state] += 1
        if started is not None:
            row(started)["set_up"] += 1
        if state == S.ENDED and ended is not None:
            at_end = row(ended)
            at_end[f"ended_{reason or Tandem.EndReason.OTHER}"] += 1
            if started is not None:
                at_end["ended_days"] += (ended - started).days
                at_end["ended_dated"] += 1
        if started is not None and ended is not None:
            row(max(started, ended))["stopped"] += 1
        if started is not None:
            # ran in a year: started by its end and not ended before its start
            for year in range(started.year, (ended.year if ended else horizon) + 1):
                if mentor_id is not None:
                    mentors[year].add(mentor_id)
                if mentee_id is not None:
                    mentees[year].add(mentee_id)
    for year in mentors.keys() | mentees.keys():
        january = row(datetime.date(year, 1, 1))
        january["year_mentors"] = len(mentors.get(year, ()))
        january["year_mentees"] = len(mentees.get(year, ()))
    now.update(
        proposed=states[S.PROPOSED], active=states[S.ACTIVE], paused=states[S.PAUSED],
        ended=states[S.ENDED],
    )  # fmt: skip
    for name in (*ENDED_FIELDS, "ended_days", "ended_dated"):
        now[name] = sum(month[name] for month in rows.values())
    return sorted(rows.values(), key=lambda r: r["month"])
