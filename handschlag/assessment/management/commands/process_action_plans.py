"""`manage.py process_action_plans` — run daily (cron): the owners of plan items that are past
their due date and neither done nor dropped are told, once per item and due date. Idempotent."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from handschlag.assessment.tasks import process_plans


class Command(BaseCommand):
    help = "Daily action plan work: tell the owners of overdue items."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="run as of this day (YYYY-MM-DD)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Runs in this process, so cron sees the result and any error directly.
        counts = process_plans(options.get("date"))
        self.stdout.write(", ".join(f"{key}: {n}" for key, n in counts.items()))
