"""The place picker: a town typed by slug or name, for filters (slug) and model fields (row)."""

import pytest
from django import forms
from django.utils import translation

from handschlag.places.forms import MunicipalityChoiceField, MunicipalityField, RadiusField
from handschlag.places.models import Municipality
from handschlag.places.selectors import DEFAULT_RADIUS_KM, find_municipality
from tests import factories

pytestmark = pytest.mark.django_db

UNKNOWN = {"de": "Diesen Ort kennen wir nicht.", "en": "We don't know this place."}


@pytest.fixture
def towns():
    """Two towns called Neustadt; the larger one is what people mean by the bare name."""
    return {
        "small": factories.MunicipalityFactory(
            name="Neustadt", slug="neustadt-small", population=900
        ),
        "large": factories.MunicipalityFactory(
            name="Neustadt", slug="neustadt-large", population=40000
        ),
        "kalletal": factories.MunicipalityFactory(name="Kalletal", slug="kalletal"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kalletal", "kalletal"),  # slug
        ("Kalletal", "kalletal"),  # name
        ("  KALLETAL ", "kalletal"),  # name in any case, spaces ignored
        ("neustadt-small", "small"),  # a slug names exactly one town
        ("Neustadt", "large"),  # the same name: the larger town
        ("neustadt", "large"),
    ],
)
def test_find_municipality_by_slug_else_exact_name(towns, text, expected):
    assert find_municipality(text) == towns[expected]


@pytest.mark.parametrize("text", ["Kalle", "Atlantis", "", "   ", "a\x00b"])
def test_find_municipality_finds_nothing(towns, text):
    assert find_municipality(text) is None  # a part of a name is not a town either


def test_find_municipality_among_a_queryset(towns):
    small_towns = Municipality.objects.filter(population__lt=1000)
    assert find_municipality("Neustadt", among=small_towns) == towns["small"]
    assert find_municipality("Kalletal", among=small_towns) is None


# --- the filter field: cleans to a slug -----------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "slug"),
    [("kalletal", "kalletal"), ("kALLETAL", "kalletal"), ("Neustadt", "neustadt-large")],
)
def test_municipality_field_cleans_to_the_slug(towns, typed, slug):
    assert MunicipalityField(required=False).clean(typed) == slug


def test_municipality_field_empty_is_empty_string(towns):
    field = MunicipalityField(required=False)
    assert field.clean("") == "" and field.clean("  ") == "" and field.clean(None) == ""


@pytest.mark.parametrize("language", ["de", "en"])
def test_municipality_field_unknown_town_in_the_users_language(towns, language):
    with translation.override(language):
        with pytest.raises(forms.ValidationError) as error:
            MunicipalityField(required=False).clean("Atlantis")
        assert error.value.messages == [UNKNOWN[language]]


# --- the model field picker: cleans to a Municipality, shows its name -------------------------


def test_choice_field_cleans_to_the_municipality(towns):
    field = MunicipalityChoiceField(required=False)
    assert field.clean("Neustadt") == towns["large"]
    assert field.clean("neustadt-small") == towns["small"]
    assert field.clean("") is None


@pytest.mark.parametrize("language", ["de", "en"])
def test_choice_field_unknown_town_in_the_users_language(towns, language):
    with translation.override(language):
        with pytest.raises(forms.ValidationError) as error:
            MunicipalityChoiceField(required=False).clean("Atlantis")
        assert error.value.messages == [UNKNOWN[language]]


def test_choice_field_required(towns):
    with pytest.raises(forms.ValidationError) as error:
        MunicipalityChoiceField().clean("")
    assert error.value.code == "required"


def test_choice_field_is_a_text_input_showing_the_name(towns):
    class Form(forms.Form):
        town = MunicipalityChoiceField(required=False)

    by_row = Form(initial={"town": towns["kalletal"]})
    by_pk = Form(initial={"town": towns["kalletal"].pk})
    typed = Form({"town": "Atlantis"})
    assert 'type="text"' in str(by_row["town"])
    assert 'value="Kalletal"' in str(by_row["town"]) and 'value="Kalletal"' in str(by_pk["town"])
    assert not typed.is_valid() and 'value="Atlantis"' in str(typed["town"])  # kept as typed


# --- the radius --------------------------------------------------------------------------------


def test_radius_field_offers_the_radii_and_defaults():
    field = RadiusField()
    assert [value for value, _label in field.choices] == [5, 10, 25, 50, 100]
    assert field.clean("50") == 50 and field.clean("") == DEFAULT_RADIUS_KM
    assert field.initial == DEFAULT_RADIUS_KM
    with pytest.raises(forms.ValidationError):
        field.clean("7")


@pytest.mark.parametrize("language", ["de", "en"])
def test_radius_labels(language):
    with translation.override(language):
        assert [str(label) for _value, label in RadiusField().choices][:2] == ["5 km", "10 km"]
