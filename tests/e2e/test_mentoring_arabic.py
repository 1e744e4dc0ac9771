"""Mentoring in a newcomer language (issue #10: the browser test "in one newcomer language"):
Amal, on a 360 px phone and in Arabic, finds her town's site, registers herself on the short
form — no account, no email — and writes in Arabic; later she answers "Wie läuft es?" through
her personal link, which opens in Arabic even in a browser set to German, and tells the
coordination about a problem in her own words. Every page reads right to left, fits the
screen and is axe-clean; every answer is asserted where it arrives, in the database.

UI strings are looked up through the catalogue (`ui`), so the test reads the Arabic interface
as far as the catalogue has it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from handschlag.mentoring import access, checkins
from handschlag.mentoring.joining import approve_profile
from handschlag.mentoring.models import CheckIn, Mentee, ProblemReport, TandemKind
from tests import factories as base
from tests.e2e.conftest import assert_accessible, ui
from tests.e2e.test_languages import choose
from tests.e2e.test_layout import assert_fits_width
from tests.mentoring import factories

PHONE = {"width": 360, "height": 740}
WISHES = "أريد أن أتعلّم الألمانية وأن أتعرّف على المدينة."
PROBLEM = "لم نلتقِ منذ شهر، وشريكتي لا تردّ على الهاتف."


@pytest.fixture
def world(live_server):
    town = base.MunicipalityFactory(name="Sonneberg", slug="sonneberg", ags="16072018")
    site = factories.SiteFactory(
        name="Patenschaften Sonneberg", slug="patenschaften-sonneberg", municipality=town
    )
    coordinator = factories.coordinator(access.SITE_COORDINATOR, site, first_name="Aylin")
    return {"site": site, "coordinator": coordinator}


def arabic(page: Page) -> None:
    """The page has loaded right to left in Arabic, fits the phone and axe finds nothing."""
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_fits_width(page)
    assert_accessible(page)


def test_a_newcomer_registers_and_answers_the_check_in_in_arabic(new_page, world) -> None:
    site = world["site"]

    # 1. On her phone, in Arabic, she finds the site and the short form.
    phone = new_page(viewport=PHONE)
    phone.goto(reverse("mentoring:index"))
    choose(phone, "العربية")
    arabic(phone)
    phone.goto(reverse("mentoring:site_info", args=[site.slug]))
    arabic(phone)
    phone.get_by_role("link", name=ui("Begleitung suchen", "ar"), exact=True).click()
    arabic(phone)
    expect(phone.locator("h1")).to_have_text(ui("Ich suche eine Begleitung", "ar"))
    # written to in the language she reads this page in; her town is already filled in
    expect(phone.locator("#id_language")).to_have_value("ar")

    # 2. She fills it in, partly in Arabic, and sends it.
    phone.get_by_label(ui("Ihr Vorname", "ar")).fill("أمل")
    phone.locator("select[name=lang_0]").select_option("ar")
    phone.locator("select[name=level_0]").select_option("native")
    phone.locator("select[name=lang_1]").select_option("de")
    phone.locator("select[name=level_1]").select_option("basic")
    phone.locator(f"input[name=kinds][value={TandemKind.LANGUAGE}]").check()
    phone.locator("input[name=days][value=tue]").check()
    phone.locator("input[name=parts][value=afternoon]").check()
    phone.get_by_label(ui("Ihre Telefonnummer", "ar")).fill("0170 1234567")
    phone.get_by_label(ui("Möchten Sie uns noch etwas sagen?", "ar")).fill(WISHES)
    phone.get_by_label(ui("Ich bin einverstanden.", "ar")).check()
    phone.get_by_role("button", name=ui("Anmeldung senden", "ar")).click()
    arabic(phone)
    assert phone.url.endswith(reverse("mentoring:mentee_registered", args=[site.slug]))
    amal = Mentee.objects.get(site=site)
    assert (amal.first_name, amal.source, amal.state) == (
        "أمل",
        Mentee.Source.SELF,
        Mentee.State.SUBMITTED,
    )
    assert (amal.user, amal.email, amal.phone, amal.language) == (None, "", "0170 1234567", "ar")
    assert amal.wishes == WISHES and amal.kinds == [TandemKind.LANGUAGE]
    assert amal.languages == [{"code": "ar", "level": "native"}, {"code": "de", "level": "basic"}]
    assert amal.availability == ["tue-afternoon"]
    assert amal.municipality == site.municipality and amal.consent_given_at is not None

    # 3. The coordination approves her and she gets a tandem (services; their pages are
    # tested in German and English in test_mentoring_journey.py).
    approve_profile(profile=amal, by=world["coordinator"])
    mentor = factories.MentorFactory(site=site, free_places=0)
    tandem = factories.TandemFactory(site=site, mentor=mentor, mentee=amal)

    # 4. Her check-in link opens in Arabic even in a browser that speaks German.
    other_phone = new_page(viewport=PHONE)  # no language cookie: the browser asks for German
    other_phone.goto(checkins.link(tandem, "mentee"))
    arabic(other_phone)
    other_phone.get_by_role("button", name=ui("gut", "ar")).click()
    arabic(other_phone)
    expect(other_phone.get_by_role("heading", level=1)).to_have_text(ui("Danke!", "ar"))
    answer = CheckIn.objects.get(tandem=tandem)
    assert (answer.side, answer.mood) == ("mentee", "good")

    # 5. She tells the coordination, in Arabic, that something is wrong: only they get it.
    other_phone.get_by_label(ui("Was ist los?", "ar")).fill(PROBLEM)
    other_phone.get_by_role("button", name=ui("An die Koordination senden", "ar")).click()
    arabic(other_phone)
    problem = ProblemReport.objects.get(tandem=tandem)
    assert (problem.side, problem.text, problem.reported_by) == ("mentee", PROBLEM, None)
