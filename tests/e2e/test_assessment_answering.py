"""A self-assessment round in Chromium, in German and in English, each person in their own
browser and every page checked by axe-core (and its headings):

the town's admin finds "Standortbestimmung" on the organisation's page, starts a round, adds a
respondent group and hands an area to a colleague; the colleague finds the round, answers the
area's questions — each saved as it changes (htmx), with a "gespeichert" line — and adds a
note; the admin sees the progress on the overview. The colleague's page works on a phone too.

Labels are looked up through the catalogue (`ui`), so the English run reads the English
interface where the catalogue has it and the German text where it does not yet.

Screenshots of the pages (1280 and 360 px wide) land in $ANSWERING_SHOTS when it is set."""

from __future__ import annotations

import os
import re
from itertools import pairwise
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from handschlag.assessment import answering, answering_delegations
from handschlag.assessment.models import (
    Answer,
    Area,
    Assessment,
    Framework,
    Indicator,
    Option,
    Question,
)
from tests import factories as base
from tests.e2e.conftest import assert_accessible, log_in, switch_language, ui

pytestmark = pytest.mark.django_db(transaction=True)

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
SHOTS = os.environ.get("ANSWERING_SHOTS", "")


def texts(de: str, en: str) -> dict[str, str]:
    return {"de": de, "en": en}


def framework() -> Framework:
    """Two areas of a framework written for this test, with every kind of input."""
    fw = Framework.objects.create(
        key="weltoffen", version=1, published=True,
        title=texts("Weltoffene Kommune (Test)", "Open municipality (test)"),
    )  # fmt: skip
    steering = Area.objects.create(
        framework=fw, key="steuerung", position=0,
        title=texts("Steuerung und Verwaltung", "Management and steering"),
    )  # fmt: skip
    Area.objects.create(
        framework=fw, key="begegnung", position=1,
        title=texts("Zusammenhalt und Begegnung", "Cohesion and encounter"),
    )  # fmt: skip
    strategy = Indicator.objects.create(
        area=steering, key="strategie", title=texts("Strategie", "Strategy")
    )
    staff = Indicator.objects.create(
        area=steering, key="personal", position=1, title=texts("Personal", "Staff")
    )
    concept = Question.objects.create(
        indicator=strategy, key="konzept", kind=Question.Kind.YES_PARTLY_NO,
        text=texts(
            "Hat der Rat ein Integrationskonzept beschlossen?",
            "Has the council adopted an integration strategy?",
        ),
        help=texts(
            "Gemeint ist ein schriftliches Konzept mit Zielen und Zuständigkeiten.",
            "A written strategy with goals and responsibilities.",
        ),
    )  # fmt: skip
    for position, (key, de, en, points) in enumerate(
        (("yes", "ja", "yes", 100), ("partly", "teilweise", "partly", 50), ("no", "nein", "no", 0))
    ):
        Option.objects.create(
            question=concept, key=key, label=texts(de, en), points=points, position=position
        )
    Question.objects.create(
        indicator=staff, key="stellen", kind=Question.Kind.NUMBER, position=0,
        text=texts(
            "Wie viele Stellen arbeiten für Integration?", "How many posts work on integration?"
        ),
        number_bands=[[0, 0], [1, 50], [3, 100]], number_unit=texts("Stellen", "posts"),
        allows_not_applicable=True,
    )  # fmt: skip
    Question.objects.create(
        indicator=staff, key="beispiel", kind=Question.Kind.TEXT, position=1,
        text=texts("Was hat zuletzt gut funktioniert?", "What worked well recently?"),
    )  # fmt: skip
    return fw


@pytest.fixture
def world(db):
    town = base.MunicipalityFactory(name="Sonneberg", slug="sonneberg", ags="16072018")
    office = base.OrganisationFactory(
        name="Stadt Sonneberg – Integration", slug="stadt-sonneberg", kind="municipality",
        is_verified=True, municipality=town,
    )  # fmt: skip
    admin = base.UserFactory(email="aylin@example.org", first_name="Aylin", last_name="Demir")
    colleague = base.UserFactory(email="jonas@example.org", first_name="Jonas", last_name="Berg")
    base.MembershipFactory(organisation=office, user=admin, role="admin")
    base.MembershipFactory(organisation=office, user=colleague, role="member")
    return {"framework": framework(), "office": office, "admin": admin, "colleague": colleague}


def person(new_page, language: str, email: str, viewport=WIDE) -> Page:
    page = new_page(viewport=viewport)
    page.goto("/")
    if language != "de":
        if viewport["width"] < 600:
            page.get_by_role("button", name=ui("Menü", "de")).click()
        switch_language(page, language)
    log_in(page, email)
    return page


def checked(page: Page, language: str, shot: str = "") -> Page:
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    levels = page.evaluate(
        "() => [...document.querySelectorAll('main h1, main h2, main h3, main h4')]"
        ".map(h => Number(h.tagName[1]))"
    )
    assert levels[:1] == [1] and levels.count(1) == 1, f"{page.url}: headings {levels}"
    assert all(b <= a + 1 for a, b in pairwise(levels)), f"{page.url}: {levels}"
    if SHOTS and shot:
        width = page.viewport_size["width"] if page.viewport_size else 0
        folder = Path(SHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{shot}-{language}-{width}.png"), full_page=True)
    return page


def saved(page: Page, question: Question, language: str) -> None:
    expect(page.locator(f"#saved-{question.pk}")).to_contain_text(ui("Gespeichert", language))


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_round_from_the_start_to_the_progress(new_page, world, language):
    def t(text: str) -> str:
        return ui(text, language)

    office = world["office"]

    # 1. The admin starts a round from the organisation's page.
    admin = person(new_page, language, "aylin@example.org")
    admin.goto(office.get_absolute_url())
    checked(admin, language, "organisation")
    admin.get_by_role("link", name=t("Standortbestimmung beginnen")).click()
    checked(admin, language, "start")
    admin.get_by_role("button", name=t("Runde beginnen")).click()
    checked(admin, language)
    assessment = Assessment.objects.get(organisation=office)
    assert assessment.framework == world["framework"] and assessment.is_open
    expect(admin.locator("h1")).to_contain_text(assessment.title)

    # 2. ... adds a group ...
    admin.get_by_role("link", name=t("Gruppe hinzufügen")).click()
    checked(admin, language, "group")
    admin.locator("main input[name=name]").fill("Migrantenorganisationen")
    admin.locator("main select[name=kind]").select_option("migrant_organisations")
    admin.get_by_role("button", name=t("Gruppe anlegen")).click()
    checked(admin, language)
    assert assessment.groups.count() == 2
    expect(admin.locator("table.sections thead")).to_contain_text("Migrantenorganisationen")

    # 3. ... and hands the first area, for the administration, to Jonas.
    admin.get_by_role("link", name=t("Handlungsfelder übertragen")).first.click()
    checked(admin, language, "delegate")
    steering = assessment.framework.areas.get(key="steuerung")
    verwaltung = assessment.groups.get(kind="administration")
    admin.locator("main select[name=group]").select_option(str(verwaltung.pk))
    admin.locator(f"main input[name=areas][value='{steering.pk}']").check()
    admin.locator("main select[name=colleague]").select_option(str(world["colleague"].pk))
    admin.get_by_role("button", name=t("Übertragen"), exact=True).click()
    checked(admin, language, "overview-delegated")
    expect(admin.locator("table.sections")).to_contain_text("Jonas Berg")

    # 4. Jonas finds the round and answers; each answer is saved as it changes.
    jonas = person(new_page, language, "jonas@example.org")
    jonas.goto("/standortbestimmung/")
    checked(jonas, language, "index")
    jonas.get_by_role("link", name=assessment.title).first.click()
    checked(jonas, language)
    jonas.get_by_role("region", name=t("Ihre Abschnitte")).get_by_role(
        "link", name=t("Beantworten")
    ).click()
    checked(jonas, language, "section-empty")
    concept = Question.objects.get(key="konzept")
    posts = Question.objects.get(key="stellen")
    example = Question.objects.get(key="beispiel")
    jonas.locator(f"#frage-{concept.pk}").get_by_label(
        "teilweise" if language == "de" else "partly"
    ).check()
    saved(jonas, concept, language)
    jonas.locator(f"input[name=q{posts.pk}-value]").fill("2")
    saved(jonas, posts, language)
    jonas.locator(f"textarea[name=q{example.pk}-value]").fill("Ein Begegnungsfest mit 300 Gästen")
    saved(jonas, example, language)
    question_box = jonas.locator(f"#frage-{concept.pk}")
    question_box.locator("summary").click()
    question_box.locator(f"textarea[name=q{concept.pk}-note]").fill("Ratsbeschluss 2024")
    question_box.locator(f"textarea[name=q{concept.pk}-note]").blur()
    expect(jonas.locator("#section-progress")).to_contain_text("3")
    question_box.locator(f"input[name=q{concept.pk}-evidence]").set_input_files(
        files=[{"name": "Ratsbeschluss.pdf", "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4 Ratsbeschluss"}]
    )  # fmt: skip
    file_link = question_box.get_by_role("link", name="ratsbeschluss.pdf")
    expect(file_link).to_be_visible()
    assert jonas.request.get(file_link.get_attribute("href") or "").body() == (
        b"%PDF-1.4 Ratsbeschluss"
    )
    checked(jonas, language, "section-answered")
    answers = {a.question.key: a for a in Answer.objects.select_related("question", "option")}
    assert answers["konzept"].option.key == "partly"
    expect(jonas.locator(f"#saved-{concept.pk}")).to_contain_text(t("Gespeichert"))
    answers["konzept"].refresh_from_db()
    assert answers["konzept"].note == "Ratsbeschluss 2024"
    assert answers["konzept"].evidence.name.endswith("/ratsbeschluss.pdf")
    assert str(answers["stellen"].number) == "2.00"
    assert answers["beispiel"].text == "Ein Begegnungsfest mit 300 Gästen"
    assert {a.answered_by for a in answers.values()} == {world["colleague"]}

    # 5. The admin sees the progress.
    admin.reload()
    checked(admin, language, "overview-progress")
    row = admin.locator("table.sections tbody tr").first
    expect(row).to_contain_text(re.compile(r"3\D+3"))

    # 6. The same section on a phone.
    phone = person(new_page, language, "jonas@example.org", viewport=PHONE)
    phone.goto(jonas.url)
    checked(phone, language, "section-phone")
    phone.goto(assessment.get_absolute_url())
    checked(phone, language, "overview-phone")
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide on a 360 px phone"


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_answering_page_passes_axe(new_page, world, language, monkeypatch):
    """The pages the journey does not pass: forms sent back with errors, taking a delegation
    back, closing, sharing, a closed round read-only, reopening, the invitation link in its
    states, the rounds page of someone without a town."""

    def t(text: str) -> str:
        return ui(text, language)

    stored: list[int] = []  # the results part stores the scores; here it is only recorded
    monkeypatch.setattr(answering.scores, "store_scores", lambda a: stored.append(a.pk))
    admin_user, office = world["admin"], world["office"]
    assessment = answering.start_assessment(organisation=office, by=admin_user)
    administration = assessment.groups.get()
    steering = assessment.framework.areas.get(key="steuerung")
    delegation = answering_delegations.delegate_to_colleague(
        assessment=assessment, by=admin_user, group=administration, areas=[steering],
        user=world["colleague"],
    )  # fmt: skip
    _, token = answering_delegations.invite_partner(
        assessment=assessment, by=admin_user, group=administration, areas=[steering],
        email="verein@example.org", language=language,
    )  # fmt: skip
    section = reverse("assessment:answer", args=[assessment.pk, administration.pk, steering.pk])

    admin = person(new_page, language, "aylin@example.org")
    for name in ("assessment:add_group", "assessment:delegate"):
        admin.goto(reverse(name, args=[assessment.pk]))
        checked(admin, language)
        admin.locator("main form[method=post] button[type=submit]").click()
        expect(admin.locator("main .message-error")).to_be_visible()
        checked(admin, language, name.split(":")[1] + "-errors")
    admin.goto(reverse("assessment:revoke", args=[assessment.pk, delegation.pk]))
    checked(admin, language, "revoke")
    admin.goto(section)
    posts = Question.objects.get(key="stellen")
    admin.locator(f"input[name=q{posts.pk}-value]").fill("viele")
    admin.get_by_role("button", name=t("Alle Antworten speichern")).click()
    expect(admin.locator("main .message-error")).to_be_visible()
    checked(admin, language, "section-errors")
    for name in ("assessment:close", "assessment:share"):
        admin.goto(reverse(name, args=[assessment.pk]))
        checked(admin, language, name.split(":")[1])
    admin.get_by_role("link", name=t("Abbrechen")).click()
    admin.goto(reverse("assessment:close", args=[assessment.pk]))
    admin.get_by_role("button", name=t("Runde abschließen")).click()
    expect(admin.locator(".messages")).to_contain_text(
        t("Die Runde ist abgeschlossen; die Ergebnisse sind berechnet.")
    )
    checked(admin, language, "overview-closed")
    assert stored == [assessment.pk]
    admin.goto(section)
    expect(admin.locator("main fieldset")).to_have_count(0)
    checked(admin, language, "section-closed")
    admin.goto(reverse("assessment:reopen", args=[assessment.pk]))
    checked(admin, language, "reopen")
    admin.get_by_role("button", name=t("Runde wieder öffnen")).click()
    checked(admin, language)
    assert Assessment.objects.get(pk=assessment.pk).is_open

    visitor = new_page(viewport=WIDE)
    visitor.goto("/")
    if language != "de":
        switch_language(visitor, language)
    visitor.goto(reverse("assessment:invitation", args=[token]))
    checked(visitor, language, "invitation")
    visitor.goto(reverse("assessment:invitation", args=["unbekannt"]))
    checked(visitor, language, "invitation-unknown")

    base.UserFactory(email="mira@example.org", first_name="Mira")
    mira = person(new_page, language, "mira@example.org")
    mira.goto(reverse("assessment:index"))
    checked(mira, language, "index-empty")
    mira.goto(reverse("assessment:invitation", args=[token]))
    checked(mira, language, "invitation-logged-in")
