"""Daily (cron): ask contacts of due offers, flag unanswered ones. Safe to run more than once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from handschlag.directory.keeping import run_daily


class Command(BaseCommand):
    help = "Fragt Kontaktstellen fälliger Angebote und meldet unbestätigte Angebote."

    def handle(self, *args: Any, **options: Any) -> None:
        sent, flagged = run_daily()
        self.stdout.write(f"checks sent: {sent}, offers flagged: {flagged}")
