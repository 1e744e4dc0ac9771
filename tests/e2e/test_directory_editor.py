"""The portal editor in a real browser: every editor page is accessible (axe, headings) in German
and English, forms sent back with errors too; and an integration officer enters an offer on a
phone, from the empty form to a published offer with a place, hours and a history."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from handschlag.directory.models import Location, Offer
from tests.demo_world import DemoWorld, build_demo_world
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_accessibility import (
    assert_errors_shown,
    assert_headings_in_order,
    become,
    submit,
    visit,
)
from tests.html.pages_directory_editor import OFFER, portal

LANGUAGES = ["de", "en"]


@pytest.fixture
def world(live_server) -> DemoWorld:
    world = build_demo_world()
    portal(world)
    return world


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_editor_pages_are_accessible(page: Page, world: DemoWorld, language: str) -> None:
    found = portal(world)
    slug = found.municipality.slug
    offer = Offer.objects.get(portal=found, name=OFFER)
    place = offer.offer_locations.get()
    become(page, world, "municipality", language)

    def editor(name: str, *args: object) -> str:
        return reverse(f"directory:{name}", args=[slug, *args])

    for url in [
        editor("editor_home"), editor("editor_home") + "?attention=due&provider=x",
        editor("portal_settings"), editor("translators"),
        editor("offer_create"), editor("offer_edit", offer.pk), editor("offer_places", offer.pk),
        editor("offer_hours", offer.pk, place.pk), editor("offer_status", offer.pk),
        editor("offer_delete", offer.pk), editor("offer_history", offer.pk),
        editor("provider_list"), editor("provider_create"),
        editor("provider_edit", offer.provider_id), editor("location_list"),
        editor("location_create"), editor("location_edit", place.location_id),
    ]:  # fmt: skip
        visit(page, url, language)
    for url in [editor("offer_create"), editor("provider_create"), editor("location_create")]:
        visit(page, url, language)
        page.locator(
            "main form.editor-form [type=submit], main form.panel [type=submit]"
        ).last.click()
        page.wait_for_load_state()
        assert_errors_shown(page, language)

    # the list filters in place (htmx): the swapped-in results are checked too
    visit(page, editor("editor_home"), language)
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.select_option("#id_status", "draft")
        page.locator(".editor-filters button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#results .offer-card").count() == 1
    assert_accessible(page)


def test_an_officer_enters_an_offer_on_a_phone(phone: Page, world: DemoWorld) -> None:
    found = portal(world)
    become(phone, world, "municipality", "de")
    visit(phone, reverse("directory:editor_home", args=[found.municipality.slug]), "de")
    phone.get_by_role("link", name="Neues Angebot").click()
    phone.wait_for_load_state()

    phone.get_by_label("Name des Angebots").fill("Deutschkurs für Mütter")
    phone.get_by_label("In einem Satz").fill("Deutsch lernen, während die Kinder spielen.")
    phone.get_by_label("Deutsch lernen", exact=True).check()
    phone.get_by_label("Familie", exact=True).check()
    phone.get_by_label("… oder neuer Anbieter").fill("Familienzentrum Am Stern")
    phone.get_by_label("Telefon").fill("0331 98765")
    phone.locator("input[name=languages][value=ar]").check()
    phone.get_by_label("Ich habe alle Angaben geprüft.").check()
    submit(phone, "main form.editor-form [type=submit]")
    offer = Offer.objects.get(name="Deutschkurs für Mütter")
    assert offer.provider.name == "Familienzentrum Am Stern" and offer.last_checked_at
    assert_accessible(phone)
    assert_headings_in_order(phone)

    # a new place, with the town's coordinates
    phone.get_by_label("Bezeichnung").fill("Familienzentrum Am Stern")
    phone.get_by_label("Straße und Hausnummer").fill("Galileistraße 37")
    phone.get_by_label("Koordinaten der Gemeinde übernehmen").check()
    phone.get_by_label("stufenloser Zugang").check()
    phone.get_by_role("button", name="Ort anlegen und hinzufügen").click()
    phone.wait_for_load_state()
    location = Location.objects.get(street="Galileistraße 37")
    assert location.latitude == round(found.municipality.latitude, 5)

    # hours: Monday to Friday in one row, and the summer holidays off
    phone.locator("select[name='slots-0-weekday']").select_option("workdays")
    phone.locator("input[name='slots-0-opens_at']").fill("09:00")
    phone.locator("input[name='slots-0-closes_at']").fill("11:30")
    phone.locator("input[name='exceptions-0-starts_on']").fill("2030-07-20")
    phone.locator("input[name='exceptions-0-ends_on']").fill("2030-08-30")
    phone.locator("input[name='exceptions-0-note']").fill("Sommerferien")
    assert_accessible(phone)
    phone.get_by_role("button", name="Zeiten speichern").first.click()
    phone.wait_for_load_state()
    assert "Freitag 09:00–11:30" in phone.locator("main").inner_text()
    assert_accessible(phone)

    # publish, then read the history
    phone.get_by_role("link", name="Status und Veröffentlichung").click()
    phone.get_by_role("button", name="Veröffentlichen").click()
    phone.wait_for_load_state()
    offer.refresh_from_db()
    assert offer.published_at is not None
    phone.get_by_role("link", name="Verlauf").click()
    phone.wait_for_load_state()
    history = phone.locator("main").inner_text()
    assert "Angebot angelegt" in history and "Öffnungszeiten (Familienzentrum Am Stern)" in history
    assert_accessible(phone)
    # nothing wider than the phone
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 360
