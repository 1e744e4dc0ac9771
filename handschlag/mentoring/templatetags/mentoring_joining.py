"""Template helpers of joining: a profile's languages, times, kinds and wishes in words, and the
week grid of the availability field."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.forms import BoundField
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from handschlag.matching.model import DAYS, PARTS

from ..joining_fields import GridRow, day_headers, grid, slot_label
from ..languages import spoken
from ..models import AgeGroup, Gender, TandemKind

register = template.Library()


@register.filter
def week_grid(field: BoundField) -> list[GridRow]:
    return grid(field)


@register.simple_tag
def week_days() -> list[tuple[str, str]]:
    return day_headers()


@register.filter
def languages_text(languages: list[dict[str, str]]) -> str:
    return spoken(languages or [])


@register.filter
def slots_text(slots: list[str]) -> str:
    """ "Dienstag nachmittags, Samstag vormittags" in the week's order; every slot: "jederzeit"."""
    chosen = set(slots or [])
    if len(chosen) == len(DAYS) * len(PARTS):
        return _("jederzeit")
    ordered = [f"{d}-{p}" for d in DAYS for p in PARTS if f"{d}-{p}" in chosen]
    return ", ".join(slot_label(slot) for slot in ordered)


def _labels(codes: list[str], choices: Sequence[tuple[str, StrOrPromise]]) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(code, code)) for code in codes or [])


@register.filter
def kinds_text(kinds: list[str]) -> str:
    return _labels(kinds, TandemKind.choices)


@register.filter
def genders_text(genders: list[str]) -> str:
    return _labels(genders, Gender.choices)


@register.filter
def age_groups_text(groups: list[str]) -> str:
    return _labels(groups, AgeGroup.choices)


@register.filter
def ui_language(code: str) -> str:
    """A UI language (the one a mentee reads messages in) by its name."""
    from django.conf import settings

    return str(dict(settings.LANGUAGES).get(code, code))


@register.simple_tag(takes_context=True)
def query_with_param(context: dict, name: str, value: object) -> str:
    """The current query string with the parameter `name` set (two lists on one page, each
    with its own page number)."""
    from handschlag.core.templatetags.handschlag import query_with

    return query_with(context, **{name: value})
