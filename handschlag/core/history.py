"""Reading the recorded state changes of one object (see core.models.StateChange)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import StateChange


def state_history(obj: models.Model) -> list[StateChange]:
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
