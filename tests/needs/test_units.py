"""Quantities with their unit on the need pages, in the feeds and in a proposal's reasons."""

import datetime
import html
import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from handschlag.needs.forms import NeedForm
from handschlag.needs.models import Need
from handschlag.needs.reasons import reason_text
from tests import factories
from tests.conftest import client_for

from .factories import NeedFactory, member_of

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def test_the_need_card_and_detail_say_one_laptop_in_the_singular(client):
    NeedFactory(quantity=1, unit="Laptops", unit_singular="Laptop", title="Ein Laptop")
    NeedFactory(quantity=5, unit="Laptops", unit_singular="Laptop", title="Fünf Laptops")
    text = text_of(client.get(reverse("needs:list")))
    assert "1 Laptop " in text and "5 Laptops" in text
    assert "1 Laptops" not in text
    need = Need.objects.get(title="Ein Laptop")
    assert "<dd>1 Laptop</dd>" in client.get(need.get_absolute_url()).content.decode()


def test_a_need_stored_without_singular_takes_the_known_one(client):
    need = NeedFactory(quantity=1, unit="Plätze", unit_singular="")
    assert "<dd>1 Platz</dd>" in client.get(need.get_absolute_url()).content.decode()


def test_the_moderator_sees_the_unit_right():
    need = NeedFactory(quantity=1, unit="Plätze", unit_singular="Platz", state="pending")
    moderator = factories.ModeratorFactory()
    url = reverse("needs:review", args=[need.pk])
    assert "1 Platz" in text_of(client_for(moderator).get(url))


def test_the_feed_says_what_is_sought_with_the_unit():
    NeedFactory(quantity=1, unit="Plätze", unit_singular="Platz", title="Ein Platz")
    body = html.unescape(Client().get(reverse("needs:rss")).content.decode())
    assert " sucht 1 Platz in " in body


@pytest.mark.parametrize(
    ("reasons", "said"),
    [
        ({"remaining": 2, "quantity": 10, "unit": "Plätze", "unit_singular": "Platz"},
         "2 von 10 Plätzen frei"),
        ({"remaining": 1, "quantity": 2, "unit": "Kurse", "unit_singular": "Kurs"},
         "1 von 2 Kursen frei"),
        ({"remaining": 5, "quantity": 5, "unit": "Tablets"}, "5 von 5 Tablets frei"),
        ({"remaining": 1, "quantity": 1, "unit": "Plätze"}, "1 von 1 Platz frei"),
        ({"remaining": 3, "quantity": 3, "unit": ""}, "3 von 3 Stück frei"),
    ],
)  # fmt: skip
def test_a_proposals_reasons_say_the_unit_right(reasons, said):
    with translation.override("de"):
        assert reason_text(reasons) == said


def test_a_proposal_remembers_both_forms_of_the_unit(need, promise_near):
    from handschlag.needs import matching

    promise_near.unit_singular = "Laptop"
    promise_near.save()
    matching.nightly(tell=False)
    proposal = need.proposals.get()
    assert (proposal.reasons["unit"], proposal.reasons["unit_singular"]) == ("Laptops", "Laptop")


def need_data(organisation, **overrides):
    data = {
        "organisation": organisation.pk,
        "title": "5 Laptops für ein Bewerbungstraining",
        "description": "Wir üben Bewerbungen.",
        "category": "equipment",
        "quantity": 5,
        "unit": "Laptops",
        "unit_singular": "",
        "municipality": "Stralsund",
        "needed_by": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
    }
    return {**data, **overrides}


def test_the_need_form_fills_in_the_singular_of_a_known_unit(stralsund):
    organisation = factories.OrganisationFactory()
    user = member_of(organisation)
    form = NeedForm(need_data(organisation), user=user)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["unit_singular"] == "Laptop"
    client_for(user).post(reverse("needs:create"), {**need_data(organisation), "action": "draft"})
    assert Need.objects.values_list("unit", "unit_singular").get() == ("Laptops", "Laptop")


def test_the_need_form_asks_for_the_singular_of_an_unknown_unit(stralsund):
    organisation = factories.OrganisationFactory()
    user = member_of(organisation)
    response = client_for(user).post(
        reverse("needs:create"), {**need_data(organisation, unit="Betten"), "action": "draft"}
    )
    assert response.status_code == 200
    assert "wie es nach 1 heißt" in response.content.decode()
    assert not Need.objects.exists()


def test_the_api_gives_both_forms(client):
    NeedFactory(unit="Laptops", unit_singular="Laptop")
    item = client.get("/api/v1/needs").json()["items"][0]
    assert (item["unit"], item["unit_singular"]) == ("Laptops", "Laptop")


def test_the_migration_fills_the_singular_of_existing_needs():
    laptops = NeedFactory(unit="Laptops", unit_singular="")
    room = NeedFactory(unit="Raum", unit_singular="")
    migration = importlib.import_module("handschlag.needs.migrations.0002_unit_singular")
    migration.fill_singular(apps, None)
    assert Need.objects.values_list("unit", "unit_singular").get(pk=laptops.pk) == (
        "Laptops",
        "Laptop",
    )
    assert Need.objects.values_list("unit", "unit_singular").get(pk=room.pk) == ("Räume", "Raum")
