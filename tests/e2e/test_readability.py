"""Issue #12 "Guides": an editor types German text and sees, as she types, how easy it is to
read, with hints; the check runs through htmx with the CSRF header, the hints arrive out of
band, and the page stays accessible."""

from __future__ import annotations

import re

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template import RequestContext, Template
from django.urls import path
from playwright.sync_api import Page, expect

from config.urls import urlpatterns as site_urlpatterns
from tests import factories
from tests.core.test_readability import EASY, HARD
from tests.e2e.conftest import assert_accessible, log_in


class GuideForm(forms.Form):
    body = forms.CharField(label="Text des Ratgebers", widget=forms.Textarea)


PAGE = """{% extends "base.html" %}{% block content %}<h1>Ratgeber bearbeiten</h1>
<form method="post">{% csrf_token %}
{% include "includes/field.html" with field=form.body %}
{% include "includes/readability.html" with field=form.body %}
<button type="submit">Speichern</button></form>{% endblock %}"""


def editor(request: HttpRequest) -> HttpResponse:
    context = RequestContext(request, {"form": GuideForm()})
    return HttpResponse(Template(PAGE).render(context))


urlpatterns = [*site_urlpatterns, path("ratgeber-test/", editor)]


def test_the_score_and_hints_follow_the_text_as_the_editor_types(page: Page, settings) -> None:
    settings.ROOT_URLCONF = __name__
    user = factories.UserFactory()
    log_in(page, user.email)
    page.goto("/ratgeber-test/")
    summary = page.locator(".readability-summary")
    expect(summary).to_contain_text("Noch keine Bewertung: bisher 0 Wörter")  # on load

    page.locator("#id_body").fill(HARD)
    expect(summary.locator("strong")).to_have_text(re.compile(r"^\d+,\d – sehr schwer$"))
    hints = page.locator(".readability-hints")
    expect(hints).to_contain_text("1 langer Satz (mehr als 15 Wörter)")
    expect(hints).to_contain_text("Wohnungsgeberbestätigung")

    page.locator("#id_body").fill(EASY)
    expect(summary.locator("strong")).to_have_text(re.compile(r"^\d,\d – (sehr )?leicht$"))
    expect(hints).to_contain_text("Gut so!")

    page.locator(".readability-help summary").click()
    expect(page.locator(".readability-help")).to_contain_text("Mediopunkt")
    assert_accessible(page)
