"""The round pages in a real browser: axe finds nothing on a running round (which refreshes
itself and turns into the proposals once ready), the proposals, the leftovers, a swap, the
question before confirming; confirming makes the tandems."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from handschlag.mentoring import rounds
from handschlag.mentoring.models import MatchingRound, Tandem
from tests.e2e.conftest import assert_accessible, log_in
from tests.html import pages_mentoring_rounds as scenes

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_works_through_a_round(page: Page, live_server) -> None:
    matching_round = scenes._build("running")
    coordinator = scenes._scene["coordinator"]
    log_in(page, coordinator.email)

    page.goto(matching_round.get_absolute_url())
    expect(page.locator("progress")).to_have_attribute("value", "30")
    assert_accessible(page)

    # the task finishes while the page is open: the polling shows the proposals
    MatchingRound.objects.filter(pk=matching_round.pk).update(state="queued")
    rounds.run_round(matching_round.pk)
    expect(page.get_by_role("heading", name="Überblick")).to_be_visible(timeout=10_000)
    expect(page.get_by_text("spricht Deutsch wie Amal").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Ohne Vorschlag").click()
    expect(page.get_by_text("Tesfay")).to_be_visible()
    assert_accessible(page)

    page.goto(matching_round.get_absolute_url())
    swap = page.get_by_role("link", name="Für Amal: tauschen").get_attribute("href")
    page.goto(swap or "")
    expect(page.get_by_role("heading", name="Von Hand tauschen")).to_be_visible()
    assert_accessible(page)

    page.goto(matching_round.get_absolute_url())
    page.get_by_role("button", name="offenen Vorschläge annehmen").click()
    page.get_by_role("link", name="Runde bestätigen …").click()
    expect(page.get_by_text("Tandems werden angelegt")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Bestätigen: Tandems anlegen und benachrichtigen").click()
    expect(page.get_by_text("Bitte persönlich Bescheid sagen")).to_be_visible()
    assert_accessible(page)
    assert Tandem.objects.filter(round=matching_round).count() >= 2

    page.goto(reverse("mentoring:site_rounds", args=[scenes._scene["site"].slug]))
    assert_accessible(page)
