"""The funder report of a year (Förderbericht) as XLSX and CSV: one row per carrier and per site
(and the programme's sum), scoped like the pages: programme staff take the whole programme,
a carrier's coordinators their carrier, a site's coordinators their site.

Per row: tandems set up in the year, running at the year's end, ended in the year (in all and
by reason), mentors and mentees with a tandem in the year, the average duration of the tandems
ended in the year. The report leaves the platform, so every count of 1–4 is hidden ("<5") and
covered against recomputation from the row's total and from the carrier's and programme's sums
("x"), see small_numbers.py. An average is given over 5 or more ended tandems only.

One query for the sites, one GROUP BY site over the scope's SiteMonthFigures up to the year's
end (statistics_figures.py keeps them exact): set up, ended and their duration from the
year's months; running at the year's end as all started minus all stopped by then; the
people with a tandem in the year from the year's January row.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from handschlag.audit.services import record

from . import small_numbers
from .models import Site, Tandem
from .small_numbers import SHORT_LABELS, Group, Shown
from .statistics import DAYS_PER_MONTH, REASONS, month_rows
from .statistics_scope import Scope

EXPORTED = "mentoring.export_funder_report"  # audit verb (kernel/statistics.py)
FORMATS = ("xlsx", "csv")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
COUNTS = ("set_up", "running_at_end", "ended", *(f"r_{r}" for r in REASONS), "mentors", "mentees")


@dataclass
class ReportRow:
    level: str  # "programme" | "carrier" | "site"
    key: Any
    carrier: str
    site: str
    counts: dict[str, int]
    days: float = 0.0
    dated: int = 0
    parent: tuple[str, Any] | None = None  # the row this one adds up into
    shown: dict[str, Shown] = field(default_factory=dict)

    def cell(self, column: str) -> int | str:
        if self.shown.get(column, Shown.SHOWN) == Shown.SHOWN:
            return self.counts[column]
        return SHORT_LABELS[self.shown[column]]

    @property
    def average_months(self) -> float | None:
        if self.dated < small_numbers.THRESHOLD:
            return None
        return round(self.days / self.dated / DAYS_PER_MONTH, 1)


@dataclass
class Report:
    scope: Scope
    year: int
    made_on: datetime.date
    rows: list[ReportRow]


def build(scope: Scope, year: int, *, today: datetime.date | None = None) -> Report:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    in_year = Q(month__gte=start)
    sums = {
        "set_up": Sum("set_up", filter=in_year),
        "started_by_end": Sum("set_up"),
        "stopped_by_end": Sum("stopped"),
        **{f"r_{reason}": Sum(f"ended_{reason}", filter=in_year) for reason in REASONS},
        "mentors": Sum("year_mentors", filter=Q(month=start)),
        "mentees": Sum("year_mentees", filter=Q(month=start)),
        "days": Sum("ended_days", filter=in_year),
        "dated": Sum("ended_dated", filter=in_year),
    }
    figures: dict[int, dict[str, Any]] = {}
    for site_id, *values in (
        month_rows(scope)
        .filter(month__lte=end)
        .order_by()
        .values("site")
        .annotate(**{f"a_{name}": total for name, total in sums.items()})
        .values_list("site", *(f"a_{name}" for name in sums))
    ):
        row = {name: value or 0 for name, value in zip(sums, values, strict=True)}
        row["running_at_end"] = row["started_by_end"] - row["stopped_by_end"]
        row["ended"] = sum(row[f"r_{reason}"] for reason in REASONS)
        figures[site_id] = row
    rows = _rows(scope, _sites(scope), figures)
    _protect(rows)
    return Report(scope, year, today or timezone.localdate(), rows)


def _sites(scope: Scope) -> list[Site]:
    if scope.site is not None:
        return [scope.site]
    queryset = Site.objects.select_related("carrier__organisation")
    if scope.carrier is not None:
        queryset = queryset.filter(carrier=scope.carrier)
    else:
        queryset = queryset.filter(carrier__programme=scope.programme)
    return list(queryset.order_by("carrier__organisation__name", "carrier_id", "name", "pk"))


def _rows(scope: Scope, sites: list[Site], figures: dict[int, dict[str, Any]]) -> list[ReportRow]:
    """Sites under their carrier's row, the programme's sum first (when it is the scope)."""
    rows: list[ReportRow] = []
    carrier_rows: dict[int, ReportRow] = {}
    top = ReportRow("programme", "programme", "", "", dict.fromkeys(COUNTS, 0))
    for site in sites:
        found = figures.get(site.pk, {})
        counts = {column: found.get(column) or 0 for column in COUNTS}
        row = ReportRow(
            "site", site.pk, str(site.carrier), site.name, counts,
            float(found.get("days") or 0), found.get("dated", 0),
        )  # fmt: skip
        if scope.site is None:
            if site.carrier_id not in carrier_rows:
                carrier_rows[site.carrier_id] = ReportRow(
                    "carrier", site.carrier_id, str(site.carrier), "", dict.fromkeys(COUNTS, 0),
                    parent=("programme", "programme") if scope.kind == "programme" else None,
                )  # fmt: skip
                rows.append(carrier_rows[site.carrier_id])
            row.parent = ("carrier", site.carrier_id)
        rows.append(row)
        for parent in (carrier_rows.get(site.carrier_id), top):
            if parent is not None:
                for column in COUNTS:
                    parent.counts[column] += counts[column]
                parent.days += row.days
                parent.dated += row.dated
    if scope.kind == "programme":
        rows.insert(0, top)
    return rows


def _protect(rows: list[ReportRow]) -> None:
    """The rule of five over the whole table: each row's reasons add up to its "ended", each
    carrier's row is the sum of its sites, the programme's the sum of its carriers."""
    values = {(row.level, row.key, column): row.counts[column] for row in rows for column in COUNTS}
    reasons = tuple(f"r_{r}" for r in REASONS)
    groups = [
        Group((row.level, row.key, "ended"), tuple((row.level, row.key, r) for r in reasons))
        for row in rows
    ]
    children: dict[tuple[str, Any], list[ReportRow]] = {}
    for row in rows:
        if row.parent is not None:
            children.setdefault(row.parent, []).append(row)
    for (level, key), parts in children.items():
        for column in COUNTS:
            groups.append(
                Group((level, key, column), tuple((p.level, p.key, column) for p in parts))
            )
    shown = small_numbers.protect(values, groups)
    for row in rows:
        row.shown = {column: shown[(row.level, row.key, column)] for column in COUNTS}


def headings() -> list[str]:
    return [
        _("Ebene"),
        _("Träger"),
        _("Standort"),
        _("Tandems begonnen"),
        _("laufend zum Jahresende"),
        _("beendet"),
        *(_("beendet: %(reason)s") % {"reason": label} for _r, label in Tandem.EndReason.choices),
        _("Mentor:innen aktiv"),
        _("Mentees aktiv"),
        _("Ø Dauer der beendeten Tandems (Monate)"),
    ]


def table(report: Report) -> list[list[Any]]:
    lines = []
    for row in report.rows:
        average = row.average_months
        lines.append(
            [
                _kind(row.level),
                row.carrier if row.level != "programme" else str(report.scope.programme),
                row.site,
                *(row.cell(column) for column in COUNTS),
                average if average is not None else SHORT_LABELS[Shown.SMALL],
            ]
        )
    return lines


def to_csv(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headings())
    for line in table(report):
        writer.writerow([_csv_value(value) for value in line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_value(value: Any) -> Any:
    # German spreadsheets read "2,5" as a number; a name starting with "=" stays text
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


def to_xlsx(report: Report) -> bytes:
    book = Workbook()
    about = book.active
    assert about is not None
    about.title = _("Bericht")[:31]
    scope = report.scope
    for line in (
        (_("Förderbericht"), str(scope.programme)),
        (_("Fördergeber"), scope.programme.funder),
        (_("Jahr"), report.year),
        (_("Umfang"), f"{_kind(scope.kind)}: {scope.name}"),
        (_("Erstellt am"), date_format(report.made_on, "DATE_FORMAT")),
        (_("Kleine Zahlen"), str(small_numbers.RULE)),
        ("<5", _("weniger als 5")),
        ("x", _("verdeckt, damit sich eine kleine Zahl nicht errechnen lässt")),
    ):
        about.append(list(line))
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 100
    sheet = book.create_sheet(_("Zahlen")[:31])
    sheet.append(headings())
    for values in table(report):
        sheet.append([_csv_value(v) if isinstance(v, str) else v for v in values])
    for index in range(1, len(headings()) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 14 if index > 3 else 28
    sheet.freeze_panes = "D2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _kind(kind: str) -> str:
    return {"programme": _("Programm"), "carrier": _("Träger"), "site": _("Standort")}[kind]


def export(*, scope: Scope, year: int, fmt: str, by: Any) -> bytes:
    """The report in `fmt`; the caller has checked access (statistics_scope.access_scope)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    report = build(scope, year)
    data = to_csv(report) if fmt == "csv" else to_xlsx(report)
    record(actor=by, verb=EXPORTED, target=scope.obj, year=year, format=fmt)
    return data


def filename(scope: Scope, year: int, fmt: str) -> str:
    """foerderbericht-<programme>[-<carrier>|-<site>]-<year>.<fmt> (slugs: plain ASCII)."""
    parts = ["foerderbericht", scope.programme.slug]
    if scope.site is not None:
        parts.append(scope.site.slug)
    elif scope.carrier is not None:
        parts.append(scope.carrier.organisation.slug)
    return "-".join(parts) + f"-{year}.{fmt}"


def disposition(scope: Scope, year: int, fmt: str) -> str:
    return content_disposition_header(True, filename(scope, year, fmt)) or ""
