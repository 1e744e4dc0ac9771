"""Issue #7 F10: every page is sent with a Content-Security-Policy.

Scripts run only from our own files or with this response's nonce, styles only from our files,
no plugins, no framing, forms post only to us. The templates carry no inline style or event
handler the policy would block.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(settings.BASE_DIR, "handschlag").glob("*/templates/**/*.html"))


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.fixture
def pages():
    promise = factories.PromiseFactory()
    post = factories.PostFactory()
    return [
        "/",
        reverse("promises:list"),
        promise.get_absolute_url(),
        reverse("blog:list"),
        post.get_absolute_url(),
        reverse("account_login"),
        reverse("privacy"),
    ]


def test_html_pages_carry_the_policy_with_the_nonce_of_their_scripts(client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["base-uri"] == ["'self'"]
        script_src = policy["script-src"]
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        nonces = [s.removeprefix("'nonce-").removesuffix("'") for s in script_src[1:]]
        assert script_src[0] == "'self'" and len(nonces) == 1, script_src
        scripts = [attrs for tag, attrs in tags_of(response.content.decode()) if tag == "script"]
        assert scripts, url
        assert {attrs.get("nonce") for attrs in scripts} == {nonces[0]}, url


def test_each_response_gets_a_fresh_nonce(client):
    first, second = (client.get("/")["Content-Security-Policy"] for _ in range(2))
    nonce = re.compile(r"'nonce-([^']+)'")
    assert nonce.search(first)[1] != nonce.search(second)[1]  # type: ignore[index]


def test_pages_have_no_inline_style_or_script_the_policy_would_block(client, pages):
    for url in pages:
        for tag, attrs in tags_of(client.get(url).content.decode()):
            assert "style" not in attrs, (url, tag, attrs)
            assert not [a for a in attrs if a.startswith("on")], (url, tag, attrs)
            assert tag != "style", url


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p).split("handschlag/")[-1])
def test_templates_have_no_inline_styles_handlers_or_unnonced_scripts(template):
    text = template.read_text()
    assert not re.search(r"\sstyle\s*=", text), "inline style: use a class in site.css"
    assert not re.search(r"<style[\s>]", text), "a <style> element: put it in site.css"
    assert not re.search(r"\son[a-z]+\s*=", text), "an inline event handler: use site.js"
    assert "javascript:" not in text
    for script in re.findall(r"<script\b[^>]*>", text):
        assert "csp_nonce" in script or 'type="application/json"' in script, script


def test_htmx_injects_no_style_and_evaluates_nothing(client):
    """No indicator style, no eval, and no "style" settled from a swapped-out element onto its
    twin (the policy would block it: a map's Leaflet styles on a list swapped by its filters)."""
    html = client.get("/").content.decode()
    meta = next(a for t, a in tags_of(html) if t == "meta" and a.get("name") == "htmx-config")
    assert json.loads(meta["content"]) == {
        "includeIndicatorStyles": False,
        "allowEval": False,
        "attributesToSettle": ["class", "width", "height"],
    }


def test_the_api_docs_run_under_the_same_policy(client):
    """django-ninja's Swagger UI loads its scripts from files and reads its settings from a
    JSON data block, which the policy does not treat as a script."""
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    for tag, attrs in tags_of(response.content.decode()):
        if tag == "script":
            assert attrs.get("src") or attrs.get("type") == "application/json", attrs


def test_json_and_error_responses_carry_the_policy_too(client):
    assert "default-src 'self'" in client.get("/api/v1/promises")["Content-Security-Policy"]
    missing = client.get("/gibt-es-nicht/")
    assert missing.status_code == 404
    assert "frame-ancestors 'none'" in missing["Content-Security-Policy"]
