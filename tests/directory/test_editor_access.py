"""The role × URL matrix of the editor's pages: municipality editor and admin, a provider
organisation's member, a translator, another town's admin, a moderator and anonymous. Allowed:
the page shows, a write does what it says. Refused: a login redirect or 403, and nothing in the
database changed. Someone who leaves an organisation loses its powers at once."""

import pytest
from django.urls import reverse

from handschlag.directory.models import Offer
from handschlag.organisations.models import Membership
from tests import factories as base

from .editor_cast import ROLES, build_cast, hours_data, offer_data, snapshot, user_of

pytestmark = pytest.mark.django_db

TEAM = {"editor", "admin"}
ADMIN = {"admin"}
WORKERS = {"editor", "admin", "provider", "translator"}
OWN = {"editor", "admin", "provider"}  # the provider's own offers, places
POST_ONLY = {"portal_publish", "translator_revoke", "offer_publish", "offer_place_remove"}


@pytest.fixture
def cast(portal):
    return build_cast(portal)


def _url(name, c):
    s = c.slug
    return {
        "editor_home": reverse("directory:editor_home", args=[s]),
        "portal_settings": reverse("directory:portal_settings", args=[s]),
        "portal_publish": reverse("directory:portal_publish", args=[s]),
        "translators": reverse("directory:translators", args=[s]),
        "translator_revoke": reverse("directory:translator_revoke", args=[s, c.grant.pk]),
        "offer_create": reverse("directory:offer_create", args=[s]),
        "offer_edit": reverse("directory:offer_edit", args=[s, c.own.pk]),
        "town_offer_edit": reverse("directory:offer_edit", args=[s, c.town_offer.pk]),
        "offer_status": reverse("directory:offer_status", args=[s, c.own.pk]),
        "offer_publish": reverse("directory:offer_publish", args=[s, c.own.pk]),
        "offer_delete": reverse("directory:offer_delete", args=[s, c.draft.pk]),
        "offer_history": reverse("directory:offer_history", args=[s, c.own.pk]),
        "offer_places": reverse("directory:offer_places", args=[s, c.own.pk]),
        "offer_hours": reverse("directory:offer_hours", args=[s, c.own.pk, c.place.pk]),
        "offer_place_remove": reverse(
            "directory:offer_place_remove", args=[s, c.own.pk, c.place.pk]
        ),
        "provider_list": reverse("directory:provider_list", args=[s]),
        "provider_create": reverse("directory:provider_create", args=[s]),
        "provider_edit": reverse("directory:provider_edit", args=[s, c.provider.pk]),
        "town_provider_edit": reverse("directory:provider_edit", args=[s, c.town_provider.pk]),
        "location_list": reverse("directory:location_list", args=[s]),
        "location_create": reverse("directory:location_create", args=[s]),
        "location_edit": reverse("directory:location_edit", args=[s, c.location.pk]),
    }[name]


def _location(c, **changes):
    data = {
        "name": "Neues Haus", "street": "Markt 2", "postcode": "96515", "city": "Musterstadt",
        "latitude": "50.36", "longitude": "11.17", "directions": "Bus 1 bis Markt",
    }  # fmt: skip
    data.update(changes)
    return data


def _settings():
    return {"welcome": "Hallo!", "check_every_days": "90", "flag_after_days": "14"}


def _new_place(c):
    return {"action": "new", **{f"new-{key}": value for key, value in _location(c).items()}}


# name, who may, what a successful POST sends (None: GET only)
CASES = [
    ("editor_home", WORKERS, None),
    ("portal_settings", ADMIN, lambda c: _settings()),
    ("portal_publish", ADMIN, lambda c: {"publish": "0"}),
    ("translators", ADMIN, lambda c: {"membership": c.editor.memberships.get().pk}),
    ("translator_revoke", ADMIN, lambda c: {}),
    ("offer_create", OWN, lambda c: offer_data(c.own, name="Neues Angebot", topics=["language"])),
    ("offer_edit", OWN, lambda c: offer_data(c.own, name="Umbenannt")),
    ("town_offer_edit", TEAM, lambda c: offer_data(c.town_offer, name="Umbenannt")),
    ("offer_status", OWN, lambda c: {"status": "ended"}),
    ("offer_publish", OWN, lambda c: {"publish": "0"}),
    ("offer_delete", OWN, lambda c: {}),
    ("offer_history", OWN, None),
    ("offer_places", OWN, lambda c: _new_place(c)),
    ("offer_hours", OWN, lambda c: hours_data((2, "14:00", "16:00"))),
    ("offer_place_remove", OWN, lambda c: {}),
    ("provider_list", WORKERS, None),
    ("provider_create", TEAM, lambda c: {"name": "Diakonie"}),
    ("provider_edit", OWN, lambda c: {"action": "save", "name": "Caritas e. V."}),
    ("town_provider_edit", TEAM, lambda c: {"action": "save", "name": "Rathaus"}),
    ("location_list", WORKERS, None),
    ("location_create", OWN, lambda c: _location(c)),
    ("location_edit", OWN, lambda c: _location(c, name="Caritas-Haus am Markt")),
]
IDS = [case[0] for case in CASES]


def _client(client, cast, role):
    user = user_of(cast, role)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "allowed", "data"), CASES, ids=IDS)
def test_who_may_open_a_page(client, cast, role, name, allowed, data):
    url = _url(name, cast)
    before = snapshot()
    response = _client(client, cast, role).get(url)
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif name in POST_ONLY:
        assert response.status_code == 405
    else:
        assert response.status_code == (200 if role in allowed else 403), response.content[:500]
    assert snapshot() == before


WRITES = [case for case in CASES if case[2] is not None]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "allowed", "data"), WRITES, ids=[c[0] for c in WRITES])
def test_who_may_write(client, cast, role, name, allowed, data):
    url = _url(name, cast)
    sent = data(cast)
    before = snapshot()
    response = _client(client, cast, role).post(url, sent)
    if role in allowed:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert snapshot() != before
        return
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == 403
    assert snapshot() == before


def test_a_town_without_portal_is_opened_only_by_its_municipality_admin(client, cast):
    town = base.MunicipalityFactory()
    organisation = base.OrganisationFactory(
        kind="municipality", is_verified=True, municipality=town
    )
    town_admin = base.MembershipFactory(organisation=organisation, role="admin").user
    town_member = base.MembershipFactory(organisation=organisation, role="member").user
    home = reverse("directory:editor_home", args=[town.slug])
    create = reverse("directory:portal_create", args=[town.slug])
    for user, page, post in (
        (cast.admin, 404, 403), (cast.moderator, 404, 403), (town_member, 200, 403),
    ):  # fmt: skip
        client.force_login(user)
        before = snapshot()
        assert client.get(home).status_code == page
        assert client.post(create, {"organisation": organisation.pk}).status_code == post
        assert snapshot() == before
    client.force_login(town_admin)
    assert b"Portal anlegen" in client.get(home).content
    response = client.post(create, {"organisation": organisation.pk, "welcome": "Willkommen!"})
    assert response.status_code == 302
    assert town.portal.organisation == organisation and not town.portal.is_published


def test_an_ex_member_loses_power_at_once(client, cast):
    client.force_login(cast.provider_member)
    url = _url("offer_edit", cast)
    assert client.get(url).status_code == 200
    Membership.objects.filter(user=cast.provider_member).delete()
    before = snapshot()
    assert client.get(url).status_code == 403
    assert client.post(url, offer_data(cast.own, name="Gekapert")).status_code == 403
    assert client.get(_url("editor_home", cast)).status_code == 403
    assert snapshot() == before


def test_a_provider_member_cannot_move_an_offer_to_another_provider(client, cast):
    client.force_login(cast.provider_member)
    before = snapshot()
    response = client.post(
        _url("offer_edit", cast), offer_data(cast.own, provider=cast.town_provider.pk)
    )
    assert response.status_code == 200  # the form says the choice is not available
    assert snapshot() == before
    assert Offer.objects.get(pk=cast.own.pk).provider == cast.provider


def test_unknown_and_foreign_things_are_404(client, cast):
    client.force_login(cast.editor)
    other_offer = Offer.objects.create(
        portal=cast.other_portal, provider=cast.other_portal.providers.create(name="X"),
        name="Fremd", summary="Fremd",
    )  # fmt: skip
    for url in (
        reverse("directory:editor_home", args=["gibt-es-nicht"]),
        reverse("directory:offer_edit", args=[cast.slug, 999999]),
        reverse("directory:offer_edit", args=[cast.slug, other_offer.pk]),
        reverse("directory:offer_hours", args=[cast.slug, cast.town_offer.pk, cast.place.pk]),
        reverse("directory:provider_edit", args=[cast.slug, 999999]),
        reverse("directory:location_edit", args=[cast.slug, 999999]),
    ):
        assert client.get(url).status_code == 404, url
