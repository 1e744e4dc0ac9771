"""The measures library in Chromium: every page of it axe-clean in German and English, the
filters in place (htmx) and without JavaScript, a phone's width, and a proposal's way from
the form through moderation into the library."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from handschlag.measures.models import Measure
from handschlag.site.demo import data
from tests.demo_world import DemoWorld, build_demo_world
from tests.e2e.conftest import assert_accessible, log_in
from tests.e2e.test_accessibility import assert_errors_shown, become, speak, submit, visit
from tests.e2e.test_layout import assert_fits_width
from tests.html.pages_measures import library_scene, proposal_scene


@pytest.fixture
def world(live_server) -> DemoWorld:
    world = build_demo_world()
    library_scene(world)
    proposal_scene(world, "draft")
    proposal_scene(world, "submitted")
    return world


@pytest.fixture(params=["de", "en"])
def language(request: pytest.FixtureRequest) -> str:
    return request.param


CAFE = "html-willkommenscafe"


def test_library_pages_are_accessible(page: Page, world: DemoWorld, language: str) -> None:
    page.goto("/")
    speak(page, language)
    for url in [
        reverse("measures:list"),
        reverse("measures:list") + "?topic=cohesion&effort=low",
        reverse("measures:list") + "?q=Blumenkohl",
        reverse("measures:list") + "?format=party",
        reverse("measures:detail", args=[CAFE]),
    ]:
        visit(page, url, language)

    # the filters swap the results in place; the swapped-in results are checked too
    visit(page, reverse("measures:list"), language)
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.select_option("#id_effort", "low")
    page.wait_for_load_state()
    assert_accessible(page)

    become(page, world, "initiative", language)
    draft = "html-vorschlag-draft"
    for url in [
        reverse("measures:mine"),
        reverse("measures:detail", args=[draft]),
        reverse("measures:edit", args=[draft]),
        reverse("measures:materials", args=[draft]),
        reverse("measures:delete", args=[draft]),
        reverse("measures:propose"),
    ]:
        visit(page, url, language)
    submit(page)
    assert_errors_shown(page, language)

    become(page, world, "municipality", language)
    visit(page, reverse("measures:detail", args=[CAFE]), language)
    visit(page, reverse("measures:report", args=[CAFE]), language)
    submit(page)
    assert_errors_shown(page, language)

    become(page, world, "moderator", language)
    visit(page, reverse("moderation:dashboard") + "?queue=measures", language)
    visit(page, reverse("measures:review", args=["html-vorschlag-submitted"]), language)
    submit(page, "main button[value=return]")
    assert_errors_shown(page, language)


def test_library_pages_fit_a_phone(phone: Page, world: DemoWorld) -> None:
    for url in [
        reverse("measures:list"),
        reverse("measures:list") + "?q=Blumenkohl",
        reverse("measures:detail", args=[CAFE]),
    ]:
        phone.goto(url)
        assert_fits_width(phone)
    # the filters fold away on a phone, so the results come first
    phone.goto(reverse("measures:list"))
    assert phone.locator("details.filter-panel").get_attribute("open") is None
    log_in(phone, world.emails["initiative"], data.DEMO_PASSWORD)
    for url in [reverse("measures:propose"), reverse("measures:mine")]:
        phone.goto(url)
        assert_fits_width(phone)


def test_the_filters_work_without_javascript(browser, live_server, world: DemoWorld) -> None:
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="de-DE"
    )
    page = context.new_page()
    page.goto(reverse("measures:list"))
    page.fill("#id_q", "welcome café town hall")
    page.click("main form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "town+hall" in page.url
    assert page.locator("main .card-list > li").count() == 1
    assert "Willkommenscafé im Rathaus" in page.locator("main .card-list").inner_text()
    context.close()


def test_a_proposal_goes_through_moderation_into_the_library(page: Page, world: DemoWorld) -> None:
    log_in(page, world.emails["initiative"], data.DEMO_PASSWORD)
    page.goto(reverse("measures:propose"))
    page.select_option("#id_organisation", label="Willkommen in Sonneberg e. V.")
    page.fill("#id_title_de", "Patenschaften für den Ausbildungsstart")
    page.fill("#id_summary_de", "Ehrenamtliche begleiten Azubis durch das erste Jahr.")
    page.fill("#id_goal_de", "Weniger Ausbildungsabbrüche.")
    page.fill("#id_steps_de", "Betriebe ansprechen\nPatinnen und Paten gewinnen\nTandems bilden")
    page.select_option("#id_format", "counselling")
    page.check("input[name=topics][value=work]")
    page.check("input[name=target_groups][value=business]")
    page.check("input[name=effort][value=medium]")
    page.click("main form.measure-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text() == "Patenschaften für den Ausbildungsstart"
    assert page.locator("main ol.measure-steps li").count() == 3
    page.click("main form[action$='/einreichen/'] button")
    page.wait_for_load_state()
    measure = Measure.objects.get(title__de="Patenschaften für den Ausbildungsstart")
    assert measure.state == Measure.State.SUBMITTED

    page.context.clear_cookies()
    log_in(page, world.emails["moderator"], data.DEMO_PASSWORD)
    page.goto(reverse("moderation:dashboard") + "?queue=measures")
    page.click(f"main a[href='{reverse('measures:review', args=[measure.slug])}']")
    page.click("main button[value=approve]")
    page.wait_for_load_state()

    page.context.clear_cookies()
    page.goto(reverse("measures:list") + "?q=Ausbildungsstart")
    card = page.locator("main .card-list > li")
    assert card.count() == 1
    assert "Willkommen in Sonneberg e. V." in card.inner_text()
