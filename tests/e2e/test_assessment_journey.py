"""A whole self-assessment round in Chromium, in German and in English, each person in their
own browser and every page of the journey checked by axe-core and for its headings (the login
page, passed on the way, has its own checks) — issue #11:

the town's admin starts a round at /standortbestimmung/ and hands one area to a colleague; the
colleague answers it (each answer saved as it changes); the admin answers the other areas,
"Steuerung" with low scores, and closes the round after the confirm page. The results show the
radar chart with its table and — because the low score falls within a rule of the framework —
a measure from the library, which the admin adopts into the plan through its confirm page.
Back on the results, the admin downloads the report as PDF; it names the town."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from handschlag.assessment.models import (
    Answer,
    Area,
    Assessment,
    Indicator,
    Option,
    PlanItem,
    Question,
    RecommendationRule,
)
from tests import factories as base
from tests.assessment.factories import add_question, small_framework
from tests.e2e.conftest import ui
from tests.e2e.test_assessment_answering import checked, person
from tests.measures.factories import MeasureFactory, texts

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN = "aylin@example.org"
COLLEAGUE = "jonas@example.org"
TOWN = "Sonneberg"
REASON = texts("Weil Ihre Antworten zur Strategie zeigen, dass ein Konzept fehlt.")


@pytest.fixture
def cast(db):
    town = base.MunicipalityFactory(name=TOWN, slug="sonneberg", ags="16072018")
    office = base.OrganisationFactory(
        name="Stadt Sonneberg – Integration", slug="stadt-sonneberg", kind="municipality",
        is_verified=True, municipality=town,
    )  # fmt: skip
    admin = base.UserFactory(email=ADMIN, first_name="Aylin", last_name="Demir")
    colleague = base.UserFactory(email=COLLEAGUE, first_name="Jonas", last_name="Berg")
    base.MembershipFactory(organisation=office, user=admin, role="admin")
    base.MembershipFactory(organisation=office, user=colleague, role="member")
    framework = small_framework()
    # a radar needs three axes: the small framework has two areas, so a third one
    participation = Area.objects.create(
        framework=framework, key="a3", title=texts("Teilhabe"), position=2
    )
    add_question(
        Indicator.objects.create(area=participation, key="i1", title=texts("Beirat")),
        "q8", Question.Kind.YES_PARTLY_NO,
    )  # fmt: skip
    strategy = Indicator.objects.get(area__framework=framework, area__key="a1", key="i1")
    rule = RecommendationRule.objects.create(
        indicator=strategy, min_score=0, max_score=30, reason=REASON
    )
    measure = MeasureFactory(
        slug="integrationskonzept", topics=["a1"],
        title={"de": "Integrationskonzept in zehn Schritten", "en": "A strategy in ten steps"},
    )  # fmt: skip
    rule.measures.add(measure)
    return {"town": town, "office": office, "admin": admin, "colleague": colleague,
            "framework": framework, "measure": measure}  # fmt: skip


def choose(page: Page, key: str, option: str) -> None:
    """Tick the option `option` of question `key` and wait until it is saved (autosave)."""
    question = Question.objects.get(key=key)
    chosen = Option.objects.get(question=question, key=option)
    page.locator(f"input[name=q{question.pk}-value][value='{chosen.pk}']").check()
    saved(page, question)


def saved(page: Page, question: Question) -> None:
    # "✓ Gespeichert" / "✓ Saved": the check mark is the same in every language
    expect(page.locator(f"#saved-{question.pk}")).to_contain_text("✓")


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_round_from_the_start_to_the_plan_and_the_report(new_page, cast, language, tmp_path):
    def t(text: str) -> str:
        return ui(text, language)

    office, town, measure = cast["office"], cast["town"], cast["measure"]

    # 1. The admin starts a round at /standortbestimmung/.
    admin = person(new_page, language, ADMIN)
    admin.goto(reverse("assessment:index"))
    checked(admin, language)
    admin.get_by_role("link", name=t("Neue Runde beginnen")).click()
    checked(admin, language)
    admin.get_by_role("button", name=t("Runde beginnen")).click()
    checked(admin, language)
    assessment = Assessment.objects.get(organisation=office)
    assert assessment.is_open and assessment.framework == cast["framework"]

    # 2. ... and hands the area "Begegnung" (a2) of the administration to Jonas.
    admin.get_by_role("link", name=t("Handlungsfelder übertragen")).first.click()
    checked(admin, language)
    encounter = assessment.framework.areas.get(key="a2")
    administration = assessment.groups.get()
    admin.locator("main select[name=group]").select_option(str(administration.pk))
    admin.locator(f"main input[name=areas][value='{encounter.pk}']").check()
    admin.locator("main select[name=colleague]").select_option(str(cast["colleague"].pk))
    admin.get_by_role("button", name=t("Übertragen"), exact=True).click()
    checked(admin, language)
    expect(admin.locator("table.sections")).to_contain_text("Jonas Berg")

    # 3. Jonas finds his section on /standortbestimmung/ and answers it; each answer is saved
    #    as it changes.
    jonas = person(new_page, language, COLLEAGUE)
    jonas.goto(reverse("assessment:index"))
    checked(jonas, language)
    jonas.get_by_role("region", name=t("Ihre Abschnitte")).get_by_role(
        "link", name=encounter.title[language]
    ).click()
    checked(jonas, language)
    choose(jonas, "q5", "some")
    example = Question.objects.get(key="q6")
    jonas.locator(f"textarea[name=q{example.pk}-value]").fill("Ein Begegnungsfest mit 300 Gästen")
    saved(jonas, example)
    choose(jonas, "q7", "2")
    expect(jonas.locator("#section-progress")).to_contain_text(re.compile(r"3\D+3"))
    checked(jonas, language)
    mine = Answer.objects.filter(question__indicator__area=encounter)
    assert mine.count() == 3 and {a.answered_by for a in mine} == {cast["colleague"]}

    # 4. The admin answers the other areas; little is done yet on "Steuerung" (a1).
    admin.reload()
    checked(admin, language)
    steering = assessment.framework.areas.get(key="a1")
    admin.goto(reverse("assessment:answer", args=[assessment.pk, administration.pk, steering.pk]))
    checked(admin, language)
    choose(admin, "q1", "no")
    choose(admin, "q2", "0")
    posts = Question.objects.get(key="q3")
    admin.locator(f"input[name=q{posts.pk}-value]").fill("0")
    saved(admin, posts)
    choose(admin, "q4", "partly")
    expect(admin.locator("#section-progress")).to_contain_text(re.compile(r"4\D+4"))
    checked(admin, language)
    participation = assessment.framework.areas.get(key="a3")
    admin.goto(
        reverse("assessment:answer", args=[assessment.pk, administration.pk, participation.pk])
    )
    checked(admin, language)
    choose(admin, "q8", "partly")
    expect(admin.locator("#section-progress")).to_contain_text(re.compile(r"1\D+1"))
    assert Answer.objects.filter(answered_by=cast["admin"]).count() == 5

    # 5. ... and closes the round after the confirm page.
    admin.goto(assessment.get_absolute_url())
    checked(admin, language)
    admin.get_by_role("link", name=t("Runde abschließen …")).click()
    checked(admin, language)
    expect(admin.locator("main")).to_contain_text(t("alle Fragen beantwortet."))
    admin.get_by_role("button", name=t("Runde abschließen")).click()
    expect(admin.locator(".messages")).to_contain_text(
        t("Die Runde ist abgeschlossen; die Ergebnisse sind berechnet.")
    )
    checked(admin, language)
    assert not Assessment.objects.get(pk=assessment.pk).is_open

    # 6. The results: the radar chart with its table, and the recommendation.
    admin.get_by_role("link", name=t("Zu den Ergebnissen")).click()
    checked(admin, language)
    expect(admin.locator("h1")).to_contain_text(TOWN)
    areas = admin.get_by_role("region", name=t("Handlungsfelder"))
    radar = areas.locator("svg[role=img]")
    expect(radar).to_have_count(1)
    expect(radar).to_be_visible()
    table = areas.get_by_role("table", name=t("Punkte je Handlungsfeld"))
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table).to_contain_text(steering.title[language])
    expect(table).to_contain_text(encounter.title[language])
    recommendations = admin.get_by_role("region", name=t("Empfehlungen aus dem Modulkoffer"))
    recommendation = recommendations.locator("li.recommendation")
    expect(recommendation).to_have_count(1)
    expect(recommendation).to_contain_text(measure.title[language])
    expect(recommendation).to_contain_text(REASON[language])
    results_url = admin.url

    # 7. "In den Handlungsplan übernehmen": the confirm page, then the plan with the item.
    # its name goes on with the measure's title (hidden from sight)
    adopt = recommendation.get_by_role("link", name=t("In den Handlungsplan übernehmen"))
    expect(adopt).to_have_accessible_name(re.compile(re.escape(measure.title[language]) + "$"))
    adopt.click()
    checked(admin, language)
    expect(admin.get_by_label(t("Titel"))).to_have_value(measure.title[language])
    assert not PlanItem.objects.exists()
    admin.get_by_role("button", name=t("In den Handlungsplan übernehmen")).click()
    expect(admin.locator(".message-success")).to_be_visible()
    checked(admin, language)
    item = PlanItem.objects.get()
    assert (item.measure, item.title, item.area.key) == (measure, measure.title[language], "a1")
    assert item.plan.municipality == town
    admin.goto(reverse("assessment:plan", args=[town.slug]))
    checked(admin, language)
    expect(admin.locator(".plan-item")).to_contain_text(measure.title[language])

    # 8. Back on the results, the report as PDF: it names the town.
    admin.goto(results_url)
    checked(admin, language)
    with admin.expect_download() as download_info:
        admin.get_by_role("link", name=t("Bericht als PDF (Ergebnisse und Handlungsplan)")).click()
    download = download_info.value
    assert download.failure() is None
    pdf = tmp_path / "bericht.pdf"
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert TOWN in text
    assert measure.title[language] in text
