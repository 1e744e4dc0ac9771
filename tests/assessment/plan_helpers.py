"""Helpers of the action plan tests: items made directly (the services are tested on their
own), a measure whose topic is an area of the small framework, a snapshot of everything a
plan write may change (for refused writes: nothing changed)."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from handschlag.assessment.models import ActionPlan, Milestone, PlanItem
from handschlag.audit.models import AuditEntry
from handschlag.core.models import StateChange
from handschlag.measures.models import Adoption
from handschlag.notifications.models import Notification
from tests.measures.factories import MeasureFactory


def make_item(plan: ActionPlan, **fields: Any) -> PlanItem:
    fields.setdefault("title", "Willkommensbüro im Rathaus")
    return PlanItem.objects.create(plan=plan, **fields)


def measure_for(area_key: str = "a2", **fields: Any) -> Any:
    """A published measure whose topic is the area `area_key` of the small framework."""
    return MeasureFactory(topics=[area_key], **fields)


def snapshot() -> str:
    """Everything a write on the plan may change, as one comparable string."""
    return json.dumps(
        [
            list(ActionPlan.objects.order_by("pk").values()),
            list(PlanItem.objects.order_by("pk").values()),
            list(Milestone.objects.order_by("pk").values()),
            list(PlanItem.events.through.objects.order_by("pk").values()),
            list(PlanItem.promises.through.objects.order_by("pk").values()),
            list(Adoption.objects.order_by("pk").values()),
            AuditEntry.objects.count(),
            StateChange.objects.count(),
            Notification.objects.count(),
        ],
        cls=DjangoJSONEncoder,
        sort_keys=True,
    )
