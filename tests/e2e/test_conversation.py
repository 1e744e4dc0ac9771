"""After acceptance the two sides talk in Chromium: messages without a reload (htmx), the
unread badge, the mutual release of contact details, and „So geht es weiter“ with its dates;
in German and English, the company at 1280 px and the initiative at 360 px, axe-checked.

`exchange_messages()` and `exchange_contacts()` are the steps, for the main journey test too.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import Page, expect

from handschlag.conversations.models import ContactRelease, Message
from handschlag.organisations.models import Membership, Organisation
from handschlag.promises import services as promise_services
from handschlag.promises.models import Redemption
from handschlag.promises.redemption_steps import report_due
from tests import factories
from tests.e2e.conftest import assert_accessible, log_in, switch_language, ui

PHONE = {"viewport": {"width": 360, "height": 740}}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def fits_width(page: Page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def open_as(new_page: Callable[..., Page], email: str, language: str, **options) -> Page:
    page = new_page(**options)
    page.goto("/")
    if language != "de":
        toggle = page.locator(".menu-toggle")
        if toggle.is_visible():  # on a phone the language choice sits in the folded menu
            toggle.click()
        switch_language(page, language)
    log_in(page, email)
    return page


def send_message(page: Page, text: str, language: str) -> None:
    """Write in the thread; htmx swaps the thread in place (the page is not reloaded)."""
    page.evaluate("() => { window.__notReloaded = true; }")
    page.locator("#gespraech textarea[name=text]").fill(text)
    page.locator("#gespraech").get_by_role("button", name=ui("Nachricht senden", language)).click()
    expect(page.locator("#gespraech .message-item").filter(has_text=text)).to_be_visible()
    assert page.evaluate("() => window.__notReloaded === true"), "the page was reloaded"
    expect(page.locator("#gespraech textarea[name=text]")).to_have_value("")
    expect(page.locator("#gespraech textarea[name=text]")).to_be_focused()  # keyboard stays


def exchange_messages(promiser: Page, redeemer: Page, url: str, language: str) -> None:
    """The redeemer writes first, the promiser sees it as new and answers."""
    redeemer.goto(url)
    send_message(redeemer, "Guten Tag! Wann können wir die Tablets abholen?", language)
    assert_accessible(redeemer)
    promiser.goto(url)
    thread = promiser.locator("#gespraech")
    expect(thread.get_by_text("Wann können wir die Tablets abholen?")).to_be_visible()
    expect(thread.locator(".message-unread")).to_have_count(1)
    assert_accessible(promiser)
    send_message(promiser, "Am Montag ab 9 Uhr bei uns im Lager.", language)
    redeemer.reload()
    expect(redeemer.locator("#gespraech").get_by_text("Am Montag ab 9 Uhr")).to_be_visible()


def release_contact(page: Page, language: str, *, email: str = "", phone: str = "") -> None:
    box = page.locator("#kontakt")
    box.locator("summary").click()
    if email:
        box.locator("input[name=email]").fill(email)
    if phone:
        box.locator("input[name=phone]").fill(phone)
    box.locator("input[name=consent]").check()
    box.get_by_role("button", name=ui("Kontaktdaten freigeben", language)).click()
    expect(
        page.locator("#kontakt").get_by_role("button", name=ui("Freigabe zurücknehmen", language))
    ).to_be_visible()


def exchange_contacts(promiser: Page, redeemer: Page, language: str) -> None:
    """Both release; each sees the other's details only once both have."""
    release_contact(redeemer, language, email="anna@initiative.example")
    promiser.reload()
    expect(promiser.locator("#kontakt")).not_to_contain_text("anna@initiative.example")
    release_contact(promiser, language, phone="03675 123456")
    expect(promiser.locator("#kontakt")).to_contain_text("anna@initiative.example")
    assert_accessible(promiser)
    redeemer.reload()
    expect(redeemer.locator("#kontakt")).to_contain_text("03675 123456")
    assert_accessible(redeemer)


@pytest.fixture
def accepted(db) -> Redemption:
    company = factories.OrganisationFactory(name="Techwerk GmbH", kind=Organisation.Kind.COMPANY)
    initiative = factories.OrganisationFactory(name="Willkommen e. V.")
    owner = factories.MembershipFactory(
        organisation=company, role=Membership.Role.ADMIN, user__email="firma@example.org",
        user__first_name="Olga", user__last_name="Ostermann",
    ).user  # fmt: skip
    applicant = factories.MembershipFactory(
        organisation=initiative, user__email="initiative@example.org",
        user__first_name="Anna", user__last_name="Arendt",
    ).user  # fmt: skip
    promise = factories.PromiseFactory(
        owner=owner, organisation=company, title="Zehn Tablets für die Willkommensklasse"
    )
    redemption = factories.RedemptionFactory(
        promise=promise, applicant=applicant, organisation=initiative
    )
    promise_services.accept_application(redemption=redemption, by=owner)
    return redemption


@pytest.mark.parametrize("language", ["de", "en"])
def test_after_acceptance_both_sides_talk_and_exchange_contacts(
    new_page: Callable[..., Page], accepted: Redemption, language: str
) -> None:
    url = accepted.get_absolute_url()
    promiser = open_as(new_page, "firma@example.org", language, **DESKTOP)
    redeemer = open_as(new_page, "initiative@example.org", language, **PHONE)

    redeemer.goto(url)
    expect(redeemer.locator("html")).to_have_attribute("lang", language)
    road = redeemer.get_by_role("region", name=ui("So geht es weiter", language))
    with translation.override(language):
        due = formats.date_format(report_due(accepted), "DATE_FORMAT")
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    expect(road).to_contain_text(due)
    expect(road).to_contain_text(today)
    assert_accessible(redeemer)

    exchange_messages(promiser, redeemer, url, language)
    exchange_contacts(promiser, redeemer, language)
    assert fits_width(redeemer) and fits_width(promiser)

    assert Message.objects.filter(conversation__object_id=accepted.pk).count() == 2
    assert ContactRelease.objects.filter(revoked_at__isnull=True).count() == 2


def test_posting_works_without_javascript(browser, live_server, accepted: Redemption) -> None:
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", java_script_enabled=False, **PHONE
    )
    try:
        page = context.new_page()
        log_in(page, "initiative@example.org")
        page.goto(accepted.get_absolute_url())
        page.locator("#gespraech textarea[name=text]").fill("Ganz ohne JavaScript.")
        page.locator("#gespraech").get_by_role("button", name="Nachricht senden").click()
        page.wait_for_load_state()
        expect(page.locator("#gespraech")).to_contain_text("Ganz ohne JavaScript.")
        assert page.url.endswith("#gespraech")
        assert fits_width(page)
    finally:
        context.close()
    assert Message.objects.get().text == "Ganz ohne JavaScript."
