"""The reader's template tags: portal texts escaped and marked German where they are shown in
German on a page in another language, distances and phone numbers as readers need them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from handschlag.directory.templatetags.portal_public import km, tel
from handschlag.directory.translation import Section, Status

CHANGED = datetime(2030, 1, 1, tzinfo=UTC)


def german(text: str) -> Section:
    return Section(text, "de", Status.CURRENT, CHANGED)


def ukrainian(text: str) -> Section:
    return Section(text, "uk", Status.CURRENT, CHANGED)


def render(source: str, language: str, **context: object) -> str:
    with translation.override(language):
        return Template("{% load portal_public %}" + source).render(Context(context))


def test_a_translated_text_is_escaped_and_not_marked():
    assert render("{% text s %}", "uk", s=ukrainian("Курс <b>")) == "Курс &lt;b&gt;"


def test_a_german_text_on_a_page_in_another_language_is_marked():
    assert (
        render("{% text s %}", "ar", s=german("Deutschkurs & mehr"))
        == '<span lang="de" dir="ltr">Deutschkurs &amp; mehr</span>'
    )
    assert render("{% text s %}", "de", s=german("Deutschkurs")) == "Deutschkurs"
    assert render("{% text s %}", "uk", s="Sonneberg <3") == "Sonneberg &lt;3"
    assert render("{% text s %}", "uk", s=None) == ""


def test_paragraphs_split_at_blank_lines_and_keep_line_breaks():
    text = german("Erster Absatz\r\nzweite Zeile\n\n\n<script>x</script>")
    assert render("{% paragraphs s %}", "en", s=text) == (
        '<p lang="de" dir="ltr">Erster Absatz<br>zweite Zeile</p>'
        '<p lang="de" dir="ltr">&lt;script&gt;x&lt;/script&gt;</p>'
    )
    assert render("{% paragraphs s %}", "de", s=german("  ")) == ""


def test_the_page_language_decides_even_when_the_original_is_asked_for():
    # ?original=1: every text is German, the page around stays in the reader's language
    assert render("{% text s %}", "uk", s=german("Anmelden"), ui_language="uk").startswith(
        '<span lang="de"'
    )


@pytest.mark.parametrize(
    ("language", "distance", "said"),
    [
        ("de", 0.0, "100 m"),
        ("de", 0.44, "400 m"),
        ("de", 2.345, "2,3 km"),
        ("en", 2.345, "2.3 km"),
        ("de", 14.6, "15 km"),
        ("uk", 2.345, "2,3 km"),
    ],
)
def test_distances_are_said_in_the_readers_number_format(language, distance, said):
    with translation.override(language):
        assert km(distance) == said
    assert km(None) == ""


def test_a_phone_number_becomes_a_tel_address():
    assert tel("+49 (3675) 123-45") == "+49367512345"
    assert tel("03675 / 12345") == "0367512345"
