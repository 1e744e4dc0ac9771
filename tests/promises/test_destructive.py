"""Destructive actions ask first, say their consequences and come last on the page; a draft
that was never public is deleted instead of withdrawn."""

import pytest
from django.urls import reverse

from handschlag.audit.models import AuditEntry
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
P, R = Promise.State, Redemption.State


@pytest.fixture
def promise():
    promise = factories.PromiseFactory(capacity=3)
    factories.RedemptionFactory(promise=promise, applicant__first_name="Wartende")
    factories.RedemptionFactory(
        promise=promise, state=R.IN_PROGRESS, applicant__first_name="Laufende"
    )
    return promise


def test_the_withdraw_page_names_who_is_declined_and_whose_redemption_goes_on(promise):
    owner = client_for(promise.owner)
    html = owner.get(reverse("promises:withdraw", args=[promise.pk])).content.decode()
    assert "wird die offene Bewerbung abgelehnt" in html and "Wartende" in html
    assert "läuft die angenommene Einlösung weiter" in html and "Laufende" in html
    assert "Ja, Versprechen zurückziehen" in html
    promise.refresh_from_db()
    assert promise.state == P.PUBLISHED  # asking changes nothing

    owner.post(reverse("promises:withdraw", args=[promise.pk]))
    promise.refresh_from_db()
    assert promise.state == P.WITHDRAWN
    states = set(promise.redemptions.values_list("state", flat=True))
    assert states == {R.DECLINED, R.IN_PROGRESS}


def test_on_the_page_the_destructive_action_comes_after_the_applications(promise):
    html = client_for(promise.owner).get(promise.get_absolute_url()).content.decode()
    withdraw = reverse("promises:withdraw", args=[promise.pk])
    assert f'<form method="post" action="{withdraw}"' not in html  # no one-click withdraw
    assert html.index('id="applications-heading"') < html.index(f'href="{withdraw}"')


@pytest.mark.parametrize("who", ["stranger", "applicant"])
def test_others_cannot_open_or_post_the_withdraw_page(promise, who):
    person = factories.UserFactory() if who == "stranger" else promise.redemptions.first().applicant
    client = client_for(person)
    url = reverse("promises:withdraw", args=[promise.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    promise.refresh_from_db()
    assert promise.state == P.PUBLISHED


def test_a_draft_is_deleted_after_asking():
    draft = factories.PromiseFactory(state=P.DRAFT, published_at=None)
    client = client_for(draft.owner)
    html = client.get(draft.get_absolute_url()).content.decode()
    delete = reverse("promises:delete", args=[draft.pk])
    assert f'href="{delete}"' in html
    assert reverse("promises:withdraw", args=[draft.pk]) not in html
    assert "endgültig gelöscht" in client.get(delete).content.decode()
    assert Promise.objects.filter(pk=draft.pk).exists()

    response = client.post(delete)
    assert response["Location"] == reverse("promises:mine")
    assert not Promise.objects.filter(pk=draft.pk).exists()
    entry = AuditEntry.objects.get(verb="promises.delete_draft")
    assert entry.actor == draft.owner and entry.details["title"] == draft.title


def test_a_promise_that_was_public_is_never_deleted():
    returned = factories.PromiseFactory(state=P.RETURNED)  # published once, then returned
    assert returned.published_at is not None
    response = client_for(returned.owner).post(
        reverse("promises:delete", args=[returned.pk]), follow=True
    )
    assert "Nur Entwürfe, die nie veröffentlicht waren" in response.content.decode()
    assert Promise.objects.filter(pk=returned.pk).exists()


def test_strangers_cannot_delete_a_draft():
    draft = factories.PromiseFactory(state=P.DRAFT, published_at=None)
    response = client_for(factories.UserFactory()).post(reverse("promises:delete", args=[draft.pk]))
    assert response.status_code == 404  # a draft is not even visible to them
    assert Promise.objects.filter(pk=draft.pk).exists()
