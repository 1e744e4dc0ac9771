"""The race-safe capacity guard: promise places, event seats, mentor places.

Taking capacity is ONE conditional UPDATE (`… SET left = left - n WHERE id = … AND left >= n
AND <state conditions>`): the database checks and decrements in one step, so concurrent
requests can never take more than there is, on SQLite and PostgreSQL alike, with or without
a row lock held by the caller. Never read a counter, compare in Python and save it back.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F

from . import versions


def take(rows: models.QuerySet, *, counters: dict[str, int]) -> bool:
    """Decrease each counter field by its amount on the one row `rows` selects; False (and
    nothing changed) if any counter has less left than asked, or the row does not match.

    `rows` carries every other condition, e.g. `Promise.objects.open().filter(pk=…)`, so a
    state change committed meanwhile (withdrawn, expired, cancelled) is respected too.
    """
    enough = {f"{field}__gte": amount for field, amount in counters.items()}
    decrease = {field: F(field) - amount for field, amount in counters.items()}
    taken = rows.filter(**enough).update(**decrease) == 1
    if taken:
        versions.bump()  # what is left is shown publicly
    return taken


def give_back(rows: models.QuerySet, *, counters: dict[str, int], totals: dict[str, str]) -> bool:
    """Increase each counter by its amount, never beyond its total (`totals` maps a counter
    to the field holding its total); False if that would overflow, and nothing changes."""
    room = {f"{field}__lte": F(totals[field]) - amount for field, amount in counters.items()}
    increase = {field: F(field) + amount for field, amount in counters.items()}
    given = rows.filter(**room).update(**increase) == 1
    if given:
        versions.bump()
    return given
