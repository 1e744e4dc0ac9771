"""`manage.py import_municipalities <csv>` — see handschlag/places/importer.py for the format."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from handschlag.places.importer import import_municipalities


class Command(BaseCommand):
    help = "Import or update municipalities from a ';'-separated CSV (ags;name;population;lat;lon)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="Path to the UTF-8 CSV file")

    def handle(self, *args: Any, path: str, **options: Any) -> None:
        try:
            with open(path, encoding="utf-8-sig", newline="") as file:
                result = import_municipalities(file)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        for message in result.errors:
            self.stderr.write(message)
        self.stdout.write(
            self.style.SUCCESS(
                f"created: {result.created}, updated: {result.updated}, skipped: {result.skipped}"
            )
        )
