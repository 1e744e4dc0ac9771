"""Measure actions: what a higher app offers on a measure's page ("Nachmachen").

The library must not know the apps above it (the action plan lives in assessment), so they
register here in their `AppConfig.ready()`:

    measure_actions.register(
        MeasureAction(
            key="assessment.adopt",
            label=_("In den Handlungsplan übernehmen"),
            url=lambda request, measure: reverse(…) if … else None,
        )
    )

`url(request, measure)` answers the link for this visitor, or None when the action is not
available to them (signed out, no municipality, already adopted …). The measure page shows
every available action as a button, in registration order; when none is available it says
what a visitor would need.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise as LazyText

from handschlag.core.registry import Registry


@dataclass(frozen=True)
class MeasureAction:
    """`key` is namespaced by app ("assessment.adopt"); `url` is a GET link (a page that asks
    before it changes anything)."""

    key: str
    label: str | LazyText
    url: Callable[[HttpRequest, Any], str | None]


@dataclass(frozen=True)
class OfferedAction:
    """A registered action as one visitor sees it on one measure."""

    key: str
    label: str
    url: str


measure_actions: Registry[MeasureAction] = Registry("measure actions")


def offered_actions(request: HttpRequest, measure: Any) -> list[OfferedAction]:
    """The registered actions available to this visitor on `measure`, in registration order."""
    offered = []
    for action in measure_actions:
        url = action.url(request, measure)
        if url:
            offered.append(OfferedAction(key=action.key, label=str(action.label), url=url))
    return offered
