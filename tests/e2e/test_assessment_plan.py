"""The action plan in Chromium, in German and English, every page checked by axe-core: the
coordinator adopts a measure ("Nachmachen") into the town's plan — which does not exist yet —
choosing owner and due date, and adds two milestones; the owner enters progress and ticks a
milestone; the plan shows the roll-up per area and for the whole plan, also on a 360 px phone.
On the way: a form sent with errors, the links page and dropping (which asks first)."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from handschlag.assessment.models import PlanItem
from handschlag.measures.models import Adoption
from tests import factories as base
from tests.assessment.factories import AssessmentFactory
from tests.e2e.conftest import assert_accessible, log_in, ui
from tests.events.factories import EventFactory
from tests.measures.factories import MeasureFactory

pytestmark = pytest.mark.django_db(transaction=True)

COORDINATOR = "koordination@example.org"
OWNER = "verantwortlich@example.org"


@pytest.fixture
def cast(live_server):
    assessment = AssessmentFactory()
    organisation = assessment.organisation
    base.MembershipFactory(
        organisation=organisation, role="admin",
        user=base.UserFactory(email=COORDINATOR, first_name="Sabine", last_name="Winter"),
    )  # fmt: skip
    owner = base.MembershipFactory(
        organisation=organisation, role="member",
        user=base.UserFactory(email=OWNER, first_name="Deniz", last_name="Aydın"),
    ).user  # fmt: skip
    EventFactory(organisation=organisation, title="Auftakt im Rathaus")
    measure = MeasureFactory(
        slug="sprachcafe", topics=["a2"],
        title={"de": "Sprachcafé im Stadtteil", "en": "Neighbourhood language café"},
    )  # fmt: skip
    return {"town": assessment.municipality, "owner": owner, "measure": measure}


def _speak(page: Page, language: str) -> None:
    site = urlsplit(page.url)
    page.context.add_cookies(
        [
            {
                "name": settings.LANGUAGE_COOKIE_NAME,
                "value": language,
                "url": f"{site.scheme}://{site.netloc}/",
            }
        ]
    )


def _visit(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert_accessible(page)


@pytest.mark.parametrize("language", ["de", "en"])
def test_adopt_a_measure_and_follow_it_up(new_page, cast, language):
    t = lambda text: ui(text, language)  # noqa: E731
    town, owner, measure = cast["town"], cast["owner"], cast["measure"]
    plan_url = reverse("assessment:plan", args=[town.slug])
    due = timezone.localdate() + datetime.timedelta(days=60)

    coordinator = new_page()
    log_in(coordinator, COORDINATOR)
    _speak(coordinator, language)
    _visit(coordinator, plan_url)  # no plan yet: how to begin
    expect(coordinator.locator("main")).to_contain_text(t("Noch keine Vorhaben"))

    # "Nachmachen": the confirm page, prefilled in the reader's language
    _visit(coordinator, reverse("assessment:adopt", args=[town.slug, measure.slug]))
    title = coordinator.get_by_label(t("Titel"))
    expected = "Sprachcafé im Stadtteil" if language == "de" else "Neighbourhood language café"
    expect(title).to_have_value(expected)
    title.fill("")
    coordinator.get_by_role("button", name=t("In den Handlungsplan übernehmen")).click()
    expect(coordinator.locator(".errorlist").first).to_be_visible()
    assert_accessible(coordinator)
    assert not PlanItem.objects.exists()
    coordinator.get_by_label(t("Titel")).fill(expected)
    coordinator.get_by_label(t("Verantwortlich")).select_option(label="Deniz Aydın")
    coordinator.get_by_label(t("Fällig am")).fill(due.isoformat())
    coordinator.get_by_role("button", name=t("In den Handlungsplan übernehmen")).click()
    expect(coordinator.locator(".message-success")).to_be_visible()
    assert_accessible(coordinator)
    item = PlanItem.objects.get()
    assert (item.owner, item.due_date, item.measure, item.area.key) == (owner, due, measure, "a2")
    assert Adoption.objects.get().municipality == town

    # two milestones (htmx swaps the list in place)
    for milestone in ("Raum gefunden", "Erstes Treffen"):
        coordinator.get_by_label(t("Neuer Meilenstein")).fill(milestone)
        coordinator.get_by_role("button", name=t("Meilenstein hinzufügen")).click()
        expect(coordinator.locator("#milestones")).to_contain_text(milestone)
    assert_accessible(coordinator)
    item_url = coordinator.url.split("#")[0]

    # the links page and dropping ask before anything happens
    coordinator.get_by_role("link", name=t("Veranstaltungen und Versprechen verknüpfen")).click()
    assert_accessible(coordinator)
    coordinator.get_by_label("Auftakt im Rathaus", exact=False).check()
    coordinator.get_by_role("button", name=t("Speichern")).click()
    expect(coordinator.locator("main")).to_contain_text("Auftakt im Rathaus")
    coordinator.get_by_role("link", name=t("Verwerfen …")).click()
    expect(coordinator.locator("main")).to_contain_text(t("Ja, verwerfen"))
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name=t("Abbrechen")).click()
    assert PlanItem.objects.get().state == "planned"

    # the owner enters progress and ticks a milestone
    person = new_page()
    log_in(person, OWNER)
    _speak(person, language)
    _visit(person, item_url)
    person.get_by_role("link", name=t("Fortschritt eintragen")).click()
    assert_accessible(person)
    person.get_by_label(t("Fortschritt in %")).fill("60")
    person.get_by_role("button", name=t("Speichern")).click()
    expect(person.locator(".message-success")).to_be_visible()
    person.get_by_role("button", name=f"{t('Abhaken')}: Raum gefunden").click()
    expect(person.locator("#milestones")).to_contain_text(t("erreicht am"))
    assert_accessible(person)
    item.refresh_from_db()
    assert (item.progress, item.state) == (60, "in_progress")
    assert item.milestones.filter(done_on__isnull=False).count() == 1

    # the plan rolls up: 60 % in the area, 60 % for the whole plan; 1 of 2 milestones
    _visit(coordinator, plan_url)
    rollup = coordinator.locator("table.plan-rollup")
    area = "Begegnung" if language == "de" else "Begegnung (en)"
    expect(rollup.locator("tr", has_text=area)).to_contain_text("60 %")
    expect(coordinator.locator(".plan-total")).to_contain_text("60 %")
    expect(coordinator.locator(".plan-item")).to_contain_text("Deniz Aydın")
    expect(coordinator.locator("progress").first).to_have_attribute("value", "60")

    assert coordinator.locator("html").get_attribute("lang") == language

    # the other pages of the plan, checked by axe too
    milestone = item.milestones.order_by("pk").first()
    for url in (
        reverse("assessment:plan_item_add", args=[town.slug]),
        reverse("assessment:plan_item_edit", args=[town.slug, item.pk]),
        reverse("assessment:milestone_remove", args=[town.slug, item.pk, milestone.pk]),
        plan_url + "?stand=in_progress&ueberfaellig=on",
    ):
        _visit(coordinator, url)

    phone = new_page(viewport={"width": 360, "height": 740})
    log_in(phone, OWNER)
    _speak(phone, language)
    _visit(phone, plan_url)
    overflow = phone.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow, "the plan is wider than a 360 px phone"
