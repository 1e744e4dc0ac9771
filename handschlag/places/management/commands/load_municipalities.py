"""`manage.py load_municipalities` — all German municipalities from the fetched data package."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from handschlag.places.loader import MISSING_HINT, load_full_list


class Command(BaseCommand):
    help = "Import or update all German municipalities (BKG VG250 via npm; see places/vg250.py)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--if-present",
            action="store_true",
            help="Only warn (do not fail) when the data package has not been fetched.",
        )

    def handle(self, *args: Any, if_present: bool = False, **options: Any) -> None:
        result = load_full_list()
        if result is None:
            if if_present:
                self.stderr.write(MISSING_HINT)
                return
            raise CommandError(MISSING_HINT)
        for message in result.errors:
            self.stderr.write(message)
        self.stdout.write(
            self.style.SUCCESS(
                f"Municipalities: created {result.created}, updated {result.updated}, "
                f"skipped {result.skipped}."
            )
        )
