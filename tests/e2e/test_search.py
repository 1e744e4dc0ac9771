"""Searching and filtering the promise list in Chromium: one place field with suggestions,
picked with the keyboard; one request per change; an unknown place explained in place.
In German and English, at 1280 and 360 px, axe-clean."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.conftest import assert_accessible, ui

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [1280, 360]
LANGUAGES = ["de", "en"]


@pytest.fixture
def world(transactional_db):
    coburg = factories.MunicipalityFactory(
        name="Coburg", slug="coburg", ags="09463000", state="BY", latitude=50.2612,
        longitude=10.9627, population=41_000,
    )  # fmt: skip
    factories.MunicipalityFactory(
        name="Cottbus", slug="cottbus", ags="12052000", state="BB", latitude=51.7563,
        longitude=14.3329, population=98_000,
    )  # fmt: skip
    sonneberg = factories.MunicipalityFactory(
        name="Sonneberg", slug="sonneberg", latitude=50.3597, longitude=11.1744
    )
    factories.PromiseFactory(title="Laptops für ein Bewerbungstraining", municipality=coburg)
    factories.PromiseFactory(title="Fahrräder für Schüler", municipality=sonneberg)
    factories.PromiseFactory(title="Bücher für Erfurt", municipality=factories.MunicipalityFactory(
        name="Erfurt", slug="erfurt", latitude=50.9787, longitude=11.0328))  # fmt: skip


def list_requests(page: Page) -> list[str]:
    """The requests for the list (not for place suggestions) from now on."""
    seen: list[str] = []
    path = reverse("promises:list")
    page.on(
        "request",
        lambda request: seen.append(request.url) if path + "?" in request.url else None,
    )
    return seen


def open_list(new_page, live_server, language: str, width: int) -> Page:
    """The list in `language` (the language cookie, as the switcher sets it) at `width`."""
    page = new_page(viewport={"width": width, "height": 900})
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto(reverse("promises:list"))
    assert page.locator("html").get_attribute("lang") == language
    return page


def open_filters(page: Page) -> None:
    panel = page.locator("details.filter-panel")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_search_by_place_with_the_keyboard(
    new_page, live_server, world, language: str, width: int
) -> None:
    page = open_list(new_page, live_server, language, width)
    open_filters(page)
    requests = list_requests(page)
    place = page.locator("#id_place")
    expect(place).to_have_attribute("role", "combobox")

    # type, and the suggestions appear (asked for while typing; not the list itself)
    place.press_sequentially("Co", delay=40)
    options = page.locator("#id_place_suggestions [role=option]")
    expect(options).to_have_count(2)
    expect(place).to_have_attribute("aria-expanded", "true")
    expect(options.first).to_contain_text("Cottbus")  # more inhabitants first
    assert requests == []

    # pick the second one with the keyboard: the field has it, the list follows, once
    place.press("ArrowDown")
    expect(place).to_have_attribute("aria-activedescendant", "suggestion-cottbus")
    place.press("ArrowDown")
    expect(place).to_have_attribute("aria-activedescendant", "suggestion-coburg")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    with page.expect_response(lambda r: "place=Coburg" in r.url):
        place.press("Enter")
    expect(place).to_have_value("Coburg")
    expect(place).to_have_attribute("aria-expanded", "false")
    cards = page.locator("#results .card-list > li")
    expect(cards).to_have_count(2)  # Coburg and Sonneberg (17 km), not Erfurt (80 km)
    expect(page.locator("#results")).to_contain_text("Laptops für ein Bewerbungstraining")
    assert len(requests) == 1, requests
    assert "place=Coburg" in page.url and "radius=25" in page.url  # the radius kept its default

    # a changed radius: one more request, and the radius stays what was chosen
    with page.expect_response(lambda r: "radius=0" in r.url):
        page.locator("#id_radius").select_option("0")
    assert len(requests) == 2, requests
    expect(page.locator("#id_radius")).to_have_value("0")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Laptops für ein Bewerbungstraining")
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_an_unknown_place_is_explained_where_it_was_typed(
    new_page, live_server, world, language: str, width: int
) -> None:
    page = open_list(new_page, live_server, language, width)
    open_filters(page)
    requests = list_requests(page)
    place = page.locator("#id_place")
    place.fill("Koburg")
    place.press("Escape")
    with page.expect_response(lambda r: "place=Koburg" in r.url):
        place.press("Enter")
    assert len(requests) == 1, requests
    unknown = ui("Diesen Ort kennen wir nicht.", language)
    # next to the field, and above the results with a link to the field and a suggestion
    expect(page.locator("#id_place_errors")).to_contain_text(unknown)
    summary = page.locator("#results .filter-errors")
    expect(summary).to_contain_text(unknown)
    suggestion = summary.get_by_role("link", name=f"Coburg ({ui('Bayern', language)})")
    expect(suggestion).to_be_visible()
    expect(page.locator("#results .card-list > li")).to_have_count(3)  # nothing hidden by it
    assert_accessible(page)

    # the suggestion leads to the town; the errors are gone
    suggestion.click()
    page.wait_for_load_state()
    expect(page.locator("#id_place")).to_have_value("Coburg")
    expect(page.locator(".errorlist")).to_have_count(0)
    expect(page.locator(".message")).to_have_count(0)  # and no stray message
