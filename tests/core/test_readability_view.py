"""Issue #12 "Guides": the readability check an editor form calls as the editor types (htmx),
and the include that drops it next to a text field."""

import re

import pytest
from django import forms
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from tests.core.test_readability import EASY, HARD

pytestmark = pytest.mark.django_db

URL = "/lesbarkeit/"


def test_the_url_is_named():
    assert reverse("readability") == URL


def test_anonymous_is_refused_and_nothing_is_analysed(client, monkeypatch):
    from handschlag.core import readability

    calls: list[str] = []
    monkeypatch.setattr(readability, "analyse", lambda text: calls.append(text))
    response = client.post(URL, {"text": HARD})
    assert response.status_code == 403
    assert "Bitte melden Sie sich an" in response.content.decode()
    assert calls == []


def test_only_post_is_answered(user):
    assert client_for(user).get(URL, {"text": HARD}).status_code == 405


def test_a_post_without_the_csrf_token_is_refused(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(URL, {"text": HARD}).status_code == 403


def test_an_editor_gets_the_score_the_verdict_and_hints_in_german(user):
    response = client_for(user).post(
        URL, {"field": "body", "body": HARD, "target": "id_body-lesbarkeit"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lesbarkeit: <strong>" in html and "sehr schwer" in html
    assert re.search(r"<strong>\d+,\d – sehr schwer</strong>", html), html  # German decimal
    assert "Wiener Sachtextformel" in html
    assert "1 langer Satz (mehr als 15 Wörter)" in html
    assert "„Nach Ihrem Zuzug sind Sie verpflichtet, sich innerhalb …“" in html
    assert "Wohnungsgeberbestätigung" in html and "Mediopunkt" in html
    # The hints go out of band into their own box; the score stays in the live region.
    assert '<div id="id_body-lesbarkeit-hints" data-hx-swap-oob="innerHTML">' in html


def test_an_easy_text_is_praised(user):
    html = client_for(user).post(URL, {"text": EASY}).content.decode()
    assert "leicht</strong>" in html
    assert "Keine langen Sätze und keine langen Wörter. Gut so!" in html


def test_a_short_text_is_told_how_much_is_missing(user):
    html = client_for(user).post(URL, {"text": "Sie gehen zum Amt."}).content.decode()
    assert "Noch keine Bewertung: bisher 4 Wörter. Ab 20 Wörtern" in html
    html = client_for(user).post(URL, {}).content.decode()
    assert "bisher 0 Wörter" in html


def test_what_the_editor_wrote_comes_back_escaped(user):
    text = HARD.replace("Nach Ihrem Zuzug", 'Nach "Ihrem" & <Zuzug')
    html = client_for(user).post(URL, {"text": text}).content.decode()
    assert "„Nach &quot;Ihrem&quot; &amp; &lt;Zuzug sind Sie verpflichtet, sich …“" in html
    assert "<Zuzug" not in html


def test_markup_the_editor_wrote_is_no_text_and_never_comes_back(user):
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    html = client_for(user).post(URL, {"text": HARD + evil}).content.decode()
    assert "<script" not in html and "<img" not in html and "alert" not in html
    assert "1 langer Satz" in html


def test_an_unsafe_target_id_is_not_echoed(user):
    html = client_for(user).post(URL, {"text": HARD, "target": '"><script>x'}).content.decode()
    assert "data-hx-swap-oob" not in html and "<script>" not in html
    assert "1 langer Satz" in html  # the hints come inline instead


def test_a_text_beyond_the_limit_gets_a_clear_message(user):
    html = client_for(user).post(URL, {"text": "Wort " * 12_000}).content.decode()
    assert "Der Text ist zu lang für die Prüfung (mehr als 50.000 Zeichen)" in html


def test_the_check_speaks_english_to_an_english_reader(user, settings):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(URL, {"text": HARD})
    assert response.status_code == 200
    assert response["Content-Language"] == "en"


class GuideForm(forms.Form):
    body = forms.CharField(label="Text", widget=forms.Textarea)


def test_the_include_wires_the_field_to_the_check():
    html = Template('{% include "includes/readability.html" with field=form.body %}').render(
        Context({"form": GuideForm()})
    )
    assert f'data-hx-post="{URL}"' in html
    assert 'data-hx-trigger="load, input changed delay:800ms from:#id_body"' in html
    assert 'data-hx-include="#id_body"' in html
    assert """data-hx-vals='{"field": "body", "target": "id_body-lesbarkeit"}'""" in html
    assert 'id="id_body-lesbarkeit-summary" aria-live="polite"' in html
    assert 'id="id_body-lesbarkeit-hints"' in html
    assert "So schreiben Sie leicht verständlich" in html and "Mediopunkt" in html
