"""The whole promise journey in Chromium, in German and in English, checked by axe-core.

A company promises tablets, a moderator publishes the promise, an initiative finds it and
applies, the company accepts, the initiative reports with a photo, the company confirms,
the moderator publishes the report, and the report is in the blog and in the feeds.
Each person has their own browser context; every page visited is checked for WCAG 2.1 AA.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import ExifTags, Image
from playwright.sync_api import Locator, Page, expect

from handschlag.blog.models import Post
from handschlag.needs.models import Need
from handschlag.organisations.models import Membership, Organisation
from handschlag.promises.models import Category, Promise, Redemption, ReportPhoto
from tests import factories
from tests.e2e.conftest import assert_accessible, log_in, switch_language, ui
from tests.e2e.test_conversation import exchange_messages
from tests.needs.factories import NeedFactory

TITLE = "Zehn Tablets für die Willkommensklasse"
REPORT = "Zwölf Kinder haben ein halbes Jahr lang mit den Tablets Deutsch gelernt."
REPORT_TITLE = "Zwölf Kinder, zehn Tablets, ein Halbjahr"
CONSENT = "Ich bin einverstanden, dass der Bericht mit Fotos öffentlich im Blog erscheint."

# Key headings and buttons written out in both languages, so the English run proves that
# English is really shown; other locators go through the catalogue (which falls back to
# German silently for a missing string).
SAYS = {
    "create": {"de": "Etwas versprechen", "en": "Make a promise"},
    "preview": {"de": "Vorschau Ihres Versprechens", "en": "Preview of your promise"},
    "submit": {"de": "Zur Prüfung einreichen", "en": "Submit for review"},
    "apply": {"de": "Jetzt bewerben", "en": "Apply now"},
    "confirm": {"de": "Erfüllung bestätigen", "en": "Confirm fulfilment"},
    "report": {"de": "Bericht einreichen", "en": "Submit report"},
    "publish": {"de": "Im Blog veröffentlichen", "en": "Publish in the blog"},
}


@dataclass
class Cast:
    company_user: str
    initiative_user: str
    moderator: str
    company: Organisation
    initiative: Organisation
    need: Need


@pytest.fixture
def cast(db) -> Cast:
    sonneberg = factories.MunicipalityFactory(name="Sonneberg", slug="sonneberg", ags="16072017")
    potsdam = factories.MunicipalityFactory(name="Potsdam", slug="potsdam", ags="12054000")
    company = factories.OrganisationFactory(
        name="Elektro Kühn GmbH", kind=Organisation.Kind.COMPANY, municipality=sonneberg
    )
    initiative = factories.OrganisationFactory(
        name="Willkommen in Sonneberg e. V.",
        kind=Organisation.Kind.INITIATIVE,
        municipality=sonneberg,
        is_verified=True,
    )
    company_user = factories.MembershipFactory(
        organisation=company, role=Membership.Role.ADMIN, user__email="firma@example.org"
    ).user
    initiative_user = factories.MembershipFactory(
        organisation=initiative, user__email="initiative@example.org"
    ).user
    moderator = factories.ModeratorFactory(email="moderation@example.org")
    # Other promises, so that the search and the filters have something to leave out.
    factories.PromiseFactory(title="Fahrräder für den Weg zur Arbeit", municipality=potsdam)
    factories.PromiseFactory(
        title="Tablets für das Sprachcafé", municipality=potsdam, category=Category.LANGUAGE
    )
    # What the initiative is looking for: once the promise is published, it is proposed here.
    need = NeedFactory(
        organisation=initiative, title="Tablets für unsere Willkommensklasse", quantity=6,
        unit="Tablets", category=Category.EQUIPMENT, municipality=sonneberg,
    )  # fmt: skip
    return Cast(
        company_user.email, initiative_user.email, moderator.email, company, initiative, need
    )


def jpeg_with_gps(path: Path) -> Path:
    """A small JPEG carrying camera data and a GPS position in its EXIF block."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Handykamera"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (50.0, 21.0, 7.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (11.0, 10.0, 3.0)
    Image.new("RGB", (64, 48), (200, 120, 40)).save(path, "JPEG", exif=exif)
    with Image.open(path) as written:  # the test photo really has a position to lose
        assert written.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return path


class Person:
    """One person's browser tab in the chosen language, with short helpers for the steps."""

    def __init__(self, page: Page, language: str) -> None:
        self.page = page
        self.language = language

    def t(self, text: str) -> str:
        return ui(text, self.language)

    def says(self, key: str) -> str:
        return SAYS[key][self.language]

    def arrive(self, email: str, *, check: bool) -> Person:
        """Open the home page, choose the language with the switcher, log in."""
        self.page.goto("/")
        if check:
            assert_accessible(self.page)
        if self.language != "de":
            switch_language(self.page, self.language)
        log_in(self.page, email, check=check)
        expect(self.page.locator("html")).to_have_attribute("lang", self.language)
        return self

    def checked(self) -> Page:
        """The page as it is now, in the chosen language, after axe found nothing wrong."""
        self.page.wait_for_load_state()
        expect(self.page.locator("html")).to_have_attribute("lang", self.language)
        assert_accessible(self.page)
        return self.page

    def nav(self, text: str) -> Page:
        nav = self.page.get_by_role("navigation", name=self.t("Hauptnavigation"))
        nav.get_by_role("link", name=self.t(text), exact=True).click()
        return self.checked()

    def click(
        self, role: str, text: str | re.Pattern[str], *, translate: bool = True, exact: bool = True
    ) -> Page:
        name = self.t(text) if translate and isinstance(text, str) else text
        self.page.get_by_role(role, name=name, exact=exact).first.click()  # type: ignore[arg-type]
        return self.checked()

    def field(self, label: str) -> Locator:
        # Model forms capitalise verbose names; required fields add a hidden " *".
        name = re.escape(self.t(label))
        return self.page.get_by_label(re.compile(rf"^\s*{name}(\s*\*)?\s*$", re.IGNORECASE))

    def fill(self, label: str, value: str) -> None:
        self.field(label).fill(value)

    def choose(self, label: str, option: str) -> None:
        self.field(label).select_option(label=option)

    def sees(self, text: str, *, translate: bool = True) -> None:
        expect(self.page.get_by_text(self.t(text) if translate else text).first).to_be_visible()

    def heading(self, text: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(text)


def company_promises(company: Person, cast: Cast) -> Promise:
    """Step 1: the company fills the real form, looks at the preview and submits it."""
    company.nav("Versprechen")
    company.click("link", "Selbst etwas versprechen")
    company.heading(company.says("create"))
    # A company admin promises for the company unless they choose otherwise.
    expect(company.field("Im Namen von")).to_have_value(str(cast.company.pk))
    company.fill("Was versprechen Sie?", TITLE)
    company.fill("Beschreibung des Angebots", "Zehn gebrauchte, zurückgesetzte Tablets.")
    company.choose("Kategorie", company.t("Ausstattung & Sachspenden"))
    company.fill("Menge insgesamt", "10")
    company.fill("Einheit (Mehrzahl)", "Tablets")
    # the singular of a known unit fills in by itself, and the quantity is said right
    expect(company.field("Einheit (Einzahl)")).to_have_value("Tablet")
    amounts = company.page.locator("[data-amount-preview]")
    expect(amounts).to_contain_text(f"{company.t('Menge:')} 10 Tablets")
    expect(amounts).to_contain_text(f"{company.t('bei einem:')} 1 Tablet")
    company.fill("geschätzter Wert in Euro", "1500")
    company.fill("… wenn jemand", "… damit ein halbes Jahr lang eine Klasse lernt.")
    # the public sentence follows what is typed, without a doubled "… wenn jemand"
    sentence = company.page.locator("[data-promise-sentence]")
    expect(sentence).to_contain_text(f"{cast.company.name} {company.t('verspricht:')} {TITLE}")
    expect(sentence).to_contain_text(
        f"{company.t('wenn jemand')} damit ein halbes Jahr lang eine Klasse lernt."
    )
    company.fill("Was der Bericht enthalten muss", "Wie wurden die Tablets genutzt? Ein Foto.")
    company.fill("Ort", "Sonneberg")
    deadline = timezone.localdate() + datetime.timedelta(days=90)
    company.fill("gültig bis", deadline.isoformat())
    company.fill("Wie viele können einlösen?", "2")
    company.choose("Wer darf einlösen?", company.t("nur Organisationen"))
    company.click("button", "Weiter zur Vorschau")
    company.heading(company.says("preview"))
    expect(company.page.get_by_role("heading", name=TITLE)).to_be_visible()
    company.sees("Elektro Kühn GmbH", translate=False)
    company.click("button", company.says("submit"), translate=False)
    company.heading(TITLE)
    company.sees("Danke! Ihr Versprechen wird jetzt von der Moderation geprüft.")
    promise = Promise.objects.get(title=TITLE)
    assert promise.state == Promise.State.PENDING
    assert (promise.organisation, promise.municipality.name) == (cast.company, "Sonneberg")
    assert (promise.quantity, promise.capacity, promise.deadline) == (10, 2, deadline)
    return promise


def moderator_publishes_promise(moderator: Person) -> None:
    """Step 2: the moderation queue, the promise, "Veröffentlichen"."""
    moderator.nav("Moderation")
    page = moderator.click("link", TITLE, translate=False)
    expect(page).to_have_url(re.compile(r"/versprechen/\d+/pruefen/$"))  # promises:review
    moderator.click("button", "Veröffentlichen")
    moderator.sees("Das Versprechen ist veröffentlicht.")
    assert Promise.objects.get(title=TITLE).state == Promise.State.PUBLISHED


def initiative_sees_its_need_matched(initiative: Person, cast: Cast) -> None:
    """Step 2b: the new promise is proposed for the initiative's need, with its reasons."""
    initiative.page.goto(cast.need.get_absolute_url())
    expect(initiative.page.get_by_role("link", name=TITLE)).to_be_visible()
    initiative.sees("gleiche Kategorie", translate=True)
    initiative.checked()


def initiative_applies(initiative: Person, cast: Cast) -> Redemption:
    """Step 3: find the promise with search and filter, apply for the organisation."""
    page = initiative.nav("Versprechen")
    results = page.locator("#results-heading")
    expect(results).to_have_text(re.compile(r"^\s*3\b"))
    initiative.fill("Suchbegriff", "Tablets")
    initiative.fill("Ort", "Sonneberg")
    initiative.page.keyboard.press("Escape")  # the place's suggestions close
    initiative.choose("Umkreis", initiative.t("nur dieser Ort"))
    page.get_by_role("button", name=initiative.t("Anzeigen")).click()
    expect(results).to_have_text(re.compile(r"^\s*1\b"))
    expect(page.get_by_role("link", name="Tablets für das Sprachcafé")).to_have_count(0)
    initiative.checked()
    initiative.click("link", TITLE, translate=False)
    initiative.click("link", initiative.says("apply"), translate=False)
    initiative.choose("im Namen von", cast.initiative.name)
    initiative.fill("Wie erfüllen Sie die Bedingung?", "Montags und mittwochs, zwölf Kinder.")
    initiative.fill("Wie viel brauchen Sie?", "6")
    initiative.click("button", "Bewerbung abschicken")
    initiative.sees("Ihre Bewerbung ist abgeschickt.")
    # the redemption page says what happens next, and offers no step the promisers must take
    initiative.sees("Die Bewerbung wartet auf die Entscheidung der Versprechenden.")
    expect(initiative.page.locator("main form[action$='/annehmen/']")).to_have_count(0)
    redemption = Redemption.objects.get(promise__title=TITLE)
    assert (redemption.organisation, redemption.quantity) == (cast.initiative, 6)
    assert redemption.state == Redemption.State.APPLIED
    return redemption


def company_accepts(company: Person, cast: Cast) -> None:
    """Step 4: from "Meine Versprechen" to the promise and its application."""
    company.nav("Meine Versprechen")
    company.click("link", TITLE, translate=False)
    # "Annehmen" plus the applicant's name, hidden visually, for screen readers
    name = re.compile(rf"^{re.escape(company.t('Annehmen'))}\W+{re.escape(cast.initiative.name)}$")
    company.click("button", name, translate=False)
    company.sees("Die Bewerbung ist angenommen.")


def initiative_reports(initiative: Person, photo: Path) -> None:
    """Step 5: start, then the report with text, consent and a photo carrying GPS data."""
    initiative.nav("Meine Versprechen")
    initiative.click("link", TITLE, translate=False)
    initiative.click("button", "Mit der Umsetzung beginnen")
    # the photo is stored when it arrives ("Fotos hochladen"), then described
    initiative.field("Fotos hinzufügen").set_input_files(photo)
    initiative.click("button", "Fotos hochladen")
    initiative.fill(initiative.t("Bildbeschreibung zu Foto %(n)d") % {"n": 1}, "Kinder mit Tablets")
    initiative.fill("Titel Ihres Berichts", REPORT_TITLE)
    initiative.fill("Kurzfassung", "Ein Halbjahr Deutsch mit Tablets in Sonneberg.")
    initiative.fill("Was ist passiert?", REPORT)
    initiative.fill("Was hat gut funktioniert?", "Feste Tandems aus älteren und jüngeren Kindern.")
    initiative.fill("Was würden Sie beim nächsten Mal anders machen?", "Früher die IT fragen.")
    initiative.fill("Ihr Rat für Orte, die es nachmachen", "Fragen Sie ein Unternehmen vor Ort.")
    initiative.field(CONSENT).check()
    initiative.click("button", initiative.says("report"), translate=False)
    initiative.sees("Danke für Ihren Bericht! Die Versprechenden prüfen ihn jetzt.")
    expect(initiative.page.get_by_role("img", name="Kinder mit Tablets")).to_be_visible()


def assert_photo_has_no_exif(redemption: Redemption) -> None:
    photo = ReportPhoto.objects.get(redemption=redemption)
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif(), "EXIF survived the upload"
        assert "exif" not in stored.info


def company_confirms(company: Person, cast: Cast) -> None:
    """Step 6: the company reads the report and confirms fulfilment."""
    company.nav("Meine Versprechen")
    company.click("link", cast.initiative.name, translate=False)
    company.sees(REPORT, translate=False)
    company.click("button", company.says("confirm"), translate=False)
    company.sees("Sie haben die Erfüllung bestätigt. Danke!")


def moderator_publishes_report(moderator: Person) -> Post:
    """Step 7: the reports queue, the report, "Im Blog veröffentlichen"."""
    moderator.nav("Moderation")
    moderator.click("link", "Berichte zur Veröffentlichung", exact=False)
    page = moderator.click("link", TITLE, translate=False, exact=False)
    expect(page).to_have_url(re.compile(r"/blog/berichte/\d+/pruefen/$"))  # blog:review_report
    moderator.click("button", moderator.says("publish"), translate=False)
    moderator.sees("Der Bericht ist im Blog veröffentlicht.")
    return Post.objects.get(redemption__promise__title=TITLE)


def report_is_in_blog_and_feeds(reader: Person, post: Post) -> None:
    """Step 8: blog list → report (with its photo) → its promise; RSS and Atom feeds."""
    page = reader.nav("Blog")
    card = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=post.title))
    to_promise_name = reader.t("Zum Versprechen: %(title)s") % {"title": TITLE}
    to_promise = card.get_by_role("link", name=to_promise_name)
    expect(to_promise).to_have_attribute("href", post.promise.get_absolute_url())
    reader.click("link", post.title, translate=False)
    reader.heading(post.title)
    reader.sees(REPORT, translate=False)
    image = reader.page.get_by_role("img", name="Kinder mit Tablets")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "photo not served"
    reader.click("link", to_promise_name, translate=False)
    reader.heading(TITLE)
    expect(reader.page.get_by_role("link", name=post.title)).to_be_visible()
    for feed in ("/blog/feed/rss/", "/blog/feed/atom/"):
        response = reader.page.request.get(feed)
        assert response.ok, feed
        assert post.title in response.text(), feed


@pytest.mark.parametrize("language", ["de", "en"])
def test_promise_journey(
    new_page: Callable[..., Page], cast: Cast, language: str, tmp_path: Path
) -> None:
    company = Person(new_page(), language).arrive(cast.company_user, check=True)
    moderator = Person(new_page(), language).arrive(cast.moderator, check=False)
    initiative = Person(new_page(), language).arrive(cast.initiative_user, check=False)

    promise = company_promises(company, cast)
    moderator_publishes_promise(moderator)
    initiative_sees_its_need_matched(initiative, cast)
    redemption = initiative_applies(initiative, cast)
    company_accepts(company, cast)
    # after the handshake both sides talk on the platform
    exchange_messages(company.page, initiative.page, redemption.get_absolute_url(), language)
    initiative_reports(initiative, jpeg_with_gps(tmp_path / "tablets.jpg"))
    assert_photo_has_no_exif(redemption)
    company_confirms(company, cast)
    post = moderator_publishes_report(moderator)
    report_is_in_blog_and_feeds(initiative, post)

    redemption.refresh_from_db()
    assert redemption.state == Redemption.State.PUBLISHED
    assert (post.promise, post.kind, post.published_at is not None) == (promise, "report", True)


def fits_the_screen(page: Page, path: str) -> None:
    page.goto(path)
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{path} scrolls sideways at 360 px: {width} px wide"


def test_key_pages_fit_a_phone(phone: Page, cast: Cast) -> None:
    """At 360 px no page of the journey scrolls sideways (and axe still finds nothing)."""
    promise = factories.PromiseFactory(
        title="Ein Versprechen mit einem ausgesprochen langen Titel über Willkommensklassen",
        organisation=cast.company,
        eligibility="organisations",
    )
    initiative_user = cast.initiative.memberships.get().user
    redemption = factories.RedemptionFactory(
        promise=promise,
        applicant=initiative_user,
        organisation=cast.initiative,
        state=Redemption.State.IN_PROGRESS,
    )
    post = factories.PostFactory(kind=Post.Kind.REPORT, promise=promise, redemption=redemption)
    log_in(phone, cast.initiative_user)
    for path in (
        "/versprechen/",
        "/versprechen/?q=Tablets&municipality=Sonneberg",
        promise.get_absolute_url(),
        f"/versprechen/{promise.pk}/bewerben/",
        "/versprechen/neu/",
        redemption.get_absolute_url(),  # with the report form and its five photo fields
        "/versprechen/meine/",
        "/blog/",
        post.get_absolute_url(),
    ):
        fits_the_screen(phone, path)
