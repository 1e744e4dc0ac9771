"""Post addresses: German transliteration (ü → ue, ß → ss), unique, stable once published."""

import importlib
import unicodedata

import pytest
from django.apps import apps

from handschlag.blog import services
from handschlag.blog.models import Post
from handschlag.blog.slugs import german_slugify
from handschlag.promises.models import Redemption
from tests import factories
from tests.promises.report_data import content

from .test_reports import confirmed_report


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Fünf Tablets", "fuenf-tablets"),
        ("Straße der Begegnung", "strasse-der-begegnung"),
        ("Ärger, Öl und Übermut", "aerger-oel-und-uebermut"),
        ("GROSSE ẞTRASSE", "grosse-sstrasse"),
        ("Café für Müßiggänger", "cafe-fuer-muessiggaenger"),
        (unicodedata.normalize("NFD", "Fünf Brücken"), "fuenf-bruecken"),  # decomposed umlauts
        ("Zwölf – Kinder!", "zwoelf-kinder"),
        ("", ""),
    ],
)
def test_german_titles_are_transliterated(title, slug):
    assert german_slugify(title) == slug


@pytest.mark.django_db
def test_slugs_are_unique_and_never_a_page_of_the_blog():
    assert services.unique_slug("Fünf Tablets") == "fuenf-tablets"
    factories.PostFactory(slug="fuenf-tablets")
    factories.PostFactory(slug="fuenf-tablets-2")
    assert services.unique_slug("Fünf Tablets") == "fuenf-tablets-3"
    assert services.unique_slug("Feed") == "feed-beitrag"
    assert services.unique_slug("!!!") == "beitrag"


@pytest.mark.django_db
def test_two_reports_with_one_title_get_two_addresses_that_stay(moderator):
    first = services.publish_report(
        redemption=confirmed_report(factories.PromiseFactory()),
        content=content(title="Fünf Tablets für die Straße"),
        by=moderator,
    )
    second = services.publish_report(
        redemption=confirmed_report(factories.PromiseFactory()),
        content=content(title="Fünf Tablets für die Straße"),
        by=moderator,
    )
    assert (first.slug, second.slug) == (
        "fuenf-tablets-fuer-die-strasse", "fuenf-tablets-fuer-die-strasse-2"
    )  # fmt: skip
    # a later change of the title does not move the address
    first.title = "Ein anderer Titel"
    first.save()
    first.refresh_from_db()
    assert first.slug == "fuenf-tablets-fuer-die-strasse"


# --- the data migrations: old reports keep their text, once -----------------------------------


@pytest.mark.django_db
def test_old_report_text_moves_into_the_first_section():
    old = factories.RedemptionFactory(state=Redemption.State.CONFIRMED, report_text="Alter Text")
    new = factories.RedemptionFactory(
        state=Redemption.State.CONFIRMED, report_happened="Neu", report_text=""
    )
    migration = importlib.import_module(
        "handschlag.promises.migrations.0005_report_text_into_first_section"
    )
    migration.forwards(apps, None)
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.report_happened, old.report_text) == ("Alter Text", "")
    assert (new.report_happened, new.report_text) == ("Neu", "")
    assert old.report_sections == [("Was passiert ist", "Alter Text")]


@pytest.mark.django_db
def test_old_report_posts_get_sections_and_lose_the_repeated_teaser():
    text = "Zwölf Kinder lernen jetzt mit Tablets. " * 20
    repeated = factories.PostFactory(
        kind=Post.Kind.REPORT, body=text, teaser=text[:299] + "…", sections=[]
    )
    own_teaser = factories.PostFactory(
        kind=Post.Kind.REPORT, body="Text.", teaser="Ein eigener Anreißer.", sections=[]
    )
    editorial = factories.PostFactory(body="Redaktion.", sections=[])
    migration = importlib.import_module(
        "handschlag.blog.migrations.0004_report_posts_into_sections"
    )
    migration.forwards(apps, None)
    for post in (repeated, own_teaser, editorial):
        post.refresh_from_db()
    assert repeated.sections == [{"key": "happened", "text": text}] and repeated.teaser == ""
    assert own_teaser.teaser == "Ein eigener Anreißer."
    assert editorial.sections == []
