"""The interface languages: the header's switcher (a form: no JavaScript and no account
needed), the choice kept in Django's language cookie, `<html lang dir>` for every language, and
the language a newcomer reads the site in becoming the language they are written to in."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from handschlag.core.languages import native_name, ui_language_choices
from handschlag.mentoring.joining_forms import SelfMenteeForm
from tests import factories

pytestmark = pytest.mark.django_db

NEWCOMER_LANGUAGES = ["ar", "uk", "fa", "tr", "ru"]
RIGHT_TO_LEFT = {"ar", "fa"}
SKIP_LINK = {  # the first words of every page, in each language
    "de": "Zum Inhalt springen",
    "en": "Skip to content",
    "ar": "الانتقال إلى المحتوى",
    "uk": "Перейти до змісту",
    "fa": "رفتن به محتوا",
    "tr": "İçeriğe geç",
    "ru": "Перейти к содержанию",
}


class _Switcher(HTMLParser):
    """The language switcher's form: its action, fields, submit button and options."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.form: dict[str, str] = {}
        self.fields: dict[str, str] = {}
        self.options: list[dict[str, str | None]] = []
        self.buttons = 0
        self._option: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and "language-switcher" in (found.get("class") or ""):
            self.inside, self.form = True, {k: v or "" for k, v in found.items()}
        elif self.inside and tag == "input":
            self.fields[found.get("name") or ""] = found.get("value") or ""
        elif self.inside and tag == "select":
            self.fields[found.get("name") or ""] = ""
        elif self.inside and tag == "option":
            self._option = {**found, "text": ""}
            self.options.append(self._option)
        elif self.inside and tag == "button" and found.get("type") == "submit":
            self.buttons += 1

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option["text"] = (self._option["text"] or "") + data.strip()

    def handle_endtag(self, tag: str) -> None:
        if tag == "option":
            self._option = None
        elif tag == "form":
            self.inside = False


def switcher_of(page: str) -> _Switcher:
    parser = _Switcher()
    parser.feed(page)
    return parser


def html_tag(page: str) -> str:
    match = re.search(r"<html[^>]*>", page)
    assert match, "no <html> tag"
    return match.group(0)


def reading(code: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    return client


def test_the_interface_speaks_the_seven_languages_german_first():
    assert [code for code, _name in settings.LANGUAGES] == ["de", "en", *NEWCOMER_LANGUAGES]
    assert settings.LANGUAGE_CODE == "de"


def test_the_switcher_lists_every_language_by_its_own_name_in_its_own_script_and_direction():
    page = Client().get("/").content.decode()
    switcher = switcher_of(page)
    assert [option["value"] for option in switcher.options] == [
        code for code, _name in settings.LANGUAGES
    ]
    by_code = {option["value"]: option for option in switcher.options}
    assert by_code["ar"]["text"] == "العربية" and by_code["uk"]["text"] == "Українська"
    assert by_code["fa"]["text"] == "فارسی" and by_code["ru"]["text"] == "Русский"
    assert by_code["tr"]["text"] == "Türkçe" and by_code["de"]["text"] == "Deutsch"
    for code, option in by_code.items():
        assert option["text"] == native_name(code)
        assert option["lang"] == code
        assert option["dir"] == ("rtl" if code in RIGHT_TO_LEFT else "ltr")
    assert [code for code, option in by_code.items() if "selected" in option] == ["de"]


def test_the_switcher_is_a_plain_form_that_works_without_javascript_or_an_account():
    switcher = switcher_of(Client().get("/mentoring/?x=1").content.decode())
    assert switcher.form["method"] == "post"
    assert switcher.form["action"] == reverse("set_language")
    assert switcher.buttons == 1
    assert set(switcher.fields) == {"csrfmiddlewaretoken", "next", "language"}
    assert switcher.fields["next"] == "/mentoring/?x=1"  # back to the page it was used on


def test_choosing_arabic_sets_the_cookie_for_a_year_and_comes_back_to_the_page():
    client = Client(enforce_csrf_checks=True)
    client.get("/")  # the form's CSRF cookie
    response = client.post(
        reverse("set_language"),
        {"language": "ar", "next": "/mentoring/",
         "csrfmiddlewaretoken": client.cookies[settings.CSRF_COOKIE_NAME].value},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/mentoring/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ar"
    assert int(cookie["max-age"]) == 365 * 24 * 60 * 60  # kept after the browser closes
    assert cookie["httponly"] and cookie["path"] == "/"

    page = client.get("/mentoring/").content.decode()  # remembered on the next request
    assert html_tag(page) == '<html lang="ar" dir="rtl">'
    assert SKIP_LINK["ar"] in page and SKIP_LINK["de"] not in page
    selected = [o["value"] for o in switcher_of(page).options if "selected" in o]
    assert selected == ["ar"]
    assert client.get("/datenschutz/").content.decode().count('<html lang="ar" dir="rtl">') == 1


def test_an_unknown_language_is_not_kept():
    client = Client()
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert html_tag(client.get("/").content.decode()).startswith('<html lang="de"')


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_every_language_has_its_lang_and_direction(code):
    page = reading(code).get("/mentoring/").content.decode()
    direction = "rtl" if code in RIGHT_TO_LEFT else "ltr"
    assert html_tag(page) == f'<html lang="{code}" dir="{direction}">'
    assert SKIP_LINK[code] in page


def test_a_signed_in_person_switches_too_and_keeps_their_language_for_emails():
    user = factories.UserFactory(preferred_language="de")
    client = Client()
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "uk", "next": "/"})
    assert html_tag(client.get("/").content.decode()) == '<html lang="uk" dir="ltr">'
    user.refresh_from_db()
    assert user.preferred_language == "de"  # the emails' language is set on the profile
    client.post(
        reverse("accounts:profile"),
        {"first_name": user.first_name, "last_name": "", "preferred_language": "fa"},
    )
    user.refresh_from_db()
    assert user.preferred_language == "fa"


def test_signing_up_on_the_arabic_pages_means_arabic_mail(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "none"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.post(
        reverse("account_signup"),
        {"email": "amal@example.org", "password1": "a-long-Passwort-2024",
         "password2": "a-long-Passwort-2024", "first_name": "Amal", "privacy": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    from handschlag.accounts.models import User

    assert User.objects.get(email="amal@example.org").preferred_language == "ar"


def test_language_choices_name_each_language_also_in_its_own_script():
    labels = dict(ui_language_choices())
    assert str(labels["ar"]) == "Arabisch – العربية"
    assert str(labels["en"]) == "Englisch – English"
    from django.utils import translation

    with translation.override("ar"):
        assert str(labels["ar"]) == "العربية"
        assert str(labels["de"]) == "الألمانية – Deutsch"


def test_a_newcomer_registering_in_farsi_is_written_to_in_farsi():
    from django.utils import translation

    site = factories.MunicipalityFactory()
    from tests.mentoring.factories import SiteFactory

    mentoring_site = SiteFactory(municipality=site)
    with translation.override("fa"):
        assert SelfMenteeForm(site=mentoring_site).initial["language"] == "fa"
    with translation.override("sv"):
        assert SelfMenteeForm(site=mentoring_site).initial["language"] == "de"


def test_a_page_reached_by_a_personal_link_speaks_the_persons_language(rf):
    from django.utils import translation

    from handschlag.core.languages import reader_language

    plain = rf.get("/")
    assert reader_language(plain, "fa") == "fa"  # what they registered in
    chosen = rf.get("/")
    chosen.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "tr"
    assert reader_language(chosen, "fa") == "tr"  # this browser chose in the switcher
    with translation.override("uk"):
        assert reader_language(plain, "ti") == "uk"  # no catalogue for Tigrinya: as requested
