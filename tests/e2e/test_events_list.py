"""Finding events in Chromium: the list with its filters and the month calendar, in German and
English, at 1280 and 360 px, axe-clean."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from handschlag.events.models import Format, Kind
from tests import factories
from tests.e2e.conftest import assert_accessible, switch_language, ui
from tests.events.factories import EventFactory

WIDTHS = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}


@pytest.fixture
def events(db):
    gera = factories.MunicipalityFactory(name="Gera", slug="gera", latitude=50.88, longitude=12.08)
    today = timezone.localdate()
    at = lambda days, hour: timezone.make_aware(  # noqa: E731
        datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour))
    )
    EventFactory(title="Bürgerdialog Gera", kind=Kind.CITIZEN_DIALOGUE, municipality=gera,
                 starts_at=at(3, 19), ends_at=at(3, 21))  # fmt: skip
    EventFactory(title="Webinar Aufenthaltsrecht", kind=Kind.WEBINAR, format=Format.ONLINE,
                 municipality=None, starts_at=at(5, 17), ends_at=at(5, 18),
                 languages=["de", "ar"])  # fmt: skip
    EventFactory(title="Tandem Sprachcafé", kind=Kind.TANDEM_MEETUP, municipality=gera,
                 starts_at=at(1, 18), ends_at=at(1, 19),
                 recurrence="FREQ=WEEKLY;COUNT=6")  # fmt: skip
    return gera


def narrow(page: Page) -> bool:
    return bool(page.viewport_size and page.viewport_size["width"] < 600)


def open_menu_if_narrow(page: Page, language: str) -> None:
    if narrow(page):
        page.get_by_role("button", name=ui("Menü", language)).click()


def checked(page: Page, language: str) -> None:
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", ["de", "en"])
def test_events_are_found_in_the_list_and_the_month(new_page, events, language, width):
    t = lambda text: ui(text, language)  # noqa: E731
    page = new_page(viewport=WIDTHS[width])
    page.goto("/")
    if language != "de":
        open_menu_if_narrow(page, "de")
        switch_language(page, language)
    open_menu_if_narrow(page, language)
    nav = page.get_by_role("navigation", name=t("Hauptnavigation"))
    nav.get_by_role("link", name=t("Veranstaltungen"), exact=True).click()
    checked(page, language)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Veranstaltungen"))
    results = page.locator("#results")
    for title in ("Bürgerdialog Gera", "Webinar Aufenthaltsrecht", "Tandem Sprachcafé"):
        expect(results.get_by_role("link", name=title)).to_be_visible()

    # one filter: the list changes in place (htmx) and the address keeps the filter
    if narrow(page):
        page.locator("details.filter-panel > summary").click()
    page.get_by_label(t("Art"), exact=True).select_option("webinar")
    if not page.locator("form[data-autosubmit]").evaluate("f => f.dataset.autosubmitReady"):
        page.get_by_role("button", name=t("Anzeigen")).click()
    expect(results.get_by_role("link", name="Bürgerdialog Gera")).to_have_count(0)
    expect(results.get_by_role("link", name="Webinar Aufenthaltsrecht")).to_be_visible()
    assert "kind=webinar" in page.url
    checked(page, language)

    # an invalid filter: the error is shown at the field, the others still apply
    page.goto("/veranstaltungen/?kind=webinar&von=2026-12-10&bis=2026-12-01")
    checked(page, language)
    expect(page.locator("#id_bis_error")).to_contain_text(t("Das Ende liegt vor dem Anfang."))

    # the month calendar: a grid on wide screens, a list of days on phones
    page.goto("/veranstaltungen/")
    page.get_by_role("link", name=t("Als Monatskalender ansehen")).click()
    checked(page, language)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Veranstaltungskalender"))
    month = (timezone.localdate() + datetime.timedelta(days=3)).strftime("%Y-%m")
    page.goto(f"/veranstaltungen/kalender/?monat={month}")
    checked(page, language)
    grid, days = page.locator("table.month-grid"), page.locator(".month-list")
    if narrow(page):
        expect(grid).to_be_hidden()
        expect(days.get_by_role("link", name="Bürgerdialog Gera").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    else:
        expect(grid).to_be_visible()
        expect(grid.get_by_role("columnheader")).to_have_count(7)
        expect(days).to_be_hidden()
    page.locator(".month-nav a[rel=next]").click()
    checked(page, language)
    assert "monat=" in page.url
