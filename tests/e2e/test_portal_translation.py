"""Issue #12: an editor updates a German section and the Ukrainian translation turns outdated;
the translation workspace shows it outdated with a word diff of what changed.

(The reader's side — a reader in Ukrainian sees the outdated notice with the date of the
original — needs the public guide page of h-public; the lead adds that assertion after merging.)"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from handschlag.directory.translating import translate
from tests import factories as base
from tests.directory import factories
from tests.e2e.conftest import assert_accessible, log_in


def test_editor_changes_german_and_the_ukrainian_translation_turns_outdated(page: Page) -> None:
    portal = factories.PortalFactory()
    editor = base.UserFactory()
    base.MembershipFactory(user=editor, organisation=portal.organisation)
    guide = factories.GuidePageFactory(topic=factories.GuideTopicFactory(portal=portal))
    section = factories.GuideSectionFactory(
        page=guide, heading="", body="Bringen Sie Ihren Pass mit."
    )
    translate(obj=section, field="body", language="uk", text="Візьміть паспорт.", by=editor)
    translate(obj=guide, field="title", language="uk", text="Перші кроки", by=editor)
    translate(obj=guide, field="summary", language="uk", text="Що робити спочатку.", by=editor)
    slug = portal.municipality.slug

    log_in(page, editor.email)
    page.goto(f"/portal/{slug}/redaktion/wegweiser/seite/{guide.pk}/")
    expect(page.locator(".translation-status")).to_contain_text("UK: aktuell")
    page.locator(f"a[href$='/abschnitt/{section.pk}/']").click()
    page.locator("#id_body").fill("Bringen Sie Ihren Pass und die Meldebescheinigung mit.")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".translation-status")).to_contain_text("UK: veraltet")

    page.goto(f"/portal/{slug}/redaktion/uebersetzungen/?status=outdated&language=uk")
    expect(page.locator(".translation-work")).to_contain_text("veraltet")
    page.locator(".translation-work a").first.click()
    diff = page.locator(".diff")
    expect(diff.locator("ins")).to_contain_text("Meldebescheinigung")
    item = page.locator(f"#guidesection-{section.pk}-body")
    field = item.locator("textarea")
    expect(field).to_have_value("Візьміть паспорт.")
    expect(field).to_have_attribute("lang", "uk")
    assert_accessible(page)

    field.fill("Візьміть паспорт і довідку про реєстрацію.")
    item.get_by_role("button", name="Speichern").click()
    expect(page.locator(".diff")).to_have_count(0)
    expect(page.locator(f"#guidesection-{section.pk}-body .badge-current")).to_have_count(1)
