"""The pool of a round on real models: who is in it, the hard rules every proposal keeps, and
proposals identical to the engine's optimum on the same items."""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from handschlag.matching import match
from handschlag.mentoring import pool, rounds
from handschlag.mentoring.models import ExcludedPair, Leftover, Mentee, Mentor, Tandem
from handschlag.mentoring.pool_checks import broken_rules, distance_km

from .factories import MenteeFactory, MentorFactory, TandemFactory
from .rounds_helpers import km_east, pairs_of, random_pool, ready_round

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_the_pool_holds_approved_mentors_with_a_place_and_mentees_without_open_tandem(world):
    site = world.site
    full = MentorFactory(site=site, capacity=1, free_places=0)
    returned = MentorFactory(site=site, state=Mentor.State.RETURNED)
    in_tandem = TandemFactory(site=site, state=Tandem.State.PAUSED).mentee
    ended = TandemFactory(site=site, state=Tandem.State.ENDED, ended_on=TODAY()).mentee
    submitted = MenteeFactory(site=site, state=Mentee.State.SUBMITTED)
    elsewhere = MenteeFactory(site=world.sister_site)

    mentors = set(pool.pool_mentors([site.pk]))
    mentees = set(pool.pool_mentees([site.pk]))

    assert world.mentor in mentors and full not in mentors and returned not in mentors
    assert world.mentee in mentees and ended in mentees
    assert not {in_tandem, submitted, elsewhere} & mentees


def test_nobody_beyond_either_distance_and_nobody_without_a_shared_language(world):
    home = world.site.municipality
    near = MentorFactory(site=world.site, max_km=40)
    far_mentee = MenteeFactory(site=world.site, municipality=km_east(20, home), max_km=10)
    tigrinya = MenteeFactory(site=world.site, languages=[{"code": "ti", "level": "native"}])

    matching_round = ready_round(world.site_coordinator, site=world.site)

    proposed = pairs_of(matching_round)
    assert (near.pk, far_mentee.pk) not in proposed
    assert not {pair for pair in proposed if pair[1] == tigrinya.pk}
    why = Leftover.objects.get(round=matching_round, mentee=tigrinya)
    assert why.reason == "no_shared_language" and why.params["languages"] == ["ti"]


def test_two_online_people_match_at_any_distance(world):
    world.mentor.delete()
    world.mentee.delete()
    mentor = MentorFactory(site=world.site, online=True, max_km=10)
    far = km_east(200, world.site.municipality)
    mentee = MenteeFactory(site=world.site, municipality=far, online=True, max_km=5)

    assert pairs_of(ready_round(world.site_coordinator, site=world.site)) == {
        (mentor.pk, mentee.pk)
    }


def test_an_online_and_an_offline_person_match_only_within_both_distances(world):
    """The offline mentee 30 km away may travel 50 km, the online mentor only 10: the engine
    refuses that pair, so the mentee gets the mentor 8 km away instead."""
    world.mentor.delete()
    world.mentee.delete()
    home = world.site.municipality
    online = MentorFactory(site=world.site, online=True, max_km=10, municipality=home)
    near = MentorFactory(site=world.site, max_km=10, municipality=km_east(38, home))
    mentee = MenteeFactory(site=world.site, municipality=km_east(30, home), max_km=50)

    matching_round = ready_round(world.site_coordinator, site=world.site)

    assert pairs_of(matching_round) == {(near.pk, mentee.pk)}
    left_over = Leftover.objects.get(round=matching_round, mentor=online).params
    assert left_over["km"] == 10 and left_over["online"] is True


def test_online_people_are_one_engine_run_and_far_ones_are_named_online(world, monkeypatch):
    world.mentor.delete()
    world.mentee.delete()
    runs = []
    original = pool.match

    def counting(*args, **kwargs):
        runs.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(pool, "match", counting)
    home = world.site.municipality
    mentor = MentorFactory(site=world.site, online=True, max_km=10, municipality=home)
    MentorFactory(site=world.site, max_km=10, municipality=km_east(38, home))
    far = MenteeFactory(site=world.site, municipality=km_east(300, home), online=True, max_km=5)
    MenteeFactory(site=world.site, municipality=km_east(30, home), max_km=50)

    matching_round = ready_round(world.site_coordinator, site=world.site)

    assert runs == [1]
    proposal = matching_round.proposals.get(mentee=far)
    assert proposal.mentor == mentor
    assert [r["code"] for r in proposal.reasons][:2] == ["language", "online"]


def test_hard_wishes_and_the_certificate_for_minors(world):
    site = world.site
    world.mentor.delete()
    man = MentorFactory(site=site, gender="m")
    wants_a_woman = MenteeFactory(site=site, partner_genders=["f"])
    only_adults = MentorFactory(site=site, gender="f", partner_age_groups=["adult"])
    youth = MenteeFactory(site=site, age_group="youth")
    no_certificate = MentorFactory(site=site, gender="f")
    child = MenteeFactory(site=site, age_group="child")

    proposed = pairs_of(ready_round(world.site_coordinator, site=site))

    assert (man.pk, wants_a_woman.pk) not in proposed
    assert (only_adults.pk, youth.pk) not in proposed
    assert not {p for p in proposed if p[1] in (youth.pk, child.pk)}, (
        "no mentor with a valid certificate: the minors stay without a proposal"
    )
    assert {m for m, e in proposed if e == wants_a_woman.pk} <= {only_adults.pk, no_certificate.pk}
    assert len(proposed) == 2  # her, and the adult world.mentee


def test_a_minor_is_matched_with_a_mentor_whose_certificate_is_valid(world):
    world.mentor.delete()
    today = TODAY()
    expired = MentorFactory(
        site=world.site,
        certificate_seen_on=today,
        certificate_issued_on=today - datetime.timedelta(days=6 * 365),
    )
    valid = MentorFactory(
        site=world.site,
        certificate_seen_on=today,
        certificate_issued_on=today - datetime.timedelta(days=30),
        free_places=1,
    )
    world.mentee.delete()
    child = MenteeFactory(site=world.site, age_group="child")

    proposed = pairs_of(ready_round(world.site_coordinator, site=world.site))

    assert proposed == {(valid.pk, child.pk)}
    assert (expired.pk, child.pk) not in proposed


def test_only_the_programmes_kinds_count(world):
    world.programme.kinds = ["everyday", "language"]
    world.programme.save()
    world.mentee.delete()
    wants_a_job = MenteeFactory(site=world.site, kinds=["job"])
    anything = MenteeFactory(site=world.site, kinds=[])

    proposed = pairs_of(ready_round(world.site_coordinator, site=world.site))

    assert proposed == {(world.mentor.pk, anything.pk)}
    assert Leftover.objects.get(mentee=wants_a_job).reason == "kind_mismatch"


def test_rejected_pairs_and_ended_tandems_are_never_proposed_again(world):
    ExcludedPair.objects.create(
        mentor=world.mentor, mentee=world.mentee, reason=ExcludedPair.Reason.KNOWN
    )
    earlier = MenteeFactory(site=world.site)
    TandemFactory(
        site=world.site,
        mentor=world.mentor,
        mentee=earlier,
        state=Tandem.State.ENDED,
        ended_on=TODAY(),
    )

    matching_round = ready_round(world.site_coordinator, site=world.site)

    assert pairs_of(matching_round) == set()
    assert Leftover.objects.get(round=matching_round, mentee=world.mentee).reason == "excluded"


def test_a_mentor_gets_at_most_their_free_places(world):
    world.mentor.delete()
    mentor = MentorFactory(site=world.site, capacity=3, free_places=2)
    for _ in range(4):
        MenteeFactory(site=world.site)

    proposed = pairs_of(ready_round(world.site_coordinator, site=world.site))

    assert len(proposed) == 2 and {m for m, _e in proposed} == {mentor.pk}


def test_a_carrier_wide_round_spans_the_carriers_sites_only(world):
    sister = MenteeFactory(site=world.sister_site)
    other = MenteeFactory(site=world.other_site)
    world.mentor.capacity = world.mentor.free_places = 3
    world.mentor.save()

    matching_round = ready_round(world.carrier_coordinator, carrier=world.carrier)

    mentees = {e for _m, e in pairs_of(matching_round)}
    assert mentees == {world.mentee.pk, sister.pk} and other.pk not in mentees


def test_every_proposal_keeps_every_hard_rule_on_a_random_pool(world):
    random_pool([world.site, world.sister_site], 120, 160, seed=7)
    matching_round = ready_round(world.carrier_coordinator, carrier=world.carrier)
    proposals = list(
        matching_round.proposals.select_related(
            "mentor__user", "mentor__municipality", "mentee__municipality"
        )
    )
    assert len(proposals) > 40
    excluded = set(ExcludedPair.objects.values_list("mentor_id", "mentee_id"))
    for proposal in proposals:
        mentor, mentee = proposal.mentor, proposal.mentee
        km = distance_km(mentor, mentee)
        problems = broken_rules(
            mentor,
            mentee,
            km,
            kinds=world.programme.kinds,
            today=TODAY(),
            excluded=(mentor.pk, mentee.pk) in excluded,
        )
        assert not problems, (proposal, problems)
    per_mentor: dict[int, int] = {}
    for proposal in proposals:
        per_mentor[proposal.mentor_id] = per_mentor.get(proposal.mentor_id, 0) + 1
    places = dict(Mentor.objects.values_list("pk", "free_places"))
    assert all(n <= places[m] for m, n in per_mentor.items())
    assert len({p.mentee_id for p in proposals}) == len(proposals)


def test_the_proposals_are_the_engines_optimum_on_the_same_items(world):
    random_pool([world.site, world.sister_site], 90, 120, seed=3)
    matching_round = ready_round(world.carrier_coordinator, carrier=world.carrier)

    sites = [world.site.pk, world.sister_site.pk]
    same = pool.build_pool(
        list(pool.pool_mentors(sites)),
        list(pool.pool_mentees(sites)),
        programme=world.programme,
        today=TODAY(),
    )
    assert sum(item.online for item in same.mentors + same.mentees) > 10
    direct = match(same.mentors, same.mentees, same.config, excluded=same.excluded)

    assert pairs_of(matching_round) == {(p.left, p.right) for p in direct.new_pairs}
    assert matching_round.objective == direct.objective
    points = dict(
        ((m, e), pts)
        for m, e, pts in matching_round.proposals.values_list("mentor_id", "mentee_id", "points")
    )
    assert points == {(p.left, p.right): p.points for p in direct.new_pairs}
    assert sum(points.values()) == matching_round.objective
    # every stored field is the engine's: what pair_fields makes of its pairs, and of each
    # person left over the reason, its parameters (an online person's say so) and the funnel
    stored = {
        (p.mentor_id, p.mentee_id): (
            p.state,
            p.manual,
            p.points,
            p.breakdown,
            p.distance_km,
            p.reasons,
        )
        for p in matching_round.proposals.all()
    }
    assert stored == {
        (p.left, p.right): ("proposed", False, *pool.pair_fields(p).values())
        for p in direct.new_pairs
    }

    def text(value):  # comparable: PostgreSQL's jsonb keeps no key order
        return json.dumps(value, sort_keys=True)

    left_over = {
        (
            "left" if row.mentor_id else "right",
            row.mentor_id or row.mentee_id,
            row.reason,
            text(row.params),
            text(row.funnel),
        )
        for row in Leftover.objects.filter(round=matching_round)
    }
    online = {(u.side, u.id) for u in direct.unmatched if (u.side, u.id) in same.online}
    assert online and left_over == {
        (
            u.side,
            u.id,
            str(u.reason),
            text({**u.params, "online": True} if (u.side, u.id) in online else u.params),
            text(u.funnel),
        )
        for u in direct.unmatched
    }


def test_the_round_reads_rows_encoded_exactly_as_the_profiles_are(world):
    """The round reads plain rows (read_mentors, read_mentees); swaps and checks encode model
    instances (build_pool): both give the same items, excluded pairs and online people."""
    world.programme.kinds = ["everyday", "language"]
    world.programme.save()
    random_pool([world.site, world.sister_site], 60, 80, seed=11)
    no_language = MentorFactory(site=world.site, languages=[])
    wants_a_job = MenteeFactory(site=world.site, kinds=["job"])
    both_sides = MenteeFactory(site=world.sister_site, user=world.mentor.user)
    ExcludedPair.objects.create(
        mentor=world.mentor, mentee=world.mentee, reason=ExcludedPair.Reason.KNOWN
    )
    earlier = MenteeFactory(site=world.site)
    TandemFactory(
        site=world.site,
        mentor=world.mentor,
        mentee=earlier,
        state=Tandem.State.ENDED,
        ended_on=TODAY(),
    )
    sites, today = [world.site.pk, world.sister_site.pk], TODAY()

    encoder = pool.Encoder(world.programme.kinds, today)
    by_rows = pool.pool_of(
        pool.read_mentors(sites, encoder), pool.read_mentees(sites, encoder), today=today
    )
    by_models = pool.build_pool(
        list(pool.pool_mentors(sites)),
        list(pool.pool_mentees(sites)),
        programme=world.programme,
        today=today,
    )

    assert [asdict(i) for i in by_rows.mentors] == [asdict(i) for i in by_models.mentors]
    assert [asdict(i) for i in by_rows.mentees] == [asdict(i) for i in by_models.mentees]
    assert (by_rows.excluded, by_rows.online) == (by_models.excluded, by_models.online)
    assert by_rows.config == by_models.config
    # the cases are there: valid and other certificates, minors, kinds nobody offers, …
    attributes = [item.attributes for item in by_rows.mentors]
    assert any(a.get("certificate") == pool.VALID for a in attributes)
    assert any("certificate" not in a for a in attributes)
    assert any(item.requirements.get("certificate") for item in by_rows.mentees)
    mentee_items = {item.id: item for item in by_rows.mentees}
    assert mentee_items[wants_a_job.pk].kinds == {pool.NO_KIND}
    assert no_language.pk not in {item.id for item in by_rows.mentors}
    assert {
        (world.mentor.pk, world.mentee.pk),
        (world.mentor.pk, earlier.pk),
        (world.mentor.pk, both_sides.pk),
    } <= by_rows.excluded
    assert len(by_rows.online) > 10


def test_a_rounds_task_makes_as_many_queries_for_300_people_as_for_20(world):
    """No query per person or per proposal: reading, writing the proposals and leftovers
    (a few prepared INSERTs, or one COPY) and the progress are a fixed number of queries."""
    random_pool([world.site], 20, 20, seed=20)
    random_pool([world.other_site], 300, 300, seed=300)
    counts = []
    for by, site in (
        (world.site_coordinator, world.site),
        (world.other_site_coordinator, world.other_site),
    ):
        matching_round = rounds.start_round(by=by, site=site)

        with CaptureQueriesContext(connection) as queries:
            rounds.run_round(matching_round.pk)

        matching_round.refresh_from_db()
        assert matching_round.state == "ready"
        assert matching_round.mentees_in_pool >= 20 and matching_round.proposals.count() > 5
        assert Leftover.objects.filter(round=matching_round).exists()
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 20
