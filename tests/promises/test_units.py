"""Quantities with their unit on the promise pages: "1 Platz", "noch 2 von 10 Plätzen",
"2 von 2 Kursen vergeben" — and the form that asks for both forms of the unit."""

import html
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.html import strip_tags

from handschlag.core.errors import DomainError
from handschlag.promises import services
from handschlag.promises.forms import ApplyForm, PromiseForm
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

from .conftest import redemption_in
from .test_views import promise_data

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """The page's text, without tags, in single spaces."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def places(quantity, left, **kwargs):
    return factories.PromiseFactory(
        quantity=quantity,
        remaining_quantity=left,
        unit="Plätze",
        unit_singular="Platz",
        capacity=min(quantity, 2),
        remaining_capacity=min(quantity, 2),
        **kwargs,
    )


def fulfilled_courses():
    """Two courses, both given to one redemption that is confirmed: "Erfüllt"."""
    promise = factories.PromiseFactory(
        quantity=2, remaining_quantity=2, unit="Kurse", unit_singular="Kurs", capacity=1,
        remaining_capacity=1, title="Zwei Sprachkurse",
    )  # fmt: skip
    redemption_in(Redemption.State.CONFIRMED, promise=promise, quantity=2)
    promise.refresh_from_db()
    assert promise.given_quantity == 2 and not promise.is_open
    return promise


def test_the_detail_page_says_one_place_in_the_singular(client):
    promise = places(1, 1)
    text = text_of(client.get(promise.get_absolute_url()))
    assert "noch 1 von 1 Platz" in text
    assert "Plätze" not in text.replace("Plätzen", "")


def test_the_detail_page_says_how_many_of_how_many_places_are_left(client):
    promise = places(10, 2)
    text = text_of(client.get(promise.get_absolute_url()))
    assert "noch 2 von 10 Plätzen" in text
    assert "10 Plätze " not in text


def test_the_detail_page_of_a_fulfilled_promise_says_what_was_given(client):
    promise = fulfilled_courses()
    text = text_of(client.get(promise.get_absolute_url()))
    assert "2 von 2 Kursen vergeben" in text
    assert "Kurse " not in text


def test_the_cards_say_the_quantity_with_its_unit(client):
    places(1, 1, title="Ein Praktikumsplatz")
    places(10, 2, title="Zehn Plätze im Sprachkurs")
    fulfilled_courses()
    text = text_of(client.get(reverse("promises:list")))
    assert "noch 1 von 1 Platz" in text
    assert "noch 2 von 10 Plätzen" in text
    assert "2 von 2 Kursen vergeben" in text
    # how often it can be redeemed, with its noun, beside the quantity
    assert "noch 1 von 1 Einlösung frei" in text
    assert "noch 2 von 2 Einlösungen frei" in text


def test_an_unknown_unit_stored_without_singular_is_shown_as_typed(client):
    promise = factories.PromiseFactory(quantity=3, remaining_quantity=3, unit="Hefte")
    text = text_of(client.get(promise.get_absolute_url()))
    assert "noch 3 von 3 Heften" in text


def test_the_detail_page_in_english_keeps_the_german_unit_without_dative(client):
    promise = places(10, 2)
    text = text_of(client.get(promise.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en"))
    assert "2 of 10 Plätze left" in text


def test_without_a_unit_the_pages_count_pieces(client):
    promise = factories.PromiseFactory(quantity=1, remaining_quantity=1, unit="", capacity=1)
    text = text_of(client.get(promise.get_absolute_url()))
    assert "noch 1 von 1 Stück" in text


def test_the_apply_page_and_the_application_say_the_unit_right():
    promise = places(10, 1)
    applicant = factories.UserFactory()
    text = text_of(client_for(applicant).get(reverse("promises:apply", args=[promise.pk])))
    assert "noch 1 Platz verfügbar" in text
    redemption = redemption_in(Redemption.State.APPLIED, promise=promise, quantity=1)
    text = text_of(client_for(promise.owner).get(redemption.get_absolute_url()))
    assert "Menge: 1 Platz" in text
    text = text_of(client_for(promise.owner).get(promise.get_absolute_url()))
    assert "Menge: 1 Platz" in text


def test_asking_for_more_than_is_left_names_the_unit():
    promise = places(10, 1)
    form = ApplyForm({"plan": "Wir kommen.", "quantity": "3"}, user=promise.owner, promise=promise)
    assert not form.is_valid()
    assert form.errors["quantity"] == ["Es ist nur noch 1 Platz verfügbar."]
    assert str(form.fields["quantity"].help_text) == "Es ist noch 1 Platz verfügbar."


def test_the_service_refuses_too_much_in_words_with_the_unit():
    promise = places(10, 3)
    applicant = factories.UserFactory()
    with pytest.raises(DomainError) as refused:
        services.apply_for_promise(promise=promise, by=applicant, plan="Wir kommen.", quantity=5)
    assert refused.value.message == "Es sind nur noch 3 Plätze verfügbar."
    assert not Redemption.objects.filter(promise=promise).exists()


# --- the form: both forms of the unit ---------------------------------------------------------


def form_with(**overrides):
    return PromiseForm(promise_data(municipality="", **overrides), user=factories.UserFactory())


def test_the_form_asks_for_the_plural_and_the_singular_with_suggestions():
    form = PromiseForm(user=factories.UserFactory())
    names = [field.name for _legend, _hint, fields in form.groups() for field in fields]
    assert names.index("unit_singular") == names.index("unit") + 1
    html_of_unit = str(form["unit"])
    assert 'list="id_unit-units"' in html_of_unit
    assert '<option value="Plätze" data-other="Platz">' in html_of_unit
    assert '<option value="Fahrräder" data-other="Fahrrad">' in html_of_unit
    assert '<option value="Platz" data-other="Plätze">' in str(form["unit_singular"])
    assert form["unit"].label == "Einheit (Mehrzahl)"
    assert form["unit_singular"].label == "Einheit (Einzahl)"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ({"unit": "Plätze", "unit_singular": ""}, ("Plätze", "Platz")),
        ({"unit": "Sitzplätze", "unit_singular": ""}, ("Sitzplätze", "Sitzplatz")),
        ({"unit": "Raum", "unit_singular": ""}, ("Räume", "Raum")),
        ({"unit": "", "unit_singular": "Stunde"}, ("Stunden", "Stunde")),
        ({"unit": " Betten ", "unit_singular": "Bett"}, ("Betten", "Bett")),
        ({"unit": "", "unit_singular": ""}, ("", "")),
    ],
)
def test_the_form_fills_in_the_other_form_of_a_known_unit(typed, stored):
    form = form_with(**typed)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["unit"], form.cleaned_data["unit_singular"]) == stored


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"unit": "Betten", "unit_singular": ""}, "unit_singular", "wie es nach 1 heißt"),
        ({"unit": "", "unit_singular": "Bett"}, "unit", "auch die Mehrzahl"),
        ({"unit": "10 Tablets", "unit_singular": ""}, "unit", "ohne Zahl"),
        ({"unit": "Tablets", "unit_singular": "1 Tablet"}, "unit_singular", "ohne Zahl"),
    ],
)
def test_the_form_explains_what_is_missing_in_the_unit(typed, field, message):
    form = form_with(**typed)
    assert not form.is_valid()
    assert message in form.errors[field][0]


def test_a_unit_longer_than_the_field_is_refused():
    form = form_with(unit="x" * 41, unit_singular="y")
    assert not form.is_valid() and "unit" in form.errors


def test_the_form_and_preview_say_the_quantity_with_its_unit(user):
    client = client_for(user)
    text = text_of(client.get(reverse("promises:create")))
    assert "Menge: 1 Stück · bei einem: 1 Stück" in text
    response = client.post(
        reverse("promises:create"),
        promise_data(municipality="", unit="Plätze", unit_singular="", quantity="3", capacity="1"),
    )
    text = text_of(response)
    assert "3 Plätze (bei einem: Platz)" in text
    response = client.post(
        reverse("promises:create"),
        promise_data(municipality="", unit="Plätze", quantity="3", capacity="1", action="draft"),
    )
    promise = Promise.objects.get(owner=user)
    assert (promise.unit, promise.unit_singular) == ("Plätze", "Platz")


def test_editing_shows_the_live_preview_of_the_stored_unit(user):
    promise = factories.PromiseFactory(
        owner=user, state=Promise.State.DRAFT, quantity=4, unit="Kurse", unit_singular="Kurs"
    )
    text = text_of(client_for(user).get(reverse("promises:edit", args=[promise.pk])))
    assert "Menge: 4 Kurse · bei einem: 1 Kurs" in text


def test_a_copy_keeps_both_forms_of_the_unit(user):
    original = fulfilled_courses()
    copy = services.copy_promise(promise=original, by=user)
    assert (copy.unit, copy.unit_singular) == ("Kurse", "Kurs")


def test_the_service_fills_in_the_singular_when_only_the_plural_is_given(user):
    promise = services.create_promise(by=user, **{**factories_fields(), "unit": "Tablets"})
    assert promise.unit_singular == "Tablet"


def factories_fields():
    promise = factories.PromiseFactory.build()
    return {
        name: getattr(promise, name)
        for name in ("title", "description", "category", "quantity", "condition",
                     "report_requirements", "deadline", "capacity")
    }  # fmt: skip


def test_the_api_gives_both_forms(client):
    places(10, 2)
    body = client.get("/api/v1/promises").json()
    item = body["items"][0]
    assert (item["unit"], item["unit_singular"]) == ("Plätze", "Platz")


# --- the data migration ------------------------------------------------------------------------


def test_the_migration_fills_the_singular_of_existing_promises_from_known_pairs():
    rows = {
        unit: factories.PromiseFactory(unit=unit, unit_singular="")
        for unit in ("Tablets", "Plätze", "Raum", "Hefte", "")
    }
    kept = factories.PromiseFactory(unit="Betten", unit_singular="Bett")
    migration = importlib.import_module("handschlag.promises.migrations.0008_unit_singular")
    migration.fill_singular(apps, None)
    stored = {
        unit: Promise.objects.values_list("unit", "unit_singular").get(pk=row.pk)
        for unit, row in rows.items()
    }
    assert stored == {
        "Tablets": ("Tablets", "Tablet"),
        "Plätze": ("Plätze", "Platz"),
        "Raum": ("Räume", "Raum"),
        "Hefte": ("Hefte", "Hefte"),
        "": ("", ""),
    }
    assert Promise.objects.values_list("unit", "unit_singular").get(pk=kept.pk) == (
        "Betten",
        "Bett",
    )


def test_the_mail_about_a_new_application_says_how_much_with_the_unit():
    from handschlag.notifications.models import Notification
    from handschlag.promises import messages

    promise = places(10, 10)
    applicant = factories.UserFactory(first_name="Anna", last_name="Berg")
    services.apply_for_promise(promise=promise, by=applicant, plan="Wir kommen.", quantity=3)
    told = Notification.objects.get(kind=messages.NEW_APPLICATION.key, recipient=promise.owner)
    assert told.body == (
        "Anna B. möchte Ihr Versprechen einlösen und bittet um 3 Plätze. Bitte entscheiden Sie."
    )
    # one stored before notifications carried the quantity still reads right
    assert messages.NEW_APPLICATION.body({"applicant": "Anna B.", "promise": "x"}) == (
        "Anna B. möchte Ihr Versprechen einlösen. Bitte entscheiden Sie."
    )
