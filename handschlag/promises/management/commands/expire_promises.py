"""Expire promises past their deadline and warn those about to expire (cron: daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from handschlag.promises.tasks import expire_and_warn


class Command(BaseCommand):
    help = "Lässt abgelaufene Versprechen ablaufen und warnt vor bald ablaufenden."

    def handle(self, *args: Any, **options: Any) -> None:
        # Run it now, in this process: cron wants it done when the command returns.
        result = expire_and_warn.call()
        self.stdout.write(
            self.style.SUCCESS(f"{result['expired']} expired, {result['warned']} warned.")
        )
