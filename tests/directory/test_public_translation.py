"""Readers in their language: texts translated section by section, German where a translation
is missing (marked lang="de" dir="ltr" for screen readers and right-to-left pages), and the
notices: an outdated translation names the date of the German original and links to it, a
machine translation says so — per guide section."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from handschlag.directory.public_selectors import (
    guide_for_reader,
    notice_for,
    offer_for_reader,
    reading_language,
)
from handschlag.directory.translation import Status

from .public_world import build_public_world

pytestmark = pytest.mark.django_db
OUTDATED = (
    "Diese Übersetzung ist älter als das deutsche Original vom %(date)s. "
    "Vielleicht hat sich etwas geändert."
)
FALLBACK_EN = "Parts of this text are not yet translated into your language"
MACHINE = "Dieser Text wurde automatisch übersetzt und noch nicht von einem Menschen geprüft."


@pytest.fixture
def world():
    return build_public_world()


@pytest.fixture
def reader(client, settings):
    """A reader whose browser asks for the site in `language` (the language switcher's cookie)."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("uk", "Українська"), ("ar", "العربية")]

    def read(url: str, language: str = "uk") -> str:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get(url)
        assert response.status_code == 200, url
        return response.content.decode()

    return read


def test_the_reading_language_is_the_active_one(world):
    with translation.override("uk"):
        assert reading_language() == "uk"
    with translation.override("pt-br"):
        assert reading_language() == "pt"


def test_an_offer_in_ukrainian_with_its_notices(world):
    with translation.override("uk"):
        reading = offer_for_reader(
            slug="sonneberg", pk=world.course.pk, user=_anonymous(), language=reading_language()
        )
    offer = reading.offer
    assert offer.localized["name"].text == "Курс німецької ввечері"
    assert offer.localized["description"].status == Status.OUTDATED
    assert offer.localized["eligibility"].language == "de"  # missing: German
    notice = notice_for([offer], "uk")
    assert notice.outdated and not notice.machine and notice.fallback
    assert notice.original_changed_at == world.course.content_changed_at
    assert notice_for([offer], "de").any is False


def test_guide_sections_carry_their_own_status(world):
    reading = guide_for_reader(
        slug="sonneberg", pk=world.guide.pk, user=_anonymous(), language="uk"
    )
    notices = [notice_for([s], "uk") for s in reading.sections]
    assert [(n.outdated, n.machine) for n in notices] == [
        (False, False),
        (True, False),
        (False, True),
    ]


def test_the_offer_page_in_ukrainian(reader, world):
    html = reader(world.course.get_absolute_url())
    assert '<html lang="uk" dir="ltr">' in html
    assert "<h1>Курс німецької ввечері</h1>" in html
    with translation.override("uk"):
        changed = date_format(
            timezone.localtime(world.course.content_changed_at), "SHORT_DATE_FORMAT"
        )
    # the notice in Ukrainian, with the date in Ukrainian format
    assert said(OUTDATED, date=changed) in html
    assert '<a href="?original=1" hreflang="de">' in html
    assert "<p>Курс двічі на тиждень.</p>" in html  # the outdated translation, still shown
    # missing sections are German, marked so
    assert '<p lang="de" dir="ltr">Erwachsene ab 16 Jahren.</p>' in html
    assert '<span lang="de" dir="ltr">10 Euro im Monat</span>' in html


def test_the_german_original_on_the_same_page(reader, world):
    html = reader(world.course.get_absolute_url() + "?original=1")
    assert '<html lang="uk" dir="ltr">' in html  # the page around stays Ukrainian
    assert said("Sie lesen das deutsche Original.") in html and '<a href="?">' in html
    assert '<h1><span lang="de" dir="ltr">Deutschkurs am Abend</span></h1>' in html
    assert '<p lang="de" dir="ltr">Der Kurs ist dreimal pro Woche.</p>' in html
    assert "Курс" not in html.split("<main", 1)[1]


def test_a_machine_translation_is_marked(reader, world):
    html = reader(world.counselling.get_absolute_url())
    assert said(MACHINE) in html
    assert '<p class="lead">Консультації з питань перебування.</p>' in html
    assert '<h1><span lang="de" dir="ltr">Migrationsberatung</span></h1>' in html


def test_the_guide_page_has_a_notice_per_section(reader, world):
    html = reader(world.guide.get_absolute_url())
    sections = re.findall(r'<section class="guide-section".*?</section>', html, flags=re.S)
    assert len(sections) == 3
    assert "translation-notice" not in sections[0]
    assert said(OUTDATED, date="|").split("|")[0] in sections[1]
    assert f'href="?original=1#abschnitt-{world.sections[1].pk}"' in sections[1]
    assert said(MACHINE) in sections[2]
    assert "<p>Вам потрібна каса.</p>" in sections[1]
    assert "<h1>Перші кроки</h1>" in html
    assert ">Прибуття</a>" in html  # the topic in the breadcrumbs


def test_the_list_and_home_in_ukrainian(reader, world):
    html = reader(reverse("directory:offers", args=["sonneberg"]))
    assert ">Курс німецької ввечері</a></h3>" in html
    assert '<span lang="de" dir="ltr">Hilfetelefon</span>' in html
    home = reader(reverse("directory:portal", args=["sonneberg"]))
    assert "<p>Ласкаво просимо!</p>" in home


def test_arabic_pages_are_right_to_left_with_german_left_to_right(reader, world):
    html = reader(world.guide.get_absolute_url(), language="ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1><span lang="de" dir="ltr">Erste Schritte</span></h1>' in html
    offer = reader(world.course.get_absolute_url(), language="ar")
    assert "</span>، <span" in offer and "</span>, <span" not in offer  # the Arabic comma


def test_english_readers_see_german_marked(reader, world):
    html = reader(world.course.get_absolute_url(), language="en")
    assert '<html lang="en" dir="ltr">' in html
    assert '<h1><span lang="de" dir="ltr">Deutschkurs am Abend</span></h1>' in html
    # nothing translated: nothing outdated, but the reader is told why German stands here
    assert FALLBACK_EN in html and "Deutsches Original anzeigen" not in html
    assert FALLBACK_EN not in reader(reverse("directory:offers", args=["sonneberg"]), "en")
    german = reader(world.course.get_absolute_url(), language="de")
    assert 'lang="de" dir="ltr"' not in german.split("<main", 1)[1]


def said(text: str, **params: str) -> str:
    """`text` as a Ukrainian reader's page says it (escaped as in the HTML)."""
    from django.utils.html import escape

    with translation.override("uk"):
        translated = translation.gettext(text)
    return escape(translated % params if params else translated)


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
