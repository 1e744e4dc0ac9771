"""The round pages: what they show (progress, proposals with reasons and points, leftovers
with why, the questions before confirming and discarding, swaps with their cost), in German,
and with a constant number of queries however many proposals a round has."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handschlag.mentoring import rounds
from handschlag.mentoring.models import MatchingRound, Proposal, Tandem

from .factories import MenteeFactory, MentorFactory
from .rounds_helpers import km_east, random_pool, ready_round

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page's visible text, whitespace collapsed."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", body)


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.site_coordinator)
    return client


def test_a_running_round_shows_its_progress_and_refreshes_itself(coordinator, world):
    matching_round = rounds.start_round(by=world.site_coordinator, site=world.site)
    MatchingRound.objects.filter(pk=matching_round.pk).update(
        state="running", progress=30, progress_step="matching"
    )
    response = coordinator.get(matching_round.get_absolute_url())
    html = response.content.decode()
    assert f'data-hx-get="/mentoring/runden/{matching_round.pk}/fortschritt/"' in html
    assert 'data-hx-trigger="every 2s"' in html
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert 'value="30"' in html and "Passende Paare werden gesucht" in text(response)
    fragment = coordinator.get(
        reverse("mentoring:round_progress", args=[matching_round.pk]), HTTP_HX_REQUEST="true"
    )
    assert fragment.status_code == 200 and b"<html" not in fragment.content


def test_the_progress_part_reloads_the_page_once_the_round_is_ready(coordinator, world):
    matching_round = ready_round(world.site_coordinator, site=world.site)
    url = reverse("mentoring:round_progress", args=[matching_round.pk])
    assert coordinator.get(url, HTTP_HX_REQUEST="true").headers["HX-Refresh"] == "true"
    assert coordinator.get(url).url == matching_round.get_absolute_url()


def test_a_ready_round_shows_each_proposal_with_reasons_and_points(coordinator, world):
    matching_round = ready_round(world.site_coordinator, site=world.site)
    proposal = matching_round.proposals.get()
    page = text(coordinator.get(matching_round.get_absolute_url()))
    mentee = world.mentee.first_name
    assert (
        f"spricht Deutsch wie {mentee} · weniger als 1 km entfernt · beide dienstags nachmittags"
        in page
    )
    assert f"{proposal.points // 1000}.{proposal.points % 1000:03d}" in page  # "7.250"
    assert "1 Vorschlag: 1 offen, 0 angenommen, 0 abgelehnt." in page
    assert "Erst beim Bestätigen werden Tandems angelegt" in page


def test_the_leftovers_say_why(coordinator, world):
    MenteeFactory(
        site=world.site, first_name="Tesfay", languages=[{"code": "ti", "level": "native"}]
    )
    matching_round = ready_round(world.site_coordinator, site=world.site)
    page = text(coordinator.get(matching_round.get_absolute_url() + "?ansicht=uebrig"))
    assert "Tesfay" in page and "Niemand im Umkreis von 10 km spricht Tigrinya." in page


def test_bad_filters_are_shown_not_a_crash(coordinator, world):
    matching_round = ready_round(world.site_coordinator, site=world.site)
    response = coordinator.get(
        matching_round.get_absolute_url() + "?entscheidung=vielleicht&seite=x&ansicht=?"
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_a_failed_round_shows_its_error(coordinator, world):
    failed = MatchingRound.objects.create(
        carrier=world.carrier, site=world.site, state="failed", error="ValueError: kaputt"
    )
    page = text(coordinator.get(failed.get_absolute_url()))
    assert "Die Runde ist fehlgeschlagen." in page and "ValueError: kaputt" in page


def test_confirming_asks_first_and_names_the_consequences(coordinator, world):
    MenteeFactory(site=world.site, first_name="Hiwa", email="", phone="")
    world.mentor.capacity = world.mentor.free_places = 2
    world.mentor.save()
    matching_round = ready_round(world.site_coordinator, site=world.site)
    matching_round.proposals.update(state=Proposal.State.ACCEPTED)
    url = reverse("mentoring:round_confirm", args=[matching_round.pk])

    page = text(coordinator.get(url))
    assert "2 Tandems werden angelegt, 3 Personen werden benachrichtigt." in page
    assert "1 Mentee hat weder E-Mail-Adresse noch Konto" in page
    assert Tandem.objects.count() == 0

    response = coordinator.post(url, follow=True)
    assert Tandem.objects.count() == 2
    page = text(response)
    assert "2 Tandems angelegt." in page
    assert "Bitte sagen Sie telefonisch oder persönlich Bescheid: Hiwa" in page
    assert "Bitte persönlich Bescheid sagen" in page


def test_discarding_asks_first(coordinator, world):
    matching_round = ready_round(world.site_coordinator, site=world.site)
    url = reverse("mentoring:round_discard", args=[matching_round.pk])
    assert "1 Vorschlag wird verworfen." in text(coordinator.get(url))
    response = coordinator.post(url)
    assert response.url == reverse("mentoring:site_rounds", args=[world.site.slug])
    assert MatchingRound.objects.get().state == "discarded"


def test_rejecting_needs_a_reason(coordinator, world):
    matching_round = ready_round(world.site_coordinator, site=world.site)
    proposal = matching_round.proposals.get()
    url = reverse("mentoring:proposal_reject", args=[proposal.pk])
    response = coordinator.post(url, {})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    coordinator.post(url, {f"r{proposal.pk}-reason": "known"})
    assert Proposal.objects.get().state == "rejected"


def test_the_swap_page_lists_what_fits_and_previews_the_cost(coordinator, world):
    spare = MentorFactory(site=world.site, municipality=km_east(4, world.site.municipality))
    russian = MentorFactory(site=world.site, languages=[{"code": "ru", "level": "native"}])
    matching_round = ready_round(world.site_coordinator, site=world.site)
    proposal = matching_round.proposals.get()
    url = reverse("mentoring:proposal_swap", args=[proposal.pk])

    response = coordinator.get(url)
    assert spare.display_name in text(response)
    assert 'optgroup label="Passend, die meisten Punkte zuerst"' in response.content.decode()

    preview = text(coordinator.post(url, {"mentor": spare.pk}))
    assert re.search(r"Der Tausch kostet [\d.]+ Punkte gegenüber dem Vorschlag", preview)
    refused = text(coordinator.post(url, {"mentor": russian.pk}))
    assert (
        "Dieser Tausch ist nicht möglich: Die beiden sprechen keine gemeinsame Sprache." in refused
    )
    assert Proposal.objects.get().mentor == world.mentor

    coordinator.post(url, {"mentor": spare.pk, "bestaetigt": "1"})
    swapped = Proposal.objects.get()
    assert swapped.mentor == spare and swapped.manual
    page = text(coordinator.get(matching_round.get_absolute_url()))
    assert "von Hand" in page and "1 Vorschlag ist von Hand getauscht: das kostet zusammen" in page


def test_a_site_coordinator_starts_a_round_from_the_sites_rounds(
    coordinator, world, django_capture_on_commit_callbacks
):
    url = reverse("mentoring:site_rounds", args=[world.site.slug])
    page = text(coordinator.get(url))
    assert "1 Mentee wartet · 1 freier Platz bei Mentor:innen" in page
    assert "Noch keine Runde." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(url)
    matching_round = MatchingRound.objects.get()
    assert response.url == matching_round.get_absolute_url()
    assert matching_round.state == "ready"
    again = coordinator.post(url, follow=True)
    assert "Für Patenschaften" in text(again) or "noch eine Runde offen" in text(again)
    assert MatchingRound.objects.count() == 1


def test_the_carrier_page_starts_a_carrier_wide_round(client, world):
    client.force_login(world.carrier_coordinator)
    url = reverse("mentoring:carrier_rounds", args=[world.carrier.pk])
    page = text(client.get(url))
    assert world.site.name in page and world.sister_site.name in page
    client.post(url)
    assert MatchingRound.objects.get().site is None


def test_the_site_section_shows_the_latest_rounds_to_its_coordination(world):
    from handschlag.mentoring.registry import site_sections

    ready_round(world.site_coordinator, site=world.site)
    shown = dict((s.key, c) for s, c in site_sections.shown(world.site, world.site_coordinator))
    assert len(shown["rounds"]["rounds"]) == 1
    assert not [s for s, _c in site_sections.shown(world.site, world.other_site_coordinator)]


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_round_page_runs_the_same_queries_for_few_and_many_proposals(client, world):
    client.force_login(world.carrier_coordinator)
    random_pool([world.site], 6, 6, seed=11)
    few = ready_round(world.carrier_coordinator, site=world.site)
    random_pool([world.sister_site], 120, 150, seed=12)
    many = ready_round(world.carrier_coordinator, site=world.sister_site)
    assert few.proposals.count() < 8 < 40 < many.proposals.count()
    for view in ("", "?ansicht=uebrig"):
        assert queries_of(client, few.get_absolute_url() + view) == queries_of(
            client, many.get_absolute_url() + view
        )
    assert queries_of(client, many.get_absolute_url()) <= 14
    for name, args in (
        ("mentoring:site_rounds", [world.site.slug]),
        ("mentoring:carrier_rounds", [world.carrier.pk]),
    ):
        one = queries_of(client, reverse(name, args=args))
        MatchingRound.objects.create(carrier=world.carrier, state="discarded")
        assert queries_of(client, reverse(name, args=args)) == one
