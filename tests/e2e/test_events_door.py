"""The door of an event in Chromium: an organiser checks people in on a 360 px phone, by the
short code (htmx) and by name (a plain form), in German; the participant list with the access
needs added up, in English. Every page is checked by axe-core."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from handschlag.events.models import Registration
from handschlag.organisations.models import Membership
from tests import factories
from tests.e2e.conftest import assert_accessible, log_in, switch_language, ui
from tests.events.factories import EventFactory, RegistrationFactory

State = Registration.State


@pytest.fixture
def evening(db):
    start = timezone.now() + datetime.timedelta(minutes=10)
    event = EventFactory(
        title="Elternabend mit Dolmetschenden", starts_at=start,
        ends_at=start + datetime.timedelta(hours=2), capacity=10, free_places=5,
    )  # fmt: skip
    factories.MembershipFactory(
        organisation=event.organisation, role=Membership.Role.MEMBER,
        user__email="tuer@example.org",
    )  # fmt: skip
    amira = RegistrationFactory(
        event=event, places=3, interpreter_language="ar", childcare=2,
        user=factories.UserFactory(first_name="Amira", last_name="Haddad"),
    )  # fmt: skip
    olena = RegistrationFactory(
        event=event, user=None, guest_name="Olena K.", guest_email="olena@example.org",
        places=2, interpreter_language="uk", step_free=True,
    )  # fmt: skip
    return {"event": event, "amira": amira, "olena": olena}


def _no_sideways_scroll(page: Page) -> None:
    width, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{page.url} scrolls sideways at {inner} px"


def test_check_in_on_a_phone_by_code_and_by_name(phone: Page, evening):
    event, amira, olena = evening["event"], evening["amira"], evening["olena"]
    log_in(phone, "tuer@example.org")

    # the QR code opens the door with the code filled in
    phone.goto(f"/veranstaltungen/{event.pk}/einlass/?code={amira.checkin_code}")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Einlass")
    expect(phone.locator("#door-count")).to_have_text("0 von 5 da")
    code = phone.get_by_label("Code")
    expect(code).to_have_value(amira.checkin_code)
    assert_accessible(phone)
    _no_sideways_scroll(phone)

    phone.get_by_role("button", name="Einchecken").click()
    expect(phone.get_by_role("status")).to_contain_text("Willkommen, Amira")
    expect(phone.locator("#door-count")).to_have_text("3 von 5 da")
    expect(phone.get_by_label("Code")).to_have_value("")

    # a typo is answered in words, nothing changes
    phone.get_by_label("Code").fill("zzz-zzz")
    phone.get_by_role("button", name="Einchecken").click()
    expect(phone.get_by_role("status")).to_contain_text("gibt es für diese Veranstaltung nicht")
    expect(phone.locator("#door-count")).to_have_text("3 von 5 da")
    assert_accessible(phone)

    # by name: Olena has no phone with her
    phone.get_by_role("button", name="Olena K.: ist da").click()
    phone.wait_for_load_state()
    expect(phone.locator("#door-count")).to_have_text("5 von 5 da")
    expect(phone.get_by_role("button", name="Olena K.: doch nicht da")).to_be_visible()
    assert_accessible(phone)
    _no_sideways_scroll(phone)

    amira.refresh_from_db()
    olena.refresh_from_db()
    assert amira.state == State.ATTENDED and olena.state == State.ATTENDED


def test_participant_list_in_english_adds_up_the_needs(page: Page, evening):
    event = evening["event"]
    page.goto("/")
    switch_language(page, "en")
    log_in(page, "tuer@example.org")
    page.goto(f"/veranstaltungen/{event.pk}/teilnehmende/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("Teilnehmende", "en"))
    summary = page.locator(".needs-summary")
    expect(summary).to_contain_text("3 × interpreting into Arabic")
    expect(summary).to_contain_text("2 × interpreting into Ukrainian")
    expect(summary).to_contain_text("2 children in childcare")
    expect(summary).to_contain_text("2 × step-free access")
    expect(page.get_by_text("0 of 5 here")).to_be_visible()
    assert_accessible(page)


def test_closing_report_with_a_photo_and_the_message_page(page: Page, db, tmp_path):
    from io import BytesIO

    from PIL import Image

    start = timezone.now() - datetime.timedelta(days=2)
    event = EventFactory(
        title="Bürgerdialog am Schlaatz",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
    )
    factories.MembershipFactory(
        organisation=event.organisation,
        role=Membership.Role.ADMIN,
        user__email="chefin@example.org",
    )
    RegistrationFactory(event=event, state=State.ATTENDED, places=2)
    photo = tmp_path / "saal.jpg"
    out = BytesIO()
    Image.new("RGB", (80, 60), (120, 160, 200)).save(out, format="JPEG")
    photo.write_bytes(out.getvalue())

    log_in(page, "chefin@example.org")
    page.goto(f"/veranstaltungen/{event.pk}/bericht/")
    expect(page.get_by_text("2 Personen haben teilgenommen.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Was ist herausgekommen?").fill("Ein Elterncafé startet im Mai.")
    page.get_by_label("Foto 1", exact=True).set_input_files(str(photo))
    page.get_by_label("Was ist auf Foto 1 zu sehen?").fill("Ein heller Saal mit Stuhlkreis.")
    page.get_by_role("button", name="Speichern und Veranstaltung abschließen").click()
    expect(page.get_by_role("img", name="Ein heller Saal mit Stuhlkreis.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Im Blog veröffentlichen").click()
    expect(page.get_by_text("Der Bericht liegt bei der Moderation.")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/veranstaltungen/{event.pk}/nachricht/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Allen Teilnehmenden schreiben")
    assert_accessible(page)
