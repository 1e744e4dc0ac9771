"""The role × URL matrix of the structure pages: programme staff, carrier coordinator, site
coordinator, other site's coordinator, an admin of the carrier's organisation, mentor, mentee,
anonymous. Allowed: the page shows, a write does what it says. Refused: a login redirect or
403, and the database is unchanged."""

from __future__ import annotations

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from django.urls import reverse

from handschlag.audit.models import AuditEntry
from handschlag.mentoring.models import Carrier, Programme, Site
from handschlag.organisations.models import Membership, RoleGrant
from tests import factories as base

pytestmark = pytest.mark.django_db

ROLES = (
    "staff",
    "carrier_coordinator",
    "site_coordinator",
    "other_site_coordinator",
    "carrier_admin",
    "mentor",
    "mentee",
    "anonymous",
)
STAFF = {"staff"}
CARRIER = {"staff", "carrier_coordinator", "carrier_admin"}


def _person(world, role):
    if role == "anonymous":
        return None
    if role == "mentor":
        return world.mentor.user
    if role == "mentee":
        return world.mentee.user
    if role == "carrier_admin":
        return Membership.objects.get(
            organisation=world.carrier.organisation, role=Membership.Role.ADMIN
        ).user
    return getattr(world, role)


@pytest.fixture
def scene(world):
    base.MembershipFactory(organisation=world.carrier.organisation, role=Membership.Role.ADMIN)
    world.organisation = base.OrganisationFactory(is_verified=True)
    return world


def _programme_post(w):
    return {
        "name": "Neuer Name",
        "funder": "Stiftung",
        "description": "",
        "starts_on": "2016-01-01",
        "ends_on": "",
        "kinds": ["everyday", "language"],
        "inactivity_weeks": "6",
    }


def _site_post(w):
    return {
        "name": "Patenschaften Neustadt",
        "municipality": w.site.municipality.slug,
        "response_days": "10",
        "contact_email": "",
        "contact_phone": "0123 456",
    }


def _deactivate_site(w):
    Site.objects.filter(pk=w.site.pk).update(is_active=False)


def _deactivate_carrier(w):
    Carrier.objects.filter(pk=w.carrier.pk).update(is_active=False)


# name, url, who may, what a successful POST sends (None: GET only), set-up, POST only
CASES = [
    ("structure_programme", lambda w: [w.programme.slug], STAFF, None, None),
    ("programme_edit", lambda w: [w.programme.slug], STAFF, _programme_post, None),
    ("carrier_add", lambda w: [w.programme.slug], STAFF,
     lambda w: {"organisation": str(w.organisation.pk)}, None),
    ("structure_carrier", lambda w: [w.carrier.pk], CARRIER, None, None),
    ("carrier_edit", lambda w: [w.carrier.pk], STAFF,
     lambda w: {"organisation": str(w.organisation.pk)}, None),
    ("carrier_remove", lambda w: [w.carrier.pk], STAFF, lambda w: {}, None),
    ("carrier_reactivate", lambda w: [w.carrier.pk], STAFF, lambda w: {}, _deactivate_carrier),
    ("site_add", lambda w: [w.carrier.pk], CARRIER, _site_post, None),
    ("site_details", lambda w: [w.site.slug], CARRIER, _site_post, None),
    ("site_remove", lambda w: [w.site.slug], CARRIER, lambda w: {}, None),
    ("site_remove", lambda w: [w.sister_site.slug], CARRIER, lambda w: {}, None),
    ("site_reactivate", lambda w: [w.site.slug], CARRIER, lambda w: {}, _deactivate_site),
]  # fmt: skip
POST_ONLY = {"carrier_reactivate", "site_reactivate"}
IDS = [f"{case[0]}-{n}" for n, case in enumerate(CASES)]


def _state():
    return json.dumps(
        [
            list(Programme.objects.values()),
            list(Carrier.objects.order_by("pk").values()),
            list(Site.objects.order_by("pk").values()),
            RoleGrant.objects.count(),
            AuditEntry.objects.count(),
        ],
        cls=DjangoJSONEncoder,
    )


def _client(world, role):
    client = Client()
    user = _person(world, role)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args", "allowed", "data", "setup"), CASES, ids=IDS)
def test_who_may_open_a_page(scene, role, name, args, allowed, data, setup):
    if setup:
        setup(scene)
    before = _state()
    response = _client(scene, role).get(reverse(f"mentoring:{name}", args=args(scene)))
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif name in POST_ONLY:
        assert response.status_code == 405
    else:
        assert response.status_code == (200 if role in allowed else 403)
    assert _state() == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "args", "allowed", "data", "setup"),
    [case for case in CASES if case[3] is not None],
    ids=[i for i, case in zip(IDS, CASES, strict=True) if case[3] is not None],
)
def test_who_may_write(scene, role, name, args, allowed, data, setup):
    if setup:
        setup(scene)
    before = _state()
    url = reverse(f"mentoring:{name}", args=args(scene))
    response = _client(scene, role).post(url, data(scene))
    if role in allowed:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert _state() != before
        return
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == 403
    assert _state() == before


def test_unknown_structure_is_404(scene):
    client = _client(scene, "staff")
    unknown = reverse("mentoring:structure_programme", args=["gibt-es-nicht"])
    assert client.get(unknown).status_code == 404
    assert client.get(reverse("mentoring:structure_carrier", args=[999_999])).status_code == 404
    assert client.post(reverse("mentoring:site_remove", args=["gibt-es-nicht"])).status_code == 404
