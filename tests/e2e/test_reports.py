"""Reports worth copying, in Chromium, in German and English, at 1280 and 360 px, with axe.

An initiative writes its report with two photos (a missing prompt first: the photos stay),
describes them and sends it; the company confirms; the moderator edits the title, previews
and publishes; a visitor who is not signed in finds the fulfilled promise, presses
"Nachmachen", signs in, comes back to the copy form and gets a draft for their own town.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from handschlag.blog.models import Post
from handschlag.organisations.models import Membership, Organisation
from handschlag.promises import services
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.e2e.conftest import log_in
from tests.e2e.test_accessibility import speak
from tests.e2e.test_journey import CONSENT, Person, jpeg_with_gps

TITLE = "Zehn Tablets für die Willkommensklasse"
NEW_TITLE = "Fünf Tablets für die Straße der Begegnung"
VIEWPORTS = {"1280": {"width": 1280, "height": 900}, "360": {"width": 360, "height": 740}}
PROMPTS = {
    "Was ist passiert?": "Zwölf Kinder lernten ein Halbjahr lang mit den Tablets.",
    "Was hat gut funktioniert?": "Feste Tandems aus einem älteren und einem jüngeren Kind.",
    "Was würden Sie beim nächsten Mal anders machen?": "Früher mit der Schul-IT sprechen.",
    "Ihr Rat für Orte, die es nachmachen": "Fragen Sie ein Unternehmen vor Ort direkt.",
}


@pytest.fixture
def world(db):
    sonneberg = factories.MunicipalityFactory(name="Sonneberg", slug="sonneberg")
    company = factories.OrganisationFactory(
        name="Elektro Kühn GmbH", kind=Organisation.Kind.COMPANY, municipality=sonneberg
    )
    initiative = factories.OrganisationFactory(
        name="Willkommen in Sonneberg e. V.", kind=Organisation.Kind.INITIATIVE
    )
    owner = factories.MembershipFactory(
        organisation=company, role=Membership.Role.ADMIN, user__email="firma@example.org"
    ).user
    redeemer = factories.MembershipFactory(
        organisation=initiative, user__email="initiative@example.org"
    ).user
    promise = factories.PromiseFactory(
        title=TITLE, owner=owner, organisation=company, municipality=sonneberg, capacity=1
    )
    redemption = factories.RedemptionFactory(
        promise=promise, applicant=redeemer, organisation=initiative
    )
    services.accept_application(redemption=redemption, by=owner)
    services.start_redemption(redemption=redemption, by=redeemer)
    factories.ModeratorFactory(email="moderation@example.org")
    factories.UserFactory(email="besuch@example.org", first_name="Bea", last_name="Besuch")
    return redemption


def arrive(page: Page, language: str, email: str = "") -> Person:
    """The person in `language` (the switcher's cookie: at 360 px the switcher sits in the
    closed menu), signed in as `email` if given."""
    page.goto("/")
    speak(page, language)
    if email:
        log_in(page, email)
    else:
        page.reload()
    expect(page.locator("html")).to_have_attribute("lang", language)
    return Person(page, language)


def fits(person: Person) -> None:
    width = person.page.evaluate("document.documentElement.scrollWidth")
    viewport = person.page.viewport_size
    assert viewport and width <= viewport["width"], f"{person.page.url} is {width} px wide"


def checked(person: Person) -> Page:
    page = person.checked()
    fits(person)
    return page


def initiative_writes_the_report(person: Person, redemption: Redemption, tmp_path: Path) -> None:
    person.page.goto(redemption.get_absolute_url())
    checked(person)
    photos = [jpeg_with_gps(tmp_path / "eins.jpg"), jpeg_with_gps(tmp_path / "zwei.jpg")]
    person.field("Fotos hinzufügen").set_input_files(photos)
    person.fill("Titel Ihres Berichts", "Zwölf Kinder, zehn Tablets")
    person.fill("Kurzfassung", "Ein Halbjahr Deutschlernen mit Tablets in Sonneberg.")
    for label, text in PROMPTS.items():
        if label != "Was hat gut funktioniert?":  # forgotten: the form will say so
            person.fill(label, text)
    person.field(CONSENT).check()
    person.click("button", person.says("report"), translate=False)
    checked(person)
    expect(person.page.get_by_role("alert")).to_contain_text(
        person.t("Bitte prüfen Sie Ihre Eingaben.")
    )
    # both photos were kept, each waits for its description; nothing typed is lost
    expect(person.page.locator(".report-photo img")).to_have_count(2)
    expect(person.field("Titel Ihres Berichts")).to_have_value("Zwölf Kinder, zehn Tablets")
    assert redemption.photos.count() == 2
    for n, alt in ((1, "Kinder üben mit Tablets"), (2, "Tablets auf einem Tisch")):
        person.fill(person.t("Bildbeschreibung zu Foto %(n)d") % {"n": n}, alt)
    person.fill("Was hat gut funktioniert?", PROMPTS["Was hat gut funktioniert?"])
    person.click("button", person.says("report"), translate=False)
    checked(person)
    person.sees("Danke für Ihren Bericht! Die Versprechenden prüfen ihn jetzt.")
    expect(person.page.get_by_role("img", name="Tablets auf einem Tisch")).to_be_visible()
    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.REPORTED


def moderator_edits_previews_and_publishes(person: Person, redemption: Redemption) -> Post:
    person.page.goto(f"/blog/berichte/{redemption.pk}/pruefen/")
    checked(person)
    person.fill("Titel", NEW_TITLE)
    person.click("button", "Vorschau")
    preview = person.page.locator(".report-preview")
    expect(preview).to_contain_text(NEW_TITLE)
    expect(
        preview.get_by_role("heading", name=person.t("Was gut funktioniert hat"))
    ).to_be_visible()
    expect(preview.get_by_role("img", name="Kinder üben mit Tablets")).to_be_visible()
    assert not Post.objects.exists()  # a preview publishes nothing
    person.click("button", person.says("publish"), translate=False)
    person.sees("Der Bericht ist im Blog veröffentlicht.")
    post = Post.objects.get(redemption=redemption)
    assert (post.title, post.slug) == (NEW_TITLE, "fuenf-tablets-fuer-die-strasse-der-begegnung")
    person.page.goto(post.get_absolute_url())
    checked(person)
    person.heading(NEW_TITLE)
    for heading in ("Was passiert ist", "Unser Rat für Orte, die es nachmachen"):
        expect(person.page.get_by_role("heading", level=2, name=person.t(heading))).to_be_visible()
    return post


def visitor_copies_the_promise(person: Person, promise: Promise) -> None:
    page = person.page
    page.goto(promise.get_absolute_url())
    checked(person)
    expect(page.locator(".badge-fulfilled").first).to_have_text(person.t("Erfüllt"))
    cta = page.locator(".copy-cta").get_by_role("link", name=person.t("Nachmachen"))
    expect(cta).to_be_visible()
    cta.click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/konto/login/\?next="))
    checked(person)
    page.locator("main input[name=login]").fill("besuch@example.org")
    page.locator("main input[name=password]").fill("correct-horse-battery")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(rf"/versprechen/{promise.pk}/nachmachen/$"))
    checked(person)
    person.click("button", "Entwurf für meinen Ort anlegen")
    copy = Promise.objects.get(inspired_by=promise)
    expect(page).to_have_url(re.compile(rf"/versprechen/{copy.pk}/bearbeiten/$"))
    assert copy.owner.email == "besuch@example.org" and copy.state == Promise.State.DRAFT


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("language", ["de", "en"])
def test_report_to_copy(
    new_page: Callable[..., Page], world: Redemption, language: str, width: str, tmp_path: Path
) -> None:
    viewport = VIEWPORTS[width]
    redemption = world
    initiative = arrive(new_page(viewport=viewport), language, "initiative@example.org")
    initiative_writes_the_report(initiative, redemption, tmp_path)
    services.confirm_fulfilment(redemption=redemption, by=redemption.promise.owner)

    moderator = arrive(new_page(viewport=viewport), language, "moderation@example.org")
    moderator_edits_previews_and_publishes(moderator, redemption)

    visitor = arrive(new_page(viewport=viewport), language)
    visitor_copies_the_promise(visitor, redemption.promise)
