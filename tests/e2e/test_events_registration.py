"""Registering for a full workshop, in Chromium: a person with an account takes the last
place, a guest registers without an account, confirms by the link in the mail and waits; the
first cancels (after a page that says what happens), the guest is offered the place and takes
it with one click. Both in German at 1280 px and in English on a 360 px phone (there only the
structure and axe are checked, not the wording). Every page on the way is checked by axe-core.
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from handschlag.events.models import Registration
from tests import factories
from tests.e2e.conftest import assert_accessible, log_in, switch_language, ui
from tests.events.factories import EventFactory

WIDTHS = {"de": {"width": 1280, "height": 900}, "en": {"width": 360, "height": 740}}
State = Registration.State


@pytest.fixture
def workshop(db):
    start = timezone.now() + datetime.timedelta(days=10)
    return EventFactory(
        title="Bürgerdialog: Wie wollen wir zusammenleben?",
        capacity=2,
        max_places_per_registration=3,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )


def checked(page: Page, language: str) -> Page:
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    return page


def in_language(page: Page, language: str) -> None:
    page.goto("/")
    if language != "de":
        if page.viewport_size and page.viewport_size["width"] < 600:
            page.get_by_role("button", name=ui("Menü", "de")).click()
        switch_language(page, language)


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_last_place_goes_to_a_guest_from_the_waiting_list(new_page, workshop, language):
    size = WIDTHS[language]
    person = factories.UserFactory(email="teilnehmerin@example.org", first_name="Sevgi")
    register_url = f"/veranstaltungen/{workshop.pk}/anmelden/"

    # 1. a person with an account takes both places for two, one click
    first = new_page(viewport=size)
    in_language(first, language)
    log_in(first, person.email)
    first.goto(register_url)
    checked(first, language)
    box = first.get_by_role("region", name=ui("Anmeldung", language))
    box.get_by_label(ui("Wie viele Plätze?", language)).select_option("2")
    box.get_by_role("button", name=ui("Jetzt anmelden", language)).click()
    first.wait_for_load_state()
    assert Registration.objects.get(user=person).state == State.CONFIRMED
    first.goto("/veranstaltungen/meine-anmeldungen/")
    checked(first, language)
    expect(first.get_by_role("heading", level=1)).to_be_visible()
    expect(first.get_by_role("link", name=workshop.title)).to_be_visible()

    # 2. a guest finds it full, registers for the waiting list without an account
    guest = new_page(viewport=size)
    in_language(guest, language)
    guest.goto(register_url)
    checked(guest, language)
    form = guest.get_by_role("region", name=ui("Anmeldung", language))
    form.get_by_label(ui("Ihr Name", language)).fill("Olena Kovalenko")
    form.get_by_label(ui("Ihre E-Mail-Adresse", language)).fill("olena@example.org")
    form.get_by_label(ui("Wie viele Plätze?", language)).select_option("2")
    form.locator("summary").click()  # the access needs are folded away until asked for
    form.get_by_label(ui("Ich brauche einen stufenlosen Zugang.", language)).check()
    form.get_by_label(ui("Ich habe den Datenschutzhinweis gelesen.", language)).check()
    form.get_by_role("button", name=ui("Auf die Warteliste", language)).click()
    guest.wait_for_load_state()
    registration = Registration.objects.get(guest_email="olena@example.org")
    assert registration.state == State.REQUESTED and registration.places == 2
    [confirm_mail] = [m for m in mail.outbox if m.to == ["olena@example.org"]]
    link = f"/veranstaltungen/anmeldung/{registration.token}/"
    assert link in confirm_mail.body

    # 3. the link in the mail: a button confirms, the guest is on the waiting list
    guest.goto(link)
    checked(guest, language)
    guest.get_by_role("button", name=ui("E-Mail-Adresse bestätigen und anmelden", language)).click()
    checked(guest, language)
    registration.refresh_from_db()
    assert registration.state == State.WAITING

    # 4. the first person cancels after a page that says what happens
    first.goto(register_url)
    first.get_by_role("link", name=ui("Von der Veranstaltung abmelden", language)).click()
    checked(first, language)
    expect(first.get_by_role("heading", level=1)).to_contain_text(workshop.title)
    first.get_by_role("button", name=ui("Ja, abmelden", language)).click()
    first.wait_for_load_state()
    assert Registration.objects.get(user=person).state == State.CANCELLED

    registration.refresh_from_db()
    assert registration.state == State.OFFERED
    assert any(m.to == ["olena@example.org"] and link in m.body for m in mail.outbox[1:])

    # 5. the guest accepts the offered places with one click
    guest.goto(link)
    checked(guest, language)
    guest.get_by_role("button", name=ui("Platz annehmen", language)).click()
    checked(guest, language)
    registration.refresh_from_db()
    assert registration.state == State.CONFIRMED
    expect(
        guest.get_by_role("link", name=ui("Von der Veranstaltung abmelden", language))
    ).to_be_visible()
