"""`manage.py load_measures [file]` — the measures library (Modulkoffer) from JSON."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from handschlag.measures.library import DEFAULT_FILE, InvalidMeasures, load_measures, read_json


class Command(BaseCommand):
    help = (
        "Create or update the measures of the library from a JSON file (default: the shipped "
        "handschlag/measures/data/measures.json). Idempotent: upserts by slug."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE))

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            result = load_measures(read_json(file))
        except InvalidMeasures as error:
            raise CommandError(f"{file}: nothing was loaded.\n{error}") from None
        if options["verbosity"] > 1:
            for label, slugs in (("created", result.created), ("updated", result.updated)):
                for slug in slugs:
                    self.stdout.write(f"  {label}: {slug}")
        self.stdout.write(self.style.SUCCESS(result.summary()))
