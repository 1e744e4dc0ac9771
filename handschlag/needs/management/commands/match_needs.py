"""Match open needs with open promises and close past needs (cron: nightly)."""

from typing import Any

from django.core.management.base import BaseCommand

from handschlag.needs.tasks import nightly_matching


class Command(BaseCommand):
    help = "Schlägt passende Versprechen für offene Bedarfe vor und schließt vergangene Bedarfe."

    def handle(self, *args: Any, **options: Any) -> None:
        result = nightly_matching.call()
        self.stdout.write(
            self.style.SUCCESS(
                f"{result['proposed']} proposed, {result['expired']} expired, "
                f"{result['closed']} needs closed ({result['needs']} needs, "
                f"{result['promises']} promises)."
            )
        )
