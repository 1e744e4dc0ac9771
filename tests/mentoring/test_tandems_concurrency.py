"""Tandem life under concurrent requests, on PostgreSQL (the PostgreSQL pass,
`DATABASE_URL=postgres://…`): a tandem ended by many requests at once gives the mentor's place
back once; many taps on one check-in make one answer; a survey is answered once."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from handschlag.mentoring import checkins, surveys, tandems
from handschlag.mentoring.models import (
    CheckIn,
    Mentor,
    SurveyInvitation,
    SurveyResponse,
    Tandem,
)
from tests.promises.concurrency import THREADS, run_at_once

from . import factories
from .tandems_helpers import changes

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="runs in the PostgreSQL pass (DATABASE_URL)"
)
pytestmark = [on_postgresql, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_many_requests_ending_one_tandem_give_the_place_back_once(world):
    mentor = factories.MentorFactory(site=world.site, capacity=2, free_places=0)
    tandem, _other = (factories.TandemFactory(site=world.site, mentor=mentor) for _ in range(2))

    def end() -> None:
        tandems.end_tandem(
            tandem=Tandem.objects.select_related("mentor__user", "mentee__user", "site").get(
                pk=tandem.pk
            ),
            by=world.site_coordinator,
            reason="moved",
        )

    results = Counter(run_at_once([end] * THREADS))
    assert results["ok"] == 1
    assert set(results) <= {"ok", "stale", "wrong_state"}, results
    assert Mentor.objects.get(pk=mentor.pk).free_places == 1
    assert changes(tandem) == [("active", "ended")]


def test_many_taps_on_one_checkin_make_one_answer(world):
    tandem = factories.TandemFactory(site=world.site)
    token = checkins.make_token(tandem, "mentee", timezone.localdate().replace(day=1))

    def tap(mood: str):
        return lambda: checkins.answer_checkin(
            checkin_link=checkins.read_token(token)[0], mood=mood
        )

    moods = ["good", "okay", "difficult"] * (THREADS // 3)
    assert Counter(run_at_once([tap(m) for m in moods])) == {"ok": len(moods)}
    assert CheckIn.objects.filter(tandem=tandem).count() == 1


def test_a_survey_sent_many_times_at_once_is_answered_once(world):
    tandem = factories.TandemFactory(site=world.site)
    surveys.invite(tandem=tandem, phase="start")
    invitation = SurveyInvitation.objects.get(tandem=tandem, side="mentor")

    def send() -> None:
        surveys.answer_survey(
            invitation=SurveyInvitation.objects.get(pk=invitation.pk),
            data={"tandem_helps_mentee": 4},
        )

    assert Counter(run_at_once([send] * THREADS)) == {"ok": 1, "done": THREADS - 1}
    assert SurveyResponse.objects.count() == 1
