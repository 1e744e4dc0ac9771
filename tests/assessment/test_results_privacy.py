"""Privacy of the peer comparison (results_selectors.py, rules 1–4): fewer than 5 towns are
never shown, no town's score can be computed back from what is shown (beside the named scores
of towns that shared, or from two shown aggregates), and unshared towns are never named."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from handschlag.assessment.results_selectors import PeerTown, band_of, compare, peer_towns

from . import factories
from .results_helpers import BEST, close, give, stored_round, town

_ids = iter(range(1, 100_000))


def towns(values, *, state="TH", shared=False, areas=None):
    made = []
    for value in values:
        number = next(_ids)
        made.append(
            PeerTown(
                number, f"Ort {number}", f"ort-{number}", state, shared, number, value,
                dict(areas or {"a": value}),
            )
        )  # fmt: skip
    return made


def test_four_towns_are_never_shown_five_are():
    four = compare(towns([10, 20, 30, 40]), "TH", ["a"])
    assert not four.state_group.overall.shown and not four.band_group.overall.shown
    five = compare(towns([10, 20, 30, 40, 50]), "TH", ["a"])
    assert five.state_group.overall.mean == 30 and five.state_group.overall.median == 30


def test_unshared_towns_beside_shared_ones_need_to_be_five_themselves():
    # four shared towns are named with their scores: one unshared town beside them could be
    # computed as 5·mean − the four named scores
    mixed = towns([50, 60, 70, 80], shared=True) + towns([13])
    shown = compare(mixed, "TH", ["a"])
    assert not shown.state_group.overall.shown and not shown.band_group.overall.shown
    assert [t.overall for t in shown.shared_towns] == [50, 60, 70, 80]
    # five unshared beside them are safe; only shared ones are safe too
    assert compare(mixed + towns([1, 2, 3, 4]), "TH", ["a"]).state_group.overall.shown
    assert compare(towns([1, 2, 3, 4, 5], shared=True), "TH", ["a"]).state_group.overall.shown


def test_state_and_nationwide_differing_by_fewer_than_five_unshared_towns_show_only_the_state():
    in_state = towns([10, 20, 30, 40, 50])
    elsewhere = towns([99], state="BY")
    found = compare(in_state + elsewhere, "TH", ["a"])
    # shown together: 6·mean(band) − 5·mean(state) = the Bavarian town's 99
    assert found.state_group.overall.shown
    assert not found.band_group.overall.shown
    assert found.band_group.overall.withheld == "difference"
    # five towns elsewhere: both may be shown, the difference is an aggregate of five
    both = compare(in_state + towns([60, 70, 80, 90, 99], state="BY"), "TH", ["a"])
    assert both.state_group.overall.shown and both.band_group.overall.shown
    # (10 + 20 + … + 90 + 99) / 10 = 54.9
    assert both.band_group.overall.mean == pytest.approx(54.9)


def test_shared_towns_outside_the_state_are_public_and_make_no_difference():
    in_state = towns([10, 20, 30, 40, 50])
    found = compare(in_state + towns([70, 80], state="BY", shared=True), "TH", ["a"])
    assert found.state_group.overall.shown and found.band_group.overall.shown


def test_too_few_in_the_state_falls_back_to_the_nationwide_band():
    found = compare(towns([10, 20]) + towns([30, 40, 50, 60, 70], state="SN"), "TH", ["a"])
    assert found.fallback and found.band_group.overall.shown
    assert found.band_group.towns == 7


def test_each_area_is_checked_over_the_towns_that_have_a_value_for_it():
    some = towns([50, 50, 50, 50], areas={"a": 40, "b": 60})
    without_b = towns([50], areas={"a": 40, "b": None})
    found = compare(some + without_b, "TH", ["a", "b"])
    assert found.state_group.overall.shown and found.state_group.areas["a"].shown
    assert not found.state_group.areas["b"].shown  # four towns only


def test_a_public_page_needs_six_unshared_towns_because_a_peer_may_read_it():
    # an unshared peer reading a shared town's page knows its own score: 5 − 1 = 4 unknowns
    five = towns([10, 20, 30, 40, 50])
    assert compare(five, "TH", ["a"]).state_group.overall.shown
    assert not compare(five, "TH", ["a"], public=True).state_group.overall.shown
    assert compare(five + towns([60]), "TH", ["a"], public=True).state_group.overall.shown


@pytest.mark.parametrize(
    "population, band_start",
    [(1, 1), (4_999, 1), (5_000, 5_000), (499_999, 100_000), (3_700_000, 500_000)],
)
def test_population_bands(population, band_start):
    assert band_of(population).low == band_start


def test_an_unknown_population_has_no_band_no_peers_and_is_nobodys_peer(world, client):
    stored_round(world.framework, overall=50, population=0)  # unknown: never a peer
    for value in (10, 20, 30, 40, 50):
        stored_round(world.framework, overall=value, population=1_000)
    assert band_of(0) is None and peer_towns(world.assessment) == []
    world.municipality.population = 0
    world.municipality.save()
    world.assessment.refresh_from_db()
    assert peer_towns(world.assessment) == []
    client.force_login(world.admin)
    html = client.get(reverse("assessment:peers", args=[world.assessment.pk])).content.decode()
    assert "ist keine Einwohnerzahl hinterlegt" in html


# --- the page and the query -------------------------------------------------------------------


def test_peers_are_the_latest_closed_round_of_the_same_framework_key_never_the_own_town(world):
    framework = world.framework
    now = timezone.now()
    # the own town's earlier closed round is no peer
    stored_round(framework, municipality=world.municipality, overall=90, closed_at=now)
    old = stored_round(framework, overall=10, closed_at=now - datetime.timedelta(days=400))
    stored_round(framework, municipality=old.municipality, overall=70, closed_at=now)
    stored_round(framework, overall=55, open_round=True)  # open: no peer
    stored_round(framework, overall=33, population=900)  # another band
    other_key = factories.small_framework()
    stored_round(other_key, overall=44)  # another framework
    found = peer_towns(world.assessment)
    assert [(t.municipality_id, t.overall) for t in found] == [(old.municipality_id, 70)]


def test_the_page_never_names_unshared_towns_and_shows_only_safe_aggregates(world, client):
    framework = world.framework
    secret = [stored_round(framework, overall=v) for v in (11, 22, 33, 44)]
    open_book = stored_round(framework, overall=66, shared=True)
    open_book.municipality.name = "Offenstadt"
    open_book.municipality.save()
    give(world.assessment, world.administration, BEST)
    client.force_login(world.admin)
    html = client.get(reverse("assessment:peers", args=[world.assessment.pk])).content.decode()
    for assessment in secret:
        assert assessment.municipality.name not in html
    assert "Offenstadt" in html
    # 5 towns, 4 of them unshared beside a named one: no mean, no median
    assert "Noch haben zu wenige Kommunen" in html
    for value in ("33", "35", "27"):  # median, mean with and without the shared town
        assert f'class="numeric">{value}<' not in html


def test_the_page_shows_mean_and_median_over_five_unshared_towns(world, client):
    for value in (10, 20, 30, 40, 80):
        stored_round(world.framework, overall=value)
    give(world.assessment, world.administration, BEST)
    close(world.assessment)
    client.force_login(world.admin)
    html = client.get(reverse("assessment:peers", args=[world.assessment.pk])).content.decode()
    assert "Thüringen (5 Kommunen)" in html
    assert 'class="numeric">36<' in html and 'class="numeric">30<' in html  # mean, median
    # the same round shared: its page is public and needs six unshared towns
    world.assessment.shared = True
    world.assessment.save()
    html = client.get(reverse("assessment:peers", args=[world.assessment.pk])).content.decode()
    assert 'class="numeric">36<' not in html and "Noch haben zu wenige Kommunen" in html


def test_a_peers_stored_scores_come_from_closing_its_round(world):
    other = factories.AssessmentFactory(
        framework=world.framework, municipality=town(), title="Runde anderswo"
    )
    give(other, factories.GroupFactory(assessment=other), BEST)
    close(other)
    [found] = peer_towns(world.assessment)
    assert found.overall == 100 and found.areas == {"a1": 100, "a2": 100}


def test_the_page_names_at_most_25_towns_that_shared_those_of_the_own_state_first(world, client):
    for value in range(27):
        stored_round(world.framework, overall=value, shared=True, state="BY")
    near = stored_round(world.framework, overall=50, shared=True, state="TH")
    client.force_login(world.admin)
    html = client.get(reverse("assessment:peers", args=[world.assessment.pk])).content.decode()
    assert "Gezeigt werden 25 von 28 Kommunen" in html
    assert html.count('href="/orte/vergleichsort-') == 25
    assert near.municipality.name in html
