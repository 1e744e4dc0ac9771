"""The structure of a programme in Chromium, every page checked by axe-core: programme staff
add a carrier, then create its first site with the place picker, correct it, remove an empty
site (deleted) and a site with people (deactivated, after being told so), and edit the
programme."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from handschlag.mentoring import access
from handschlag.mentoring.models import Carrier, Programme, Site
from handschlag.organisations.models import Organisation
from tests import factories as base
from tests.e2e.conftest import assert_accessible, log_in
from tests.mentoring import factories


@pytest.fixture
def cast(db):
    programme = factories.ProgrammeFactory(name="Menschen stärken Menschen")
    factories.coordinator(access.PROGRAMME_STAFF, programme, email="programm@example.org")
    base.OrganisationFactory(
        name="Brückenbauer e. V.", is_verified=True, kind=Organisation.Kind.ASSOCIATION
    )
    base.MunicipalityFactory(name="Torgau", slug="torgau")
    busy = factories.SiteFactory(
        name="Patenschaften Sonneberg", carrier=factories.CarrierFactory(programme=programme)
    )
    factories.MentorFactory(site=busy)
    return programme


def _heading(page: Page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def test_staff_build_and_close_the_structure(page, cast):
    programme = cast
    log_in(page, "programm@example.org")
    page.goto("/mentoring/koordination/")
    page.get_by_role("link", name="Träger und Standorte").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Träger hinzufügen").click()
    assert_accessible(page)
    page.get_by_role("button", name="Träger hinzufügen").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Welche Organisation trägt die Patenschaften?").select_option(
        label="Brückenbauer e. V. (Verein / Verband, " + _town_of("Brückenbauer e. V.") + ")"
    )
    page.get_by_role("button", name="Träger hinzufügen").click()
    expect(page.locator(".message-success")).to_contain_text("ist jetzt Träger")
    expect(page.locator("main")).to_contain_text("noch keine Standorte")
    assert_accessible(page)
    carrier = Carrier.objects.get(organisation__name="Brückenbauer e. V.")

    page.get_by_role("link", name="Standort anlegen").click()
    assert_accessible(page)
    page.get_by_label("Name des Standorts").fill("Patenschaften Torgau")
    page.get_by_role("combobox", name="Ort").fill("Torg")
    page.get_by_role("option", name=re.compile("Torgau")).click()  # the place picker
    expect(page.get_by_role("combobox", name="Ort")).to_have_value(re.compile("Torgau"))
    page.get_by_label("Telefon der Koordination").fill("03421 1234")
    page.get_by_role("button", name="Standort anlegen").click()
    expect(page.locator(".message-success")).to_contain_text("Patenschaften Torgau")
    site = Site.objects.get(carrier=carrier)
    assert (site.name, site.municipality.slug, site.contact_phone) == (
        "Patenschaften Torgau",
        "torgau",
        "03421 1234",
    )

    page.get_by_role("link", name="Bearbeiten").first.click()
    page.get_by_label("Name des Standorts").fill("Paten in Torgau")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("main table")).to_contain_text("Paten in Torgau")

    page.get_by_role("link", name="Entfernen …").first.click()
    expect(page.locator("main")).to_contain_text("wird gelöscht")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, löschen").click()
    expect(page.locator(".message-success")).to_contain_text("gelöscht")
    assert not Site.objects.filter(pk=site.pk).exists()

    busy = Site.objects.get(name="Patenschaften Sonneberg")
    page.goto(f"/mentoring/koordination/standorte/{busy.slug}/entfernen/")
    expect(page.locator("main")).to_contain_text("nicht gelöscht, sondern deaktiviert")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, deaktivieren").click()
    expect(page.locator(".message-success")).to_contain_text("deaktiviert")
    expect(page.locator("main")).to_contain_text("Wieder aktivieren")
    assert_accessible(page)
    assert not Site.objects.get(pk=busy.pk).is_active

    page.goto(f"/mentoring/koordination/programme/{programme.slug}/bearbeiten/")
    assert_accessible(page)
    page.get_by_label("Gefördert von").fill("Stiftung Beispiel")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".message-success")).to_contain_text("gespeichert")
    assert Programme.objects.get(pk=programme.pk).funder == "Stiftung Beispiel"


def _town_of(name: str) -> str:
    return Organisation.objects.get(name=name).municipality.name
