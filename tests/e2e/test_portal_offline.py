"""Offline: the portal's service worker keeps the guide pages a reader visited (issue #12,
point 9). Visit a guide, lose the connection, reload: the guide is still there; a page never
visited shows the offline page instead of the browser's error."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.directory.public_world import PublicWorld, build_public_world


@pytest.fixture
def world(live_server) -> PublicWorld:
    return build_public_world()


def wait_until_kept(page: Page, cache: str = "portal-guides") -> None:
    """Until the service worker controls the page and has kept it in `cache`."""
    for _ in range(60):
        kept = page.evaluate(
            """async (name) => {
                if (!navigator.serviceWorker || !navigator.serviceWorker.controller) return false;
                const cache = await caches.open(name);
                return Boolean(await cache.match(location.href, {ignoreVary: true}));
            }""",
            cache,
        )
        if kept:
            return
        page.wait_for_timeout(250)
    pytest.fail(f"{page.url} was not kept in {cache}")


def test_a_visited_guide_stays_readable_offline(phone: Page, world: PublicWorld) -> None:
    guide = world.guide.get_absolute_url()
    phone.goto(guide)
    wait_until_kept(phone)  # the first page, kept at the worker's request
    registration = phone.evaluate(
        "async () => (await navigator.serviceWorker.getRegistration()).scope"
    )
    assert registration.endswith("/portal/")

    phone.context.set_offline(True)
    phone.reload()
    assert phone.locator("h1").inner_text() == "Erste Schritte"
    assert phone.locator(".guide-section h2").all_inner_texts() == [
        "Anmelden",
        "Krankenkasse",
        "Deutsch lernen",
    ]
    # styled as before: the stylesheets were kept too
    background = phone.evaluate(
        "() => getComputedStyle(document.querySelector('.card')).borderRadius"
    )
    assert background == "8px"

    # a page never opened: the offline page, not the browser's error
    phone.goto(reverse("directory:guides", args=[world.town.slug]))
    assert phone.locator("h1").inner_text() == "Keine Verbindung zum Internet"
    phone.context.set_offline(False)


def test_other_pages_are_fresh_online_and_kept_for_offline(phone: Page, world) -> None:
    offer = world.course.get_absolute_url()
    phone.goto(reverse("directory:portal", args=[world.town.slug]))
    wait_until_kept(phone, "portal-pages")
    phone.goto(offer)  # now through the worker: network first, kept
    wait_until_kept(phone, "portal-pages")
    # online, the page comes from the server: a change shows at once
    world.course.name = "Deutschkurs am Abend (neu)"
    world.course.save()
    phone.reload()
    assert phone.locator("h1").inner_text() == "Deutschkurs am Abend (neu)"
    phone.context.set_offline(True)
    phone.reload()
    assert phone.locator("h1").inner_text() == "Deutschkurs am Abend (neu)"
    phone.context.set_offline(False)
