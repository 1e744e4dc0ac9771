"""Background work of the self-assessment (django-tasks): in tests and `make run` a task runs
at once, in-process; in production a `db_worker` picks it up. `manage.py process_action_plans`
runs the daily work directly (cron)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task


def process_plans(today: datetime.date | None = None) -> dict[str, int]:
    """The action plans' daily work: owners of overdue items are told (once per due date)."""
    from .plans import notify_overdue_items

    return {"overdue_told": notify_overdue_items(today or timezone.localdate())}


@task()
def process_action_plans() -> dict[str, int]:
    return process_plans()
