"""Finding measures: free text in every language, the four filters, the form that shares them
with the API, and what the list page says about its results."""

import pytest
from django.urls import reverse

from handschlag.measures import selectors
from handschlag.measures.filters import MeasureFilters
from handschlag.measures.forms import MeasureFilterForm
from handschlag.measures.models import Adoption, Measure
from tests import factories as base

from .factories import MeasureFactory, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    """Three published measures that differ in every filter, and a draft that matches all."""
    return {
        "cafe": MeasureFactory(
            slug="sprachcafe",
            title={"de": "Sprachcafé in der Bibliothek", "en": "Language café at the library"},
            steps=[{"de": "Ehrenamtliche gewinnen", "en": "Recruit volunteers"}],
            format="encounter",
            topics=["cohesion", "access"],
            target_groups=["newcomers", "civil_society"],
            effort="low",
        ),
        "training": MeasureFactory(
            slug="fortbildung",
            title={"de": "Fortbildung interkulturelle Kompetenz", "en": "Intercultural training"},
            goal={"de": "Die Verwaltung öffnet sich.", "en": "An open administration."},
            format="training",
            topics=["opening"],
            target_groups=["administration"],
            effort="medium",
        ),
        "strategy": MeasureFactory(
            slug="integrationskonzept",
            title={"de": "Integrationskonzept mit Beteiligung"},  # no English text
            format="strategy",
            topics=["management", "engagement"],
            target_groups=["politics", "administration"],
            effort="high",
        ),
        "draft": MeasureFactory(
            slug="entwurf",
            state=Measure.State.DRAFT,
            title=texts("Sprachcafé Entwurf"),
            format="encounter",
            topics=["cohesion"],
            target_groups=["newcomers"],
            effort="low",
        ),
    }


def found(**filters):
    return [m.slug for m in selectors.measure_list(filters=MeasureFilters(**filters))]


def test_everything_published_by_title(library):
    assert found() == ["fortbildung", "integrationskonzept", "sprachcafe"]


def test_sorted_by_the_title_in_the_readers_language(library, settings):
    from django.utils import translation

    with translation.override("en"):
        # "Intercultural training", "Integrationskonzept …" (German: no English), "Language café"
        assert found() == ["integrationskonzept", "fortbildung", "sprachcafe"]


@pytest.mark.parametrize(
    "q, slugs",
    [
        ("Sprachcafé", ["sprachcafe"]),
        ("sprachcafé", ["sprachcafe"]),
        ("language café", ["sprachcafe"]),  # English title
        ("volunteers", ["sprachcafe"]),  # English step
        ("Ehrenamtliche", ["sprachcafe"]),  # German step
        ("Verwaltung öffnet", ["fortbildung"]),  # German goal, two words
        ("open administration", ["fortbildung"]),  # English goal
        ("intercultural", ["fortbildung"]),
        ("interkulturell", ["fortbildung"]),  # the start of a word
        ("Sprachcafé Fortbildung", []),  # every word must match
        ("Blumenkohl", []),
        ("%", ["fortbildung", "integrationskonzept", "sprachcafe"]),  # no word: no filter
    ],
)
def test_free_text_finds_german_and_english_words(library, q, slugs):
    assert found(q=q) == slugs


@pytest.mark.parametrize(
    "filters, slugs",
    [
        ({"format": "training"}, ["fortbildung"]),
        ({"effort": "low"}, ["sprachcafe"]),
        ({"topic": "engagement"}, ["integrationskonzept"]),
        ({"topic": "access"}, ["sprachcafe"]),
        ({"target_group": "administration"}, ["fortbildung", "integrationskonzept"]),
        ({"target_group": "administration", "effort": "high"}, ["integrationskonzept"]),
        ({"topic": "work"}, []),
    ],
)
def test_filters(library, filters, slugs):
    assert found(**filters) == slugs


def test_a_topic_key_does_not_match_inside_another_value(library):
    MeasureFactory(slug="quoted", topics=["management"], summary=texts('"opening"'))
    assert "quoted" not in found(topic="opening")


def test_the_list_counts_the_towns_doing_a_measure(library):
    for _ in range(2):
        town = base.MunicipalityFactory()
        Adoption.objects.create(
            measure=library["cafe"],
            municipality=town,
            organisation=base.OrganisationFactory(municipality=town),
        )
    counts = {m.slug: m.town_count for m in selectors.measure_list(filters=MeasureFilters())}
    assert counts == {"sprachcafe": 2, "fortbildung": 0, "integrationskonzept": 0}


def test_unknown_filter_values_are_programming_errors():
    with pytest.raises(ValueError):
        MeasureFilters(format="party")


def test_the_form_gives_the_filters_and_leaves_out_a_bad_field():
    form = MeasureFilterForm({"q": " Café ", "format": "party", "effort": "low"})
    assert form.filters() == MeasureFilters(q="Café", effort="low")
    assert "format" in form.errors


# --- the page ------------------------------------------------------------------------------


def test_the_page_says_how_many_with_the_right_plural(library, client):
    url = reverse("measures:list")
    assert "3 Maßnahmen gefunden" in client.get(url).content.decode()
    assert "1 Maßnahme gefunden" in client.get(url, {"effort": "low"}).content.decode()


def test_the_page_filters_without_javascript_and_keeps_the_choices(library, client):
    page = client.get(reverse("measures:list"), {"q": "volunteers", "topic": "cohesion"})
    html = page.content.decode()
    assert "Sprachcafé in der Bibliothek" in html and "interkulturelle Kompetenz" not in html
    assert 'value="volunteers"' in html
    assert '<option value="cohesion" selected>' in html


def test_an_empty_result_offers_to_reset_the_filters(library, client):
    html = client.get(reverse("measures:list"), {"q": "Blumenkohl"}).content.decode()
    assert "0 Maßnahmen gefunden" in html
    assert "Alle Filter zurücksetzen" in html
    assert f'href="{reverse("measures:list")}"' in html


def test_a_bad_filter_is_shown_and_the_others_apply(library, client):
    response = client.get(reverse("measures:list"), {"format": "party", "effort": "low"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Diese Filter konnten nicht angewendet werden" in html
    assert "1 Maßnahme gefunden" in html


def test_htmx_gets_only_the_results(library, client):
    response = client.get(reverse("measures:list"), {"effort": "low"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html and "1 Maßnahme gefunden" in html


def test_a_page_beyond_the_last_shows_the_last(library, client):
    response = client.get(reverse("measures:list"), {"page": "999"})
    assert response.status_code == 200
    assert "Sprachcafé in der Bibliothek" in response.content.decode()


def test_cards_show_format_effort_topics_towns_and_proposer(library, client):
    organisation = base.OrganisationFactory(name="Willkommen e. V.")
    library["cafe"].organisation = organisation
    library["cafe"].save()
    html = client.get(reverse("measures:list"), {"effort": "low"}).content.decode()
    for text in (
        "Begegnungsformat",
        "Aufwand: gering",
        "Zusammenhalt und Begegnung",
        "Noch keine Kommune macht das",
        "eingereicht von Willkommen e. V.",
    ):
        assert text in html
