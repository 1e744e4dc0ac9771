"""Lists and overviews of joining run a constant number of queries however many sites,
mentors, mentees and tandems there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.mentoring.models import Mentor

from . import factories
from .joining_helpers import client_as

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(world, n=3):
    """More of everything the pages list: sites, mentors (waiting and approved), mentees,
    tandems."""
    for _ in range(n):
        site = factories.SiteFactory(carrier=world.carrier)
        factories.MentorFactory(site=world.site, state=Mentor.State.SUBMITTED)
        factories.MentorFactory(site=site)
        factories.MenteeFactory(site=world.site, state=Mentor.State.SUBMITTED)
        factories.MenteeFactory(site=site)
        factories.TandemFactory(site=world.site)


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("staff", lambda w: reverse("mentoring:coordination")),
        ("site_coordinator", lambda w: reverse("mentoring:site", args=[w.site.slug])),
        (
            "carrier_coordinator",
            lambda w: reverse("mentoring:site", args=[w.site.slug]) + "?language=de",
        ),
        ("anonymous", lambda w: reverse("mentoring:find_site")),
        (
            "anonymous",
            lambda w: reverse("mentoring:find_site") + f"?ort={w.site.municipality.slug}",
        ),
        ("anonymous", lambda w: reverse("mentoring:programme", args=[w.programme.slug])),
        ("anonymous", lambda w: reverse("mentoring:index")),
        ("mentor", lambda w: reverse("mentoring:mine")),
    ],
    ids=[
        "coordination",
        "site",
        "site_filtered",
        "finder",
        "finder_near",
        "programme",
        "index",
        "mine",
    ],
)
def test_a_page_runs_the_same_queries_for_more_rows(world, role, url):
    client = client_as(world, role)
    client.get(url(world))  # warm up: content types, sessions
    before = _queries(client, url(world))
    _grow(world)
    factories.MentorFactory(user=world.mentor.user)  # the mentor at one more site
    assert _queries(client, url(world)) == before


def test_the_coordination_overview_is_a_handful_of_queries(world):
    client = client_as(world, "staff")
    client.get(reverse("mentoring:coordination"))
    # 12: two of them read the programmes and carriers whose dashboards and carrier-wide
    # rounds the page links
    assert _queries(client, reverse("mentoring:coordination")) <= 12
