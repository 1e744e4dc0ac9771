"""The funder report of a year: one row per carrier and site, the year's figures, small numbers
hidden and covered across rows and columns, XLSX with a header sheet and CSV."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from handschlag.mentoring import funder_report
from handschlag.mentoring.models import Tandem
from handschlag.mentoring.statistics_scope import scope_of

from . import factories
from .statistics_helpers import ended, tandems

pytestmark = pytest.mark.usefixtures("figures_at_once")

R = Tandem.EndReason
D = datetime.date


def rows_by_key(report):
    return {(row.level, row.key): row for row in report.rows}


def test_the_year_s_figures_per_site_and_carrier(world):
    tandems(world.site, 6, started_on=D(2025, 3, 1))  # set up in 2025, running at its end
    tandems(world.site, 5, started_on=D(2024, 6, 1))  # running through 2025
    ended(world.site, 7, R.GOAL_REACHED, started_on=D(2024, 1, 1), ended_on=D(2025, 4, 1))
    ended(world.site, 5, R.MOVED, started_on=D(2025, 2, 1), ended_on=D(2025, 8, 1))
    ended(world.site, 5, R.MOVED, started_on=D(2023, 1, 1), ended_on=D(2024, 8, 1))  # before
    tandems(world.site, 5, started_on=D(2026, 1, 5))  # after
    tandems(world.sister_site, 8, started_on=D(2025, 9, 1))
    report = funder_report.build(scope_of(world.programme), 2025, today=D(2026, 2, 1))
    rows = rows_by_key(report)
    site = rows[("site", world.site.pk)]
    assert site.counts["set_up"] == 6 + 5
    assert site.counts["running_at_end"] == 6 + 5
    assert site.counts["ended"] == 12
    assert (site.counts["r_goal_reached"], site.counts["r_moved"]) == (7, 5)
    assert site.counts["mentors"] == site.counts["mentees"] == 6 + 5 + 7 + 5
    # 7 × 456 days and 5 × 181 days, in months
    assert site.average_months == round((7 * 456 + 5 * 181) / 12 / (365.25 / 12), 1)
    carrier = rows[("carrier", world.carrier.pk)]
    assert carrier.counts["set_up"] == 11 + 8 and carrier.counts["running_at_end"] == 19
    top = rows[("programme", "programme")]
    assert top.counts["set_up"] == 19
    assert [row.level for row in report.rows][:2] == ["programme", "carrier"]


def test_a_carrier_coordinator_s_report_holds_their_carrier_only(world):
    tandems(world.other_site, 6, started_on=D(2025, 3, 1))
    report = funder_report.build(scope_of(world.carrier), 2025)
    keys = set(rows_by_key(report))
    assert keys == {
        ("carrier", world.carrier.pk),
        ("site", world.site.pk),
        ("site", world.sister_site.pk),
    }


def test_small_numbers_are_hidden_and_cannot_be_recomputed_from_the_carrier_s_sum(world):
    tandems(world.site, 3, started_on=D(2025, 3, 1))
    tandems(world.sister_site, 12, started_on=D(2025, 3, 1))
    report = funder_report.build(scope_of(world.carrier), 2025)
    rows = rows_by_key(report)
    assert rows[("site", world.site.pk)].cell("set_up") == "<5"
    # the carrier's 15 minus the sister site's 12 would give the 3
    assert rows[("site", world.sister_site.pk)].cell("set_up") == "x"
    assert rows[("carrier", world.carrier.pk)].cell("set_up") == 15


def test_the_csv_is_semicolon_separated_utf8_with_bom(world):
    tandems(world.site, 6, started_on=D(2025, 3, 1))
    data = funder_report.to_csv(funder_report.build(scope_of(world.site), 2025))
    assert data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][:4] == ["Ebene", "Träger", "Standort", "Tandems begonnen"]
    assert lines[1][2:4] == [world.site.name, "6"]
    assert len(lines) == 2


def test_the_xlsx_has_a_header_sheet_with_programme_year_date_and_the_rule(world):
    tandems(world.site, 6, started_on=D(2025, 3, 1))
    report = funder_report.build(scope_of(world.programme), 2025, today=D(2026, 1, 20))
    book = load_workbook(io.BytesIO(funder_report.to_xlsx(report)))
    about, numbers = book.worksheets
    header = {row[0]: row[1] for row in about.iter_rows(values_only=True)}
    assert header["Förderbericht"] == world.programme.name
    assert header["Jahr"] == 2025
    assert header["Erstellt am"] == "20. Januar 2026"
    assert "weniger als 5" in header["Kleine Zahlen"]
    table = list(numbers.iter_rows(values_only=True))
    assert table[0][3] == "Tandems begonnen"
    assert len(table) == 1 + 1 + 2 + 3  # heading, programme, two carriers, three sites


def test_a_name_that_looks_like_a_formula_stays_text(world):
    site = factories.SiteFactory(carrier=world.carrier, name="=HYPERLINK(1)")
    data = funder_report.to_csv(funder_report.build(scope_of(site), 2025)).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in data


def test_filenames_name_the_programme_the_scope_and_the_year(world):
    slug = world.programme.slug
    assert funder_report.filename(scope_of(world.programme), 2025, "xlsx") == (
        f"foerderbericht-{slug}-2025.xlsx"
    )
    assert funder_report.filename(scope_of(world.site), 2024, "csv") == (
        f"foerderbericht-{slug}-{world.site.slug}-2024.csv"
    )


def test_the_report_takes_two_queries_whatever_its_size(world, django_assert_num_queries):
    def queries_for(scope):
        with django_assert_num_queries(2):
            funder_report.build(scope, 2025)

    queries_for(scope_of(world.programme))
    for _ in range(3):
        site = factories.SiteFactory(carrier=world.carrier)
        tandems(site, 2, started_on=D(2025, 5, 1))
    queries_for(scope_of(world.programme))
