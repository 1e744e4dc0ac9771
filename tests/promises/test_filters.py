"""The list's filters: one place field with suggestions and a radius choice, inline errors,
no stray messages, the radius kept; the page and the API read them into one PromiseFilters."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from handschlag.places.selectors import DEFAULT_RADIUS_KM
from handschlag.promises.api import PromiseQuery
from handschlag.promises.filters import PromiseFilters
from handschlag.promises.forms import PromiseFilterForm
from tests import factories

pytestmark = pytest.mark.django_db
LIST = reverse("promises:list")
API = "/api/v1/promises"


@pytest.fixture
def towns():
    return {
        "coburg": factories.MunicipalityFactory(
            name="Coburg", slug="coburg", latitude=50.2612, longitude=10.9627, state="BY"
        ),
        "sonneberg": factories.MunicipalityFactory(
            name="Sonneberg", slug="sonneberg", latitude=50.3597, longitude=11.1744
        ),
        "erfurt": factories.MunicipalityFactory(
            name="Erfurt", slug="erfurt", latitude=50.9787, longitude=11.0328
        ),
    }


@pytest.fixture
def promises(towns):
    factories.PromiseFactory(title="In Coburg", municipality=towns["coburg"])
    factories.PromiseFactory(title="In Sonneberg", municipality=towns["sonneberg"])
    factories.PromiseFactory(title="In Erfurt", municipality=towns["erfurt"])
    factories.PromiseFactory(title="Bundesweit", municipality=None)


def titles(response):
    return {promise.title for promise in response.context["page_obj"]}


# --- the form -------------------------------------------------------------------------------


def test_one_place_field_and_a_radius_choice():
    form = PromiseFilterForm()
    assert "place" in form.fields and "radius" in form.fields
    assert "municipality" not in form.fields and "near" not in form.fields
    choices = [value for value, _label in form.fields["radius"].choices]
    assert choices == [0, 5, 10, 25, 50, 100]
    assert str(form.fields["radius"].choices[0][1]) == "nur dieser Ort"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"place": "Coburg", "radius": "0"}, PromiseFilters(municipality="coburg")),
        ({"place": "coburg", "radius": "50"}, PromiseFilters(near="coburg", radius_km=50)),
        ({"place": "Coburg"}, PromiseFilters(near="coburg", radius_km=DEFAULT_RADIUS_KM)),
        ({"radius": "50"}, PromiseFilters()),  # a radius without a place does nothing
        ({"municipality": "coburg"}, PromiseFilters(municipality="coburg")),  # old links
        ({"near": "coburg", "radius": "10"}, PromiseFilters(near="coburg", radius_km=10)),
    ],
)
def test_place_and_radius_become_filters(towns, params, expected):
    assert PromiseFilterForm(params).filters() == expected


def test_the_radius_stays_at_its_default_when_another_filter_is_set(towns):
    form = PromiseFilterForm({"category": "equipment"})
    assert form.is_valid()
    assert str(form["radius"].value()) == str(DEFAULT_RADIUS_KM)
    html = str(form["radius"])
    assert f'<option value="{DEFAULT_RADIUS_KM}" selected>' in html
    assert '<option value="5" selected>' not in html


def test_an_unknown_place_is_an_error_with_suggestions(towns):
    form = PromiseFilterForm({"place": "Koburg", "category": "equipment"})
    assert not form.is_valid()
    message = form.errors["place"][0]
    assert "Diesen Ort kennen wir nicht." in message and "Meinten Sie: Coburg?" in message
    [(town, link)] = form.place_suggestions
    assert town.name == "Coburg" and "place=Coburg" in link and "category=equipment" in link
    # the valid filters still apply, the invalid one does not
    assert form.filters() == PromiseFilters(category="equipment")


def test_an_unknown_place_without_similar_towns(towns):
    form = PromiseFilterForm({"place": "Xyzzy"})
    assert form.errors["place"] == ["Diesen Ort kennen wir nicht."]
    assert form.place_suggestions == []


# --- the page -------------------------------------------------------------------------------


def test_only_this_place_and_around_it(client, promises):
    assert titles(client.get(LIST, {"place": "Coburg", "radius": "0"})) == {"In Coburg"}
    around = titles(client.get(LIST, {"place": "Coburg", "radius": "25"}))
    assert around == {"In Coburg", "In Sonneberg", "Bundesweit"}


def test_invalid_filters_show_inline_errors_in_the_htmx_partial(client, promises):
    response = client.get(LIST, {"place": "Koburg", "radius": "7"}, headers={"hx-request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="results"' in html and "Diese Filter konnten nicht angewendet werden:" in html
    assert "Meinten Sie:" in html and "place=Coburg" in html
    # the error slots next to the fields come along, swapped out of band
    assert 'id="id_place_errors" data-hx-swap-oob="true"' in html
    assert 'id="id_radius_errors" data-hx-swap-oob="true"' in html
    assert "Diesen Ort kennen wir nicht." in html
    assert titles(response) == {"In Coburg", "In Sonneberg", "In Erfurt", "Bundesweit"}
    assert not list(get_messages(response.wsgi_request))


def test_a_valid_htmx_answer_clears_the_error_slots(client, promises):
    response = client.get(LIST, {"place": "Coburg"}, headers={"hx-request": "true"})
    html = response.content.decode()
    assert 'id="id_place_errors" data-hx-swap-oob="true"' in html
    assert "errorlist" not in html and "Diese Filter" not in html


def test_no_warning_waits_for_the_next_page(client, promises):
    client.get(LIST, {"radius": "abc"})
    response = client.get(LIST)
    assert "ungültig" not in response.content.decode()
    assert not list(get_messages(response.wsgi_request))


def test_the_full_page_shows_the_error_next_to_the_field(client, promises):
    html = client.get(LIST, {"place": "Koburg"}).content.decode()
    assert 'id="id_place_error"' in html and 'value="Koburg"' in html


def test_the_form_sends_once_per_change(client):
    """htmx listens to the form's submit only; selects and checkboxes submit it (JS)."""
    html = client.get(LIST).content.decode()
    assert 'data-hx-trigger="submit"' in html and "data-autosubmit" in html
    assert 'data-hx-trigger="change' not in html


def test_the_place_field_is_a_combobox(client):
    html = client.get(LIST).content.decode()
    assert 'role="combobox"' in html and 'aria-controls="id_place_suggestions"' in html
    assert 'id="id_place_suggestions" role="listbox"' in html
    assert reverse("places:suggest") in html


# --- the API --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"place": "Coburg", "radius": 0}, {"In Coburg"}),
        ({"place": "coburg", "radius": 25}, {"In Coburg", "In Sonneberg", "Bundesweit"}),
        ({"municipality": "coburg"}, {"In Coburg"}),
        ({"near": "coburg", "radius": 5}, {"In Coburg", "Bundesweit"}),
    ],
)
def test_api_place_filters(client, promises, params, expected):
    response = client.get(API, params)
    assert response.status_code == 200
    assert {item["title"] for item in response.json()["items"]} == expected


@pytest.mark.parametrize(
    "params", [{"place": "Koburg"}, {"near": "atlantis"}, {"radius": 7}, {"place": "\x00"}]
)
def test_api_refuses_unknown_places_and_radii(client, promises, params):
    response = client.get(API, params)
    assert response.status_code == 422
    if params.get("place") == "Koburg":
        assert "Coburg" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"place": "Coburg", "radius": "0"},
        {"place": "Coburg", "radius": "50", "q": "Coburg"},
        {"q": "Sonneberg", "category": "equipment"},
    ],
)
def test_page_and_api_read_the_same_filters(towns, params):
    assert PromiseFilterForm(params).filters() == PromiseQuery(**params).to_filters()


def test_suggestions_as_one_types(client, towns):
    factories.MunicipalityFactory(name="Coburg", slug="coburg-2", state="NI")
    html = client.get(reverse("places:suggest"), {"place": "Cob"}).content.decode()
    assert html.count('role="option"') == 2
    assert 'data-value="coburg"' in html and 'data-value="coburg-2"' in html  # namesakes
    assert "Bayern" in html
    html = client.get(reverse("places:suggest"), {"place": "Son"}).content.decode()
    assert 'data-value="Sonneberg"' in html  # a unique name is picked by its name
    none = client.get(reverse("places:suggest"), {"place": "Qqq"}).content.decode()
    assert "Kein Ort gefunden" in none
    assert client.get(reverse("places:suggest"), {"place": "C"}).content.strip() == b""


def test_near_counts_in_two_parts_that_add_up(promises, django_assert_num_queries):
    """Near a town the count is 'in these towns' + 'nationwide' (two quick counts on SQLite);
    a queryset derived from it by another filter still counts correctly."""
    from handschlag.promises import selectors

    listed = selectors.promise_list(filters=PromiseFilters(near="coburg", radius_km=25))
    with django_assert_num_queries(2):
        assert listed.count() == 3
    with django_assert_num_queries(2):
        assert listed.all().count() == 3  # as the API's pagination asks
    assert {p.title for p in listed} == {"In Coburg", "In Sonneberg", "Bundesweit"}
    assert listed.filter(municipality__isnull=True).count() == 1
    fresh = selectors.promise_list(filters=PromiseFilters(near="coburg", radius_km=25))
    assert fresh[:1].count() == 1  # a slice counts within itself
