"""The parts of mentoring as one product: the pages lead from one part to the next (the
coordination to the dashboards and carrier rounds, a site's page to its sections, profiles to
their tandems and back, a confirmed round to its tandems), "Mein Mentoring" says the next
step, and a coordinator can erase a mentee without account from the mentee's page."""

from __future__ import annotations

import itertools
import re

import pytest
from django.test import Client
from django.urls import reverse

from handschlag.mentoring.models import MatchingRound, Mentor, Proposal, Tandem

from . import factories
from .joining_helpers import client_as

pytestmark = pytest.mark.django_db


def _page(world, role: str, name: str, *args) -> str:
    response = client_as(world, role).get(reverse(f"mentoring:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_the_coordination_links_the_dashboards_and_the_carrier_rounds(world):
    staff = _page(world, "staff", "coordination")
    assert reverse("mentoring:statistics_programme", args=[world.programme.slug]) in staff
    for carrier in (world.carrier, world.other_carrier):
        assert reverse("mentoring:statistics_carrier", args=[carrier.pk]) in staff
        assert reverse("mentoring:carrier_rounds", args=[carrier.pk]) in staff
    carrier_page = _page(world, "carrier_coordinator", "coordination")
    assert reverse("mentoring:carrier_rounds", args=[world.carrier.pk]) in carrier_page
    assert reverse("mentoring:carrier_rounds", args=[world.other_carrier.pk]) not in carrier_page
    assert "statistik/programm/" not in carrier_page
    # a site's coordinator finds the numbers of their site on its page, and all of them here
    site_page = _page(world, "site_coordinator", "coordination")
    assert reverse("mentoring:statistics") in site_page
    assert "/runden/" not in site_page.split("overview-heading", 1)[1]


def test_the_coordination_runs_the_same_queries_for_more_carriers(
    world, django_assert_max_num_queries
):
    client = client_as(world, "staff")
    url = reverse("mentoring:coordination")
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(3):
        factories.SiteFactory(carrier=factories.CarrierFactory(programme=world.programme))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_site_page_leads_to_every_section_its_rounds_and_its_numbers(world):
    page = _page(world, "carrier_coordinator", "site", world.site.slug)
    for section in ("#todo-heading", "#people-heading", "#section-rounds", "#section-statistics"):
        assert f'href="{section}"' in page
        assert f'id="{section[1:]}"' in page
    assert reverse("mentoring:site_rounds", args=[world.site.slug]) in page
    assert reverse("mentoring:statistics_site", args=[world.site.slug]) in page
    assert reverse("mentoring:carrier_rounds", args=[world.carrier.pk]) in page
    # a site's coordinator may not run a round over the whole carrier: no link to it
    own = _page(world, "site_coordinator", "site", world.site.slug)
    assert reverse("mentoring:carrier_rounds", args=[world.carrier.pk]) not in own
    assert reverse("mentoring:statistics_site", args=[world.site.slug]) in own


def test_the_site_page_headings_do_not_skip_a_level(world):
    factories.TandemFactory(site=world.site)
    page = _page(world, "site_coordinator", "site", world.site.slug)
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", main)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


def test_a_mentees_page_lists_their_tandems_and_offers_to_erase_their_data(world):
    newcomer = factories.MenteeFactory(site=world.site, first_name="Amal")
    tandem = factories.TandemFactory(site=world.site, mentee=newcomer)
    page = _page(world, "site_coordinator", "mentee", newcomer.pk)
    assert tandem.get_absolute_url() in page
    assert reverse("mentoring:erase_mentee", args=[newcomer.pk]) in page
    # the tandem page leads back to both profiles
    detail = _page(world, "site_coordinator", "tandem", tandem.pk)
    assert reverse("mentoring:mentee", args=[newcomer.pk]) in detail
    assert reverse("mentoring:mentor", args=[tandem.mentor.pk]) in detail
    # the mentee with an account sees neither the erase button nor the coordination's list
    own = _page(world, "mentee", "mentee", world.mentee.pk)
    assert reverse("mentoring:erase_mentee", args=[world.mentee.pk]) not in own


def test_a_mentors_page_lists_their_tandems_for_the_coordination(world):
    tandem = factories.TandemFactory(site=world.site, mentor=world.mentor)
    page = _page(world, "site_coordinator", "mentor", world.mentor.pk)
    assert tandem.get_absolute_url() in page and tandem.mentee.first_name in page
    empty = factories.MentorFactory(site=world.site)
    assert "Noch kein Tandem" in _page(world, "site_coordinator", "mentor", empty.pk)


def test_a_confirmed_round_links_the_tandems_it_made(world):
    matching_round = MatchingRound.objects.create(
        carrier=world.carrier, site=world.site, started_by=world.site_coordinator, state="confirmed"
    )
    proposal = Proposal.objects.create(
        round=matching_round,
        mentor=world.mentor,
        mentee=world.mentee,
        points=8000,
        reasons=[],
        state="accepted",
    )
    tandem = factories.TandemFactory(
        site=world.site, mentor=world.mentor, mentee=world.mentee, round=matching_round
    )
    page = _page(world, "site_coordinator", "round", matching_round.pk)
    row = page.split(f'id="p{proposal.pk}"', 1)[1].split("</tr>", 1)[0]
    assert tandem.get_absolute_url() in row
    site_rounds = _page(world, "site_coordinator", "site_rounds", world.site.slug)
    assert reverse("mentoring:site", args=[world.site.slug]) in site_rounds


def test_mein_mentoring_says_the_next_step_of_each_tandem(world):
    tandem = factories.TandemFactory(site=world.site, mentor=world.mentor, mentee=world.mentee)
    Mentor.objects.filter(pk=world.mentor.pk).update(free_places=0)  # the tandem holds it
    mentee_page = _page(world, "mentee", "mine")
    assert "Die Koordination sucht eine passende Begleitung" not in mentee_page
    assert "Sie haben eine Begleitung gefunden" in mentee_page
    assert "Tragen Sie Ihre Treffen ein" in mentee_page
    assert reverse("mentoring:meeting_log", args=[tandem.pk]) in mentee_page
    mentor_page = _page(world, "mentor", "mine")
    assert "Alle Ihre Plätze sind vergeben" in mentor_page
    assert "Die Koordination sucht ein passendes Tandem" not in mentor_page
    proposed = factories.TandemFactory(
        site=world.site, state=Tandem.State.PROPOSED, started_on=None, mentee__user=None
    )
    other = _page_of(proposed.mentor.user, "mine")
    assert "verabredet mit Ihnen ein erstes Treffen" in other


def _page_of(user, name: str, *args) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse(f"mentoring:{name}", args=args)).content.decode()


def test_nothing_shows_a_url_name_raw(world):
    factories.TandemFactory(site=world.site, mentor=world.mentor, mentee=world.mentee)
    pages = [
        _page(world, "staff", "coordination"),
        _page(world, "site_coordinator", "site", world.site.slug),
        _page(world, "site_coordinator", "mentee", world.mentee.pk),
        _page(world, "site_coordinator", "mentor", world.mentor.pk),
        _page(world, "mentor", "mine"),
        _page(world, "mentee", "mine"),
    ]
    for page in pages:
        assert "mentoring:" not in page.split("<main", 1)[1]
