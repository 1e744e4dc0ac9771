"""Layout in Chromium: a 360 px phone, the keyboard, and a right-to-left language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from handschlag.moderation.models import AbuseReport
from handschlag.promises import selectors
from handschlag.promises.filters import PromiseFilters
from handschlag.promises.forms import PromiseFilterForm
from handschlag.promises.models import Category, Redemption
from handschlag.site.demo import data
from tests.e2e.conftest import assert_accessible, log_in
from tests.e2e.test_accessibility import DemoWorld, build_demo_world, speak

SITE_CSS = Path(settings.BASE_DIR) / "handschlag/core/static/handschlag/css/site.css"


@pytest.fixture
def world(live_server) -> DemoWorld:
    return build_demo_world()


def assert_fits_width(page: Page) -> None:
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, (
        f"{page.url} scrolls sideways: {scroll_width} > {inner_width}"
    )


def public_pages(world: DemoWorld) -> list[str]:
    return [
        "/", reverse("promises:list"), world.promise("tablets").get_absolute_url(),
        world.promise("dolmetschen").get_absolute_url(), reverse("blog:list"),
        world.report_post().get_absolute_url(), reverse("organisations:list"),
        world.organisation("stadt_potsdam").get_absolute_url(), reverse("places:list"),
        reverse("account_login"), reverse("account_signup"), reverse("privacy"),
    ]  # fmt: skip


def test_main_pages_fit_a_phone(phone: Page, world: DemoWorld) -> None:
    for url in public_pages(world):
        phone.goto(url)
        assert_fits_width(phone)
    company = world.organisation("techwerk")
    log_in(phone, world.emails["company"], data.DEMO_PASSWORD)
    applied = world.redemption(Redemption.State.APPLIED).get_absolute_url()
    requesting = world.requesting_organisation().get_absolute_url()
    for url in [
        reverse("promises:mine"), reverse("promises:create"),
        reverse("organisations:members", args=[company.slug]), reverse("notifications:list"),
        reverse("notifications:settings"), reverse("accounts:profile"),
        world.promise("praktikum").get_absolute_url(), applied, requesting,
    ]:  # fmt: skip
        phone.goto(url)
        assert_fits_width(phone)
    phone.context.clear_cookies()
    log_in(phone, world.emails["moderator"], data.DEMO_PASSWORD)
    for url in [
        reverse("moderation:dashboard"), reverse("moderation:log"),
        reverse("moderation:dashboard") + "?queue=organisations",
        reverse("moderation:abuse", args=[AbuseReport.objects.get().pk]), requesting,
        reverse("promises:review_dispute",
                args=[world.redemption(Redemption.State.DISPUTED).pk]),
    ]:  # fmt: skip
        phone.goto(url)
        assert_fits_width(phone)


def test_menu_folds_on_a_phone_and_opens_with_the_keyboard(phone: Page, world: DemoWorld) -> None:
    phone.goto("/")
    toggle = phone.locator(".menu-toggle")
    blog_link = phone.locator(".main-nav a[href='/blog/']")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(blog_link).to_be_hidden()
    expect(phone.locator("#language-select")).to_be_hidden()

    toggle.focus()
    phone.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(blog_link).to_be_visible()
    phone.keyboard.press("Tab")  # the next stop is inside the opened menu
    assert phone.evaluate("() => document.activeElement.closest('#site-menu') !== null")
    assert_fits_width(phone)
    assert_accessible(phone)

    phone.keyboard.press("Escape")  # closes the menu and gives the focus back to its button
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(blog_link).to_be_hidden()

    toggle.click()
    blog_link.click()
    expect(phone).to_have_url(re.compile(r"/blog/$"))


def test_wide_screens_show_the_navigation_without_a_menu_button(
    page: Page, world: DemoWorld
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.locator(".main-nav a[href='/blog/']")).to_be_visible()
    expect(page.locator("#language-select")).to_be_visible()


def test_without_javascript_the_phone_menu_is_simply_open(
    browser: Browser, live_server, world: DemoWorld
) -> None:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(reverse("promises:list"))
    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.locator(".main-nav a[href='/blog/']")).to_be_visible()
    expect(page.locator("#id_category")).to_be_visible()  # the filters stay open, too
    assert_fits_width(page)
    context.close()


def test_promise_filters_fold_on_a_phone_and_still_work(phone: Page, world: DemoWorld) -> None:
    phone.goto(reverse("promises:list"))
    panel = phone.locator("details.filter-panel")
    category = phone.locator("#id_category")
    expect(panel).not_to_have_attribute("open", "")
    expect(category).to_be_hidden()
    results = phone.locator("#results-heading")
    expect(results).to_be_in_viewport()  # the results come first, not seven fields

    panel.locator("summary").click()
    expect(category).to_be_visible()
    assert_fits_width(phone)
    assert_accessible(phone)
    with phone.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        category.select_option(Category.EQUIPMENT)
    query = PromiseFilterForm({"category": Category.EQUIPMENT})
    equipment = selectors.promise_list(filters=query.filters()).count()
    assert 0 < equipment < selectors.promise_list(filters=PromiseFilters()).count()
    expect(phone.locator("#results .card-list > li")).to_have_count(equipment)
    assert "category=equipment" in phone.url


def test_promise_filters_are_open_on_wide_screens(page: Page, world: DemoWorld) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(reverse("promises:list"))
    expect(page.locator("#id_category")).to_be_visible()


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    page: Page, world: DemoWorld
) -> None:
    page.goto(reverse("promises:list"))
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # it shows itself when focused
    assert skip.get_attribute("href") == "#main"
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")  # and the next stop is inside the content, past the header
    assert page.evaluate("() => document.activeElement.closest('main') !== null")


def outline_of_focused(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement, style = getComputedStyle(el);
            return {tag: el.tagName, style: style.outlineStyle,
                    width: parseFloat(style.outlineWidth), color: style.outlineColor};
        }"""
    )


def test_focus_is_visible_on_links_and_buttons(page: Page, world: DemoWorld) -> None:
    page.goto("/")
    seen = set()
    for _ in range(12):  # skip link, brand, language select and button, account links, nav…
        page.keyboard.press("Tab")
        focused = outline_of_focused(page)
        if focused["tag"] in {"A", "BUTTON"}:
            assert focused["style"] != "none" and focused["width"] >= 2, focused
            seen.add(focused["tag"])
    assert seen == {"A", "BUTTON"}


def test_right_to_left_language_mirrors_the_layout(page: Page, world: DemoWorld) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    ltr_brand = page.locator(".brand").bounding_box()

    speak(page, "ar")
    page.goto(reverse("promises:list"))
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    width = page.viewport_size["width"]
    brand = page.locator(".brand").bounding_box()
    tools = page.locator(".header-tools").bounding_box()
    assert brand["x"] > width / 2 and ltr_brand["x"] < width / 2, "brand moves to the right"
    assert tools["x"] < brand["x"], "language and account tools move to the left"
    sidebar = page.locator(".layout > aside").bounding_box()
    results = page.locator("#results").bounding_box()
    assert sidebar["x"] > results["x"], "the filter sidebar is on the right"
    card = page.locator("#results .card").first
    assert card.evaluate("el => getComputedStyle(el).textAlign") in {"start", "right"}
    assert card.evaluate("el => getComputedStyle(el).direction") == "rtl"
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link").bounding_box()
    assert skip["x"] > width / 2, "the skip link appears at the start, which is the right"
    assert_fits_width(page)


PHYSICAL = re.compile(
    r"(?<![\w-])(?:margin|padding|border)-(?:left|right)\b"
    r"|(?<![\w-])(?:left|right)\s*:"
    r"|text-align\s*:\s*(?:left|right)"
    r"|float\s*:\s*(?:left|right)"
    r"|clear\s*:\s*(?:left|right)"
    r"|border-(?:top|bottom)-(?:left|right)-radius"
)


def test_stylesheet_uses_only_logical_directions() -> None:
    css = re.sub(r"/\*.*?\*/", "", SITE_CSS.read_text(), flags=re.S)
    offenders = [m.group(0) for m in PHYSICAL.finditer(css)]
    assert offenders == [], "use logical properties (inline-start/end) instead: " + ", ".join(
        offenders
    )
