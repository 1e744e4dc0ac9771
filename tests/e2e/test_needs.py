"""A need matched to a promise, in Chromium, in German and English, at 1280 and 360 px.

An initiative posts a need with the real form, a moderator publishes it, the matching
proposes the fitting promise at once (with its reasons in words), and the initiative applies
for it in one click. Every page on the way is checked by axe-core.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from handschlag.needs.models import Need, Proposal
from handschlag.organisations.models import Membership, Organisation
from handschlag.promises.models import Category, Redemption
from tests import factories
from tests.e2e.conftest import assert_accessible, log_in, switch_language, ui

TITLE = "5 Laptops für ein Bewerbungstraining"
WIDTHS = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
# the button's msgid, with the promise's title for screen readers
ONE_CLICK = 'Mit einem Klick bewerben<span class="visually-hidden">: %(title)s</span>'


@pytest.fixture
def cast(db):
    stralsund = factories.MunicipalityFactory(
        name="Stralsund", slug="stralsund", ags="13073088", latitude=54.3091, longitude=13.0818
    )
    initiative = factories.OrganisationFactory(
        name="Stralsund hilft e. V.", kind=Organisation.Kind.INITIATIVE, municipality=stralsund
    )
    company = factories.OrganisationFactory(
        name="Hanse Bau Stralsund", kind=Organisation.Kind.COMPANY, municipality=stralsund
    )
    member = factories.MembershipFactory(
        organisation=initiative, role=Membership.Role.ADMIN, user__email="initiative@example.org"
    ).user
    promiser = factories.MembershipFactory(
        organisation=company, role=Membership.Role.ADMIN, user__email="firma@example.org"
    ).user
    promise = factories.PromiseFactory(
        title="Acht Laptops aus unserer Büroerneuerung", owner=promiser, organisation=company,
        municipality=stralsund, category=Category.EQUIPMENT, quantity=8, unit="Laptops",
        eligibility="organisations",
    )  # fmt: skip
    factories.PromiseFactory(title="Zwölf Fahrräder", municipality=stralsund, category="mobility")
    moderator = factories.ModeratorFactory(email="moderation@example.org")
    return {"member": member, "moderator": moderator, "promise": promise, "org": initiative}


def narrow(page: Page) -> bool:
    return bool(page.viewport_size and page.viewport_size["width"] < 600)


def arrive(page: Page, email: str, language: str) -> None:
    page.goto("/")
    if language != "de":
        if narrow(page):  # the language switcher is behind "Menü" on a phone
            page.get_by_role("button", name=ui("Menü", "de")).click()
        switch_language(page, language)
    log_in(page, email)
    expect(page.locator("html")).to_have_attribute("lang", language)


def checked(page: Page, language: str) -> Page:
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    return page


def open_needs_from_the_menu(page: Page, language: str) -> None:
    if narrow(page):
        page.get_by_role("button", name=ui("Menü", language)).click()
    nav = page.get_by_role("navigation", name=ui("Hauptnavigation", language))
    nav.get_by_role("link", name=ui("Bedarfe", language), exact=True).click()


def field(page: Page, label: str, language: str):
    name = re.escape(ui(label, language))
    return page.get_by_label(re.compile(rf"^\s*{name}(\s*\*)?\s*$", re.IGNORECASE))


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", ["de", "en"])
def test_a_need_is_posted_published_matched_and_applied_for_in_one_click(
    new_page, cast, language, width
):
    t = lambda text: ui(text, language)  # noqa: E731
    viewport = WIDTHS[width]

    # 1. The initiative posts its need with the real form.
    initiative = new_page(viewport=viewport)
    arrive(initiative, cast["member"].email, language)
    open_needs_from_the_menu(initiative, language)
    checked(initiative, language)
    expect(initiative.get_by_role("heading", level=1)).to_have_text(t("Bedarfe"))
    initiative.get_by_role("link", name=t("Bedarf melden")).first.click()
    checked(initiative, language)
    field(initiative, "Was suchen Sie?", language).fill(TITLE)
    field(initiative, "Wofür brauchen Sie es?", language).fill(
        "Jeden Dienstag schreiben wir mit Geflüchteten Bewerbungen."
    )
    field(initiative, "Kategorie", language).select_option(label=t("Ausstattung & Sachspenden"))
    field(initiative, "Wie viel?", language).fill("5")
    field(initiative, "Einheit (Mehrzahl)", language).fill("Laptops")
    field(initiative, "Ort", language).fill("Stralsund")
    needed_by = timezone.localdate() + datetime.timedelta(days=40)
    field(initiative, "gebraucht bis", language).fill(needed_by.isoformat())
    initiative.get_by_role("button", name=t("Zur Prüfung einreichen")).click()
    checked(initiative, language)
    expect(initiative.get_by_role("heading", level=1)).to_have_text(TITLE)
    need = Need.objects.get(title=TITLE)
    assert need.state == Need.State.PENDING and need.organisation == cast["org"]
    assert (need.quantity, need.municipality.name, need.needed_by) == (5, "Stralsund", needed_by)

    # 2. A moderator publishes it from the queue; the matching runs at once.
    moderator = new_page(viewport=viewport)
    arrive(moderator, cast["moderator"].email, language)
    moderator.goto("/moderation/?queue=needs")
    checked(moderator, language)
    moderator.get_by_role("link", name=TITLE).click()
    checked(moderator, language)
    moderator.get_by_role("button", name=t("Veröffentlichen")).click()
    checked(moderator, language)
    need.refresh_from_db()
    assert need.state == Need.State.PUBLISHED
    proposal = Proposal.objects.get(need=need)
    assert proposal.promise == cast["promise"] and proposal.state == Proposal.State.PROPOSED

    # 3. The initiative sees the proposal with its reasons and applies in one click.
    initiative.goto(need.get_absolute_url())
    checked(initiative, language)
    expect(initiative.get_by_text(cast["promise"].title).first).to_be_visible()
    expect(initiative.get_by_text(t("gleiche Kategorie"), exact=False).first).to_be_visible()
    initiative.get_by_role("button", name=re.compile(re.escape(t(ONE_CLICK).split("<")[0]))).click()
    checked(initiative, language)
    redemption = Redemption.objects.get()
    assert redemption.promise == cast["promise"] and redemption.organisation == cast["org"]
    assert redemption.quantity == 5 and TITLE in redemption.plan
    assert initiative.url.endswith(redemption.get_absolute_url())
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.APPLIED
