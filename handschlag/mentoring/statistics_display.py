"""A dashboard's figures as people read them: numbers with their units, charts, the table.

Pure presentation of statistics.Dashboard in the active language; the views put it on the
page, the API has its own schemas.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from handschlag.core.units import amount

from .charts import Bar, Chart, number
from .models import Carrier, Tandem
from .small_numbers import LABELS, Shown
from .statistics import Cell, Dashboard, Row, Share

KIND_LABELS = {
    "programme": gettext_lazy("Programm"),
    "carrier": gettext_lazy("Träger"),
    "site": gettext_lazy("Standort"),
}


def tandems(n: int) -> str:
    return amount(n, "Tandem", "Tandems")


def months(value: float) -> str:
    """'1 Monat', '3 Monate', '2,5 Monate' (one decimal, none when it is whole)."""
    rounded = round(value, 1)
    if rounded == int(rounded):
        whole = int(rounded)
        return ngettext("%(n)s Monat", "%(n)s Monate", whole) % {"n": number(whole)}
    return _("%(n)s Monate") % {"n": number(rounded, 1)}


def percent(value: float) -> str:
    return _("%(n)s %%") % {"n": number(value)}


def cell(value: Cell) -> str:
    if value.value is None:
        return str(LABELS[value.shown])
    return number(value.value)


def kind_label(kind: str) -> str:
    return str(KIND_LABELS[kind])


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    note: str = ""


def key_figures(board: Dashboard) -> list[Figure]:
    year = board.today.year
    average = board.average_months
    return [
        Figure(
            _("Tandems begonnen"),
            tandems(board.set_up_total),
            _("davon %(n)s im Jahr %(year)s") % {"n": number(board.set_up_in(year)), "year": year},
        ),
        Figure(
            _("laufen derzeit"),
            tandems(board.active),
            ngettext("dazu %(n)s pausiert", "dazu %(n)s pausiert", board.paused)
            % {"n": number(board.paused)}
            if board.paused
            else "",
        ),
        Figure(
            _("durchschnittliche Dauer"),
            months(average) if average is not None else _("noch offen"),
            _("der beendeten Tandems") if average is not None else _("erst ab 5 beendeten Tandems"),
        ),
        Figure(
            _("Mentees warten auf ein Tandem"),
            amount(board.waiting, "Person", "Personen"),
            _("freigegeben, noch ohne Tandem"),
        ),
        Figure(
            _("freie Plätze bei Mentor:innen"),
            amount(board.free_places, "Platz", "Plätze"),
            _("bei freigegebenen Mentor:innen"),
        ),
    ]


def year_chart(board: Dashboard) -> Chart:
    years = board.per_year()
    return Chart(
        key="chart-years",
        kind="columns",
        title=_("Begonnene Tandems pro Jahr"),
        description=_("Säulen: Zahl der Tandems, die im jeweiligen Jahr begonnen haben."),
        bars=[Bar(str(year), n, number(n)) for year, n in years],
        label_heading=_("Jahr"),
        value_heading=_("Tandems"),
        empty_text=_("Noch hat kein Tandem begonnen. Sobald ein Tandem startet, steht es hier."),
    )


def month_chart(board: Dashboard) -> Chart:
    bars = []
    for index, (month, n) in enumerate(board.per_month()):
        show_year = index == 0 or month.month == 1
        bars.append(
            Bar(
                date_format(month, "M"),
                n,
                number(n),
                sublabel=str(month.year) if show_year else "",
                long_label=date_format(month, "F Y"),
            )
        )
    return Chart(
        key="chart-months",
        kind="columns",
        title=_("Begonnene Tandems in den letzten 12 Monaten"),
        description=_("Säulen: Zahl der Tandems, die im jeweiligen Monat begonnen haben."),
        bars=bars,
        label_heading=_("Monat"),
        value_heading=_("Tandems"),
        empty_text=_("In den letzten 12 Monaten hat kein Tandem begonnen."),
    )


def reason_chart(board: Dashboard) -> Chart:
    bars = [
        Bar(str(label), board.ended_by_reason[reason].value, cell(board.ended_by_reason[reason]))
        for reason, label in Tandem.EndReason.choices
    ]
    bars.sort(key=lambda bar: -1 if bar.value is None else -bar.value)
    return Chart(
        key="chart-reasons",
        kind="bars",
        title=_("Beendete Tandems nach Grund"),
        description=_("Balken: Zahl der beendeten Tandems je Grund für das Ende."),
        bars=bars,
        label_heading=_("Grund"),
        value_heading=_("Tandems"),
        empty_text=_("Noch ist kein Tandem beendet."),
        total=Bar(_("insgesamt"), board.ended.value, cell(board.ended)),
    )


SIDE_LABELS = {
    "mentor": gettext_lazy("Mentor:innen"),
    "mentee": gettext_lazy("Mentees"),
    "all": gettext_lazy("alle Befragten"),
}


def survey_chart(board: Dashboard) -> Chart:
    bars = [
        Bar(
            str(SIDE_LABELS[share.side]),
            share.percent,
            percent(share.percent) if share.percent is not None else _share_hidden(share),
            long_label=str(SIDE_LABELS[share.side]),
        )
        for share in board.survey
    ]
    return Chart(
        key="chart-survey",
        kind="bars",
        title=_("Anteil der Antworten „Das Tandem hilft“"),
        description=_(
            "Balken: Anteil der Befragten, die der Aussage „Das Tandem hilft“ eher oder voll "
            "zustimmen, in Prozent."
        ),
        bars=bars,
        label_heading=_("Befragte"),
        value_heading=_("Anteil in Prozent"),
        empty_text=_("Noch hat niemand die Umfrage beantwortet."),
        scale_max=100,
    )


def _share_hidden(share: Share) -> str:
    return str(LABELS[Shown.SMALL]) + " " + _("Antworten")


def survey_is_empty(board: Dashboard) -> bool:
    return board.survey_responses == 0


@dataclass(frozen=True)
class TableRow:
    name: str
    url: str
    sites: int
    running: str
    waiting: str
    free_places: str


def table_rows(board: Dashboard) -> list[TableRow]:
    return [_table_row(row) for row in board.rows]


def _table_row(row: Row) -> TableRow:
    if isinstance(row.obj, Carrier):
        url = reverse("mentoring:statistics_carrier", args=[row.obj.pk])
    else:
        url = reverse("mentoring:statistics_site", args=[row.obj.slug])
    return TableRow(
        name=str(row.obj),
        url=url,
        sites=row.sites,
        running=number(row.running),
        waiting=number(row.waiting),
        free_places=number(row.free_places),
    )


def report_years(board: Dashboard) -> list[int]:
    """The years a funder report can be taken for: the programme's years so far, newest first."""
    programme = board.scope.programme
    last = board.today.year
    if programme.ends_on is not None:
        last = min(last, programme.ends_on.year)
    return list(range(last, programme.starts_on.year - 1, -1))


def as_of(today: datetime.date) -> str:
    return _("Stand: %(date)s") % {"date": date_format(today, "DATE_FORMAT")}
