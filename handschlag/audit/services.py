"""Writing the audit log. Call `record` inside the transaction of the action it records."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .models import AuditEntry
from .registry import audit_verbs

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class UnknownVerb(LookupError):
    pass


def _json_ready(details: dict[str, Any]) -> dict[str, Any]:
    """Dates, decimals and lazy texts as the JSON column can store them."""
    return json.loads(json.dumps(details, cls=DjangoJSONEncoder))


def record(
    *,
    actor: AbstractBaseUser | None,
    verb: str,
    target: models.Model,
    comment: str = "",
    **details: Any,
) -> AuditEntry:
    """Append one entry; `verb` must be registered (a typo must not vanish into the log)."""
    if verb not in audit_verbs:
        raise UnknownVerb(verb)
    return AuditEntry.objects.create(
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
        verb=verb,
        content_type=ContentType.objects.get_for_model(type(target)),
        object_id=target.pk,
        target_label=str(target)[:200],
        comment=comment,
        details=_json_ready(details),
    )
