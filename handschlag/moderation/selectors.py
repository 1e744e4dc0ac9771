"""Reads for the moderation pages; each runs a fixed number of queries whatever its length."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404

from handschlag.audit.models import AuditEntry
from handschlag.audit.registry import moderation_verbs
from handschlag.audit.selectors import entries
from handschlag.organisations.models import Organisation

from .models import AbuseReport
from .registry import ModerationQueue, moderation_queues, reportables


def open_abuse_reports() -> models.QuerySet[AbuseReport]:
    # prefetch_related on the generic target costs one query per target model.
    return (
        AbuseReport.objects.filter(state=AbuseReport.State.OPEN)
        .select_related("content_type", "reporter")
        .prefetch_related("target")
        .order_by("created_at", "pk")
    )


def organisations_to_verify() -> models.QuerySet[Organisation]:
    """Organisations not verified yet, and those that asked for a kind with powers."""
    return (
        Organisation.objects.filter(models.Q(is_verified=False) | ~models.Q(requested_kind=""))
        .select_related("municipality")
        .order_by("created_at", "pk")
    )


def queue(key: str) -> ModerationQueue:
    found = moderation_queues.get(key)
    if found is None:
        raise Http404
    return found


def queue_counts() -> dict[str, int]:
    """How many items wait in each registered queue (one count query per queue)."""
    return {q.key: q.items().order_by().count() for q in moderation_queues}


def moderation_log(*, verb: str = "", moderator: object = None) -> models.QuerySet[AuditEntry]:
    """The moderators' decisions from the audit log, newest first."""
    verbs = [v.key for v in moderation_verbs()]
    return entries(verbs=[verb] if verb in verbs else verbs, actor=moderator)


def reportable_target(*, kind: str, pk: int, user: Any) -> models.Model:
    """The object `user` wants to report; Http404 if it is not reportable, or not by them
    (a private object they cannot see is not confirmed to exist)."""
    reportable = reportables.get(kind)
    if reportable is None:
        raise Http404
    target = reportable.public().filter(pk=pk).first()
    if target is None or not reportable.may_report(user, target):
        raise Http404
    return target
