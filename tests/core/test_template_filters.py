"""The template filters that keep the HTML valid (tests/html/ checks the pages as a whole)."""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.template import Context, Template
from django.utils import timezone


def render(source: str, **context: object) -> str:
    return Template("{% load handschlag %}" + source).render(Context(context))


def test_iso_datetime_is_local_time_to_the_second():
    moment = datetime.datetime(2026, 11, 28, 12, 14, 10, 807146, tzinfo=datetime.UTC)
    with timezone.override(ZoneInfo("Europe/Berlin")):
        assert render("{{ moment|iso_datetime }}", moment=moment) == "2026-11-28T13:14:10+01:00"


def test_iso_datetime_of_nothing_is_empty():
    assert render("{{ moment|iso_datetime }}", moment=None) == ""


class Sample(forms.Form):
    title = forms.CharField(help_text="Kurz und klar.")
    tags = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], help_text="Mehrere.")


def test_hidden_input_carries_the_value_without_aria():
    form = Sample({"title": "Nähcafé <offen>", "tags": ["a", "b"]})
    html = render("{% for field in form %}{{ field|hidden_input }}{% endfor %}", form=form)
    assert "aria-" not in html
    assert '<input type="hidden" name="title" value="Nähcafé &lt;offen&gt;">' in html
    assert html.count('type="hidden" name="tags"') == 2
    # Django's own as_hidden keeps the aria-describedby that a hidden input must not have
    assert "aria-describedby" in form["title"].as_hidden()
