"""Issue #7 F10: the Content-Security-Policy blocks nothing the site itself needs.

Chromium reports every blocked script, style, image or eval on the console ("… violates the
following Content Security Policy directive …"); the main pages, an htmx swap and the API docs
(Swagger UI) must produce none, while the header is really sent.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import ConsoleMessage, Page

from tests.e2e.test_accessibility import DemoWorld, build_demo_world


@pytest.fixture
def world(live_server) -> DemoWorld:
    return build_demo_world()


@pytest.fixture
def violations(page: Page) -> list[str]:
    seen: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            seen.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return seen


def open_with_policy(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, (url, policy)
    page.wait_for_load_state("load")


def test_main_pages_break_no_rule_of_the_policy(
    page: Page, world: DemoWorld, violations: list[str]
) -> None:
    for url in [
        "/",
        reverse("promises:list"),
        world.promise("tablets").get_absolute_url(),
        reverse("blog:list"),
        reverse("account_login"),
    ]:
        open_with_policy(page, url)
    # The published report's photo comes through the media permission check.
    open_with_policy(page, world.report_post().get_absolute_url())
    photos = page.locator("main ul.photos img")
    assert photos.count() >= 1
    for i in range(photos.count()):
        photos.nth(i).scroll_into_view_if_needed()
        assert photos.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")

    # htmx (loaded with the nonce) swaps the filtered list in without inline styles or eval.
    open_with_policy(page, reverse("promises:list"))
    assert page.evaluate("() => typeof htmx === 'object' && !htmx.config.allowEval")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.select_option("#id_category", "equipment")
    page.wait_for_load_state()
    assert violations == []


def test_a_blocked_inline_script_is_seen(page: Page, live_server, violations: list[str]) -> None:
    """The listener above hears Chromium's reports: an injected inline script is one."""
    open_with_policy(page, "/")
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.injected = true"; document.body.append(s); }"""
    )
    page.wait_for_timeout(100)
    assert page.evaluate("() => window.injected === undefined")
    assert violations and "script-src" in violations[0]


def test_api_docs_work_under_the_policy(page: Page, live_server, violations: list[str]) -> None:
    open_with_policy(page, "/api/v1/docs")
    operations = page.locator("#swagger-ui .opblock-summary")
    operations.first.wait_for()
    assert operations.count() > 3
    operations.first.click()
    page.locator("#swagger-ui .opblock-body").first.wait_for()
    assert violations == []
