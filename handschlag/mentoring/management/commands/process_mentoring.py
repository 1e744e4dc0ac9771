"""`manage.py process_mentoring` — run daily (cron): monthly "Wie läuft es?" invitations,
notices about tandems without contact, retention of tandem notes; then the statistics' summary
tables are rebuilt as a safety net (statistics_figures.rebuild). Idempotent."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from handschlag.mentoring import statistics_figures, tandem_tasks


class Command(BaseCommand):
    help = "Daily mentoring work: check-in invitations, inactivity notices, retention."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="run as of this day (YYYY-MM-DD)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Runs in this process, so cron sees the result and any error directly.
        counts = tandem_tasks.process(options.get("date"))
        counts["figures_rebuilt"] = statistics_figures.rebuild()
        self.stdout.write(", ".join(f"{key}: {n}" for key, n in counts.items()))
