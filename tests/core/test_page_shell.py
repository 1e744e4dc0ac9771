"""The page shell (head links, header, footer) is cached per process and language; what
differs per request or per page stays right: the current link, the language, the tokens."""

import re

import pytest
from django.urls import reverse

from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _current_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page"', html)


def test_the_current_page_is_marked_in_the_cached_header(client):
    client.get(reverse("home"))  # fills the header fragments
    login = client.get(reverse("account_login")).content.decode()
    assert reverse("account_login") in _current_links(login)
    home = client.get(reverse("home")).content.decode()
    assert reverse("account_login") not in _current_links(home)
    listing = client.get(reverse("promises:list")).content.decode()
    assert _current_links(listing) == [reverse("promises:list")]


def test_each_language_gets_its_own_shell(client):
    german = client.get(reverse("home")).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(reverse("home")).content.decode()
    assert 'lang="de"' in german and "Anmelden" in german and "Zum Inhalt springen" in german
    assert 'lang="en"' in english and "Log in" in english and "Skip to content" in english
    assert '<option value="en" lang="en" dir="ltr" selected>' in english
    assert '<option value="de" lang="de" dir="ltr" selected>' in german


def test_tokens_and_the_return_path_are_fresh_on_every_request(client):
    first = client.get(reverse("promises:list") + "?open=1").content.decode()
    client.cookies.clear()
    second = client.get(reverse("blog:list")).content.decode()
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    nonce = re.compile(r'<script [^>]*nonce="([^"]+)"')
    assert token.search(first)[1] != token.search(second)[1]
    assert nonce.search(first)[1] != nonce.search(second)[1]
    assert 'name="next" type="hidden" value="/versprechen/?open=1"' in first
    assert f'name="next" type="hidden" value="{reverse("blog:list")}"' in second


def test_signed_in_and_anonymous_visitors_do_not_share_the_account_menu(client):
    client.get(reverse("home"))
    member = client_for(factories.UserFactory())
    page = member.get(reverse("home")).content.decode()
    assert "Abmelden" in page and reverse("account_signup") not in page
    assert "Abmelden" not in client.get(reverse("home")).content.decode()


def test_static_urls_are_worked_out_once_and_stay_hashed(tmp_path, settings):
    """The production storage remembers each URL; collectstatic's forced lookups bypass that."""
    from handschlag.core.storage import StaticFilesStorage

    (tmp_path / "site.css").write_text("body{}")
    settings.STATIC_ROOT = tmp_path
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    storage.hashed_files = {"site.css": "site.0123abcd.css"}
    assert storage.url("site.css") == "/static/site.0123abcd.css"
    storage.hashed_files = {"site.css": "site.fffff.css"}  # a process never sees this happen
    assert storage.url("site.css") == "/static/site.0123abcd.css"
    assert storage.url("site.css", force=True) == "/static/site.fffff.css"
