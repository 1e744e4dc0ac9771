"""Text that people type: no invisible control characters anywhere we store or publish it.

A vertical tab pasted into a report made the public feeds unserialisable (XML 1.0 forbids most
control characters), and nobody means to type one. Every text field of every model is cleaned
before it is saved (`clean_text_fields`, connected in CoreConfig.ready), and every XML output
(feeds, iCal, HSDS) passes its text through `xml_safe` for what was stored before.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import models

# C0 controls except tab, line feed and carriage return; DEL; C1 controls; the two Unicode
# non-characters U+FFFE/U+FFFF; lone surrogates (only from broken input).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def without_control_characters(text: str) -> str:
    return _CONTROL.sub("", text)


def xml_safe(text: str | None) -> str:
    """`text` as XML 1.0 can carry it."""
    return without_control_characters(text or "")


def clean_text_fields(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """pre_save: strip control characters from every char and text field of `instance`."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and _CONTROL.search(value):
                setattr(instance, field.attname, without_control_characters(value))
