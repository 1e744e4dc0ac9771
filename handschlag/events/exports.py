"""The registrations of an event as CSV or XLSX, for the organiser team only.

Cells are neutralised against formula injection (a name like "=HYPERLINK(…)" is exported as
text, prefixed with '), the CSV is UTF-8 with BOM and semicolons so Excel opens umlauts and
Arabic names correctly. Every export is written to the audit log (personal data leaves the
platform).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from handschlag.audit.services import record

from .models import Event, Registration

if TYPE_CHECKING:
    from handschlag.accounts.models import User

EXPORTED = "events.export_registrations"  # audit verb (registered in apps.py)
FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Most relevant first: who comes, who waits, who came, then the ends.
_STATE_ORDER = [
    Registration.State.ATTENDED,
    Registration.State.CONFIRMED,
    Registration.State.OFFERED,
    Registration.State.WAITING,
    Registration.State.REQUESTED,
    Registration.State.NO_SHOW,
    Registration.State.EXPIRED,
    Registration.State.CANCELLED,
    Registration.State.CANCELLED_BY_ORGANISER,
]


def safe_cell(value: object) -> object:
    """A text that a spreadsheet would run as a formula, made plain text with a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def header() -> list[str]:
    return [
        _("Name"),
        _("E-Mail"),
        _("Plätze"),
        _("Zustand"),
        _("Verdolmetschung"),
        _("Kinderbetreuung (Kinder)"),
        _("stufenloser Zugang"),
        _("Sonstiges"),
        _("Eingecheckt um"),
    ]


def registrations(event: Event) -> list[Registration]:
    rows = list(event.registrations.select_related("user"))
    order: dict[str, int] = {state: index for index, state in enumerate(_STATE_ORDER)}
    rows.sort(key=lambda r: (order.get(r.state, 99), r.display_name.casefold(), r.pk))
    return rows


def rows(event: Event) -> Iterable[list[object]]:
    yes, no = _("ja"), _("nein")
    for registration in registrations(event):
        checked_in = registration.checked_in_at
        yield [
            safe_cell(value)
            for value in (
                registration.display_name,
                registration.email,
                registration.places,
                registration.get_state_display(),  # type: ignore[attr-defined]
                registration.interpreter_language,
                registration.childcare,
                yes if registration.step_free else no,
                registration.other_needs,
                date_format(timezone.localtime(checked_in), "SHORT_DATETIME_FORMAT")
                if checked_in
                else "",
            )
        ]


def to_csv(event: Event) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header())
    writer.writerows(rows(event))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(event: Event) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Anmeldungen")[:31]
    sheet.append(header())
    for row in rows(event):
        # plain text cells: openpyxl would store a leading "=" as a formula
        sheet.append(row)
    for index, width in enumerate((28, 32, 8, 22, 16, 14, 10, 40, 18), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_registrations(*, event: Event, by: User, fmt: str) -> bytes:
    """The export in `fmt` ("csv" or "xlsx"); only the organiser team may take it."""
    if not by.has_perm("events.export_registrations", event):
        raise PermissionDenied
    if fmt not in FORMATS:
        raise ValueError(fmt)
    data = to_csv(event) if fmt == "csv" else to_xlsx(event)
    record(actor=by, verb=EXPORTED, target=event, format=fmt)
    return data


def filename(event: Event, fmt: str) -> str:
    return f"anmeldungen-{event.pk}-{timezone.localdate():%Y-%m-%d}.{fmt}"
