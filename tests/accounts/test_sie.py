"""German in "Sie" everywhere, also in allauth's pages, messages and emails: its own German
catalogue says "du", so each such string is translated again in locale_overrides/."""

import gettext
import re
from pathlib import Path

import allauth
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

DU = re.compile(
    r"\b(du|dich|dir|dein\w*|hast|bist|kannst|musst|möchtest|gib|bestätige|klicke|melde|wähle|"
    r"versuche|lass|erstelle|folge)\b",
    re.IGNORECASE,
)


def allauth_catalogue() -> dict:
    path = Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as file:
        return gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]


def test_every_allauth_string_reads_in_sie():
    catalogue = allauth_catalogue()
    informal = []
    with translation.override("de"):
        for key, theirs in catalogue.items():
            if not isinstance(key, str) or not key or not DU.search(theirs):
                continue
            ours = translation.gettext(key)
            if DU.search(ours):
                informal.append(ours)
    assert len(catalogue) > 300  # the catalogue was read
    assert informal == []


def test_the_overrides_keep_the_placeholders():
    catalogue = allauth_catalogue()
    placeholder = re.compile(r"%\(\w+\)s|%[sd]")
    with translation.override("de"):
        for key in catalogue:
            if isinstance(key, str) and key:
                assert sorted(placeholder.findall(translation.gettext(key))) == sorted(
                    placeholder.findall(key)
                ), key


def test_allauth_messages_on_the_pages_say_sie():
    from tests.factories import UserFactory

    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    client.force_login(UserFactory())
    page = client.post(reverse("account_logout"), follow=True).content.decode()
    assert "Sie haben sich abgemeldet." in page
    assert not DU.search(re.sub(r"<[^>]+>", " ", page))
