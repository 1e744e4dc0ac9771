"""The header's "Standortbestimmung" link: for the staff of a municipality organisation and
for the people areas were handed to, never for others; and it costs the header no query (the
person of a request is loaded with the navigation's conditions, core/navigation.py)."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.organisations.models import Membership
from tests import factories as base

LINK = f'href="{reverse("assessment:index")}"'


def _page(client, url=None):
    """A page with every cache empty (the header's fragments too); its HTML and queries."""
    cache.clear()
    caches["code"].clear()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url or reverse("measures:list")).content.decode()
    return html, len(queries)


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("admin", True),
        ("member", True),
        ("colleague", True),
        ("partner", True),  # an invited partner, no member
        ("other_admin", True),  # staff of another town: their own rounds
        ("moderator", False),
        ("stranger", False),
    ],
)
def test_the_link_shows_for_whoever_takes_part_in_a_round(client, world, role, sees):
    client.force_login(getattr(world, role))
    html, _queries = _page(client)
    assert (LINK in html) is sees


def test_anonymous_visitors_have_no_link(client, world):
    html, _queries = _page(client)
    assert LINK not in html


def test_the_link_costs_the_header_no_query(client, world):
    client.force_login(world.stranger)
    _html, stranger = _page(client)
    client.force_login(world.admin)
    html, admin = _page(client)
    assert LINK in html and admin == stranger


def test_the_link_follows_a_membership_at_once_even_with_the_header_cached(client, world):
    newcomer = base.UserFactory()
    client.force_login(newcomer)
    url = reverse("measures:list")
    assert LINK not in client.get(url).content.decode()
    Membership.objects.create(organisation=world.organisation, user=newcomer, role="member")
    assert LINK in client.get(url).content.decode()  # no cache cleared
    Membership.objects.filter(user=newcomer).delete()
    assert LINK not in client.get(url).content.decode()


def test_the_link_is_current_on_the_pages_of_the_self_assessment(client, world):
    client.force_login(world.admin)
    html = client.get(reverse("assessment:index")).content.decode()
    assert f'{LINK} aria-current="page"' in html
