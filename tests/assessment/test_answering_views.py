"""The answering pages as people use them: the rounds page and its empty state, starting a
round, the overview (team and delegates see different things), answering a section with and
without JavaScript, closing and reopening, the invitation link in every state, the section on
the organisation's page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from handschlag.assessment import answering, answering_delegations
from handschlag.assessment.models import Answer, Assessment, Delegation
from tests.conftest import client_for

from .answering_helpers import question, stored_scores  # noqa: F401

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def section_url(world, group=None, area=None):
    return reverse(
        "assessment:answer",
        args=[
            world.assessment.pk,
            (group or world.administration).pk,
            (area or world.first_area).pk,
        ],
    )


def autosave_url(world, key, group=None, area=None):
    q = question(world.framework, key)
    return reverse(
        "assessment:autosave",
        args=[
            world.assessment.pk,
            (group or world.administration).pk,
            (area or q.indicator.area).pk,
            q.pk,
        ],
    )


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- the rounds page ------------------------------------------------------------------------


def test_the_admin_sees_the_towns_rounds_and_is_told_when_a_new_one_can_begin(world):
    page = text(client_for(world.admin).get(reverse("assessment:index")))
    assert world.organisation.name in page and world.assessment.title in page
    assert "Eine neue Runde können Sie beginnen, wenn" in page
    assert reverse("assessment:start", args=[world.organisation.slug]) not in page

    Assessment.objects.update(state="closed")
    page = text(client_for(world.admin).get(reverse("assessment:index")))
    assert reverse("assessment:start", args=[world.organisation.slug]) in page


def test_a_partner_finds_the_round_they_answer_for(world):
    page = text(client_for(world.partner).get(reverse("assessment:index")))
    assert "Ihre Abschnitte" in page and world.assessment.title in page
    assert section_url(world, world.civil_society, world.second_area) in page
    assert "Begegnung" in page and "Zivilgesellschaft" in page


def test_someone_without_a_town_is_told_how_to_begin(world):
    page = text(client_for(world.stranger).get(reverse("assessment:index")))
    assert "So beginnen Sie" in page
    assert "Einladungs-E-Mail" in page


def test_an_organisation_waiting_for_verification_is_named(world):
    world.organisation.is_verified = False
    world.organisation.save()
    page = text(client_for(world.admin).get(reverse("assessment:index")))
    assert "wartet noch auf die Prüfung als Kommune" in page


# --- starting ----------------------------------------------------------------------------


def test_starting_a_round_from_the_page(world):
    Assessment.objects.update(state="closed")
    url = reverse("assessment:start", args=[world.organisation.slug])
    client = client_for(world.admin)
    assert "Was dann geschieht" in text(client.get(url))
    response = client.post(url, {"title": "", "framework": world.framework.pk})
    started = Assessment.objects.exclude(pk=world.assessment.pk).get(
        organisation=world.organisation
    )
    assert response.status_code == 302 and response.url == started.get_absolute_url()
    assert started.title.startswith("Standortbestimmung ")


def test_the_start_page_says_that_a_round_is_running(world):
    url = reverse("assessment:start", args=[world.organisation.slug])
    page = text(client_for(world.admin).get(url))
    assert "läuft bereits die Standortbestimmung" in page
    assert "Runde beginnen</button>" not in page
    response = client_for(world.admin).post(url, {"framework": world.framework.pk})
    assert "läuft bereits" in text(response)
    assert Assessment.objects.filter(organisation=world.organisation).count() == 1


# --- the overview ---------------------------------------------------------------------------


def test_the_team_sees_progress_per_area_and_group_and_who_answers(world):
    q1 = question(world.framework, "q1")
    answering.save_answer(
        assessment=world.assessment, group=world.administration, question=q1, by=world.admin,
        given=answering.AnswerInput(option_id=q1.options.first().pk),
    )  # fmt: skip
    page = text(client_for(world.member).get(world.assessment.get_absolute_url()))
    assert "1 von 4 Fragen" in page  # a1 has four questions, one answered
    assert world.colleague.get_full_name() in page and world.partner.get_full_name() in page
    assert "Runde abschließen" not in page  # a plain member does not coordinate

    page = text(client_for(world.admin).get(world.assessment.get_absolute_url()))
    assert "Runde abschließen …" in page and "Handlungsfelder übertragen" in page
    assert "Verwaltung</strong>: 1 von 7 Fragen beantwortet" in page


def test_a_partner_sees_only_their_own_section(world):
    page = text(client_for(world.partner).get(world.assessment.get_absolute_url()))
    assert "Ihre Abschnitte" in page and "Begegnung" in page
    assert world.colleague.get_full_name() not in page
    assert "Fortschritt je Handlungsfeld" not in page
    assert section_url(world, world.civil_society, world.second_area) in page


def test_pending_invitations_are_listed_for_the_coordinator(world):
    answering_delegations.invite_partner(
        assessment=world.assessment, by=world.admin, group=world.civil_society,
        areas=[world.first_area], email="beirat@example.org", language="de",
    )  # fmt: skip
    page = text(client_for(world.admin).get(world.assessment.get_absolute_url()))
    assert "beirat@example.org" in page and "Einladung zurückziehen …" in page
    assert "Einladung abgelaufen" not in page
    Delegation.objects.filter(email="beirat@example.org").update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    page = text(client_for(world.admin).get(world.assessment.get_absolute_url()))
    assert "Einladung abgelaufen" in page


# --- answering ------------------------------------------------------------------------------


def test_the_section_page_shows_every_question_with_its_input(world):
    page = text(client_for(world.colleague).get(section_url(world)))
    q1, q3, q4 = (question(world.framework, k) for k in ("q1", "q3", "q4"))
    # q1 yes/partly/no, q2 a scale 0–4, q4 yes/partly/no and "trifft nicht zu"
    assert page.count('type="radio"') == 3 + 5 + 4
    assert f'name="q{q3.pk}-value"' in page and 'inputmode="decimal"' in page
    assert 'value="na"' in page and f'name="q{q4.pk}-value"' in page
    assert f'data-hx-post="{autosave_url(world, "q1")}"' in page
    assert "Alle Antworten speichern" in page
    assert f'name="q{q1.pk}-evidence"' in page and 'enctype="multipart/form-data"' in page


def test_the_whole_page_saves_without_javascript(world):
    q1, q3, q4 = (question(world.framework, k) for k in ("q1", "q3", "q4"))
    url = section_url(world)
    response = client_for(world.colleague).post(
        url,
        {
            f"q{q1.pk}-value": str(q1.options.get(key="partly").pk),
            f"q{q1.pk}-note": "Leitbild von 2023",
            f"q{q3.pk}-value": "2,5",
            f"q{q4.pk}-value": "na",
        },
    )
    assert response.status_code == 302 and response.url == url
    answers = {a.question.key: a for a in Answer.objects.select_related("question")}
    assert answers["q1"].option.key == "partly" and answers["q1"].note == "Leitbild von 2023"
    assert str(answers["q3"].number) == "2.50"
    assert answers["q4"].not_applicable
    assert {a.answered_by for a in answers.values()} == {world.colleague}


def test_an_invalid_answer_keeps_every_value_and_saves_the_others(world):
    q1, q3 = question(world.framework, "q1"), question(world.framework, "q3")
    response = client_for(world.colleague).post(
        section_url(world),
        {
            f"q{q1.pk}-value": str(q1.options.get(key="yes").pk),
            f"q{q1.pk}-note": "Beschluss",
            f"q{q3.pk}-value": "zwei",
            f"q{q3.pk}-link": "kein link",
        },
    )
    assert response.status_code == 200
    page = text(response)
    assert "Bitte prüfen Sie 1 Frage" in page
    assert 'value="zwei"' in page and 'value="kein link"' in page  # nothing typed is lost
    assert "Bitte eine Zahl eingeben." in page and "Bitte eine gültige Adresse eingeben." in page
    assert Answer.objects.get(question=q1).option.key == "yes"
    assert not Answer.objects.filter(question=q3).exists()


def test_an_unchanged_page_changes_no_answer(world):
    q1 = question(world.framework, "q1")
    answer = answering.save_answer(
        assessment=world.assessment, group=world.administration, question=q1, by=world.colleague,
        given=answering.AnswerInput(option_id=q1.options.first().pk),
    )  # fmt: skip
    client_for(world.admin).post(
        section_url(world), {f"q{q1.pk}-value": str(q1.options.first().pk)}
    )
    assert Answer.objects.get(pk=answer.pk).answered_by == world.colleague


def test_autosave_saves_one_question_and_says_so(world):
    q1 = question(world.framework, "q1")
    response = client_for(world.colleague).post(
        autosave_url(world, "q1"),
        {f"q{q1.pk}-value": str(q1.options.get(key="no").pk), f"q{q1.pk}-note": ""},
        **HTMX,
    )
    assert response.status_code == 200
    page = text(response)
    assert "Gespeichert" in page
    assert 'id="section-progress" data-hx-swap-oob="true"' in page and "1 von 4 Fragen" in page
    assert Answer.objects.get(question=q1).option.key == "no"


def test_autosave_reports_errors_in_the_readers_language_and_saves_nothing(world):
    q3 = question(world.framework, "q3")
    client = client_for(world.colleague)
    client.cookies["django_language"] = "en"
    response = client.post(autosave_url(world, "q3"), {f"q{q3.pk}-value": "-1"}, **HTMX)
    page = text(response)
    assert "Gespeichert" not in page and "errorlist" in page
    assert "greater than or equal to 0" in page  # Django's own message, in English
    assert not Answer.objects.exists()


def test_autosave_without_htmx_leads_back_to_the_page(world):
    response = client_for(world.colleague).post(autosave_url(world, "q1"), {})
    assert response.status_code == 302 and response.url == section_url(world)


def test_a_closed_round_shows_the_answers_read_only(world, stored_scores):  # noqa: F811
    q1 = question(world.framework, "q1")
    answering.save_answer(
        assessment=world.assessment, group=world.administration, question=q1, by=world.colleague,
        given=answering.AnswerInput(option_id=q1.options.get(key="yes").pk, note="Ratsbeschluss"),
    )  # fmt: skip
    answering.close_assessment(assessment=world.assessment, by=world.admin)
    page = text(client_for(world.colleague).get(section_url(world)))
    assert "Diese Runde ist abgeschlossen" in page
    assert "<fieldset" not in page and "Ratsbeschluss" in page and "<strong>ja</strong>" in page
    response = client_for(world.colleague).post(section_url(world), {f"q{q1.pk}-value": ""})
    assert response.status_code == 302
    assert Answer.objects.get(question=q1).option.key == "yes"
    saved = client_for(world.admin).post(
        autosave_url(world, "q1"), {f"q{q1.pk}-value": str(q1.options.get(key="no").pk)}, **HTMX
    )
    assert "abgeschlossen" in text(saved)
    assert Answer.objects.get(question=q1).option.key == "yes"


def test_a_member_reads_but_does_not_answer(world):
    page = text(client_for(world.member).get(section_url(world)))
    assert "Sie sehen diese Antworten" in page and "<fieldset" not in page


# --- closing ------------------------------------------------------------------------------


def test_the_close_page_counts_the_unanswered_questions_per_group(world, stored_scores):  # noqa: F811
    url = reverse("assessment:close", args=[world.assessment.pk])
    page = text(client_for(world.admin).get(url))
    assert "7 von 7 Fragen sind noch unbeantwortet" in page
    assert "2 mitwirkende Personen werden benachrichtigt" in page
    response = client_for(world.admin).post(url)
    assert response.status_code == 302
    assert Assessment.objects.get(pk=world.assessment.pk).state == "closed"
    assert stored_scores.calls == [world.assessment.pk]


# --- the invitation link --------------------------------------------------------------------


@pytest.fixture
def invitation(world):
    return answering_delegations.invite_partner(
        assessment=world.assessment, by=world.admin, group=world.civil_society,
        areas=[world.first_area], email="beirat@example.org", language="de",
    )  # fmt: skip


def invitation_url(token):
    return reverse("assessment:invitation", args=[token])


def test_an_anonymous_visitor_is_asked_to_log_in_or_sign_up(client, world, invitation):
    _, token = invitation
    response = client.get(invitation_url(token))
    page = text(response)
    assert response.status_code == 200
    assert world.organisation.name in page and "Zivilgesellschaft" in page
    assert f"/konto/login/?next=/standortbestimmung/einladung/{token}/" in page
    assert response["Referrer-Policy"] == "no-referrer"
    assert client.post(invitation_url(token)).status_code == 302
    assert Delegation.objects.get(pk=invitation[0].pk).user is None


def test_a_logged_in_person_accepts_and_lands_on_the_round(world, invitation):
    _, token = invitation
    someone = Delegation.objects.get(user=world.partner).user
    client = client_for(someone)
    assert "Einladung annehmen" in text(client.get(invitation_url(token)))
    response = client.post(invitation_url(token))
    assert response.status_code == 302 and response.url == world.assessment.get_absolute_url()
    assert Delegation.objects.get(pk=invitation[0].pk).user == someone
    # the link again: straight to the round
    assert client.get(invitation_url(token)).url == world.assessment.get_absolute_url()


def test_every_dead_link_gets_a_clear_page(client, world, invitation):
    delegation, token = invitation
    unknown = client.get(invitation_url("abc"))
    assert unknown.status_code == 404 and "Diese Einladung gibt es nicht." in text(unknown)

    Delegation.objects.filter(pk=delegation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    expired = client.get(invitation_url(token))
    assert expired.status_code == 410 and "abgelaufen" in text(expired)
    assert world.organisation.name in text(expired)

    Delegation.objects.filter(pk=delegation.pk).update(revoked_at=timezone.now())
    revoked = client.get(invitation_url(token))
    assert revoked.status_code == 410 and "zurückgezogen" in text(revoked)

    Delegation.objects.filter(pk=delegation.pk).update(revoked_at=None, user=world.stranger)
    used = client_for(world.member).post(invitation_url(token))
    assert used.status_code == 410 and "bereits angenommen" in text(used)
    assert Delegation.objects.get(pk=delegation.pk).user == world.stranger


# --- the organisation's page ------------------------------------------------------------------


def test_the_organisation_page_leads_its_members_to_the_rounds(client, world):
    url = world.organisation.get_absolute_url()
    page = text(client_for(world.member).get(url))
    assert 'id="section-assessment"' in page and world.assessment.title in page
    assert "Standortbestimmung beginnen" not in page  # a round is open, and not an admin

    Assessment.objects.update(state="closed")
    page = text(client_for(world.admin).get(url))
    assert reverse("assessment:start", args=[world.organisation.slug]) in page

    assert 'id="section-assessment"' not in text(client.get(url))
    assert 'id="section-assessment"' not in text(client_for(world.partner).get(url))


def test_a_partner_without_account_signs_up_and_comes_back_to_accept(client, world, invitation):
    _, token = invitation
    url = invitation_url(token)
    password = "ein-langes-passwort-2026"
    response = client.post(
        f"{reverse('account_signup')}?next={url}",
        {"email": "verein@example.org", "password1": password, "password2": password,
         "first_name": "Leyla", "last_name": "Aydın", "privacy": "on", "next": url},
    )  # fmt: skip
    assert response.status_code == 302
    confirm = re.search(r"https?://[^/\s]+(/konto/confirm-email/[^\s]+/)", mail.outbox[-1].body)
    assert confirm, mail.outbox[-1].body
    landed = client.post(confirm.group(1))
    assert landed.status_code == 302 and landed.url == url  # back to the invitation
    client.post(url)
    delegation = Delegation.objects.get(pk=invitation[0].pk)
    assert delegation.user.email == "verein@example.org"
