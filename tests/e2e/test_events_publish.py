"""Publishing an event, in Chromium, at 1280 and 360 px: an initiative's admin fills in the
real form (German), a moderator publishes it from the queue, a visitor sees the page without
the online link, the admin finds it under "Veranstaltungen meiner Organisationen" and the
cancel page asks first. The English pages load. Every page on the way is checked by axe-core."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from handschlag.events.models import Event
from handschlag.organisations.models import Membership, Organisation
from tests import factories
from tests.e2e.conftest import assert_accessible, log_in, switch_language, ui

TITLE = "Bürgerdialog: Ankommen in Pirna"
LINK = "https://meet.example.org/pirna-dialog-4711"
WIDTHS = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}


@pytest.fixture
def cast(db):
    pirna = factories.MunicipalityFactory(name="Pirna", slug="pirna", ags="14628270")
    initiative = factories.OrganisationFactory(
        name="Pirna hilft e. V.", kind=Organisation.Kind.INITIATIVE, municipality=pirna
    )
    admin = factories.MembershipFactory(
        organisation=initiative, role=Membership.Role.ADMIN, user__email="pirna@example.org"
    ).user
    moderator = factories.ModeratorFactory(email="moderation@example.org")
    return {"admin": admin, "moderator": moderator, "org": initiative}


def checked(page: Page, language: str = "de") -> Page:
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    no_sideways_scroll(page)
    return page


def no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{page.url} scrolls sideways by {overflow}px"


def named(page: Page, name: str):
    return page.locator(f"main [name={name}]")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_an_event_is_published_through_the_moderation(new_page, cast, width):
    viewport = WIDTHS[width]
    day = timezone.localdate() + datetime.timedelta(days=30)

    # 1. The admin fills in the form and submits the event.
    admin = new_page(viewport=viewport)
    log_in(admin, cast["admin"].email)
    admin.goto("/veranstaltungen/meine/")
    checked(admin)
    expect(admin.get_by_role("heading", level=1)).to_have_text(
        "Veranstaltungen meiner Organisationen"
    )
    admin.get_by_role("link", name="Veranstaltung anlegen").first.click()
    checked(admin)
    named(admin, "title").fill(TITLE)
    named(admin, "description").fill("Was hilft Neuankommenden in Pirna? Wir hören zu.")
    named(admin, "kind").select_option("citizen_dialogue")
    admin.get_by_label("hybrid (vor Ort und online)").check()
    named(admin, "date").fill(day.isoformat())
    named(admin, "start_time").fill("18:00")
    named(admin, "end_time").fill("17:00")  # a slip: the end before the start
    named(admin, "municipality").fill("Pirna")
    named(admin, "venue_name").fill("Rathaus, Großer Saal")
    named(admin, "accessibility").fill("stufenloser Zugang, Induktionsschleife")
    named(admin, "online_url").fill(LINK)
    named(admin, "capacity").fill("20")
    admin.get_by_label("العربية").first.check()
    admin.locator("main input[name=interpretation][value=uk]").check()
    admin.get_by_role("button", name="Einreichen").click()
    checked(admin)
    expect(admin.get_by_role("alert")).to_contain_text("Das Ende liegt vor dem Beginn.")
    named(admin, "end_time").fill("20:00")
    admin.get_by_role("button", name="Einreichen").click()
    checked(admin)
    expect(admin.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(admin.get_by_text("So geht es weiter:")).to_be_visible()
    event = Event.objects.get(title=TITLE)
    assert event.state == Event.State.PENDING and event.organisation == cast["org"]
    assert event.starts_at.astimezone(event.zone).hour == 18
    assert event.languages == ["de", "ar"] and event.interpretation == ["uk"]

    # 2. A moderator publishes it from the queue.
    moderator = new_page(viewport=viewport)
    log_in(moderator, cast["moderator"].email)
    moderator.goto("/moderation/?queue=events")
    checked(moderator)
    moderator.get_by_role("link", name=TITLE).click()
    checked(moderator)
    expect(moderator.locator("main")).not_to_contain_text("pirna-dialog-4711")
    moderator.get_by_role("button", name="Veröffentlichen").click()
    checked(moderator)
    event.refresh_from_db()
    assert event.state == Event.State.PUBLISHED

    # 3. A visitor sees the event, with its time in words, and without the link.
    visitor = new_page(viewport=viewport)
    visitor.goto(event.get_absolute_url())
    checked(visitor)
    main = visitor.locator("main")
    expect(main).to_contain_text("18:00–20:00 Uhr")
    expect(main).to_contain_text("noch 20 von 20 Plätzen")
    expect(main).to_contain_text("Den Link erhalten angemeldete Teilnehmende.")
    expect(main).not_to_contain_text("pirna-dialog-4711")

    # 4. The admin sees the link, the event among the upcoming ones, and the cancel page.
    admin.goto(event.get_absolute_url())
    checked(admin)
    expect(admin.get_by_role("link", name=LINK)).to_be_visible()
    admin.goto("/veranstaltungen/meine/")
    checked(admin)
    expect(admin.get_by_role("link", name=TITLE)).to_be_visible()
    admin.goto(event.get_absolute_url())
    admin.get_by_role("link", name="Absagen …").click()
    checked(admin)
    expect(admin.locator("main")).to_contain_text("Bisher hat sich niemand angemeldet.")
    admin.get_by_role("button", name="Ja, Veranstaltung absagen").click()
    checked(admin)  # the reason is required: the form says so
    event.refresh_from_db()
    assert event.state == Event.State.PUBLISHED
    named(admin, "reason").fill("Der Saal ist gesperrt.")
    admin.get_by_role("button", name="Ja, Veranstaltung absagen").click()
    checked(admin)
    event.refresh_from_db()
    assert event.state == Event.State.CANCELLED


def test_the_english_pages_load(new_page, cast):
    event = factories_event(cast)
    page = new_page()
    page.goto("/")
    switch_language(page, "en")
    log_in(page, cast["admin"].email)
    for url in (event.get_absolute_url(), "/veranstaltungen/neu/", "/veranstaltungen/meine/"):
        page.goto(url)
        checked(page, "en")
    page.goto("/veranstaltungen/neu/")
    assert ui("Veranstaltung anlegen", "en") == "Create an event"
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an event")
    expect(page.locator("main")).to_contain_text("2. When?")
    page.goto(event.get_absolute_url())
    expect(page.locator("main")).to_contain_text("every week, 3 dates in all")
    expect(page.locator("main")).to_contain_text("10 of 10 places left")


def factories_event(cast):
    from tests.events.factories import EventFactory

    return EventFactory(organisation=cast["org"], title=TITLE, recurrence="FREQ=WEEKLY;COUNT=3")
