"""Template filters of the answering part: an answer in words, an evidence file's name."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from handschlag.core.localized import pick

from ..answering_evidence import display_name
from ..models import Answer

register = template.Library()


@register.filter
def answer_text(answer: Answer | None) -> str:
    """What the answer says, in the reader's language; "" if it says nothing yet."""
    if answer is None:
        return ""
    if answer.not_applicable:
        return _("trifft auf uns nicht zu")
    if answer.option_id is not None:
        return pick(answer.option.label) if answer.option else ""
    if answer.number is not None:
        number = answer.number
        shown = number_format(number, 0 if number == number.to_integral_value() else 2)
        unit = pick(answer.question.number_unit)
        return f"{shown} {unit}".strip()
    return answer.text


@register.filter
def file_name(path: object) -> str:
    return display_name(str(path or ""))
