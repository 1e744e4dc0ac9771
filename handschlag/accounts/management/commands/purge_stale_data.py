"""`manage.py purge_stale_data` — run daily (cron) to enforce the retention periods."""

from typing import Any

from django.core.management.base import BaseCommand

from handschlag.accounts.tasks import purge_stale_data


class Command(BaseCommand):
    help = "Delete unverified accounts and what every app keeps past its retention period."

    def handle(self, *args: Any, **options: Any) -> None:
        # Runs in this process, so cron sees the result and any error directly.
        counts = purge_stale_data.call()
        self.stdout.write("deleted " + ", ".join(f"{key}: {n}" for key, n in counts.items()))
