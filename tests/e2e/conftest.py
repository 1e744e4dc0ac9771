"""Browser tests: a live server, Debian's Chromium driven by Playwright, axe-core checks."""

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT, AxeResults
from django.utils import translation
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # only violations are reported; collecting the passes too doubles the time per page
    "resultTypes": ["violations"],
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are synchronous and safe here. Set only here, so a subprocess that
    # another test starts (e.g. `check --deploy`) never inherits it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    context = _new_context(browser, live_server.url)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser, live_server) -> Iterator[Page]:
    """A cheap phone: 360 px wide."""
    context = _new_context(browser, live_server.url, viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


@pytest.fixture
def new_page(browser: Browser, live_server) -> Iterator[Callable[..., Page]]:
    """Opens pages in fresh browser contexts (one per person); closes them all afterwards."""
    contexts: list[BrowserContext] = []

    def open_page(**options: Any) -> Page:
        context = _new_context(browser, live_server.url, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def ui(text: str, language: str) -> str:
    """The UI string `text` (a German msgid) as the site shows it in `language`."""
    with translation.override(language):
        return translation.gettext(text)


def assert_accessible(page: Page) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation on the page as it is now."""
    # Contexts from the fixtures load axe into every page (an init script); inject it
    # here only for pages opened otherwise.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    results = AxeResults(page.evaluate("options => axe.run(document, options)", WCAG_21_AA))
    if results.violations_count:
        start = page.evaluate("() => document.documentElement.outerHTML.slice(0, 300)")
        pytest.fail(f"{page.url}\n{start}\n{results.generate_report()}", pytrace=False)


def _new_context(browser: Browser, base_url: str, **options: Any) -> BrowserContext:
    context = browser.new_context(base_url=base_url, locale="de-DE", **options)
    context.add_init_script(AXE_SCRIPT)
    context.set_default_timeout(15_000)
    return context


def log_in(
    page: Page, email: str, password: str = "correct-horse-battery", *, check: bool = False
) -> None:
    """Log in through the login form; with `check`, axe-check the login page first."""
    page.goto("/konto/login/")
    if check:
        assert_accessible(page)
    # by field name, so the helper works in every language; axe checks the labels
    page.locator("main input[name=login]").fill(email)
    page.locator("main input[name=password]").fill(password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("header form[action*=logout]").count(), f"login failed for {email}"


def log_out(page: Page) -> None:
    page.locator("header form[action*=logout] button").click()
    page.wait_for_load_state()


def switch_language(page: Page, code: str) -> None:
    page.select_option("#language-select", code)
    page.locator(".language-switcher button").click()
    page.wait_for_load_state()
