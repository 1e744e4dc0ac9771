"""The newcomer portal on a cheap phone: every reader's page transfers at most 150 KB without
photos (issue #12, point 9), fits a 360 px screen without sideways scrolling, has no axe
violation and headings in order — in German and in English; and it works without JavaScript."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Browser, Page, Response

from tests.directory.public_world import PublicWorld, build_public_world, more_offers
from tests.e2e.conftest import _new_context, assert_accessible
from tests.e2e.test_accessibility import assert_headings_in_order
from tests.e2e.test_layout import assert_fits_width

BUDGET = 150 * 1000  # bytes of response bodies per page, photos (/media/) left out
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def world(live_server) -> PublicWorld:
    world = build_public_world()
    more_offers(world.portal, 25)  # a full first page of the list (20 cards)
    return world


def reader_pages(world: PublicWorld) -> list[str]:
    slug = world.town.slug
    offers = reverse("directory:offers", args=[slug])
    return [
        reverse("directory:index"),
        reverse("directory:portal", args=[slug]),
        offers,
        offers + "?place=Neuhaus-Schierschnitz&radius=25&topic=language",
        world.course.get_absolute_url(),
        reverse("directory:guides", args=[slug]),
        world.guide.get_absolute_url(),
        # print and share: the short link and its QR code (an SVG)
        reverse("directory:share", args=[slug]) + f"?pfad={offers}",
    ]


def weigh(page: Page, url: str) -> tuple[int, list[tuple[str, int]]]:
    """Open `url` in `page` (a fresh context: nothing cached) and add up the bodies of every
    response the page received until the network was quiet."""
    received: list[Response] = []

    def receive(response: Response) -> None:
        received.append(response)

    page.on("response", receive)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", receive)
    sizes = []
    for response in received:
        path = urlsplit(response.url).path
        photo = response.request.resource_type == "image" and not path.endswith(".svg")
        if path.startswith("/media/") or photo:
            continue
        try:
            sizes.append((path, len(response.body())))
        except Exception:  # a redirect has no body
            sizes.append((path, 0))
    return sum(size for _, size in sizes), sizes


@pytest.mark.parametrize("language", ["de", "en"])
def test_each_reader_page_stays_under_150_kb_fits_a_phone_and_is_accessible(
    browser: Browser, live_server, world: PublicWorld, language: str
) -> None:
    for url in reader_pages(world):
        context = _new_context(browser, live_server.url, viewport=PHONE)
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        page = context.new_page()
        total, sizes = weigh(page, url)  # a first visit: nothing cached, no service worker yet
        assert total <= BUDGET, f"{url}: {total} bytes: {sizes}"
        print(f"{language} {url}: {total} bytes")
        assert page.locator("html").get_attribute("lang") == language
        assert_fits_width(page)
        assert_accessible(page)
        assert_headings_in_order(page)
        context.close()


def test_the_pages_work_without_javascript(browser: Browser, live_server, world) -> None:
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE, locale="de-DE"
    )
    page = context.new_page()
    page.goto(reverse("directory:portal", args=[world.town.slug]))
    page.fill("#id_q", "sprechen")
    page.fill("#id_place", "Lauscha")
    page.locator("main form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    results = page.locator("#results .offer-card h3")
    assert results.all_inner_texts() == ["Sprachcafé Lauscha"]
    assert page.locator("#results .distance").first.inner_text() == "100 m"
    # the filters are a plain form: choose a topic and send it
    page.fill("#id_q", "")
    page.select_option("#id_topic", "counselling")
    page.locator("main form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "topic=counselling" in page.url
    page.locator("#results .offer-card h3 a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Migrationsberatung"
    context.close()
