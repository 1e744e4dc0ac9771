"""Moderation targets: what waits for review, what the public can report, and what a moderator
can decide about a report. Apps register in `AppConfig.ready()`; the moderation pages only
iterate over what is registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.functional import Promise as LazyText

from handschlag.core.registry import Registry

if TYPE_CHECKING:
    from handschlag.accounts.models import User


@dataclass(frozen=True)
class ModerationQueue:
    """A tab on the moderation dashboard.

    `items()` returns what waits, oldest first, with what a row shows joined in (the dashboard
    counts and pages it); `row_template` renders one item (context: `item`) and links to the
    page where the moderator decides. Tabs are ordered by `position`.
    """

    key: str
    label: str | LazyText
    items: Callable[[], models.QuerySet[Any]]
    row_template: str
    position: int = 100


@dataclass(frozen=True)
class Decision:
    """Something a moderator can do about a reported object besides closing the report,
    e.g. take a post off the blog. `run(target, by, comment)` calls the app's service; the
    report is then closed as resolved, in the same transaction."""

    key: str
    label: str | LazyText
    run: Callable[[Any, User, str], object]


@dataclass(frozen=True)
class Reportable:
    """Something anyone signed in can report as abuse: `key` is the URL segment
    (/moderation/melden/<key>/<pk>/), `public()` what may be reported (only what the public
    sees), `decisions` what a moderator can do about a report of it.

    `reporters(user, target)` narrows who may report a target that is not public, e.g. a
    message only the two sides of its thread can read; without it anyone signed in may."""

    key: str
    label: str | LazyText
    public: Callable[[], models.QuerySet[Any]]
    decisions: tuple[Decision, ...] = ()
    reporters: Callable[[Any, Any], bool] | None = None

    def may_report(self, user: Any, target: Any) -> bool:
        return self.reporters is None or bool(self.reporters(user, target))

    @property
    def model(self) -> type[models.Model]:
        return self.public().model


moderation_queues: Registry[ModerationQueue] = Registry("moderation queues")
reportables: Registry[Reportable] = Registry("reportable objects")


def ordered_queues() -> list[ModerationQueue]:
    return sorted(moderation_queues, key=lambda queue: queue.position)


def reportable_for(model: type[models.Model] | None) -> Reportable | None:
    """The registration for reports about objects of `model`."""
    return next((r for r in reportables if model is not None and r.model is model), None)
