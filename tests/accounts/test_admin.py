import pytest
from django.urls import reverse

from handschlag.accounts.models import User
from tests.conftest import client_for
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return User.objects.create_superuser("chef@example.org", "pw")


def test_user_admin_lists_searches_and_adds_by_email(staff, user):
    c = client_for(staff)
    assert c.get(reverse("admin:accounts_user_changelist"), {"q": user.email}).status_code == 200
    assert c.get(reverse("admin:accounts_user_change", args=[user.pk])).status_code == 200

    response = c.post(
        reverse("admin:accounts_user_add"),
        {"email": "neu@example.org", "password1": "ein-langes-Passwort-2026",
         "password2": "ein-langes-Passwort-2026"},
    )  # fmt: skip

    assert response.status_code == 302
    assert User.objects.get(email="neu@example.org").check_password("ein-langes-Passwort-2026")


def test_organisation_and_municipality_admin_pages(staff):
    membership = MembershipFactory()
    c = client_for(staff)
    for name, args in [
        ("admin:organisations_organisation_changelist", []),
        ("admin:organisations_organisation_change", [membership.organisation.pk]),
        ("admin:places_municipality_changelist", []),
    ]:
        assert c.get(reverse(name, args=args)).status_code == 200, name
