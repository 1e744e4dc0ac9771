"""Start and end surveys: invitations, the page without login, real anonymity, and a summary
that never shows a group smaller than five."""

import pytest
from django.urls import reverse

from handschlag.mentoring import surveys, tandems
from handschlag.mentoring.models import SurveyInvitation, SurveyResponse, Tandem
from handschlag.notifications.models import Notification

from . import factories
from .tandems_helpers import proposed_fixture, tandem_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def invitation(tandem, side="mentee", phase="start") -> SurveyInvitation:
    surveys.invite(tandem=tandem, phase=phase)
    return SurveyInvitation.objects.get(tandem=tandem, side=side, phase=phase)


# --- definitions ---------------------------------------------------------------------------


def test_every_survey_has_four_to_six_likert_items_and_one_free_text():
    for (phase, side), questions in surveys.QUESTIONS.items():
        likert = [q for q in questions if q.kind == surveys.LIKERT]
        texts = [q for q in questions if q.kind == surveys.TEXT]
        assert 4 <= len(likert) <= 6 and len(texts) == 1, (phase, side)
        assert surveys.HELPS_KEYS[side] in {q.key for q in likert}, (phase, side)
        assert len({q.key for q in questions}) == len(questions)


def test_the_funders_items_read_as_the_evaluation_asks():
    texts = {q.key: str(q.text) for qs in surveys.QUESTIONS.values() for q in qs}
    assert texts["tandem_helps"] == "Das Tandem hilft mir."
    assert texts["tandem_helps_mentee"] == (
        "Die Patenschaft ist hilfreich für die begleitete Person."
    )


# --- invitations and answers -----------------------------------------------------------------


def test_inviting_twice_invites_once(world, tandem):
    assert surveys.invite(tandem=tandem, phase="start") == 2
    assert surveys.invite(tandem=tandem, phase="start") == 0
    assert SurveyInvitation.objects.count() == 2
    assert Notification.objects.filter(kind="mentoring.survey_invitation").count() == 2


def test_an_answer_is_stored_without_any_link_to_person_or_tandem(world, tandem):
    asked = invitation(tandem)
    response = surveys.answer_survey(
        invitation=asked, data={"tandem_helps": 5, "wish": "Mehr Zeit", "bogus": 3}
    )
    assert response.answers == {"tandem_helps": 5, "wish": "Mehr Zeit"}
    assert (response.site, response.side, response.phase, response.kind) == (
        world.site,
        "mentee",
        "start",
        tandem.kind,
    )
    assert response.month.day == 1 and response.version == surveys.VERSION
    # no field of the response points to a person, a tandem or an invitation
    related = {f.related_model for f in SurveyResponse._meta.get_fields() if f.is_relation}
    assert related == {type(world.site)}
    # and the invitation only knows "answered", not when
    stored = SurveyInvitation.objects.get(pk=asked.pk)
    assert stored.answered and stored.updated_at == asked.updated_at


def test_an_invitation_is_answered_once(world, tandem):
    asked = invitation(tandem)
    surveys.answer_survey(invitation=asked, data={"tandem_helps": 4})
    stale = SurveyInvitation.objects.get(pk=asked.pk)
    stale.answered = False  # a second request that read it before the first answer
    with pytest.raises(Exception, match="schon beantwortet"):
        surveys.answer_survey(invitation=stale, data={"tandem_helps": 1})
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize("data", [{}, {"tandem_helps": 7}, {"tandem_helps": "viel"}])
def test_empty_or_impossible_answers_are_refused(world, tandem, data):
    asked = invitation(tandem)
    with pytest.raises(Exception):  # noqa: B017 (DomainError, whichever message)
        surveys.answer_survey(invitation=asked, data=data)
    assert not SurveyResponse.objects.exists()
    assert not SurveyInvitation.objects.get(pk=asked.pk).answered


def test_the_page_asks_in_the_respondents_language_and_thanks(client, world, tandem):
    type(world.mentee).objects.filter(pk=world.mentee.pk).update(language="en")
    asked = invitation(tandem)
    url = reverse("mentoring:survey", args=[asked.token])
    page = client.get(url)
    assert page.status_code == 200 and '<html lang="en"' in page.content.decode()
    assert 'name="tandem_helps"' in page.content.decode()
    done = client.post(url, {"tandem_helps": "4", "first_meeting_good": "5"})
    assert done.status_code == 200
    assert SurveyResponse.objects.get().language == "en"
    again = client.get(url)
    assert again.status_code == 200 and SurveyResponse.objects.count() == 1


def test_an_empty_survey_comes_back_with_a_message(client, world, tandem):
    page = client.post(reverse("mentoring:survey", args=[invitation(tandem).token]), {})
    assert page.status_code == 200 and "errorlist" in page.content.decode()
    assert not SurveyResponse.objects.exists()


def test_an_unknown_survey_link_is_a_friendly_404(client, db):
    page = client.get(reverse("mentoring:survey", args=["gibt-es-nicht"]))
    assert page.status_code == 404 and "nicht gültig" in page.content.decode()


def test_activating_and_ending_invite_to_start_and_end(world, proposed):
    tandems.activate_tandem(tandem=proposed, by=world.site_coordinator)
    tandems.end_tandem(tandem=proposed, by=world.site_coordinator, reason="goal_reached")
    assert set(SurveyInvitation.objects.values_list("side", "phase")) == {
        ("mentor", "start"),
        ("mentee", "start"),
        ("mentor", "end"),
        ("mentee", "end"),
    }


# --- the summary -----------------------------------------------------------------------------


def _responses(site, values, key="tandem_helps", side="mentee"):
    for value in values:
        SurveyResponse.objects.create(
            site=site,
            side=side,
            phase="end",
            kind="everyday",
            language="de",
            month="2026-05-01",
            version=surveys.VERSION,
            answers={key: value, "feedback": "geheim"},
        )


def test_fewer_than_five_responses_are_never_summarised(world):
    _responses(world.site, [5, 5, 4, 1])
    assert surveys.survey_summary(SurveyResponse.objects.all()) is None


def test_the_summary_gives_the_share_agreeing_and_the_mean(world):
    _responses(world.site, [5, 4, 4, 2, 1])
    summary = surveys.survey_summary(SurveyResponse.objects.all())
    helps = summary.questions["tandem_helps"]
    assert (summary.n, helps.n, helps.share_agreeing, helps.mean) == (5, 5, 0.6, 3.2)
    # questions fewer than five answered are left out; free text is never summarised
    assert set(summary.questions) == {"tandem_helps"}


def test_a_filter_that_makes_the_group_small_hides_it(world):
    _responses(world.site, [5] * 5)
    _responses(world.other_site, [4] * 3)
    everything = surveys.survey_summary(SurveyResponse.objects.all())
    assert everything.questions["tandem_helps"].share_agreeing == 1.0
    assert surveys.survey_summary(SurveyResponse.objects.filter(site=world.other_site)) is None


def test_the_summary_is_one_query(world, django_assert_num_queries):
    _responses(world.site, range(1, 6))
    _responses(world.site, [4] * 20, key="tandem_helps_mentee", side="mentor")
    with django_assert_num_queries(1):
        summary = surveys.survey_summary(SurveyResponse.objects.all())
    assert summary.questions["tandem_helps_mentee"].share_agreeing == 1.0


def test_the_rounds_tandem_factory_is_enough_for_the_statistics_helper(world):
    """The statistics part counts HELPS_KEYS per side; the keys are stable."""
    assert surveys.HELPS_KEYS == {"mentee": "tandem_helps", "mentor": "tandem_helps_mentee"}
    assert factories.TandemFactory(site=world.site).state == Tandem.State.ACTIVE
