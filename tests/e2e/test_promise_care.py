"""Issue #8, points 6 and 9 in Chromium, in German and English, at 1280 and 360 px: what waits
comes first, destructive actions come last and ask first (with their consequences), a sole
admin is not offered to leave, a new person is shown how to begin, and a town's page gathers
its promises. axe-core checks every page on the way."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from handschlag.organisations.models import Membership, Organisation
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.e2e.conftest import assert_accessible, log_in, switch_language, ui

WIDTHS = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}


def plural(singular: str, many: str, n: int, language: str) -> str:
    with translation.override(language):
        return translation.ngettext(singular, many, n)


@pytest.fixture
def company(db):
    torgau = factories.MunicipalityFactory(name="Torgau", slug="torgau", ags="14730300")
    firm = factories.OrganisationFactory(
        name="Elbwerft Torgau", kind=Organisation.Kind.COMPANY, municipality=torgau
    )
    admin = factories.MembershipFactory(
        organisation=firm, role=Membership.Role.ADMIN, user__email="firma@example.org"
    ).user
    promise = factories.PromiseFactory(
        title="Zwei Praktikumsplätze in der Werft", owner=admin, organisation=firm,
        municipality=torgau, capacity=2,
    )  # fmt: skip
    for name in ("Elbe hilft e. V.", "Torgauer Tafel"):
        factories.RedemptionFactory(
            promise=promise, organisation=factories.OrganisationFactory(name=name)
        )
    return {"admin": admin, "promise": promise, "firm": firm, "town": torgau}


def arrive(page: Page, email: str, language: str) -> None:
    log_in(page, email)
    if language != "de":
        page.goto("/")
        if page.viewport_size and page.viewport_size["width"] < 600:
            page.get_by_role("button", name=ui("Menü", "de")).click()
        switch_language(page, language)
    expect(page.locator("html")).to_have_attribute("lang", language)


def checked(page: Page, language: str) -> Page:
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    return page


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", ["de", "en"])
def test_what_waits_comes_first_and_withdrawing_asks_first(
    new_page, company, language: str, width: str
) -> None:
    page = new_page(viewport=WIDTHS[width])
    arrive(page, "firma@example.org", language)
    promise = company["promise"]

    page.goto(reverse("promises:mine"))
    checked(page, language)
    waiting = plural(
        "1 neue Bewerbung – bitte entscheiden", "%(n)d neue Bewerbungen – bitte entscheiden", 2,
        language,
    ) % {"n": 2}  # fmt: skip
    to_do = page.locator("section.panel").filter(has_text=waiting)
    expect(to_do).to_be_visible()

    page.goto(promise.get_absolute_url())
    checked(page, language)
    html = page.content()
    withdraw = ui("Zurückziehen …", language)
    # the destructive action comes after the applications it would decline
    assert html.index("Elbe hilft e. V.") < html.index(withdraw)
    page.get_by_role("link", name=withdraw).click()
    checked(page, language)
    consequence = plural(
        "wird die offene Bewerbung abgelehnt. Wer sich beworben hat, bekommt die Nachricht „Das "
        "Versprechen wurde zurückgezogen.“:",
        "werden alle %(counter)s offenen Bewerbungen abgelehnt. Wer sich beworben hat, bekommt "
        "die Nachricht „Das Versprechen wurde zurückgezogen.“:",
        2, language,
    ) % {"counter": 2}  # fmt: skip
    assert consequence.split(".")[0] in page.content()
    page.get_by_role("link", name=ui("Abbrechen", language)).click()
    promise.refresh_from_db()
    assert promise.state == Promise.State.PUBLISHED  # cancelling changed nothing

    page.goto(reverse("promises:withdraw", args=[promise.pk]))
    page.get_by_role("button", name=ui("Ja, Versprechen zurückziehen", language)).click()
    checked(page, language)
    promise.refresh_from_db()
    assert promise.state == Promise.State.WITHDRAWN
    assert set(promise.redemptions.values_list("state", flat=True)) == {Redemption.State.DECLINED}


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", ["de", "en"])
def test_a_newcomer_is_shown_how_to_begin_and_a_sole_admin_cannot_leave(
    new_page, company, language: str, width: str
) -> None:
    factories.UserFactory(email="neu@example.org")
    page = new_page(viewport=WIDTHS[width])
    arrive(page, "neu@example.org", language)
    page.goto(reverse("promises:mine"))
    checked(page, language)
    checklist = page.get_by_role("heading", name=ui("So beginnen Sie", language))
    expect(checklist).to_be_visible()
    expect(page.get_by_role("link", name=ui("legen Sie sie an", language))).to_be_visible()

    admin_page = new_page(viewport=WIDTHS[width])
    arrive(admin_page, "firma@example.org", language)
    admin_page.goto(reverse("organisations:leave", args=[company["firm"].slug]))
    checked(admin_page, language)
    expect(
        admin_page.get_by_role("button", name=ui("Ja, Organisation verlassen", language))
    ).to_have_count(0)
    admin_page.get_by_role("link", name=ui("Mitglieder verwalten", language)).click()
    checked(admin_page, language)
    assert Membership.objects.filter(user=company["admin"], organisation=company["firm"]).exists()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_town_page_gathers_its_promises(new_page, company, width: str) -> None:
    page = new_page(viewport=WIDTHS[width])
    page.goto(reverse("municipality", args=["torgau"]))
    checked(page, "de")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Torgau")
    expect(page.get_by_role("link", name=company["promise"].title)).to_be_visible()
    overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
