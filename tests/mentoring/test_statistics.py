"""The figures of a dashboard, counted in the database: per year and month, running, average
duration, ended by reason (rule of five), waiting mentees, free places, survey shares."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from handschlag.mentoring import statistics
from handschlag.mentoring.models import Mentee, Mentor, Tandem
from handschlag.mentoring.small_numbers import Shown
from handschlag.mentoring.statistics import Share, survey_shares
from handschlag.mentoring.statistics_scope import scope_of

from . import factories
from .statistics_helpers import answers, ended, tandems

pytestmark = pytest.mark.usefixtures("figures_at_once")

TODAY = datetime.date(2026, 11, 15)
R = Tandem.EndReason


def board(obj):
    return statistics.dashboard(scope_of(obj), today=TODAY)


def test_tandems_set_up_are_counted_per_year_and_month_from_their_start(world):
    tandems(world.site, 2, started_on=datetime.date(2024, 3, 5))
    tandems(world.site, 1, started_on=datetime.date(2026, 1, 31))
    tandems(world.site, 3, started_on=datetime.date(2026, 11, 2))
    tandems(world.site, 1, started_on=None, state=Tandem.State.PROPOSED)  # not set up yet
    figures = board(world.site)
    assert figures.set_up_total == 6
    assert figures.per_year() == [(2024, 2), (2025, 0), (2026, 4)]
    months = dict(figures.per_month())
    assert len(months) == 12 and min(months) == datetime.date(2025, 12, 1)
    assert months[datetime.date(2026, 1, 1)] == 1
    assert months[datetime.date(2026, 11, 1)] == 3
    assert sum(months.values()) == 4  # March 2024 lies before the last 12 months
    assert figures.set_up_in(2026) == 4


def test_running_and_paused_now_and_the_average_duration_of_ended_tandems(world):
    tandems(world.site, 2, started_on=datetime.date(2026, 1, 1))
    tandems(world.site, 1, started_on=datetime.date(2026, 1, 1), state=Tandem.State.PAUSED)
    start = datetime.date(2025, 1, 1)
    ended(world.site, 3, R.GOAL_REACHED, started_on=start, ended_on=start + datetime.timedelta(61))
    ended(world.site, 2, R.MOVED, started_on=start, ended_on=start + datetime.timedelta(122))
    figures = board(world.site)
    assert (figures.active, figures.paused) == (2, 1)
    assert figures.average_days == pytest.approx((3 * 61 + 2 * 122) / 5)
    assert figures.average_months == pytest.approx(85.4 / (365.25 / 12))


def test_an_average_over_fewer_than_five_ended_tandems_is_not_given(world):
    start = datetime.date(2025, 1, 1)
    ended(world.site, 4, R.GOAL_REACHED, started_on=start, ended_on=datetime.date(2025, 6, 1))
    assert board(world.site).average_days is None


def test_ended_by_reason_hides_small_numbers_and_covers_them(world):
    start, end = datetime.date(2024, 1, 1), datetime.date(2025, 1, 1)
    ended(world.site, 9, R.GOAL_REACHED, started_on=start, ended_on=end)
    ended(world.site, 6, R.MOVED, started_on=start, ended_on=end)
    ended(world.site, 2, R.CONFLICT, started_on=start, ended_on=end)
    figures = board(world.site)
    reasons = figures.ended_by_reason
    assert reasons[R.CONFLICT] == statistics.Cell(None, Shown.SMALL)
    # conflict would be 17 - 9 - 6 without a cover; the smaller of the two is covered
    assert reasons[R.MOVED] == statistics.Cell(None, Shown.COVERED)
    assert reasons[R.GOAL_REACHED].value == 9
    assert reasons[R.NO_CONTACT].value == 0
    assert figures.ended.value == 17


def test_fewer_than_five_ended_tandems_are_not_broken_down_at_all(world):
    start, end = datetime.date(2024, 1, 1), datetime.date(2025, 1, 1)
    ended(world.site, 3, R.CONFLICT, started_on=start, ended_on=end)
    figures = board(world.site)
    assert figures.ended.shown == Shown.SMALL
    assert all(cell.value is None for cell in figures.ended_by_reason.values())


def test_waiting_mentees_and_free_places_per_site_and_per_carrier(world):
    # world: one approved mentee with an account at `site`, one approved mentor (1 free place)
    factories.MenteeFactory(site=world.site)
    factories.MenteeFactory(site=world.site, state=Mentee.State.SUBMITTED)  # not approved yet
    tandems(world.site, 1, started_on=datetime.date(2026, 5, 1))  # its mentee is not waiting
    factories.MenteeFactory(site=world.sister_site)
    factories.MentorFactory(site=world.sister_site, capacity=3, free_places=2)
    factories.MentorFactory(site=world.sister_site, state=Mentor.State.RETURNED)
    factories.MenteeFactory(site=world.other_site)
    figures = board(world.carrier)
    by_site = {row.obj.pk: (row.waiting, row.free_places) for row in figures.rows}
    assert by_site == {world.site.pk: (2, 1), world.sister_site.pk: (1, 2)}
    assert (figures.waiting, figures.free_places) == (3, 3)
    programme = board(world.programme)
    by_carrier = {row.obj.pk: (row.sites, row.waiting, row.running) for row in programme.rows}
    assert by_carrier == {world.carrier.pk: (2, 3, 1), world.other_carrier.pk: (1, 1, 0)}


def test_survey_share_saying_the_tandem_helps_per_side(world):
    answers(world.site, "mentor", [5, 5, 4, 2, 1, 5])  # 4 of 6 agree
    answers(world.sister_site, "mentee", [5, 4, 4, 4, 3])  # 4 of 5
    answers(world.other_site, "mentor", [1] * 7)  # another carrier
    shares = {share.side: share for share in board(world.carrier).survey}
    assert shares["mentor"].percent == pytest.approx(100 * 4 / 6)
    assert shares["mentee"].percent == pytest.approx(80)
    assert (shares["all"].responses, shares["all"].percent) == (11, pytest.approx(800 / 11))


def test_fewer_than_five_answers_are_never_shown_nor_recomputable():
    # mentees hidden (3 answers): the mentors' side alone would give them as all − mentors
    shares = survey_shares({"mentor_n": 12, "mentor_yes": 10, "mentee_n": 3, "mentee_yes": 1})
    assert shares == [
        Share("mentor", None, None),
        Share("mentee", None, None),
        Share("all", 15, pytest.approx(1100 / 15)),
    ]
    assert survey_shares({"mentor_n": 4, "mentor_yes": 4, "mentee_n": 0, "mentee_yes": 0})[
        -1
    ] == Share("all", None, None)
    # one side without any answer: the other side is the total, both may be shown
    only_mentors = survey_shares({"mentor_n": 6, "mentor_yes": 3, "mentee_n": 0, "mentee_yes": 0})
    assert only_mentors[0] == Share("mentor", 6, 50.0)


def test_answers_without_the_question_do_not_count(world):
    answers(world.site, "mentor", [5] * 5, key="other_question")
    assert board(world.site).survey_responses == 0


def _queries(obj) -> int:
    with CaptureQueriesContext(connection) as captured:
        board(obj)
    return len(captured)


def test_a_dashboard_takes_two_queries_however_many_tandems_and_sites(world):
    small = [_queries(obj) for obj in (world.programme, world.carrier, world.site)]
    for site in (world.site, world.sister_site, world.other_site):
        tandems(site, 4, started_on=datetime.date(2025, 4, 1))
        ended(site, 5, R.MOVED, started_on=datetime.date(2024, 4, 1), ended_on=TODAY)
        answers(site, "mentee", [5, 4, 3, 2, 1])
    for _ in range(3):
        factories.SiteFactory(carrier=world.carrier)
    large = [_queries(obj) for obj in (world.programme, world.carrier, world.site)]
    assert small == large == [2, 2, 2]
