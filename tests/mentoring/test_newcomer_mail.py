"""Mail to a newcomer comes in their language: a mentee without account chose Arabic when they
registered, so the mail and the page its link opens are Arabic, right to left, whatever
language the coordinator works in or the browser asks for."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from handschlag.mentoring import checkins, joining
from handschlag.mentoring.models import Mentee, Tandem

from . import factories

pytestmark = pytest.mark.django_db
State = Mentee.State

ARABIC_LETTERS = re.compile(r"[\u0600-\u06FF]")
GERMAN_WORDS = {"Guten", "Tag", "Ihre", "Sie", "Koordination", "Anmeldung", "Grüße", "und"}


def german_words_in(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-zÄÖÜäöüß]+", text)) & GERMAN_WORDS


@pytest.fixture
def amal(world):
    """A newcomer who registered on the Arabic pages, by email only."""
    return factories.MenteeFactory(
        site=world.site, state=State.SUBMITTED, email="amal@example.org", language="ar",
        first_name="Amal",
    )  # fmt: skip


def test_the_approval_reaches_a_mentee_without_account_in_arabic(
    world, amal, django_capture_on_commit_callbacks
):
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        joining.approve_profile(profile=amal, by=world.site_coordinator)
    [message] = mail.outbox
    assert message.to == ["amal@example.org"]
    assert f"تم قبول تسجيلكم لدى {world.site.name}" in message.subject
    assert message.body.startswith("مرحبًا،")  # no name guessed for a person without account
    assert "يبحث فريق التنسيق الآن عن مرافق مناسب لكم" in message.body
    assert "ليس لديكم حساب لدينا" in message.body  # the footer for an address without account
    assert "فريق Handschlag" in message.body
    assert german_words_in(message.subject + message.body) == set()


def test_the_monthly_question_and_its_page_speak_arabic_right_to_left(
    world, amal, django_capture_on_commit_callbacks
):
    amal.state = State.APPROVED
    amal.save()
    tandem = factories.TandemFactory(
        site=world.site, mentee=amal, state=Tandem.State.ACTIVE,
        started_on=timezone.localdate() - datetime.timedelta(days=40),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert checkins.send_checkin_invitations(timezone.localdate()) == 1
    [to_amal] = [message for message in mail.outbox if message.to == ["amal@example.org"]]
    assert to_amal.subject.endswith(f"كيف تسير الأمور مع {tandem.mentor.display_name}؟")
    assert "تكفي نقرة واحدة" in to_amal.body
    assert german_words_in(to_amal.subject + to_amal.body) == set()
    link = re.search(r"https?://\S+/mentoring/wie-laeuft-es/\S+/", to_amal.body)
    assert link, to_amal.body

    # her browser asks for German: the page still speaks the language she chose
    browser = Client(headers={"accept-language": "de-DE,de;q=0.9"})
    response = browser.get(urlsplit(link.group(0)).path)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page
    assert "سؤال قصير عن" in page and ARABIC_LETTERS.search(page)
    assert german_words_in(re.sub(r"<[^>]+>", " ", page)) == set()
