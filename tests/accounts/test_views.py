import json

import pytest
from django.urls import reverse

from handschlag.accounts.models import User
from handschlag.promises.models import Promise
from tests.conftest import client_for
from tests.factories import MembershipFactory, MunicipalityFactory, PromiseFactory

pytestmark = pytest.mark.django_db
PROFILE, EXPORT, DELETE = (
    reverse("accounts:profile"),
    reverse("accounts:export"),
    reverse("accounts:delete"),
)


@pytest.mark.parametrize("url", [PROFILE, EXPORT, DELETE])
def test_anonymous_users_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


def test_profile_shows_organisations_and_links(user):
    MembershipFactory(user=user, organisation__name="Kalletal hilft")

    response = client_for(user).get(PROFILE)

    assert response.status_code == 200 and response.text.count("<h1") == 1
    assert "Kalletal hilft" in response.text
    for link in (reverse("notifications:settings"), EXPORT, DELETE):
        assert f'href="{link}"' in response.text


def test_profile_update(user, moderator):
    town = MunicipalityFactory(name="Kalletal", ags="05766036", state="NW")
    c = client_for(user)

    response = c.post(
        PROFILE,
        {"first_name": "Lena", "last_name": "", "municipality": "Kalletal",
         "preferred_language": "en"},
    )  # fmt: skip

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.municipality, user.preferred_language) == (
        "Lena", "", town, "en",
    )  # fmt: skip
    assert not user.is_moderator  # not a profile field
    # the town is typed, not picked from 10,800 options
    assert '<input type="text" name="municipality" value="Kalletal"' in c.get(PROFILE).text
    bad = c.post(PROFILE, {"first_name": "", "preferred_language": "xx", "is_moderator": "on"})
    assert bad.status_code == 200 and "errorlist" in bad.text
    user.refresh_from_db()
    assert user.first_name == "Lena" and not user.is_moderator


def test_profile_refuses_an_unknown_town(user):
    response = client_for(user).post(
        PROFILE, {"first_name": "Lena", "municipality": "Atlantis", "preferred_language": "de"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["municipality"] == ["Diesen Ort kennen wir nicht."]
    assert 'value="Atlantis"' in response.text  # what was typed stays


def test_profile_escapes_names(user):
    user.first_name = "<script>alert(1)</script>"
    user.save()
    assert "<script>alert(1)</script>" not in client_for(user).get(PROFILE).text


def test_export_downloads_json_with_my_data(user):
    PromiseFactory(owner=user, title="Mein Versprechen")

    response = client_for(user).get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["email"] == user.email
    assert data["promises"]["promises"][0]["title"] == "Mein Versprechen"


def test_delete_needs_the_password(user):
    c = client_for(user)
    assert c.get(DELETE).status_code == 200

    wrong = c.post(DELETE, {"password": "falsch"})

    assert wrong.status_code == 200 and "errorlist" in wrong.text
    user.refresh_from_db()
    assert user.is_active


def test_delete_anonymises_keeps_promises_and_logs_out(user):
    promise = PromiseFactory(owner=user)
    c = client_for(user)

    response = c.post(DELETE, {"password": "correct-horse-battery"})

    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert "_auth_user_id" not in c.session
    user.refresh_from_db()
    assert user.email == f"deleted-{user.pk}@invalid.example" and not user.is_active
    assert Promise.objects.get(pk=promise.pk).owner_id == user.pk
    assert not c.login(email=f"deleted-{user.pk}@invalid.example", password="correct-horse-battery")
    assert User.objects.filter(pk=user.pk).exists()
