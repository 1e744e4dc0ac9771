"""Expire waiting-list offers past their deadline and send due reminders (cron: every 15 min)."""

from typing import Any

from django.core.management.base import BaseCommand

from handschlag.events.tasks import process_registrations


class Command(BaseCommand):
    help = (
        "Lässt abgelaufene Platzangebote verfallen (und bietet die Plätze den Nächsten auf "
        "der Warteliste an) und verschickt fällige Erinnerungen an Teilnehmende."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # Run it now, in this process: cron wants it done when the command returns.
        result = process_registrations.call()
        self.stdout.write(
            self.style.SUCCESS(
                f"{result['expired']} offers expired, {result['first']} reminded, "
                f"{result['second']} reminded a second time."
            )
        )
