"""The newcomer portal as a newcomer uses it, in her language (issue #12, "What must be shown"):

- Amal finds a language course in Arabic on a 360 px phone: she picks العربية in the switcher,
  finds her town, filters by topic, types an Arabic word of the course's name and reads the
  course's Arabic name, hours and address — right to left, on one screen's width, axe-clean.
- Right to left in Arabic and Farsi: the header, the portal's navigation and the text are
  mirrored, the breadcrumbs' arrows point the other way, and German that stands in for a
  missing translation (or the German original a reader asked for) is marked lang="de"
  dir="ltr" and runs left to right inside the right-to-left page.
- axe-core finds nothing on any reader's page of the portal in any of the seven languages.

UI strings are looked up through the catalogue (`ui`): the tests pass with the catalogue as it
is and read the translated interface once the lead has added it. The portal's own texts (the
course's name, the guide) are translated here in the test world, through the services."""

from __future__ import annotations

import datetime
import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.template import defaultfilters
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from handschlag.directory.editing import apply_changes
from handschlag.directory.models import ReaderReport, Topic
from handschlag.directory.translating import translate
from tests.directory.public_world import PublicWorld, build_public_world
from tests.e2e.conftest import _new_context, assert_accessible, ui
from tests.e2e.test_accessibility import assert_headings_in_order
from tests.e2e.test_languages import choose, header_sides
from tests.e2e.test_layout import assert_fits_width

PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# the course in Arabic and Farsi; "المسائية" (of the evening) is the word Amal types
ARABIC_COURSE = "دورة اللغة الألمانية المسائية"
ARABIC_WORD = "المسائية"
FARSI_COURSE = "کلاس زبان آلمانی عصرها"
ARABIC_GUIDE = "الخطوات الأولى"
FARSI_GUIDE = "نخستین گام‌ها"


@pytest.fixture
def world(live_server) -> PublicWorld:
    """The public world, with the course, the guide and the welcome in Arabic and Farsi: the
    course's Arabic description outdated (German changed since), the guide's second section
    untranslated in both (readers see it in German)."""
    world = build_public_world()
    by, course, guide = world.editor, world.course, world.guide
    texts = {
        "ar": {
            "name": ARABIC_COURSE,
            "summary": "تعلّم اللغة الألمانية في المساء، للمبتدئين والمبتدئات.",
            "description": "الدورة ثلاث مرات في الأسبوع.",
            "eligibility": "للبالغين من عمر ١٦ سنة فما فوق.",
        },
        "fa": {
            "name": FARSI_COURSE,
            "summary": "یادگیری زبان آلمانی در عصرها، برای مبتدیان.",
            "description": "کلاس سه بار در هفته است.",
        },
    }
    for language, fields in texts.items():
        for field, text in fields.items():
            translate(obj=course, field=field, language=language, text=text, by=by)
    apply_changes(
        course, {"description": "Der Kurs ist dreimal pro Woche, auch in den Ferien."}, by=by
    )
    guides = {
        "ar": (ARABIC_GUIDE, "الوصول", ["التسجيل", "التأمين الصحي", "تعلّم الألمانية"],
               "سجّلوا أنفسكم في مكتب المواطنين.",
               "مرحباً بكم في زونبرغ!\n\nهنا تجدون المساعدة."),
        "fa": (FARSI_GUIDE, "ورود", ["ثبت‌نام", "بیمهٔ درمانی", "یادگیری آلمانی"],
               "در دفتر خدمات شهروندی ثبت‌نام کنید.",
               "به زونبرگ خوش آمدید!\n\nاینجا کمک پیدا می‌کنید."),
    }  # fmt: skip
    for language, (title, topic, headings, first_body, welcome) in guides.items():
        translate(obj=guide, field="title", language=language, text=title, by=by)
        translate(obj=guide.topic, field="title", language=language, text=topic, by=by)
        for section, heading in zip(world.sections, headings, strict=True):
            translate(obj=section, field="heading", language=language, text=heading, by=by)
        translate(obj=world.sections[0], field="body", language=language, text=first_body, by=by)
        translate(obj=world.portal, field="welcome", language=language, text=welcome, by=by)
    course.refresh_from_db()
    return world


def reader(browser: Browser, live_server, language: str, viewport: dict = WIDE) -> Page:
    """A browser whose language cookie is already set, as the switcher leaves it."""
    context = _new_context(browser, live_server.url, viewport=viewport)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    return context.new_page()


def in_language(page: Page, language: str, direction: str) -> None:
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", direction)


def hours_text(language: str, opens: datetime.time, closes: datetime.time) -> str:
    """One slot of opening hours as the offer page writes it in `language`."""
    with translation.override(language):
        times = {
            "opens": defaultfilters.time(opens, "TIME_FORMAT"),
            "closes": defaultfilters.time(closes, "TIME_FORMAT"),
        }
        return translation.gettext("%(opens)s–%(closes)s Uhr") % times


# --- 1. A newcomer finds a language course in Arabic on a phone ----------------------------


def test_a_newcomer_finds_a_language_course_in_arabic_on_a_phone(
    phone: Page, world: PublicWorld
) -> None:
    def step(language: str = "ar", direction: str = "rtl") -> None:
        phone.wait_for_load_state()
        in_language(phone, language, direction)
        assert_fits_width(phone)
        assert_accessible(phone)

    town = world.town
    phone.goto(reverse("directory:index"))
    step("de", "ltr")
    choose(phone, "العربية")  # behind the menu button on a phone
    step()
    brand, toggle, width = header_sides(phone)
    assert toggle < width / 2 < brand, "Arabic: logo on the right, menu button on the left"
    expect(phone.locator("h1")).to_have_text(ui("Angebote für Neuzugewanderte", "ar"))

    phone.locator(".portal-list").get_by_role("link", name=town.name).click()
    step()
    expect(phone.locator("main .lead")).to_contain_text("مرحباً بكم في زونبرغ!")
    # the topics on the portal's home page: language courses
    language_courses = phone.locator(f"a[href$='?topic={Topic.LANGUAGE.value}']")
    with translation.override("ar"):
        expect(language_courses).to_contain_text(str(Topic.LANGUAGE.label))
    language_courses.click()
    step()
    assert f"topic={Topic.LANGUAGE.value}" in phone.url
    cards = phone.locator("#results .offer-card h3")
    # the course in Arabic; the café in Lauscha has no Arabic name yet: German, marked as such
    expect(cards).to_have_count(2)
    expect(cards.filter(has_text=ARABIC_COURSE)).to_have_count(1)
    cafe = cards.filter(has_text="Sprachcafé Lauscha").locator("span[lang=de][dir=ltr]")
    expect(cafe).to_have_count(1)

    # she types a word of the Arabic name in the filters (folded on a phone: open them first)
    phone.locator("details.filter-panel summary").click()
    phone.locator("#id_q").fill(ARABIC_WORD)
    phone.locator("main form.filters button[type=submit]").click()
    expect(cards).to_have_count(1)
    expect(cards).to_have_text(ARABIC_COURSE)
    # the address bar keeps both, so the search can be shared (htmx pushes it after the swap)
    expect(phone).to_have_url(re.compile(re.escape(quote(ARABIC_WORD))))
    expect(phone).to_have_url(re.compile(f"topic={Topic.LANGUAGE.value}"))
    step()

    cards.get_by_role("link", name=ARABIC_COURSE).click()
    step()
    expect(phone.locator("h1")).to_have_text(ARABIC_COURSE)
    expect(phone.locator(".lead")).to_have_text(
        "تعلّم اللغة الألمانية في المساء، للمبتدئين والمبتدئات."
    )
    school = world.course.offer_locations.get(location__name="Volkshochschule").location
    place = phone.locator(f"#ort-{school.pk}")
    expect(place.locator(".address")).to_have_text(school.address)
    expect(place.locator("h3 span[lang=de][dir=ltr]")).to_have_text("Volkshochschule")
    hours = place.locator("dl.hours")
    expect(hours).to_contain_text(hours_text("ar", datetime.time(18), datetime.time(20)))
    assert hours.locator("dt").count() >= 2  # Monday and Wednesday at least
    # the phone number stays a number a phone can call
    expect(phone.locator("main a[href^='tel:']").first).to_have_attribute(
        "href", "tel:+49367512345"
    )

    # "Das stimmt nicht": her report reaches the portal's team, in her language
    phone.get_by_role("link", name=ui("Das stimmt nicht? Hinweis senden", "ar")).click()
    step()
    expect(phone.locator("main")).to_contain_text(ARABIC_COURSE)
    phone.locator(f"input[name=reason][value={ReaderReport.Reason.ADDRESS}]").check()
    phone.locator("textarea[name=note]").fill("الدورة في الطابق الثاني.")
    phone.locator("main form button[type=submit]").click()
    step()
    report = ReaderReport.objects.get(offer=world.course)
    assert (report.reason, report.note, report.language) == (
        ReaderReport.Reason.ADDRESS,
        "الدورة في الطابق الثاني.",
        "ar",
    )


# --- 2. Right to left: direction and mirroring in Arabic and Farsi -------------------------


def text_edges(page: Page, selector: str) -> dict:
    """Where the text of the first `selector` starts and ends, and the box it sits in."""
    return page.locator(selector).first.evaluate(
        """el => {
            const range = document.createRange();
            range.selectNodeContents(el);
            const text = range.getBoundingClientRect(), box = el.getBoundingClientRect();
            return {textLeft: text.left, textRight: text.right,
                    boxLeft: box.left, boxRight: box.right,
                    align: getComputedStyle(el).textAlign,
                    direction: getComputedStyle(el).direction};
        }"""
    )


def crumb_arrow(page: Page) -> str:
    """The arrow between two breadcrumbs (drawn by the stylesheet)."""
    return page.locator(".breadcrumbs li + li").first.evaluate(
        "el => getComputedStyle(el, '::before').content"
    )


def assert_laid_out(page: Page, direction: str) -> None:
    """The header, the portal's navigation and the headline run in `direction`."""
    width = page.viewport_size["width"]
    brand = page.locator(".brand").bounding_box()
    tools = page.locator(".header-tools").bounding_box()
    name = page.locator(".portal-nav .portal-name").bounding_box()
    links = page.locator(".portal-nav ul").bounding_box()
    headline = text_edges(page, "main h1")
    assert headline["direction"] == direction
    if direction == "rtl":
        assert brand["x"] > width / 2 > tools["x"], "logo on the right, tools on the left"
        assert name["x"] > links["x"], "the portal's name first, on the right"
        assert headline["align"] in {"start", "right"}
        assert abs(headline["textRight"] - headline["boxRight"]) <= 2, "headline starts right"
        assert headline["textLeft"] > headline["boxLeft"] + 10
    else:
        assert brand["x"] < width / 2 < tools["x"] + tools["width"], "logo on the left"
        assert name["x"] < links["x"], "the portal's name first, on the left"
        assert abs(headline["textLeft"] - headline["boxLeft"]) <= 2, "headline starts left"
    assert_fits_width(page)


@pytest.mark.parametrize(
    ("language", "course", "guide"),
    [("ar", ARABIC_COURSE, ARABIC_GUIDE), ("fa", FARSI_COURSE, FARSI_GUIDE)],
    ids=["ar", "fa"],
)
def test_arabic_and_farsi_read_right_to_left_and_the_layout_is_mirrored(
    browser: Browser, live_server, world: PublicWorld, language: str, course: str, guide: str
) -> None:
    # German first, to compare: left to right
    german = reader(browser, live_server, "de")
    german.goto(world.course.get_absolute_url())
    in_language(german, "de", "ltr")
    assert_laid_out(german, "ltr")
    assert crumb_arrow(german) == '"›"'
    german.context.close()

    page = reader(browser, live_server, language)
    page.goto(reverse("directory:portal", args=[world.town.slug]))
    in_language(page, language, "rtl")
    assert_laid_out(page, "rtl")
    assert_accessible(page)

    page.goto(reverse("directory:offers", args=[world.town.slug]))
    in_language(page, language, "rtl")
    assert_laid_out(page, "rtl")
    filters = page.locator(".layout > aside").bounding_box()
    results = page.locator("#results").bounding_box()
    assert filters["x"] > results["x"], "the filters stand on the right, beside the results"

    page.goto(world.course.get_absolute_url())
    in_language(page, language, "rtl")
    expect(page.locator("h1")).to_have_text(course)
    assert_laid_out(page, "rtl")
    assert crumb_arrow(page) == '"‹"', "the breadcrumbs' arrow points to the left"
    crumbs = page.locator(".breadcrumbs li")
    first, last = crumbs.first.bounding_box(), crumbs.last.bounding_box()
    assert first["x"] > last["x"], "the breadcrumbs run from right to left"
    # German in the page (a place without a translation): marked, and left to right inside
    german_place = page.locator(".place h3 span[lang=de][dir=ltr]").first
    assert german_place.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert_accessible(page)

    page.goto(world.guide.get_absolute_url())
    in_language(page, language, "rtl")
    expect(page.locator("h1")).to_have_text(guide)
    assert_laid_out(page, "rtl")
    assert crumb_arrow(page) == '"‹"'
    # the second section has no translation: its body is the German, marked and left to right
    untranslated = page.locator(f"#abschnitt-{world.sections[1].pk} .prose p").first
    expect(untranslated).to_have_attribute("lang", "de")
    expect(untranslated).to_have_attribute("dir", "ltr")
    expect(untranslated).to_have_text("Sie brauchen eine gesetzliche Krankenkasse.")
    assert untranslated.evaluate("el => getComputedStyle(el).direction") == "ltr"
    translated = page.locator(f"#abschnitt-{world.sections[0].pk} .prose p").first
    expect(translated).not_to_have_attribute("lang", "de")
    assert translated.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert_accessible(page)


def test_the_german_original_of_an_outdated_arabic_text_is_marked_german(
    browser: Browser, live_server, world: PublicWorld
) -> None:
    page = reader(browser, live_server, "ar", viewport=PHONE)
    page.goto(world.course.get_absolute_url())
    notice = page.locator(".translation-notice")
    expect(notice).to_be_visible()  # the Arabic description is older than the German
    original = notice.get_by_role("link", name=ui("Deutsches Original anzeigen", "ar"))
    expect(original).to_have_attribute("hreflang", "de")
    original.click()
    page.wait_for_load_state()
    assert "original=1" in page.url
    in_language(page, "ar", "rtl")  # the page stays Arabic around the German text
    expect(page.locator(".translation-notice")).to_contain_text(
        ui("Sie lesen das deutsche Original.", "ar")
    )
    name = page.locator("h1 span")
    expect(name).to_have_text("Deutschkurs am Abend")
    expect(name).to_have_attribute("lang", "de")
    expect(name).to_have_attribute("dir", "ltr")
    assert name.evaluate("el => getComputedStyle(el).direction") == "ltr"
    description = page.locator("section[aria-labelledby=about-heading] .prose p").first
    expect(description).to_have_attribute("lang", "de")
    expect(description).to_have_text("Der Kurs ist dreimal pro Woche, auch in den Ferien.")
    assert_fits_width(page)
    assert_accessible(page)
    # and back to the translation
    page.locator(".translation-notice").get_by_role(
        "link", name=ui("Zurück zur Übersetzung", "ar")
    ).click()
    expect(page.locator("h1")).to_have_text(ARABIC_COURSE)
    page.context.close()


# --- 3. axe and headings on every reader's page in every language -------------------------


def every_reader_page(world: PublicWorld) -> list[str]:
    slug = world.town.slug
    course = world.course.get_absolute_url()
    return [
        reverse("directory:index"),
        reverse("directory:portal", args=[slug]),
        reverse("directory:offers", args=[slug]) + f"?topic={Topic.LANGUAGE.value}&language=ar",
        course,
        course + "?original=1",
        reverse("directory:guides", args=[slug]),
        world.guide.get_absolute_url(),
        reverse("directory:share", args=[slug]) + "?pfad=" + quote(course),
        reverse("directory:report", args=[slug, world.course.pk]),
        reverse("directory:offline"),
    ]


def test_every_reader_page_is_accessible_in_every_language(
    browser: Browser, live_server, world: PublicWorld
) -> None:
    pages = every_reader_page(world)
    for language in LANGUAGES:
        direction = "rtl" if translation.get_language_info(language)["bidi"] else "ltr"
        page = reader(browser, live_server, language, viewport=PHONE)
        for url in pages:
            response = page.goto(url)
            assert response is not None and response.status == 200, f"{language} {url}"
            in_language(page, language, direction)
            assert_fits_width(page)
            assert_accessible(page)
            assert_headings_in_order(page)
        page.context.close()
