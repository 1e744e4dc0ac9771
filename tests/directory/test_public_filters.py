"""Finding offers: the typed filters, the form that makes them from a query string (bad input
is a message, never an error page), and the list they select — by topic, language spoken, free
text in the reader's language, and distance from a typed place."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from handschlag.core.languages import BY_CODE
from handschlag.directory.filters import DEFAULT_FILTERS, OfferFilters, Origin
from handschlag.directory.models import Topic
from handschlag.directory.public_forms import OfferFilterForm, PortalSearchForm
from handschlag.directory.public_selectors import (
    offer_list,
    prepare_cards,
    published_portals,
    resolve_place,
    spoken_languages,
    topic_counts,
)

from .public_world import build_public_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_public_world()


def names(world, filters, language="de"):
    return [o.name for o in offer_list(portal=world.portal, filters=filters, language=language)]


def form(world, query: str) -> OfferFilterForm:
    return OfferFilterForm(
        QueryDict(query), languages=spoken_languages(world.portal)
    )  # fmt: skip


# --- the typed filter ------------------------------------------------------------------------


def test_filters_refuse_values_outside_their_choices():
    with pytest.raises(ValueError):
        OfferFilters(topic="cooking")
    with pytest.raises(ValueError):
        OfferFilters(language="klingon")
    with pytest.raises(ValueError):
        OfferFilters(radius_km=7)
    assert OfferFilters(topic="language").topic is Topic.LANGUAGE


def test_words_are_lower_case_unique_letters_and_digits_of_any_script():
    filters = OfferFilters(q="  Deutsch-KURS, deutsch! Курс  \x00 عربي")
    assert filters.words == ["deutsch", "kurs", "курс", "عربي"]
    assert OfferFilters(q="a b c d e f g h i j").words == list("abcdefgh")


def test_a_radius_counts_only_with_a_place():
    assert OfferFilters(radius_km=10).within_km is None
    assert OfferFilters(radius_km=10, origin=Origin("X", 50, 11)).within_km == 10
    assert DEFAULT_FILTERS.is_default and not OfferFilters(q="x").is_default


# --- the list --------------------------------------------------------------------------------


def test_the_list_shows_public_offers_open_ones_first_by_name(world):
    assert names(world, DEFAULT_FILTERS) == [
        "Deutschkurs am Abend",
        "Hilfetelefon",
        "Sprachcafé Lauscha",
        "Migrationsberatung",  # temporarily closed: after the open ones
    ]


def test_by_topic_and_by_language_spoken(world):
    assert names(world, OfferFilters(topic=Topic.LANGUAGE)) == [
        "Deutschkurs am Abend",
        "Sprachcafé Lauscha",
    ]
    assert names(world, OfferFilters(language="fa")) == ["Migrationsberatung"]
    assert names(world, OfferFilters(topic=Topic.LANGUAGE, language="tr")) == ["Sprachcafé Lauscha"]


def test_free_text_finds_words_of_the_readers_language_and_needs_every_word(world):
    assert names(world, OfferFilters(q="курс")) == ["Deutschkurs am Abend"]
    assert names(world, OfferFilters(q="KAFFEE deutsch")) == ["Sprachcafé Lauscha"]
    assert names(world, OfferFilters(q="kaffee abend")) == []
    # the provider's name is searched too
    provider = world.far.provider.name.lower()
    assert names(world, OfferFilters(q=provider)) == ["Sprachcafé Lauscha"]


def test_a_translation_stays_searchable_after_the_german_text_changed(world):
    # the course's German description was changed after it was translated
    assert names(world, OfferFilters(q="ввечері")) == ["Deutschkurs am Abend"]


def test_the_list_is_sorted_by_the_name_in_the_readers_language(world):
    from handschlag.directory.translating import translate

    translate(obj=world.far, field="name", language="uk", text="Авеню кав'ярня", by=world.editor)
    # German names where there is no translation; "Авеню…" before "Курс…" (the course)
    assert names(world, DEFAULT_FILTERS, language="uk") == [
        "Hilfetelefon",
        "Sprachcafé Lauscha",
        "Deutschkurs am Abend",
        "Migrationsberatung",
    ]


def test_from_a_typed_town_the_nearest_offers_come_first_with_their_distance(world):
    origin = resolve_place("Neuhaus-Schierschnitz")
    assert origin == Origin("Neuhaus-Schierschnitz", 50.4166, 11.2494, world.neighbour.pk)
    filters = OfferFilters(origin=origin)
    offers = offer_list(portal=world.portal, filters=filters, language="de")
    assert [o.name for o in offers] == [
        "Deutschkurs am Abend",  # the school, 7.6 km
        "Migrationsberatung",  # the town hall, 8.3 km
        "Sprachcafé Lauscha",  # 9.2 km
        "Hilfetelefon",  # no place: last
    ]
    cards = prepare_cards(offers, portal=world.portal, language="de", origin=origin)
    distances = [c.nearest.distance_km if c.nearest else None for c in cards]
    assert [round(d, 1) if d else d for d in distances] == [7.6, 8.3, 9.2, None]
    assert cards[0].nearest.location.name == "Volkshochschule"  # nearer than the town hall


def test_a_radius_leaves_out_what_is_further_but_keeps_offers_without_a_place(world):
    origin = resolve_place("Lauscha")
    assert names(world, OfferFilters(origin=origin, radius_km=5)) == [
        "Sprachcafé Lauscha",
        "Hilfetelefon",
    ]
    assert len(names(world, OfferFilters(origin=origin, radius_km=25))) == 4


def test_a_postcode_is_a_place_when_an_offer_is_there(world):
    origin = resolve_place("98724")
    assert origin is not None and origin.label == "98724"
    assert names(world, OfferFilters(origin=origin))[0] == "Sprachcafé Lauscha"
    assert resolve_place("12345") is None


def test_unknown_places_and_nonsense_resolve_to_nothing(world):
    for text in ("", "   ", "Atlantis", "\x00", "9" * 300):
        assert resolve_place(text) is None


def test_topic_counts_and_languages_come_from_public_offers_only(world):
    assert topic_counts(world.portal) == [
        (Topic.LANGUAGE, 2),
        (Topic.COUNSELLING, 1),
        (Topic.SCHOOL, 1),
        (Topic.ENCOUNTER, 1),
        (Topic.EMERGENCY, 1),
    ]  # the ended "Nähkurs" (leisure) is not counted
    assert [language.code for language in spoken_languages(world.portal)] == [
        "de", "en", "ar", "uk", "ru", "tr", "fa",
    ]  # fmt: skip


def test_portals_by_town_or_nearest_to_a_place(world):
    assert list(published_portals()) == [world.portal]  # the unpublished one is not listed
    assert list(published_portals(origin=resolve_place("Lauscha"))) == [world.portal]


# --- the form --------------------------------------------------------------------------------


def test_the_form_makes_the_same_filters_as_the_typed_object(world):
    made = form(world, "q=Kurs&topic=language&language=ar&place=Lauscha&radius=10").filters()
    assert made == OfferFilters(
        q="Kurs", topic=Topic.LANGUAGE, language="ar", origin=resolve_place("Lauscha"),
        radius_km=10,
    )  # fmt: skip
    assert form(world, "").filters() == DEFAULT_FILTERS


@pytest.mark.parametrize(
    "query",
    [
        "topic=cooking",
        "language=xx",
        "radius=7",
        "radius=abc",
        "q=" + "x" * 201,
        "place=" + "x" * 141,
        "place=Atlantis",
        "place=12345",
    ],
)
def test_a_bad_field_is_an_error_and_left_out_while_the_others_apply(world, query):
    bad = form(world, f"{query}&topic=language" if "topic" not in query else query)
    filters = bad.filters()
    assert bad.errors
    field = query.split("=")[0]
    assert field in bad.errors
    if field != "topic":
        assert filters.topic is Topic.LANGUAGE  # the valid filter still applies
    assert names(world, filters)  # and the list is still there


def test_an_unknown_town_is_answered_with_similar_ones_whose_links_keep_the_filters(world):
    bad = form(world, "place=Lausha&topic=language&page=3")
    bad.filters()
    assert "Meinten Sie: Lauscha?" in bad.errors["place"][0]
    [(town, link)] = bad.place_suggestions
    assert town.name == "Lauscha"
    assert QueryDict(link[1:]) == QueryDict("topic=language&place=Lauscha")


def test_an_unknown_postcode_says_so(world):
    bad = form(world, "place=12345")
    bad.filters()
    assert bad.errors["place"] == ["Zu dieser Postleitzahl kennen wir keinen Ort mit Angeboten."]


def test_the_language_choices_are_the_spoken_ones_and_a_linked_known_one(world):
    choices = [value for value, _ in form(world, "").fields["language"].choices]
    assert choices == ["", "de", "en", "ar", "uk", "ru", "tr", "fa"]
    linked = form(world, "language=ti")
    assert linked.filters().language == "ti" and not linked.errors
    assert "ti" in BY_CODE


def test_the_language_options_name_each_language_in_its_own_script(world):
    html = str(form(world, "")["language"])
    assert '<option value="uk" lang="uk" dir="auto">Українська (Ukrainisch)</option>' in html
    assert '<option value="de" lang="de" dir="auto">Deutsch</option>' in html


def test_the_portal_search_resolves_a_place_or_says_it_is_unknown(world):
    assert PortalSearchForm(QueryDict("place=Lauscha")).origin().label == "Lauscha"
    unknown = PortalSearchForm(QueryDict("place=Lausha"))
    assert unknown.origin() is None and unknown.place_suggestions


# --- the same filters for the API ------------------------------------------------------------


def test_the_api_gets_the_same_filters_from_plain_values(world):
    from handschlag.core.errors import DomainError
    from handschlag.directory.public_selectors import offer_filters

    assert (
        offer_filters(q=" Kurs ", topic="language", language="ar", place="Lauscha", radius_km=10)
        == form(world, "q=Kurs&topic=language&language=ar&place=Lauscha&radius=10").filters()
    )
    assert offer_filters() == DEFAULT_FILTERS
    for bad, code in [
        ({"place": "Atlantis"}, "unknown_place"),
        ({"topic": "kochen"}, "unknown_topic"),
        ({"language": "xx"}, "unknown_language"),
        ({"radius_km": 7}, "unknown_radius"),
    ]:
        with pytest.raises(DomainError) as refused:
            offer_filters(**bad)
        assert refused.value.code == code and refused.value.message
