"""Mentoring from the first registration to the dashboard, in Chromium, in German and in
English, each person in their own browser and every page checked by axe-core:

a site's coordinator registers Amal, who has no email address; Hannah, who has an account,
finds the site from the mentoring page and registers as a mentor; the coordinator approves
her; the coordinator starts a matching round from the site page, the round proposes Hannah and
Amal with the reasons in words, the coordinator accepts and confirms; the round page leads to
the new tandem, where the coordinator records that the two have met; Hannah logs a meeting
from "Mein Mentoring"; Amal answers "Wie läuft es?" on a phone through her link, without
login; the site's dashboard, reached from the site page, counts the running tandem.

Labels are looked up through the catalogue (`ui`), so the English run reads the English
interface where the catalogue has it and the German text where it does not yet. The other
browser tests of mentoring go deeper into one part each (test_mentoring_rounds.py: swaps,
leftovers, polling; test_mentoring_tandems.py: problems, surveys, ending)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from handschlag.mentoring import access, checkins, statistics_display
from handschlag.mentoring.explanations import pair_text
from handschlag.mentoring.models import (
    CheckIn,
    MatchingRound,
    Meeting,
    Mentee,
    Mentor,
    Proposal,
    Tandem,
    TandemKind,
)
from tests import factories as base
from tests.e2e.conftest import assert_accessible, log_in, switch_language, ui
from tests.mentoring import factories

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def world(db):
    """A programme with one site in Sonneberg and its coordinator; Hannah has an account but
    no mentoring profile yet."""
    town = base.MunicipalityFactory(name="Sonneberg", slug="sonneberg", ags="16072018")
    programme = factories.ProgrammeFactory(name="Menschen stärken Menschen", slug="msm")
    site = factories.SiteFactory(
        name="Patenschaften Sonneberg",
        slug="patenschaften-sonneberg",
        municipality=town,
        carrier__programme=programme,
    )
    coordinator = factories.coordinator(
        access.SITE_COORDINATOR, site, email="koordination@example.org", first_name="Aylin"
    )
    hannah = base.UserFactory(email="hannah@example.org", first_name="Hannah", last_name="Schulze")
    return {"site": site, "coordinator": coordinator, "hannah": hannah}


def person(new_page, language: str, email: str | None = None, viewport=WIDE) -> Page:
    """A browser of their own, in `language`, logged in when `email` is given."""
    page = new_page(viewport=viewport)
    page.goto("/")
    if language != "de":
        if viewport["width"] < 600:
            page.get_by_role("button", name=ui("Menü", "de")).click()
        switch_language(page, language)
    if email:
        log_in(page, email)
    return page


def checked(page: Page, language: str) -> Page:
    """The page has loaded in `language` and axe finds nothing."""
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    return page


def said(page: Page, text: str) -> None:
    expect(page.locator(".messages")).to_contain_text(text)


def field(page: Page, label: str):
    """The form field labelled exactly `label` (a required one's label ends in " *")."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}( \*)?\s*$"))


def languages(page: Page, rows: list[tuple[str, str]]) -> None:
    for number, (code, level) in enumerate(rows):
        page.locator(f"select[name=lang_{number}]").select_option(code)
        page.locator(f"select[name=level_{number}]").select_option(level)


@pytest.mark.parametrize("language", ["de", "en"])
def test_from_registration_to_the_dashboard(new_page, world, language):
    def t(text: str) -> str:
        return ui(text, language)

    site = world["site"]

    # 1. The coordinator registers Amal, without email, from the site's coordination page.
    coordinator = person(new_page, language, "koordination@example.org")
    coordinator.get_by_role("link", name=t("Mein Mentoring")).first.click()
    checked(coordinator, language)
    coordinator.get_by_role("link", name=t("Zur Koordination")).click()
    checked(coordinator, language)
    coordinator.get_by_role("link", name=site.name).click()
    checked(coordinator, language)
    coordinator.get_by_role("link", name=t("Mentee anmelden")).click()
    checked(coordinator, language)
    field(coordinator, t("Vorname oder Rufname")).fill("Amal")
    coordinator.locator("input[name=age_group][value=adult]").check()
    languages(coordinator, [("ar", "native"), ("de", "basic")])
    coordinator.locator("input[name=availability][value=tue-afternoon]").check()
    coordinator.locator(f"input[name=kinds][value={TandemKind.EVERYDAY}]").check()
    coordinator.locator("main select[name=language]").select_option(language)
    field(coordinator, t("Die Person hat der Einwilligung oben zugestimmt.")).check()
    coordinator.get_by_role("button", name=t("Anmelden"), exact=True).click()
    checked(coordinator, language)
    registered = t("%(name)s ist angemeldet und wartet auf eine Begleitung.")
    said(coordinator, registered % {"name": "Amal"})
    amal = Mentee.objects.get(first_name="Amal")
    assert (amal.state, amal.user, amal.email, amal.site) == ("approved", None, "", site)
    assert amal.consent_given_at is not None and amal.language == language

    # 2. Hannah finds the site from the mentoring page and registers as a mentor.
    hannah = person(new_page, language, "hannah@example.org")
    hannah.goto("/mentoring/")
    checked(hannah, language)
    hannah.get_by_role("link", name=t("Standort finden und anmelden")).click()
    checked(hannah, language)
    register = re.compile(rf"{re.escape(t('Mentor:in werden'))}\s*: {re.escape(site.name)}")
    hannah.get_by_role("link", name=register).click()
    checked(hannah, language)
    languages(hannah, [("de", "native"), ("ar", "good")])
    hannah.locator("input[name=availability][value=tue-afternoon]").check()
    hannah.locator(f"input[name=kinds][value={TandemKind.EVERYDAY}]").check()
    hannah.locator("input[name=capacity][value='1']").check()
    hannah.get_by_role("button", name=t("Profil einreichen")).click()
    checked(hannah, language)
    mentor = Mentor.objects.get(user=world["hannah"])
    assert (mentor.state, mentor.site, mentor.capacity) == ("submitted", site, 1)

    # ... and the coordinator approves her from the to-dos of the site page.
    coordinator.get_by_role("link", name=f"« {site.name}").click()
    checked(coordinator, language)
    coordinator.get_by_role("region", name=t("Zu tun")).get_by_role(
        "link", name="Hannah Schulze"
    ).click()
    checked(coordinator, language)
    coordinator.get_by_role("button", name=t("Freigeben")).click()
    checked(coordinator, language)
    mentor.refresh_from_db()
    assert mentor.state == "approved" and mentor.free_places == 1

    # 3. The coordinator runs a round from the site page: it proposes Hannah and Amal, with
    # the reasons in words.
    coordinator.get_by_role("link", name=f"« {site.name}").click()
    checked(coordinator, language)
    coordinator.get_by_role("button", name=t("Neue Runde für diesen Standort starten")).click()
    expect(coordinator.get_by_role("heading", name=t("Überblick"))).to_be_visible()
    checked(coordinator, language)
    matching_round = MatchingRound.objects.get(site=site)
    proposal = Proposal.objects.get(round=matching_round)
    assert (proposal.mentor, proposal.mentee) == (mentor, amal)
    with translation.override(language):
        reasons = pair_text(proposal.reasons, partner="Amal")
    row = coordinator.locator(f"#p{proposal.pk}")
    expect(row).to_contain_text(reasons)
    if language == "de":
        expect(row).to_contain_text("spricht Arabisch und Deutsch wie Amal")
        expect(row).to_contain_text("beide dienstags nachmittags")
    row.locator("form[action*='/annehmen/'] button").click()
    checked(coordinator, language)
    coordinator.get_by_role("link", name=t("Runde bestätigen …")).click()
    checked(coordinator, language)
    coordinator.get_by_role(
        "button", name=t("Bestätigen: Tandems anlegen und benachrichtigen")
    ).click()
    checked(coordinator, language)
    # Amal has neither email nor account: the page asks to tell her in person
    in_person = coordinator.get_by_role("heading", name=t("Bitte persönlich Bescheid sagen"))
    expect(in_person).to_be_visible()
    tandem = Tandem.objects.get(round=matching_round)
    assert (tandem.mentor, tandem.mentee, tandem.state) == (mentor, amal, "proposed")

    # 4. From the round to the tandem: the two have met.
    tandem_link = t("Tandem Nr. %(number)s") % {"number": tandem.pk}
    coordinator.locator(f"#p{proposal.pk}").get_by_role("link", name=tandem_link).click()
    checked(coordinator, language)
    coordinator.get_by_role("link", name=t("Das Kennenlernen hat stattgefunden")).click()
    checked(coordinator, language)
    coordinator.get_by_role("button", name=t("Tandem beginnen")).click()
    checked(coordinator, language)
    tandem.refresh_from_db()
    assert tandem.state == "active" and tandem.started_on == timezone.localdate()

    # 5. Hannah logs a meeting, starting from "Mein Mentoring".
    hannah.get_by_role("link", name=t("Mein Mentoring")).first.click()
    checked(hannah, language)
    expect(hannah.get_by_role("region", name=t("Meine Tandems"))).to_contain_text("Amal")
    hannah.get_by_role("link", name=t("Tandem mit %(name)s") % {"name": "Amal"}, exact=True).click()
    checked(hannah, language)
    hannah.get_by_role("link", name=t("Treffen eintragen")).click()
    checked(hannah, language)
    field(hannah, t("Datum")).fill(timezone.localdate().isoformat())
    hannah.get_by_label(t("gemeinsame Unternehmung")).check()
    hannah.get_by_role("button", name=t("Treffen eintragen")).click()
    checked(hannah, language)
    expect(hannah.locator("main table")).to_contain_text(t("gemeinsame Unternehmung"))
    meeting = Meeting.objects.get(tandem=tandem)
    assert (meeting.kind, meeting.date) == ("activity", timezone.localdate())

    # 6. Amal answers "Wie läuft es?" on her phone through the link, without login.
    phone = new_page(viewport=PHONE)
    phone.goto(checkins.link(tandem, "mentee"))
    checked(phone, language)
    phone.get_by_role("button", name=t("gut")).click()
    checked(phone, language)
    expect(phone.get_by_role("heading", level=1)).to_have_text(t("Danke!"))
    answer = CheckIn.objects.get(tandem=tandem)
    assert (answer.side, answer.mood) == ("mentee", "good")

    # 7. The site page lists the tandem; its dashboard counts it.
    coordinator.get_by_role("link", name=f"« {site.name}").click()
    checked(coordinator, language)
    running = coordinator.get_by_role(
        "region", name=t("Offene Tandems (vorgeschlagen, laufend, pausiert)")
    )
    expect(running).to_contain_text("Amal")
    coordinator.get_by_role("link", name=t("Zahlen des Standorts")).first.click()
    checked(coordinator, language)
    figure = coordinator.locator(".key-figure").filter(has_text=t("laufen derzeit"))
    with translation.override(language):
        one = statistics_display.tandems(1)
    expect(figure).to_contain_text(one)
