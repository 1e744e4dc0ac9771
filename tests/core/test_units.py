"""A quantity with its unit, said right (handschlag.core.units and the `amount` template tag)."""

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from handschlag.core import units
from handschlag.core.units import amount, dative_plural, singular_of, stored_pair


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


@pytest.mark.parametrize(
    ("count", "singular", "plural", "said"),
    [
        (1, "Platz", "Plätze", "1 Platz"),
        (3, "Platz", "Plätze", "3 Plätze"),
        (0, "Platz", "Plätze", "0 Plätze"),
        (1, "Stunde", "Stunden", "1 Stunde"),
        (1, "Tablet", "Tablets", "1 Tablet"),
        (2, "Stück", "Stück", "2 Stück"),
        # a row stored before the singular existed: the known pair fills in
        (1, "", "Plätze", "1 Platz"),
        (1, "", "Nähmaschinen", "1 Nähmaschine"),
        # unknown and without singular: the one form we have
        (1, "", "Hausaufgabenhefte", "1 Hausaufgabenhefte"),
        # only the singular: the known plural
        (4, "Raum", "", "4 Räume"),
    ],
)
def test_the_singular_after_one_and_the_plural_otherwise(count, singular, plural, said):
    assert amount(count, singular, plural) == said


@pytest.mark.parametrize(
    ("count", "singular", "plural", "said"),
    [
        (10, "Platz", "Plätze", "10 Plätzen"),
        (2, "Kurs", "Kurse", "2 Kursen"),
        (5, "Tablet", "Tablets", "5 Tablets"),
        (20, "Stunde", "Stunden", "20 Stunden"),
        (12, "Fahrrad", "Fahrräder", "12 Fahrrädern"),
        (50, "Mantel", "Mäntel", "50 Mänteln"),
        (3, "Computer", "Computer", "3 Computern"),
        (10, "Stück", "Stück", "10 Stück"),
        (500, "Euro", "Euro", "500 Euro"),
        (3, "Paar", "Paar", "3 Paar"),
        (1, "Platz", "Plätze", "1 Platz"),
        (2, "Nachmittag pro Woche", "Nachmittage pro Woche", "2 Nachmittagen pro Woche"),
        (4, "neuer Laptop", "neue Laptops", "4 neuen Laptops"),
    ],
)
def test_after_von_the_plural_takes_the_dative(count, singular, plural, said):
    assert amount(count, singular, plural, dative=True) == said


def test_without_a_unit_the_count_is_of_pieces():
    assert amount(1) == "1 Stück"
    assert amount(3, dative=True) == "3 Stück"
    with translation.override("en"):
        assert (amount(1), amount(3)) == ("1 item", "3 items")


def test_in_english_the_german_unit_is_shown_as_typed_without_the_dative():
    with translation.override("en"):
        assert amount(10, "Platz", "Plätze", dative=True) == "10 Plätze"
        assert amount(1, "Platz", "Plätze") == "1 Platz"


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("Plätze", "Platz"),
        ("plätze", "platz"),
        ("Sitzplätze", "Sitzplatz"),
        ("Praktikumsplätze", "Praktikumsplatz"),
        ("Sprachkurse", "Sprachkurs"),
        ("Stunden Nachhilfe", "Stunde Nachhilfe"),
        ("Nachmittage pro Woche", "Nachmittag pro Woche"),
        ("Fahrräder", "Fahrrad"),
        ("Stück", "Stück"),
        ("Euro", "Euro"),
        # not known: the plural itself; a short word is no compound ("E|tage")
        ("Etage", "Etage"),
        ("Hausaufgabenhefte", "Hausaufgabenhefte"),
        # the last part of a compound keeps the case it was typed in
        ("Wimmelbücher-Sets", "Wimmelbücher-Set"),
        ("E-Bikes", "E-Bikes"),
    ],
)
def test_the_singular_of_a_known_plural(plural, singular):
    assert singular_of(plural) == singular


@pytest.mark.parametrize(
    ("stored", "filled"),
    [
        # (singular, plural) as stored → as the migration and the services leave them
        (("", "Tablets"), ("Tablet", "Tablets")),
        (("", "Plätze"), ("Platz", "Plätze")),
        (("", "Kurse"), ("Kurs", "Kurse")),
        (("", "Nachmittage pro Woche"), ("Nachmittag pro Woche", "Nachmittage pro Woche")),
        # the singular typed as the plural: both forms are known
        (("", "Raum"), ("Raum", "Räume")),
        # unknown: the plural for both
        (("", "Hausaufgabenhefte"), ("Hausaufgabenhefte", "Hausaufgabenhefte")),
        # what was given stays
        (("Kiste", "Kisten"), ("Kiste", "Kisten")),
        (("Bett", "Betten"), ("Bett", "Betten")),
        (("", ""), ("", "")),
        (("Raum", ""), ("Raum", "Räume")),
    ],
)
def test_the_stored_pair_fills_in_the_missing_form(stored, filled):
    assert stored_pair(*stored) == filled


def test_every_known_pair_is_found_both_ways():
    for singular, plural in units.KNOWN_UNITS:
        assert units.known_singular(plural) == singular
        assert units.known_plural(singular) == plural


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß", min_size=1, max_size=12)
nouns = st.builds(lambda w: w.capitalize(), words)


@given(nouns)
def test_the_dative_adds_n_at_most_once(plural):
    once = dative_plural(plural)
    assert once in (plural, plural + "n")
    assert dative_plural(once) == once


@given(nouns)
def test_plurals_on_n_or_s_keep_their_form_after_von(stem):
    for plural in (stem + "n", stem + "s"):
        assert dative_plural(plural) == plural


@given(st.integers(min_value=0, max_value=10**6), nouns, nouns)
def test_the_number_comes_first_and_one_takes_the_singular(count, singular, plural):
    said = amount(count, singular, plural)
    number, _space, unit = said.partition(" ")
    assert number == str(count)
    assert unit == (singular if count == 1 else plural)
    assert amount(count, singular, plural, dative=True).startswith(f"{count} ")


def test_the_template_tag_takes_numbers_and_strings_and_escapes():
    template = Template(
        "{% load handschlag %}{% amount n one many %} · "
        "noch 2 von {% amount 10 one many dative=True %} · "
        "{% amount 2 '' evil as x %}[{{ x }}]"
    )
    html = template.render(Context({"n": 1, "one": "Platz", "many": "Plätze", "evil": "<b>"}))
    assert html == "1 Platz · noch 2 von 10 Plätzen · [2 &lt;b&gt;]"


def test_a_number_typed_into_the_unit_is_noticed():
    assert units.starts_with_number("10 Tablets")
    assert not units.starts_with_number("Tablets")
