"""Bad input on the blog: form errors in the reader's language, odd list parameters."""

import pytest
from django.urls import reverse

from handschlag.blog.models import Post
from handschlag.promises.models import Promise
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "required"),
    [("de", "Dieses Feld ist zwingend erforderlich."), ("en", "This field is required.")],
)
def test_editorial_form_errors_in_the_readers_language(moderator, language, required):
    response = client_for(moderator).post(
        reverse("blog:create"),
        {"title": "", "body": "", "teaser": "Bleibt stehen"},
        headers={"accept-language": language},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["title"] == [required] and errors["body"] == [required]
    assert "Bleibt stehen" in response.content.decode()
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    "change",
    [{"title": "x" * 201}, {"teaser": "x" * 401}, {"promise": "999999"}, {"promise": "abc"}],
    ids=["long-title", "long-teaser", "unknown-promise", "not-a-number"],
)
def test_editorial_form_refuses_bad_values(moderator, change):
    data = {"title": "Titel", "body": "Text", **change}
    response = client_for(moderator).post(reverse("blog:create"), data)
    assert response.status_code == 200 and set(response.context["form"].errors) == set(change)
    assert not Post.objects.exists()


def test_a_draft_promise_cannot_be_linked_through_the_form(moderator):
    draft = factories.PromiseFactory(state=Promise.State.DRAFT)
    response = client_for(moderator).post(
        reverse("blog:create"), {"title": "T", "body": "B", "promise": draft.pk}
    )
    assert response.status_code == 200 and "promise" in response.context["form"].errors
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
        {"kind": "gossip"},
        {"kind": "\x00"},
        {"kind": ["report", "editorial"]},
    ],
    ids=repr,
)
def test_list_with_odd_parameters_still_lists(client, params):
    factories.PostFactory(title="Immer da")
    response = client.get(reverse("blog:list"), params)
    assert response.status_code == 200 and "Immer da" in response.content.decode()
