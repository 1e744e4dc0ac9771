"""Tandem life in Chromium, every page checked by axe-core: the coordinator confirms the first
meeting, the mentor logs a meeting (first with errors), the mentee answers "Wie läuft es?" on
a 360 px phone without login and asks to talk to the coordination, answers the survey, and
the mentor ends the tandem after being asked first. Then, in a running tandem: mentor and
mentee write to each other on the tandem page (the coordination reads none of it), and the
mentor corrects a meeting and deletes another after being asked first."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from handschlag.conversations.models import Message
from handschlag.mentoring import access, checkins
from handschlag.mentoring.models import (
    CheckIn,
    Meeting,
    ProblemReport,
    SurveyInvitation,
    SurveyResponse,
    Tandem,
)
from tests import factories as base
from tests.e2e.conftest import assert_accessible, log_in
from tests.mentoring import factories


@pytest.fixture
def cast(db):
    site = factories.SiteFactory(name="Patenschaften Sonneberg")
    mentor = factories.MentorFactory(
        site=site, user=base.UserFactory(email="mentorin@example.org"), free_places=0
    )
    mentee = factories.MenteeFactory(site=site, first_name="Amal", language="de")
    tandem = factories.TandemFactory(
        site=site, mentor=mentor, mentee=mentee, state=Tandem.State.PROPOSED, started_on=None
    )
    Tandem.objects.filter(pk=tandem.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10)
    )
    factories.coordinator(access.SITE_COORDINATOR, site, email="koordination@example.org")
    return tandem


def _heading(page: Page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def test_a_tandem_from_the_first_meeting_to_its_end(new_page, cast):
    tandem = cast
    coordinator = new_page()
    log_in(coordinator, "koordination@example.org")
    coordinator.goto(tandem.get_absolute_url())
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name="Das Kennenlernen hat stattgefunden").click()
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Tandem beginnen").click()
    expect(coordinator.locator(".message-success")).to_contain_text("begonnen")
    assert Tandem.objects.get(pk=tandem.pk).state == "active"

    mentor = new_page()
    log_in(mentor, "mentorin@example.org")
    mentor.goto(tandem.get_absolute_url())
    assert "Amal" in _heading(mentor)
    assert_accessible(mentor)
    mentor.get_by_role("link", name="Treffen eintragen").click()
    mentor.get_by_label("Datum").fill(
        (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    )
    mentor.get_by_role("button", name="Treffen eintragen").click()
    expect(mentor.locator(".errorlist").first).to_be_visible()
    assert_accessible(mentor)
    mentor.get_by_label("Datum").fill(timezone.localdate().isoformat())
    mentor.get_by_label("Telefonat").check()
    mentor.get_by_role("button", name="Treffen eintragen").click()
    expect(mentor.locator("table")).to_contain_text("Telefonat")
    assert Meeting.objects.get().kind == "phone"

    phone = new_page(viewport={"width": 360, "height": 740})
    phone.goto(checkins.link(tandem, "mentee"))
    assert_accessible(phone)
    phone.get_by_role("button", name="geht so").click()
    expect(phone.get_by_role("heading", level=2)).to_have_text(
        "Möchten Sie mit der Koordination sprechen?"
    )
    assert_accessible(phone)
    phone.get_by_label("Was ist los?").fill("Wir finden keine gemeinsamen Termine.")
    phone.get_by_role("button", name="An die Koordination senden").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Koordination meldet sich")
    assert CheckIn.objects.get().mood == "okay" and ProblemReport.objects.get().side == "mentee"

    invitation = SurveyInvitation.objects.get(tandem=tandem, side="mentee", phase="start")
    phone.goto(f"/mentoring/umfrage/{invitation.token}/")
    assert_accessible(phone)
    phone.locator("input[name=tandem_helps][value='5']").check()
    phone.get_by_role("button", name="Antworten senden").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Danke!")
    assert SurveyResponse.objects.get().answers == {"tandem_helps": 5}

    mentor.goto(tandem.get_absolute_url())
    mentor.get_by_role("link", name="Tandem beenden …").click()
    expect(mentor.locator("main")).to_contain_text("nicht rückgängig")
    assert_accessible(mentor)
    mentor.get_by_label("Ziel erreicht").check()
    mentor.get_by_role("button", name="Ja, Tandem beenden").click()
    expect(mentor.locator(".message-success")).to_contain_text("beendet")
    ended = Tandem.objects.get(pk=tandem.pk)
    assert (ended.state, ended.end_reason, ended.mentor.free_places) == ("ended", "goal_reached", 1)

    coordinator.goto(tandem.get_absolute_url())
    expect(coordinator.locator("main")).to_contain_text("Wir finden keine gemeinsamen Termine.")
    assert_accessible(coordinator)


@pytest.fixture
def running(db):
    """An active tandem whose mentee has an account, with two meetings the mentor logged."""
    site = factories.SiteFactory(name="Patenschaften Torgau")
    mentor = factories.MentorFactory(
        site=site, user=base.UserFactory(email="pate@example.org", first_name="Jonas"),
        free_places=0,
    )  # fmt: skip
    mentee = factories.MenteeFactory(
        site=site, first_name="Olena", language="de",
        user=base.UserFactory(email="olena@example.org", first_name="Olena"),
    )  # fmt: skip
    tandem = factories.TandemFactory(site=site, mentor=mentor, mentee=mentee)
    Tandem.objects.filter(pk=tandem.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40)
    )
    for days, kind in ((9, Meeting.Kind.ACTIVITY), (2, Meeting.Kind.PHONE)):
        factories.MeetingFactory(
            tandem=tandem, date=timezone.localdate() - datetime.timedelta(days=days), kind=kind,
            duration_minutes=60, logged_by=mentor.user,
        )  # fmt: skip
    factories.coordinator(access.SITE_COORDINATOR, site, email="torgau@example.org")
    return tandem


def _send(page: Page, text: str) -> None:
    page.locator("#gespraech textarea[name=text]").fill(text)
    page.locator("#gespraech").get_by_role("button", name="Nachricht senden").click()
    expect(page.locator("#gespraech .message-item").filter(has_text=text)).to_be_visible()


def test_messages_and_meeting_corrections_in_a_running_tandem(new_page, running):
    tandem = running
    mentor = new_page()
    log_in(mentor, "pate@example.org")
    mentor.goto(tandem.get_absolute_url())
    _send(mentor, "Hallo Olena, passt Ihnen Dienstag um 16 Uhr in der Bücherei?")
    assert_accessible(mentor)

    mentee = new_page(viewport={"width": 360, "height": 740})
    log_in(mentee, "olena@example.org")
    mentee.goto(tandem.get_absolute_url())
    thread = mentee.locator("#gespraech")
    expect(thread.get_by_text("passt Ihnen Dienstag um 16 Uhr")).to_be_visible()
    expect(thread.locator(".message-unread")).to_have_count(1)
    assert_accessible(mentee)
    _send(mentee, "Ja, gern. Bis Dienstag!")
    mentor.reload()
    expect(mentor.locator("#gespraech").get_by_text("Bis Dienstag!")).to_be_visible()
    assert list(Message.objects.order_by("pk").values_list("side", flat=True)) == [
        "mentor",
        "mentee",
    ]

    coordinator = new_page()
    log_in(coordinator, "torgau@example.org")
    coordinator.goto(tandem.get_absolute_url())
    expect(coordinator.locator("main")).to_contain_text("die Koordination sieht sie nicht")
    expect(coordinator.locator("main")).not_to_contain_text("Bis Dienstag!")

    mentor.get_by_role("link", name=re.compile("^Korrigieren")).first.click()
    assert_accessible(mentor)
    mentor.get_by_label("Dauer in Minuten").fill("2")
    mentor.get_by_role("button", name="Korrektur speichern").click()
    expect(mentor.locator(".errorlist").first).to_be_visible()
    assert_accessible(mentor)
    mentor.get_by_label("Dauer in Minuten").fill("90")
    mentor.get_by_role("button", name="Korrektur speichern").click()
    expect(mentor.locator(".message-success")).to_contain_text("korrigiert")
    expect(mentor.locator("table")).to_contain_text("90 Minuten")
    newest = Meeting.objects.filter(tandem=tandem).order_by("-date").first()
    assert newest.duration_minutes == 90

    mentor.get_by_role("link", name=re.compile("^Löschen")).first.click()
    expect(mentor.locator("main")).to_contain_text("nicht rückgängig")
    assert_accessible(mentor)
    mentor.get_by_role("button", name="Ja, Treffen löschen").click()
    expect(mentor.locator(".message-success")).to_contain_text("gelöscht")
    assert list(Meeting.objects.filter(tandem=tandem).values_list("kind", flat=True)) == [
        "activity"
    ]
    nine_days_ago = timezone.localdate() - datetime.timedelta(days=9)
    assert Tandem.objects.get(pk=tandem.pk).last_contact_on == nine_days_ago
