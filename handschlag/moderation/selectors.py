"""Reads for the moderation queues; each runs a fixed number of queries whatever its length."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404

from handschlag.blog.models import Post
from handschlag.core.models import StateChange
from handschlag.organisations.models import Organisation
from handschlag.promises.models import Promise, Redemption

from .models import AbuseReport, ModerationAction

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def pending_promises() -> models.QuerySet[Promise]:
    """Promises waiting for review, oldest first (first come, first served)."""
    return (
        Promise.objects.filter(state=Promise.State.PENDING)
        .select_related("owner", "organisation", "municipality")
        .order_by("updated_at", "pk")
    )


def reports_awaiting_publication() -> models.QuerySet[Redemption]:
    """Confirmed redemptions whose authors agreed to publication and that have no post yet."""
    return (
        Redemption.objects.filter(
            state=Redemption.State.CONFIRMED, report_consent=True, post__isnull=True
        )
        .select_related("promise", "applicant", "organisation")
        .order_by("confirmed_at", "pk")
    )


def disputes() -> models.QuerySet[Redemption]:
    return (
        Redemption.objects.filter(state=Redemption.State.DISPUTED)
        .select_related(
            "promise", "promise__owner", "promise__organisation", "applicant", "organisation"
        )
        .order_by("updated_at", "pk")
    )


def open_abuse_reports() -> models.QuerySet[AbuseReport]:
    # prefetch_related on the generic target costs one query per target model (promise, post).
    return (
        AbuseReport.objects.filter(state=AbuseReport.State.OPEN)
        .select_related("content_type", "reporter")
        .prefetch_related("target")
        .order_by("created_at", "pk")
    )


def unverified_organisations() -> models.QuerySet[Organisation]:
    return (
        Organisation.objects.filter(is_verified=False)
        .select_related("municipality")
        .order_by("created_at", "pk")
    )


QUEUES = {
    "promises": pending_promises,
    "reports": reports_awaiting_publication,
    "disputes": disputes,
    "abuse": open_abuse_reports,
    "organisations": unverified_organisations,
}


def queue_counts() -> dict[str, int]:
    """How many items wait in each queue (one count query per queue)."""
    return {name: queue().order_by().count() for name, queue in QUEUES.items()}


def moderation_log(
    *, action: str = "", moderator: User | None = None
) -> models.QuerySet[ModerationAction]:
    log = ModerationAction.objects.select_related("moderator", "content_type")
    if action:
        log = log.filter(action=action)
    if moderator is not None:
        log = log.filter(moderator=moderator)
    return log.order_by("-at", "-pk")


def history(obj: models.Model) -> list[StateChange]:
    """The recorded state changes of `obj`, oldest first, with who made them and the
    states' readable names as `from_label` / `to_label`."""
    state_class = getattr(type(obj), "State", None)
    labels = dict(state_class.choices) if state_class is not None else {}
    changes = list(
        StateChange.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        ).select_related("by")
    )
    for change in changes:
        setattr(change, "from_label", labels.get(change.from_state, change.from_state))  # noqa: B010
        setattr(change, "to_label", labels.get(change.to_state, change.to_state))  # noqa: B010
    return changes


# What may be reported as abuse: only what the public can see.
REPORTABLE: dict[str, Callable[[], models.QuerySet[Promise] | models.QuerySet[Post]]] = {
    "promise": lambda: Promise.objects.public(),
    "post": lambda: Post.objects.published(),
}


def reportable_target(*, kind: str, pk: int) -> Promise | Post:
    """The public promise or post that a visitor wants to report; Http404 otherwise."""
    if kind not in REPORTABLE:
        raise Http404
    target = REPORTABLE[kind]().filter(pk=pk).first()
    if not isinstance(target, Promise | Post):
        raise Http404
    return target
