"""The summary tables are exact: after any sequence of the services' writes (each committed,
its on_commit callbacks run) and after a full rebuild they equal a direct count over the raw
rows — tandems, mentors, mentees, survey answers — computed here independently."""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.forms.models import model_to_dict
from django.utils import timezone

from handschlag.mentoring import (
    funder_report,
    joining,
    privacy,
    rounds,
    rounds_decisions,
    statistics_figures,
    surveys,
    tandems,
)
from handschlag.mentoring.models import (
    Mentee,
    Mentor,
    SiteFigures,
    SiteMonthFigures,
    SurveyInvitation,
    SurveyResponse,
    Tandem,
)
from handschlag.mentoring.statistics_scope import scope_of
from handschlag.mentoring.surveys import HELPS_KEYS

from . import factories

S = Tandem.State
R = Tandem.EndReason
NOW_FIELDS = [f.name for f in SiteFigures._meta.fields if f.name not in ("site", "refreshed_at")]
MONTH_FIELDS = [
    f.name
    for f in SiteMonthFigures._meta.fields
    if f.name not in ("id", "site", "carrier", "programme", "month")
]


# --- the direct count ---------------------------------------------------------------------------


def _first(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def direct() -> tuple[dict[int, dict[str, int]], dict[tuple[int, datetime.date], dict[str, int]]]:
    """Every site's figures now and by month, counted over the raw rows in Python."""
    from handschlag.mentoring.models import Site

    today = timezone.localdate()
    now: dict[int, Counter[str]] = {
        pk: Counter() for pk in Site.objects.values_list("pk", flat=True)
    }
    months: dict[tuple[int, datetime.date], Counter[str]] = defaultdict(Counter)
    all_tandems = list(Tandem.objects.all())
    for t in all_tandems:
        now[t.site_id][t.state] += 1
        if t.started_on:
            months[t.site_id, _first(t.started_on)]["set_up"] += 1
        if t.state == S.ENDED:
            for counts in (months[t.site_id, _first(t.ended_on)], now[t.site_id]):
                counts[f"ended_{t.end_reason or R.OTHER}"] += 1
                if t.started_on:
                    counts["ended_days"] += (t.ended_on - t.started_on).days
                    counts["ended_dated"] += 1
        if t.started_on and t.ended_on:
            months[t.site_id, _first(max(t.started_on, t.ended_on))]["stopped"] += 1
    years = {t.started_on.year for t in all_tandems if t.started_on}
    for year in range(min(years, default=today.year), today.year + 2):
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        ran = [
            t
            for t in all_tandems
            if t.started_on and t.started_on <= end and (t.ended_on is None or t.ended_on >= start)
        ]
        for site_id in now:
            here = [t for t in ran if t.site_id == site_id]
            mentors = {t.mentor_id for t in here if t.mentor_id}
            mentees = {t.mentee_id for t in here if t.mentee_id}
            if mentors or mentees:
                months[site_id, start]["year_mentors"] = len(mentors)
                months[site_id, start]["year_mentees"] = len(mentees)
    holding = {t.mentee_id for t in all_tandems if t.state in Tandem.HOLDING}
    for mentee in Mentee.objects.filter(state=Mentee.State.APPROVED):
        if mentee.pk not in holding:
            now[mentee.site_id]["waiting"] += 1
    for mentor in Mentor.objects.filter(state=Mentor.State.APPROVED):
        now[mentor.site_id]["free_places"] += mentor.free_places
    for response in SurveyResponse.objects.all():
        value = response.answers.get(HELPS_KEYS[response.side])
        if value is not None:
            now[response.site_id][f"{response.side}_answers"] += 1
            if value >= surveys.AGREE:
                now[response.site_id][f"{response.side}_helps"] += 1
    return (
        {pk: {name: figures[name] for name in NOW_FIELDS} for pk, figures in now.items()},
        {
            key: {name: figures[name] for name in MONTH_FIELDS}
            for key, figures in months.items()
            if any(figures.values())
        },
    )


def summary() -> tuple[dict[int, dict[str, int]], dict[tuple[int, datetime.date], dict[str, int]]]:
    now = {row.site_id: model_to_dict(row, fields=NOW_FIELDS) for row in SiteFigures.objects.all()}
    months = {
        (row.site_id, row.month): model_to_dict(row, fields=MONTH_FIELDS)
        for row in SiteMonthFigures.objects.all()
    }
    return now, months


def assert_exact() -> None:
    expected_now, expected_months = direct()
    found_now, found_months = summary()
    assert found_now == expected_now
    assert found_months == expected_months
    assert not SiteMonthFigures.objects.exclude(carrier=F("site__carrier")).exists()
    assert not SiteMonthFigures.objects.exclude(programme=F("site__carrier__programme")).exists()


# --- a random sequence of the services' writes --------------------------------------------------


class Scenario:
    """Writes through the services, each in its own committed transaction (its on_commit
    callbacks run, as they would in production)."""

    def __init__(self, world: Any, commit: Any, rng: random.Random) -> None:
        self.world, self.commit, self.rng = world, commit, rng
        self.by = world.staff
        self.sites = [world.site, world.sister_site, world.other_site]

    def run(self, name: str) -> bool:
        with self.commit(execute=True):
            try:
                with transaction.atomic():
                    return getattr(self, name)() is not False
            except LookupError:
                return False  # nothing to do this time

    def _pick(self, queryset: Any) -> Any:
        found = list(queryset.order_by("pk"))
        if not found:
            raise LookupError
        return self.rng.choice(found)

    def new_mentor(self) -> None:
        mentor = factories.MentorFactory(
            site=self.rng.choice(self.sites), state=Mentor.State.SUBMITTED,
            capacity=self.rng.randint(1, 3),
        )  # fmt: skip
        joining.approve_profile(profile=mentor, by=self.by)

    def new_mentee(self) -> None:
        mentee = factories.MenteeFactory(
            site=self.rng.choice(self.sites), state=Mentee.State.SUBMITTED
        )
        joining.approve_profile(profile=mentee, by=self.by)

    def round(self) -> None:
        site = self.rng.choice(self.sites)
        with self.commit(execute=True):  # the round's task runs after the commit
            matching_round = rounds.start_round(by=self.by, site=site)
        matching_round.refresh_from_db()
        if not matching_round.proposals.exists():
            rounds.discard_round(matching_round=matching_round, by=self.by)
            return False
        rounds_decisions.accept_all(matching_round=matching_round, by=self.by)
        rounds.confirm_round(matching_round=matching_round, by=self.by)

    def activate(self) -> None:
        tandem = self._pick(Tandem.objects.filter(state=S.PROPOSED))
        tandems.activate_tandem(tandem=tandem, by=self.by)

    def pause_or_resume(self) -> None:
        tandem = self._pick(Tandem.objects.filter(state__in=[S.ACTIVE, S.PAUSED]))
        if tandem.state == S.ACTIVE:
            tandems.pause_tandem(tandem=tandem, by=self.by)
        else:
            tandems.resume_tandem(tandem=tandem, by=self.by)

    def end(self) -> None:
        tandem = self._pick(Tandem.objects.filter(state__in=Tandem.HOLDING))
        reason = self.rng.choice(tandems.end_reasons(tandem))
        tandems.end_tandem(tandem=tandem, by=self.by, reason=reason)

    def capacity(self) -> None:
        mentor = self._pick(Mentor.objects.filter(state=Mentor.State.APPROVED))
        try:
            joining.change_capacity(mentor=mentor, by=self.by, capacity=self.rng.randint(1, 3))
        except Exception as error:  # lower than the places held: refused, nothing changed
            if getattr(error, "code", "") != "capacity":
                raise

    def withdraw(self) -> None:
        mentee = self._pick(
            Mentee.objects.filter(state=Mentee.State.APPROVED).exclude(
                tandems__state__in=Tandem.HOLDING
            )
        )
        joining.withdraw_profile(profile=mentee, by=self.by)

    def erase_mentee(self) -> None:
        mentee = self._pick(Mentee.objects.filter(tandems__isnull=False).distinct())
        privacy.erase_mentee(mentee=mentee, by=self.by)

    def erase_mentor(self) -> None:
        mentor = self._pick(Mentor.objects.filter(tandems__isnull=False).distinct())
        privacy.erase_profile(mentor, side="mentor", by=None)

    def answer(self) -> None:
        invitation = self._pick(
            SurveyInvitation.objects.filter(answered=False, tandem__isnull=False)
        )
        key = HELPS_KEYS[invitation.side]
        surveys.answer_survey(invitation=invitation, data={key: str(self.rng.randint(1, 5))})


STEPS = {
    "new_mentor": 3, "new_mentee": 4, "round": 3, "activate": 4, "pause_or_resume": 2,
    "end": 3, "capacity": 2, "withdraw": 1, "erase_mentee": 1, "erase_mentor": 1, "answer": 3,
}  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2])
def test_after_every_write_of_a_random_sequence_the_summary_equals_a_direct_count(
    world, django_capture_on_commit_callbacks, seed
):
    rng = random.Random(seed)
    scenario = Scenario(world, django_capture_on_commit_callbacks, rng)
    for _ in range(6):
        scenario.run("new_mentor")
        scenario.run("new_mentee")
    statistics_figures.refresh(s.pk for s in scenario.sites)  # the world made before
    assert_exact()
    names, weights = list(STEPS), list(STEPS.values())
    done: Counter[str] = Counter()
    for _ in range(70):
        name = rng.choices(names, weights)[0]
        if scenario.run(name):
            done[name] += 1
        assert_exact(), name
    assert done["round"] and done["activate"] and done["end"] and done["answer"], done
    call_command("refresh_mentoring_figures", stdout=__import__("io").StringIO())
    assert_exact()


# --- dates and edge cases, rebuilt ---------------------------------------------------------------


def _random_tandems(world: Any, rng: random.Random, n: int) -> None:
    today = timezone.localdate()
    sites = [world.site, world.sister_site, world.other_site]
    for _ in range(n):
        site = rng.choice(sites)
        started = today - datetime.timedelta(days=rng.randint(0, 5 * 365))
        state = rng.choice([S.PROPOSED, S.ACTIVE, S.PAUSED, S.ENDED, S.ENDED, S.ENDED])
        fields: dict[str, Any] = {"site": site, "state": state, "started_on": started}
        if state == S.PROPOSED:
            fields["started_on"] = None
        if state == S.ENDED:
            if rng.random() < 0.15:  # never started
                fields.update(started_on=None, ended_on=started, end_reason=R.NOT_STARTED)
            else:
                days = rng.randint(0, min(900, (today - started).days))
                fields["ended_on"] = started + datetime.timedelta(days=days)
                fields["end_reason"] = rng.choice([*R.values, ""])
        tandem = factories.TandemFactory(**fields)
        if rng.random() < 0.1:  # a person erased: the tandem stays without them
            Tandem.objects.filter(pk=tandem.pk).update(mentor=None)
        if rng.random() < 0.3:  # the same mentee again at the site
            factories.TandemFactory(
                site=site, mentee=tandem.mentee, state=S.ENDED, started_on=started,
                ended_on=started + datetime.timedelta(days=1), end_reason=R.MOVED,
            )  # fmt: skip


def test_a_rebuild_equals_a_direct_count_over_years_reasons_and_erased_people(world):
    _random_tandems(world, random.Random(5), 120)
    SurveyResponse.objects.create(
        site=world.site, side="mentor", phase="end", kind="everyday", language="de",
        month=datetime.date(2025, 1, 1), version="1", answers={HELPS_KEYS["mentor"]: 4},
    )  # fmt: skip
    statistics_figures.rebuild()
    assert_exact()
    assert SiteMonthFigures.objects.filter(year_mentors__gt=0).count() >= 5


def test_the_funder_report_equals_the_direct_count_of_each_year(world, figures_at_once):
    _random_tandems(world, random.Random(9), 150)
    statistics_figures.rebuild()
    all_tandems = list(Tandem.objects.all())
    for year in range(timezone.localdate().year - 5, timezone.localdate().year + 1):
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        report = funder_report.build(scope_of(world.programme), year)
        for row in (r for r in report.rows if r.level == "site"):
            here = [t for t in all_tandems if t.site_id == row.key]
            in_year = [t for t in here if t.state == S.ENDED and start <= t.ended_on <= end]
            ran = [
                t
                for t in here
                if t.started_on and t.started_on <= end and (not t.ended_on or t.ended_on >= start)
            ]
            expected = {
                "set_up": sum(1 for t in here if t.started_on and start <= t.started_on <= end),
                "running_at_end": sum(
                    1
                    for t in here
                    if t.started_on and t.started_on <= end and (not t.ended_on or t.ended_on > end)
                ),
                "ended": len(in_year),
                **{
                    f"r_{reason}": sum(1 for t in in_year if (t.end_reason or R.OTHER) == reason)
                    for reason in R.values
                },
                "mentors": len({t.mentor_id for t in ran if t.mentor_id}),
                "mentees": len({t.mentee_id for t in ran if t.mentee_id}),
            }
            assert row.counts == expected, (year, row.site)
            dated = [t for t in in_year if t.started_on]
            assert (row.dated, row.days) == (
                len(dated),
                sum((t.ended_on - t.started_on).days for t in dated),
            )


# --- how the refresh is triggered --------------------------------------------------------------


def test_a_write_is_counted_only_once_its_transaction_commits(
    world, django_capture_on_commit_callbacks
):
    statistics_figures.refresh([world.site.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        factories.TandemFactory(site=world.site)
        assert SiteFigures.objects.get(site=world.site).active == 0  # not yet committed
    assert callbacks
    for callback in callbacks:
        callback()
    assert SiteFigures.objects.get(site=world.site).active == 1


def test_a_rolled_back_savepoint_leaves_the_figures_as_they_were(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                factories.TandemFactory(site=world.site)
                raise RuntimeError
        except RuntimeError:
            pass
        factories.TandemFactory(site=world.sister_site)
    assert SiteFigures.objects.get(site=world.site).active == 0
    assert SiteFigures.objects.get(site=world.sister_site).active == 1
    assert_exact()


def test_a_save_that_touches_no_figure_recomputes_nothing(
    world, django_capture_on_commit_callbacks, django_assert_num_queries
):
    tandem = factories.TandemFactory(site=world.site)
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(1):
        tandem.last_contact_on = timezone.localdate()
        tandem.save(update_fields=["last_contact_on"])


def test_one_sites_refresh_takes_a_constant_number_of_queries(world, django_assert_num_queries):
    _random_tandems(world, random.Random(3), 10)
    # lock, 2 deletes, tandems, waiting, free places, answers, 2 inserts; + a savepoint here
    with django_assert_num_queries(11):
        statistics_figures.refresh([world.site.pk])
    _random_tandems(world, random.Random(4), 30)
    with django_assert_num_queries(11):
        statistics_figures.refresh([world.site.pk])


def test_the_daily_processing_rebuilds_the_summary(world):
    from io import StringIO

    factories.TandemFactory(site=world.site)  # inside the test's transaction: never committed
    assert not SiteFigures.objects.filter(site=world.site, active=1).exists()
    out = StringIO()
    call_command("process_mentoring", stdout=out)
    assert "figures_rebuilt: 3" in out.getvalue()
    assert_exact()


def test_a_site_moved_to_another_carrier_takes_its_months_along(world, figures_at_once):
    factories.TandemFactory(site=world.site)
    assert set(
        SiteMonthFigures.objects.filter(site=world.site).values_list("carrier", flat=True)
    ) == {world.carrier.pk}
    world.site.carrier = world.other_carrier
    world.site.save(update_fields=["carrier"])
    assert set(
        SiteMonthFigures.objects.filter(site=world.site).values_list("carrier", flat=True)
    ) == {world.other_carrier.pk}
    assert_exact()
