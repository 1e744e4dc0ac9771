"""A mentor's free places: the kernel's race-safe capacity guard, so that two rounds, two
coordinators or two requests can never give a mentor more tandems than they offered."""

from __future__ import annotations

from handschlag.core import capacity

from . import statistics_figures
from .models import Mentor


def take_place(mentor: Mentor) -> bool:
    """Take one of an approved mentor's free places; False (nothing changed) if none is left."""
    rows = Mentor.objects.filter(pk=mentor.pk, state=Mentor.State.APPROVED)
    taken = capacity.take(rows, counters={"free_places": 1})
    if taken:
        mentor.free_places -= 1
        statistics_figures.site_changed(mentor.site_id)  # an update sends no signal
    return taken


def give_back_place(mentor: Mentor) -> bool:
    """Give a place back when a tandem ends (never beyond the mentor's capacity)."""
    rows = Mentor.objects.filter(pk=mentor.pk)
    given = capacity.give_back(
        rows, counters={"free_places": 1}, totals={"free_places": "capacity"}
    )
    if given:
        mentor.free_places += 1
        statistics_figures.site_changed(mentor.site_id)  # an update sends no signal
    return given
