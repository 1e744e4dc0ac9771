"""The Django admin shows kind and verification but never changes them: they carry powers and
change only through the services, which check and record every change."""

import pytest
from django.urls import reverse

from handschlag.accounts.models import User
from handschlag.audit.models import AuditEntry
from handschlag.organisations.models import Membership, Organisation
from tests.conftest import client_for
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return User.objects.create_superuser("chef@example.org", "pw")


def change_url(org):
    return reverse("admin:organisations_organisation_change", args=[org.pk])


def test_kind_and_verification_are_shown_read_only(staff):
    org = OrganisationFactory(kind="other", requested_kind="municipality")
    MembershipFactory(organisation=org, role="admin", user__first_name="Anna")

    page = client_for(staff).get(change_url(org)).text

    assert 'name="name"' in page  # the profile is editable ...
    for field in ("kind", "requested_kind", "is_verified", "verified_at", "verified_by"):
        assert f'name="{field}"' not in page, field  # ... these are not
        assert f"field-{field}" in page, field  # but shown
    assert "Kommune" in page  # the requested kind, by its label
    # memberships are listed, not edited
    assert "Anna" in page
    assert 'name="memberships-0-role"' not in page and "memberships-0-DELETE" not in page


def test_posting_kind_and_verification_in_the_admin_changes_neither(staff):
    org = OrganisationFactory(name="Alt", kind="initiative")
    membership = MembershipFactory(organisation=org, role="admin")

    response = client_for(staff).post(
        change_url(org),
        {
            "name": "Neu",
            "slug": org.slug,
            "kind": "municipality",
            "requested_kind": "",
            "is_verified": "on",
            "description": "",
            "website": "",
            "municipality": org.municipality_id,
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-id": membership.pk,
            "memberships-0-organisation": org.pk,
            "memberships-0-role": "member",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    org.refresh_from_db()
    assert org.name == "Neu"  # the save went through ...
    assert (org.kind, org.is_verified, org.verified_by) == (
        "initiative",
        False,
        None,
    )  # ... not these
    assert Membership.objects.get(pk=membership.pk).role == "admin"
    assert not AuditEntry.objects.filter(verb__startswith="organisations.verify").exists()
    assert not Organisation.objects.filter(is_verified=True).exists()
