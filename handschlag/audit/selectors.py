"""Reads of the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def entries(*, verbs: list[str] | None = None, actor: Any = None) -> models.QuerySet[AuditEntry]:
    """Entries newest first, optionally only some verbs or one actor (one query per page)."""
    log = AuditEntry.objects.select_related("actor", "content_type")
    if verbs is not None:
        log = log.filter(verb__in=verbs)
    if actor is not None:
        log = log.filter(actor=actor)
    return log.order_by("-at", "-pk")


def entries_about(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """Everything recorded about one object, oldest first."""
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        )
        .select_related("actor")
        .order_by("at", "pk")
    )
