"""`manage.py load_framework [file]` — a framework (questionnaire) version from JSON."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from handschlag.assessment.frameworks import (
    DEFAULT_FILE,
    InvalidFramework,
    describe,
    dump_framework,
    load_framework,
    read_json,
)
from handschlag.assessment.models import Framework


class Command(BaseCommand):
    help = (
        "Create a framework version from a JSON file (default: the shipped "
        "handschlag/assessment/data/framework_weltoffen_v1.json), or update it in place while "
        "no assessment uses it. Load the measures first: the rules name them."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE))

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            data = read_json(file)
            version = data.get("version") if isinstance(data, dict) else None
            existing = (
                Framework.objects.filter(key=str(data.get("key")), version=version).first()
                if isinstance(version, int)
                else None
            )
            before = dump_framework(existing) if existing else None
            framework = load_framework(data)
        except InvalidFramework as error:
            raise CommandError(f"{file}: nothing was loaded.\n{error}") from None
        if before is None:
            action = "created"
        elif before == dump_framework(framework):
            action = "unchanged"
        else:
            action = "updated in place"
        self.stdout.write(
            self.style.SUCCESS(
                f"Framework {framework.key!r} version {framework.version} {action}: "
                f"{describe(framework)}."
            )
        )
