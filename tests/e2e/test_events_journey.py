"""The whole life of an event in Chromium, in German and in English, each person in their own
browser: an initiative's admin creates an event with one place through the real form, a
moderator publishes it; Amira takes the place with one click, Bogdan lands on the waiting
list; Amira cancels after the page that names the consequence, Bogdan is offered the place
and takes it with one click; at the door the organiser checks Bogdan in by the code from his
page; after the event the admin writes the closing report with a photo, closes the event and
offers the report to the blog; a moderator publishes it and an anonymous visitor reads it,
reached from the event page. Every page on the way is checked by axe-core, and the database
is checked after each step. In English every label is looked up through the catalogue
(`ui`) and no German word may be left on a page, so the test proves the English interface
is there. German and English at 1280 px, German once more on a 360 px phone."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from io import BytesIO

import pytest
from django.core import mail
from django.utils import timezone, translation
from PIL import Image
from playwright.sync_api import Page, expect

from handschlag.blog.models import Post
from handschlag.events.models import Event, Registration
from handschlag.notifications.models import Notification
from handschlag.organisations.models import Membership, Organisation
from tests import factories
from tests.e2e.conftest import assert_accessible, log_in, switch_language, ui

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
SIZES = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
# what the people type, in the language of the run
CONTENT = {
    "de": {
        "title": "Elterncafé: Ankommen in der Kita",
        "description": "Eltern lernen sich kennen, bei Kaffee und Kuchen.",
        "outcome": "Zwölf Eltern haben sich kennengelernt; das Elterncafé trifft sich monatlich.",
        "alt": "Eltern sitzen an langen Tischen im Gemeindesaal.",
    },
    "en": {
        "title": "Parents' café: settling in at nursery",
        "description": "Parents get to know each other over coffee and cake.",
        "outcome": "Twelve parents met; the parents' café now meets every month.",
        "alt": "Parents sitting at long tables in the parish hall.",
    },
}
State = Registration.State


@pytest.fixture
def cast(db):
    pirna = factories.MunicipalityFactory(name="Pirna", slug="pirna", ags="14628270")
    initiative = factories.OrganisationFactory(
        name="Pirna hilft e. V.", kind=Organisation.Kind.INITIATIVE, municipality=pirna
    )
    admin = factories.MembershipFactory(
        organisation=initiative, role=Membership.Role.ADMIN, user__email="pirna@example.org"
    ).user
    return {
        "org": initiative,
        "admin": admin,
        "moderator": factories.ModeratorFactory(email="moderation@example.org"),
        "amira": factories.UserFactory(
            email="amira@example.org", first_name="Amira", last_name="Haddad"
        ),
        "bogdan": factories.UserFactory(
            email="bogdan@example.org", first_name="Bogdan", last_name="Petrenko"
        ),
    }


# German words that no English page may show (the English run types English content, so a
# hit is an untranslated interface string)
GERMAN = re.compile(
    r"\b(Sie|Ihre?|und|der|die|das|nicht|für|mit|werden|ist|oder|bei|zur|zum|auf)\b"
)

# the moderation queue of tests/kernel_app, installed only in the test settings
TEST_APP_QUEUE = "Werkstätten zur Prüfung"


def checked(page: Page, language: str) -> Page:
    """The page has loaded in `language`, axe finds nothing, nothing scrolls sideways, and
    an English page has no German left in it."""
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    width, inner = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner, f"{page.url} scrolls sideways at {inner} px"
    if language == "en":
        text = page.locator("body").inner_text().replace(TEST_APP_QUEUE, "")
        assert not GERMAN.search(text), f"{page.url}: untranslated: {GERMAN.findall(text)}\n{text}"
    return page


def person(new_page, language: str, size: str, email: str | None = None) -> Page:
    """A browser of their own, in `language`, logged in when `email` is given."""
    page = new_page(viewport=SIZES[size])
    page.goto("/")
    if language != "de":
        open_menu(page, "de")
        switch_language(page, language)
    checked(page, language)
    if email:
        log_in(page, email, check=True)
    return page


def open_menu(page: Page, language: str) -> None:
    """On a phone the header's links are folded behind the menu button."""
    if page.viewport_size and page.viewport_size["width"] < 600:
        page.get_by_role("button", name=ui("Menü", language)).click()


def said(page: Page, message: str) -> None:
    """The page tells what just happened."""
    expect(page.locator(".messages")).to_contain_text(message)


def start_in_about_20_hours() -> datetime.datetime:
    """A wall-clock start in Berlin about 20 hours from now whose hour of end (one hour
    later) is still the same day, so the form needs no end date. The door opens 24 h before
    the start, and registration closes at the start: both hold during the whole test."""
    start = (timezone.now() + datetime.timedelta(hours=20)).astimezone(BERLIN)
    if start.hour >= 22:
        start -= datetime.timedelta(hours=3)
    return start.replace(second=0, microsecond=0)


def field(page: Page, label: str):
    """The form field labelled exactly `label` (a required one's label ends in " *")."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}( \*)?\s*$"))


def jpeg(tmp_path) -> str:
    out = BytesIO()
    Image.new("RGB", (120, 80), (200, 160, 90)).save(out, format="JPEG")
    path = tmp_path / "elterncafe.jpg"
    path.write_bytes(out.getvalue())
    return str(path)


@pytest.mark.parametrize(
    ("language", "size"),
    [("de", "wide"), ("en", "wide"), ("de", "phone")],
    ids=["de-1280", "en-1280", "de-360"],
)
def test_an_event_from_the_form_to_the_blog(new_page, cast, language, size, tmp_path):
    def t(text: str) -> str:
        return ui(text, language)

    TITLE, OUTCOME, ALT = (CONTENT[language][key] for key in ("title", "outcome", "alt"))

    # 1. The admin creates the event with the real form and submits it ...
    admin = person(new_page, language, size, cast["admin"].email)
    admin.goto("/veranstaltungen/meine/")
    checked(admin, language)
    admin.get_by_role("link", name=t("Veranstaltung anlegen")).first.click()
    checked(admin, language)
    expect(admin.get_by_role("heading", level=1)).to_have_text(t("Veranstaltung anlegen"))
    start = start_in_about_20_hours()
    end = start + datetime.timedelta(hours=1)
    field(admin, t("Titel")).fill(TITLE)
    field(admin, t("Worum geht es?")).fill(CONTENT[language]["description"])
    field(admin, t("vor Ort")).check()
    field(admin, t("Datum")).fill(start.date().isoformat())
    field(admin, t("Beginn (Uhrzeit)")).fill(start.strftime("%H:%M"))
    field(admin, t("Ende (Uhrzeit)")).fill(end.strftime("%H:%M"))
    field(admin, t("Ort")).fill("Pirna")
    field(admin, t("Veranstaltungsort")).fill("Gemeindesaal St. Marien")
    field(admin, t("Adresse")).fill("Kirchplatz 3")
    field(admin, t("Plätze insgesamt")).fill("1")
    admin.get_by_role("button", name=t("Einreichen")).click()
    checked(admin, language)
    expect(admin.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(admin.locator("#next-step")).to_be_visible()
    event = Event.objects.get(title=TITLE)
    assert event.state == Event.State.PENDING and event.organisation == cast["org"]
    assert event.starts_at == start and event.ends_at == end
    assert event.capacity == event.free_places == 1
    assert event.municipality.name == "Pirna" and event.format == "in_person"

    # ... and a moderator publishes it from the queue.
    moderator = person(new_page, language, size, cast["moderator"].email)
    moderator.goto("/moderation/?queue=events")
    checked(moderator, language)
    moderator.get_by_role("link", name=TITLE).click()
    checked(moderator, language)
    moderator.get_by_role("button", name=t("Veröffentlichen"), exact=True).click()
    checked(moderator, language)
    said(moderator, t("Die Veranstaltung ist veröffentlicht."))
    event.refresh_from_db()
    assert event.state == Event.State.PUBLISHED and event.published_at is not None

    # 2. Amira takes the one place with one click; Bogdan finds it full: the waiting list.
    amira = person(new_page, language, size, cast["amira"].email)
    amira.goto(event.get_absolute_url())
    checked(amira, language)
    box = amira.get_by_role("region", name=t("Anmeldung"))
    box.get_by_role("button", name=t("Jetzt anmelden")).click()
    checked(amira, language)
    said(amira, t("Sie sind angemeldet. Die Bestätigung ist unterwegs per E-Mail."))
    first = Registration.objects.get(event=event, user=cast["amira"])
    assert first.state == State.CONFIRMED
    event.refresh_from_db()
    assert event.free_places == 0

    bogdan = person(new_page, language, size, cast["bogdan"].email)
    bogdan.goto(event.get_absolute_url())
    checked(bogdan, language)
    box = bogdan.get_by_role("region", name=t("Anmeldung"))
    expect(box).to_contain_text(
        t(
            "Im Moment sind alle Plätze vergeben. Melden Sie sich trotzdem an: Sie kommen auf "
            "die Warteliste und bekommen einen frei werdenden Platz per E-Mail angeboten."
        )
    )
    box.get_by_role("button", name=t("Auf die Warteliste")).click()
    checked(bogdan, language)
    full = t(
        "Die Veranstaltung ist im Moment ausgebucht. Sie stehen auf Platz %(n)d der Warteliste. "
        "Wird ein Platz frei, bekommen Sie ihn per E-Mail angeboten."
    )
    said(bogdan, full % {"n": 1})
    second = Registration.objects.get(event=event, user=cast["bogdan"])
    assert second.state == State.WAITING
    box = bogdan.get_by_role("region", name=t("Anmeldung"))
    place = t(
        "Sie stehen auf Platz %(n)s der Warteliste. Wird ein Platz frei, bieten wir ihn Ihnen "
        "per E-Mail an."
    )
    expect(box).to_contain_text(place % {"n": 1})
    expect(box.get_by_role("link", name=t("Warteliste verlassen"))).to_be_visible()

    # 3. Amira cancels: from "Meine Anmeldungen" to the event, then the page that says
    # what happens; Bogdan is offered the place.
    open_menu(amira, language)
    amira.get_by_role("link", name=t("Meine Veranstaltungen")).first.click()
    checked(amira, language)
    expect(amira.get_by_role("heading", level=1)).to_have_text(t("Meine Anmeldungen"))
    amira.get_by_role("link", name=TITLE).click()
    checked(amira, language)
    amira.get_by_role("region", name=t("Anmeldung")).get_by_role(
        "link", name=t("Von der Veranstaltung abmelden")
    ).click()
    checked(amira, language)
    expect(amira.locator("main")).to_contain_text(t("Wenn Sie sich abmelden:"))
    with translation.override(language):
        consequence = translation.ngettext(
            "geben Sie Ihren Platz frei. Er geht an die nächste Person auf der Warteliste;",
            "geben Sie Ihre %(counter)s Plätze frei. Sie gehen an die Nächsten auf der Warteliste;",
            1,
        )
    expect(amira.locator("main")).to_contain_text(consequence)
    mails_before = len(mail.outbox)
    amira.get_by_role("button", name=t("Ja, abmelden")).click()
    checked(amira, language)
    said(amira, t("Sie sind abgemeldet."))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == State.CANCELLED
    assert second.state == State.OFFERED and second.offer_expires_at > timezone.now()
    event.refresh_from_db()
    assert event.free_places == 0  # held for Bogdan
    # Bogdan hears of it by mail
    assert any(
        m.to == [cast["bogdan"].email] and TITLE in m.subject for m in mail.outbox[mails_before:]
    )

    # 4. Bogdan's event page offers the place, and so does "Meine Anmeldungen": there he
    # takes it with one click.
    bogdan.goto(event.get_absolute_url())
    checked(bogdan, language)
    offer = bogdan.get_by_role("region", name=t("Anmeldung"))
    expect(offer.get_by_role("button", name=t("Platz annehmen"))).to_be_visible()
    open_menu(bogdan, language)
    bogdan.get_by_role("link", name=t("Meine Veranstaltungen")).first.click()
    checked(bogdan, language)
    hold = t("Nächster Schritt: Platz annehmen. Wir halten ihn bis %(until)s für Sie.")
    expect(bogdan.locator("main")).to_contain_text(hold.split("%(until)s")[0])
    bogdan.get_by_role("button", name=t("Platz annehmen")).click()
    checked(bogdan, language)
    said(bogdan, t("Der Platz gehört Ihnen. Die Bestätigung ist unterwegs per E-Mail."))
    expect(bogdan.get_by_role("heading", level=1)).to_have_text(TITLE)
    second.refresh_from_db()
    assert second.state == State.CONFIRMED
    # his page shows the code for the door
    code = bogdan.locator(".checkin-code .code")
    expect(code).to_have_text(second.checkin_code)
    expect(bogdan.get_by_role("heading", name=t("Ihr Code für den Einlass"))).to_be_visible()
    qr = bogdan.locator(".checkin-code img")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR code is not drawn"

    # 5. At the door the organiser checks Bogdan in by the code he shows.
    admin.goto(event.get_absolute_url())
    checked(admin, language)
    admin.get_by_role("complementary", name=t("Für das Team")).get_by_role(
        "link", name=t("Einlass")
    ).click()
    checked(admin, language)
    count = admin.locator("#door-count")
    door_line = ui("%(present)d von %(expected)d da", language)
    expect(count).to_have_text(door_line % {"present": 0, "expected": 1})
    field(admin, t("Code")).fill(second.checkin_code.lower())
    admin.get_by_role("button", name=t("Einchecken")).click()
    expect(admin.get_by_role("status")).to_contain_text("Bogdan")
    expect(count).to_have_text(door_line % {"present": 1, "expected": 1})
    checked(admin, language)
    second.refresh_from_db()
    assert second.state == State.ATTENDED and second.checked_in_at is not None

    # 6. The event took place. Waiting for it is no option in a test: move it into the
    # past in the database (start and end three hours earlier than now).
    took = timezone.now() - datetime.timedelta(hours=3)
    Event.objects.filter(pk=event.pk).update(
        starts_at=took, ends_at=took + datetime.timedelta(hours=1)
    )
    admin.goto(event.get_absolute_url())
    checked(admin, language)
    admin.get_by_role("complementary", name=t("Für das Team")).get_by_role(
        "link", name=t("Abschlussbericht")
    ).click()
    checked(admin, language)
    expect(admin.get_by_role("heading", level=1)).to_have_text(t("Abschlussbericht"))
    field(admin, t("Was ist herausgekommen?")).fill(OUTCOME)
    admin.get_by_label(ui("Foto %(number)d", language) % {"number": 1}, exact=True).set_input_files(
        jpeg(tmp_path)
    )
    admin.get_by_label(ui("Was ist auf Foto %(number)d zu sehen?", language) % {"number": 1}).fill(
        ALT
    )
    admin.get_by_role("button", name=t("Speichern und Veranstaltung abschließen")).click()
    checked(admin, language)
    said(admin, t("Gespeichert; die Veranstaltung ist abgeschlossen."))
    expect(admin.get_by_role("img", name=ALT)).to_be_visible()
    event.refresh_from_db()
    assert event.state == Event.State.CLOSED and event.outcome == OUTCOME
    assert event.photos.count() == 1
    admin.get_by_role("button", name=t("Im Blog veröffentlichen")).click()
    checked(admin, language)
    said(admin, t("Danke! Die Moderation prüft den Bericht und veröffentlicht ihn im Blog."))
    expect(admin.locator("main")).to_contain_text(
        t(
            "Der Bericht liegt bei der Moderation. Sobald sie ihn veröffentlicht, bekommen Sie "
            "Bescheid."
        )
    )
    event.refresh_from_db()
    post = event.report_post
    assert post is not None and post.kind == Post.Kind.REPORT and post.published_at is None

    # a moderator publishes it from the queue of reports
    moderator.goto("/moderation/?queue=event_reports")
    checked(moderator, language)
    moderator.get_by_role("link", name=TITLE).click()
    checked(moderator, language)
    expect(moderator.locator("main")).to_contain_text(OUTCOME)
    expect(moderator.locator("main")).to_contain_text(
        t(
            "Bitte prüfen Sie den Bericht. „Im Blog veröffentlichen“ macht ihn mit den Fotos "
            "öffentlich; die Veranstaltenden bekommen Bescheid."
        )
    )
    moderator.get_by_role("button", name=t("Im Blog veröffentlichen")).click()
    checked(moderator, language)
    said(moderator, t("Der Bericht ist im Blog veröffentlicht."))
    post.refresh_from_db()
    assert post.published_at is not None and post.published_at <= timezone.now()
    assert Notification.objects.filter(
        recipient=cast["admin"], kind="events.report_published", url=post.get_absolute_url()
    ).exists()

    # an anonymous visitor finds the report from the event page and reads it
    visitor = person(new_page, language, size)
    visitor.goto(event.get_absolute_url())
    checked(visitor, language)
    expect(visitor.get_by_role("region", name=t("Anmeldung"))).to_contain_text(
        t("Die Veranstaltung ist vorbei.")
    )
    visitor.get_by_role("link", name=post.title).click()
    checked(visitor, language)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(post.title)
    expect(visitor.locator("main")).to_contain_text(OUTCOME)
    assert visitor.locator("main").inner_text().count(OUTCOME) == 1  # said once
    expect(visitor.get_by_role("img", name=ALT)).to_be_visible()
