"""A newcomer changes the language on a cheap phone, without an account, in Chromium.

Amal opens Handschlag on a 360 px phone, finds the switcher behind the menu button, chooses
العربية: the page turns right to left (the logo moves to the right, the menu button to the
left) and stays Arabic while she goes on to the mentoring pages and the short form for people
who look for a mentor, whose "language for messages" is already Arabic. Then she switches to
Українська, which reads left to right again. Every page is checked by axe-core and fits the
screen. Without JavaScript the switcher is an open, plain form and works the same way."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import assert_accessible
from tests.mentoring import factories


@pytest.fixture
def site(live_server):
    return factories.SiteFactory(name="Patenschaften Sonneberg", contact_phone="03675 1234")


def fits_width(page: Page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def choose(page: Page, native: str) -> None:
    """Open the menu if it is folded, pick the language by its own name, send the form."""
    toggle = page.locator(".menu-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    page.locator("#language-select").select_option(label=native)
    with page.expect_navigation():
        page.locator(".language-switcher button[type=submit]").click()


def header_sides(page: Page) -> tuple[float, float, float]:
    """Where the logo and the menu button are: their centres, and the page's width."""
    width = page.viewport_size["width"]
    brand = page.locator(".brand").bounding_box()
    toggle = page.locator(".menu-toggle").bounding_box()
    return brand["x"] + brand["width"] / 2, toggle["x"] + toggle["width"] / 2, width


def test_a_newcomer_switches_to_arabic_then_ukrainian_on_a_phone(phone: Page, site) -> None:
    phone.goto("/")
    html = phone.locator("html")
    expect(html).to_have_attribute("dir", "ltr")
    brand, toggle, width = header_sides(phone)
    assert brand < width / 2 < toggle, "German: logo on the left, menu button on the right"

    # the switcher names every language in its own script and direction
    options = phone.locator("#language-select option")
    expect(options).to_have_count(len(settings.LANGUAGES))
    arabic = phone.locator("#language-select option[value=ar]")
    expect(arabic).to_have_text("العربية")
    expect(arabic).to_have_attribute("lang", "ar")
    expect(arabic).to_have_attribute("dir", "rtl")

    choose(phone, "العربية")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(phone.locator(".menu-toggle")).to_have_text(re.compile("القائمة"))
    brand, toggle, width = header_sides(phone)
    assert toggle < width / 2 < brand, "Arabic: logo on the right, menu button on the left"
    assert phone.locator("main").evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert fits_width(phone)
    assert_accessible(phone)
    cookie = {c["name"]: c for c in phone.context.cookies()}[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["value"] == "ar" and cookie["expires"] > 0  # kept after the browser closes

    # remembered on the next pages: the mentoring pages and the short form
    phone.goto(reverse("mentoring:index"))
    expect(html).to_have_attribute("dir", "rtl")
    expect(phone.locator("h1")).to_have_text("الإرشاد: رعاية محلية")
    assert_accessible(phone)
    phone.goto(reverse("mentoring:register_mentee_self", args=[site.slug]))
    expect(html).to_have_attribute("lang", "ar")
    expect(phone.get_by_label("اسمكم الأول")).to_be_visible()
    expect(phone.locator("#id_language")).to_have_value("ar")
    label = phone.locator("label[for=id_first_name]").bounding_box()
    field = phone.locator("#id_first_name").bounding_box()
    assert label["x"] + label["width"] >= field["x"] + field["width"] - 2, (
        "labels start at the right edge of their field"
    )
    assert fits_width(phone)
    assert_accessible(phone)

    choose(phone, "Українська")
    expect(html).to_have_attribute("lang", "uk")
    expect(html).to_have_attribute("dir", "ltr")
    expect(phone.get_by_label("Ваше ім’я")).to_be_visible()
    brand, toggle, width = header_sides(phone)
    assert brand < width / 2 < toggle
    assert fits_width(phone)
    assert_accessible(phone)
    phone.goto("/datenschutz/")
    expect(html).to_have_attribute("lang", "uk")
    expect(phone.locator("h1")).to_have_text("Повідомлення про захист даних")


def test_without_javascript_the_switcher_is_a_plain_form(browser: Browser, live_server) -> None:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(reverse("mentoring:index"))
    expect(page.locator("#language-select")).to_be_visible()  # no menu to open
    page.locator("#language-select").select_option("fa")
    page.locator(".language-switcher button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("mentoring:index"))  # back where she was
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "fa")
    expect(page.locator(".skip-link")).to_have_text("رفتن به محتوا")
    context.close()
