"""A newcomer registers for an event on the Arabic pages, without an account: the form, the
page that follows, the mail that asks to confirm the address and the page its link opens are
all Arabic and right to left; the confirmation mail too, whatever the organiser reads."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from handschlag.events.models import Registration

from .factories import EventFactory

pytestmark = pytest.mark.django_db
GERMAN_WORDS = {"Sie", "Ihre", "Anmeldung", "bitte", "Bitte", "und", "der", "die", "das", "Platz"}


def german_words_in(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-zÄÖÜäöüß]+", text)) & GERMAN_WORDS


def visible(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def test_a_guest_registers_and_is_mailed_in_arabic(django_capture_on_commit_callbacks):
    event = EventFactory(title="Elternabend")
    amal = Client()
    amal.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    url = reverse("events:register", args=[event.pk])
    form = amal.get(url).content.decode()
    assert '<html lang="ar" dir="rtl">' in form and "اسمكم" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = amal.post(
            url,
            {"name": "Amal", "email": "amal@example.org", "places": "1", "consent": "on"},
            follow=True,
        )
    page = response.content.decode()
    assert "أوشكتم على الانتهاء" in page and "amal@example.org" in page
    guest = Registration.objects.get()
    assert guest.language == "ar"

    [ask] = mail.outbox
    assert ask.to == ["amal@example.org"]
    assert ask.subject.endswith("يُرجى تأكيد تسجيلكم في «Elternabend»")
    assert "سجّلتم دون حساب في «Elternabend»" in ask.body
    assert german_words_in(ask.subject + ask.body) == set()

    # the link from the mail, opened on another device whose browser asks for German
    link = re.search(r"https?://\S+/veranstaltungen/anmeldung/\S+/", ask.body)
    assert link, ask.body
    path = urlsplit(link.group(0)).path
    phone = Client(headers={"accept-language": "de-DE,de;q=0.9"})
    response = phone.get(path)
    manage = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in manage and response["Content-Language"] == "ar"
    assert "تسجيلكم في «Elternabend»" in manage
    assert german_words_in(visible(manage)) == set()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = phone.post(path + "bestaetigen/", follow=True)
    assert "أنتم مسجَّلون" in confirmed.content.decode()  # the message, in Arabic too
    assert mail.outbox[-1].subject.endswith("أنتم مسجَّلون: «Elternabend»")

    # a language chosen in this browser's switcher wins
    phone.cookies[settings.LANGUAGE_COOKIE_NAME] = "uk"
    assert '<html lang="uk" dir="ltr">' in phone.get(path).content.decode()
