"""Mentoring in the demo world: a programme with 3 carriers and 8 sites in the seed towns,
about 200 mentors and 250 mentees, tandems in every state, a pool ready for a round, and
consistent counters."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from handschlag.mentoring import access
from handschlag.mentoring.models import Mentee, Mentor, Programme, Site, Tandem
from handschlag.places.seed import SEED_TOWNS
from handschlag.site.demo.mentoring import PEOPLE, PROGRAMME_SLUG

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_one_programme_three_carriers_a_site_in_every_seed_town(demo):
    programme = Programme.objects.get(slug=PROGRAMME_SLUG)
    assert programme.carriers.count() == 3
    sites = Site.objects.filter(carrier__programme=programme)
    assert sites.count() == 8
    assert set(sites.values_list("municipality__ags", flat=True)) == {t.ags for t in SEED_TOWNS}


def test_about_200_mentors_and_250_mentees_in_every_profile_state(demo):
    assert 180 <= Mentor.objects.count() <= 220
    assert 230 <= Mentee.objects.count() <= 270
    assert set(Mentor.objects.values_list("state", flat=True)) == set(Mentor.State.values)
    assert {Mentee.State.APPROVED, Mentee.State.SUBMITTED, Mentee.State.RETURNED} <= set(
        Mentee.objects.values_list("state", flat=True)
    )


def test_tandems_in_every_state_and_years_of_history(demo):
    assert set(Tandem.objects.values_list("state", flat=True)) == set(Tandem.State.values)
    years = {d.year for d in Tandem.objects.dates("started_on", "year")}
    assert len(years) >= 6
    ended = Tandem.objects.filter(state=Tandem.State.ENDED)
    assert not ended.filter(Q(ended_on__isnull=True) | Q(end_reason="")).exists()
    assert ended.values("end_reason").distinct().count() >= 5


def test_free_places_match_the_tandems_that_hold_them(demo):
    held = Count("tandems", filter=Q(tandems__state__in=Tandem.HOLDING))
    for mentor in Mentor.objects.annotate(held=held):
        assert mentor.free_places == mentor.capacity - mentor.held, mentor


def test_every_site_has_a_pool_ready_for_a_round(demo):
    for site in Site.objects.all():
        free_mentors = Mentor.objects.filter(
            site=site, state=Mentor.State.APPROVED, free_places__gt=0
        )
        waiting = Mentee.objects.filter(site=site, state=Mentee.State.APPROVED).exclude(
            tandems__state__in=Tandem.HOLDING
        )
        assert free_mentors.count() >= 5 and waiting.count() >= 5, site


def test_the_demo_accounts_hold_their_roles(demo):
    from handschlag.accounts.models import User

    emails = {key: email for key, email, *_rest in PEOPLE}
    staff = User.objects.get(email=emails["programme_staff"])
    assert len(access.scopes_of(staff).sites) == 8
    carrier = User.objects.get(email=emails["carrier_coordinator"])
    assert len(access.scopes_of(carrier).sites) == 3
    site = User.objects.get(email=emails["site_coordinator"])
    assert access.sites_visible_to(site).get().slug == "patenschaften-sonneberg"
    mentor = User.objects.get(email=emails["mentor"])
    assert mentor.mentor_profiles.get().tandems.filter(state=Tandem.State.ACTIVE).exists()
    assert User.objects.get(email=emails["mentee"]).mentee_profiles.exists()


def test_survey_answers_fill_the_dashboards(demo):
    from handschlag.mentoring import surveys
    from handschlag.mentoring.models import SurveyResponse

    for site in Site.objects.all():
        summary = surveys.survey_summary(SurveyResponse.objects.filter(site=site))
        assert summary is not None and summary.n >= surveys.MIN_GROUP, site
        helps = summary.questions[surveys.HELPS_KEYS["mentee"]]
        assert 0.7 <= helps.share_agreeing <= 1
