"""The promise form: grouped, with sensible defaults, the public sentence, specific errors."""

import pytest
from django.urls import reverse

from handschlag.promises.forms import PromiseForm
from tests import factories
from tests.conftest import client_for

from .test_views import promise_data

pytestmark = pytest.mark.django_db


def test_a_company_admin_promises_for_the_company_by_default():
    membership = factories.MembershipFactory(role="member")
    admin_of = factories.MembershipFactory(user=membership.user, role="admin").organisation
    form = PromiseForm(user=membership.user)
    assert form["organisation"].value() == admin_of.pk
    assert form.promiser_name() == admin_of.name


def test_a_member_without_admin_rights_promises_for_their_organisation():
    membership = factories.MembershipFactory(role="member")
    assert PromiseForm(user=membership.user)["organisation"].value() == membership.organisation.pk


def test_a_person_without_organisation_promises_as_themself():
    user = factories.UserFactory(first_name="Anna", last_name="Berg")
    form = PromiseForm(user=user)
    assert form["organisation"].value() is None
    assert form.promiser_name() == "Anna B."


def test_editing_keeps_the_promises_own_choice():
    membership = factories.MembershipFactory(role="admin")
    promise = factories.PromiseFactory(owner=membership.user, organisation=None)
    assert PromiseForm(instance=promise, user=membership.user)["organisation"].value() is None


@pytest.mark.parametrize(
    "typed",
    [
        "… damit Deutsch unterrichtet.",
        "Wenn jemand damit Deutsch unterrichtet.",
        "wenn damit Deutsch unterrichtet.",
        "...damit Deutsch unterrichtet.",
        "  damit Deutsch unterrichtet.",
    ],
)
def test_the_condition_continues_the_sentence_without_saying_if_twice(typed):
    user = factories.UserFactory()
    form = PromiseForm(promise_data(condition=typed, municipality=""), user=user)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["condition"] == "damit Deutsch unterrichtet."


def test_a_condition_of_only_if_is_refused_with_an_example():
    form = PromiseForm(
        promise_data(condition="… wenn jemand", municipality=""), user=factories.UserFactory()
    )
    assert not form.is_valid()
    assert "z. B." in form.errors["condition"][0]


def test_more_redemptions_than_quantity_is_explained():
    form = PromiseForm(
        promise_data(quantity="2", capacity="3", municipality=""), user=factories.UserFactory()
    )
    assert not form.is_valid()
    assert form.errors["capacity"] == [
        "Jede Einlösung bekommt mindestens 1 Tablet: Bei einer Menge von 2 Tablets sind "
        "höchstens 2 Einlösungen möglich."
    ]


def test_the_page_groups_the_fields_and_says_what_happens_next():
    user = factories.UserFactory(first_name="Anna", last_name="Berg")
    html = client_for(user).get(reverse("promises:create")).content.decode()
    assert html.count("<fieldset>") == 3
    assert "1. Was versprechen Sie?" in html and "3. Wo, bis wann und wie oft?" in html
    assert "Was danach passiert" in html
    assert "<span data-sentence-promiser>Anna B.</span>" in html
    assert "promise-form.js" in html


def test_errors_are_listed_at_the_top_with_links_to_their_fields():
    user = factories.UserFactory()
    response = client_for(user).post(
        reverse("promises:create"), promise_data(title="", quantity="0", action="preview")
    )
    html = response.content.decode()
    assert '<a href="#id_title">' in html and '<a href="#id_quantity">' in html
    assert "Die Menge muss mindestens 1 sein." in html


def test_the_preview_shows_the_sentence_and_what_happens_next():
    user = factories.UserFactory()
    html = (
        client_for(user)
        .post(reverse("promises:create"), promise_data(action="preview", municipality=""))
        .content.decode()
    )
    assert "data-promise-sentence" in html and "Was danach passiert" in html
    assert "eine Initiative damit eine Willkommensklasse unterrichtet." in html
