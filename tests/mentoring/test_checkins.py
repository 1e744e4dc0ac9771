"""The monthly "Wie läuft es?": links, answers, the pages without login, the daily task and
the look-out for quiet tandems."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from handschlag.mentoring import checkins
from handschlag.mentoring.models import CheckIn, ProblemReport, Programme, Tandem
from handschlag.notifications.models import Notification

from . import factories
from .tandems_helpers import kinds_to, make_tandem, tandem_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def month() -> datetime.date:
    return TODAY().replace(day=1)


def token(tandem, side="mentee", when=None) -> str:
    return checkins.make_token(tandem, side, when or month())


# --- links and answers -----------------------------------------------------------------------


def test_a_link_names_its_tandem_side_and_month(tandem):
    found, problem = checkins.read_token(token(tandem, "mentor"))
    assert (found.tandem, found.side, found.month, problem) == (tandem, "mentor", month(), "")


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace(".mentee.", ".mentor.", 1),  # one side answering for the other
        lambda t: t[:-3] + "abc",
        lambda t: "nonsense",
        lambda t: "999999.mentee.2026-01:x:y",
    ],
    ids=["other_side", "bad_signature", "garbage", "unknown_tandem"],
)
def test_a_forged_link_is_invalid(tandem, change):
    assert checkins.read_token(change(token(tandem))) == (None, checkins.INVALID)


def test_a_link_expires(tandem, monkeypatch):
    made = token(tandem)
    later = timezone.now() + datetime.timedelta(days=checkins.LINK_DAYS + 1)
    monkeypatch.setattr("time.time", lambda: later.timestamp())
    assert checkins.read_token(made) == (None, checkins.EXPIRED)


def test_a_new_checkin_token_kills_the_old_links(tandem):
    made = token(tandem)
    Tandem.objects.filter(pk=tandem.pk).update(checkin_token="fresh")
    assert checkins.read_token(made) == (None, checkins.INVALID)


def test_an_ended_tandem_takes_no_answers(tandem):
    Tandem.objects.filter(pk=tandem.pk).update(state="ended", ended_on=TODAY())
    assert checkins.read_token(token(tandem)) == (None, checkins.CLOSED)


def test_a_second_answer_in_a_month_replaces_the_first(tandem):
    found, _ = checkins.read_token(token(tandem))
    _first, created = checkins.answer_checkin(checkin_link=found, mood="good")
    _again, created_again = checkins.answer_checkin(checkin_link=found, mood="difficult")
    assert (created, created_again) == (True, False)
    assert list(CheckIn.objects.values_list("side", "mood")) == [("mentee", "difficult")]
    assert Tandem.objects.get(pk=tandem.pk).last_contact_on == TODAY()


def test_an_answer_that_is_no_mood_is_refused(tandem):
    found, _ = checkins.read_token(token(tandem))
    with pytest.raises(Exception, match="drei Antworten"):
        checkins.answer_checkin(checkin_link=found, mood="great")
    assert not CheckIn.objects.exists()


# --- the pages -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def mentee_reads_german(world):
    """The pages below are read in German unless a test says otherwise (the factory's mentee
    reads Arabic, which has a catalogue now)."""
    type(world.mentee).objects.filter(pk=world.mentee.pk).update(language="de")


def test_opening_the_link_answers_nothing_one_tap_does(client, tandem):
    url = reverse("mentoring:checkin", args=[token(tandem)])
    page = client.get(url)
    assert page.status_code == 200 and not CheckIn.objects.exists()
    assert 'name="mood" value="good"' in page.content.decode()
    thanks = client.post(url, {"mood": "okay"})
    assert thanks.status_code == 200
    assert "Möchten Sie mit der Koordination sprechen?" in thanks.content.decode()
    assert CheckIn.objects.get().mood == "okay"


def test_the_second_tap_says_it_was_answered_and_changes_it(client, tandem):
    url = reverse("mentoring:checkin", args=[token(tandem)])
    client.post(url, {"mood": "good"})
    page = client.get(url)
    assert "schon geantwortet" in page.content.decode()
    assert client.post(url, {"mood": "difficult"}).status_code == 200
    assert CheckIn.objects.get().mood == "difficult"


def test_a_bogus_mood_is_a_message_not_an_error(client, tandem):
    page = client.post(reverse("mentoring:checkin", args=[token(tandem)]), {"mood": "x"})
    assert page.status_code == 200 and "drei Antworten" in page.content.decode()
    assert not CheckIn.objects.exists()


def test_the_page_speaks_the_mentees_language(client, world, tandem):
    type(world.mentee).objects.filter(pk=world.mentee.pk).update(language="en")
    page = client.get(reverse("mentoring:checkin", args=[token(tandem)]))
    assert '<html lang="en"' in page.content.decode()
    assert page["Content-Language"] == "en"


def test_a_language_we_have_no_texts_for_falls_back_to_german(client, world, tandem):
    type(world.mentee).objects.filter(pk=world.mentee.pk).update(language="ti")  # Tigrinya
    page = client.get(reverse("mentoring:checkin", args=[token(tandem)]))
    assert '<html lang="de"' in page.content.decode()


def test_a_mentee_reading_arabic_gets_the_page_in_arabic_right_to_left(client, world, tandem):
    type(world.mentee).objects.filter(pk=world.mentee.pk).update(language="ar")
    page = client.get(reverse("mentoring:checkin", args=[token(tandem)]))
    assert '<html lang="ar" dir="rtl">' in page.content.decode()
    assert "كيف تسير الأمور" in page.content.decode()


@pytest.mark.parametrize("problem", ["invalid", "expired", "closed"])
def test_bad_links_get_a_friendly_404(client, tandem, problem, monkeypatch):
    made = token(tandem) if problem != "invalid" else "kaputt"
    if problem == "closed":
        Tandem.objects.filter(pk=tandem.pk).update(state="ended", ended_on=TODAY())
    if problem == "expired":
        later = timezone.now() + datetime.timedelta(days=checkins.LINK_DAYS + 1)
        monkeypatch.setattr("time.time", lambda: later.timestamp())
    for url in (
        reverse("mentoring:checkin", args=[made]),
        reverse("mentoring:checkin_problem", args=[made]),
    ):
        page = client.post(url, {"mood": "good", "text": "x"})
        assert page.status_code == 404
        assert "Link" in page.content.decode() or "beendet" in page.content.decode()
    assert not CheckIn.objects.exists() and not ProblemReport.objects.exists()


def test_a_problem_from_the_link_reaches_the_coordination_only(client, world, tandem):
    url = reverse("mentoring:checkin_problem", args=[token(tandem)])
    assert client.get(url).status_code == 302
    page = client.post(url, {"text": "Wir verstehen uns nicht."})
    assert page.status_code == 200
    problem = ProblemReport.objects.get()
    assert (problem.side, problem.reported_by, problem.text) == (
        "mentee",
        None,
        "Wir verstehen uns nicht.",
    )
    assert kinds_to(world.site_coordinator) == ["mentoring.problem_reported"]
    assert kinds_to(world.mentor.user) == []


def test_an_empty_problem_from_the_link_shows_the_form_again(client, tandem):
    page = client.post(reverse("mentoring:checkin_problem", args=[token(tandem)]), {"text": ""})
    assert page.status_code == 200 and "errorlist" in page.content.decode()
    assert not ProblemReport.objects.exists()


# --- the daily task ----------------------------------------------------------------------------


def test_the_monthly_invitation_goes_out_once_per_month(world, tandem):
    assert checkins.send_checkin_invitations(TODAY()) == 1
    assert checkins.send_checkin_invitations(TODAY()) == 0
    mentor_note = Notification.objects.get(recipient=world.mentor.user)
    assert mentor_note.kind == "mentoring.checkin_invitation"
    assert mentor_note.url.startswith("/mentoring/wie-laeuft-es/")
    found, _ = checkins.read_token(mentor_note.url.split("/")[-2])
    assert (found.side, found.month) == ("mentor", month())
    next_month = (month() + datetime.timedelta(days=32)).replace(day=1)
    assert checkins.send_checkin_invitations(next_month) == 1


def test_the_invitation_reaches_a_mentee_by_email_or_not_at_all(world):
    with_mail = factories.MenteeFactory(site=world.site, email="a@example.org", language="en")
    without = factories.MenteeFactory(site=world.site)
    for mentee in (with_mail, without):
        factories.TandemFactory(site=world.site, mentee=mentee)
    assert checkins.send_checkin_invitations(TODAY()) == 2
    mail = Notification.objects.get(email="a@example.org")
    assert (mail.kind, mail.language) == ("mentoring.checkin_invitation", "en")
    assert Notification.objects.filter(kind="mentoring.checkin_invitation").count() == 3


def test_new_paused_and_proposed_tandems_are_not_asked(world):
    factories.TandemFactory(site=world.site, started_on=TODAY() - datetime.timedelta(days=3))
    factories.TandemFactory(site=world.site, state="paused")
    factories.TandemFactory(site=world.site, state="proposed", started_on=None)
    assert checkins.send_checkin_invitations(TODAY()) == 0


def test_quiet_tandems_are_told_once_per_episode(world, tandem):
    weeks = world.programme.inactivity_weeks
    Tandem.objects.filter(pk=tandem.pk).update(
        last_contact_on=TODAY() - datetime.timedelta(weeks=weeks, days=1)
    )
    assert checkins.notify_inactive_tandems(TODAY()) == 1
    assert checkins.notify_inactive_tandems(TODAY()) == 0
    assert kinds_to(world.site_coordinator) == ["mentoring.tandem_inactive"]
    note = Notification.objects.get(recipient=world.site_coordinator)
    assert world.mentee.first_name not in note.title + note.body
    # an answer ends the episode; the next quiet spell is told again
    found, _ = checkins.read_token(token(tandem))
    checkins.answer_checkin(checkin_link=found, mood="good")
    later = TODAY() + datetime.timedelta(weeks=weeks, days=1)
    assert checkins.notify_inactive_tandems(later) == 1


def test_a_tandem_with_recent_contact_or_a_pause_is_not_quiet(world, tandem):
    factories.TandemFactory(
        site=world.site, state="paused", last_contact_on=TODAY() - datetime.timedelta(weeks=30)
    )
    assert checkins.notify_inactive_tandems(TODAY()) == 0


def test_each_programme_counts_its_own_weeks(world, tandem):
    Programme.objects.filter(pk=world.programme.pk).update(inactivity_weeks=2)
    Tandem.objects.filter(pk=tandem.pk).update(
        last_contact_on=TODAY() - datetime.timedelta(days=15)
    )
    assert checkins.notify_inactive_tandems(TODAY()) == 1


def test_the_command_runs_the_day_and_is_idempotent(world, tandem, capsys):
    call_command("process_mentoring")
    call_command("process_mentoring", "--date", TODAY().isoformat())
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("checkins_asked: 1") and out[1].startswith("checkins_asked: 0")
    assert Notification.objects.filter(kind="mentoring.checkin_invitation").count() == 2
