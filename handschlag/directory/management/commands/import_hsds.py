"""`manage.py import_hsds <town> <file>` — import an HSDS 3.0 file (JSON, or a zip with a
tabular data package) into a town's portal: all or nothing; every problem is named."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from handschlag.directory.hsds_import import import_hsds, summary
from handschlag.directory.hsds_input import ImportInvalid
from handschlag.directory.models import Portal


class Command(BaseCommand):
    help = "Angebote aus einer HSDS-3.0-Datei (JSON oder ZIP) in das Portal eines Orts übernehmen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("town", help="Kurzname (slug) des Orts, dessen Portal es ist")
        parser.add_argument("file", type=Path, help="HSDS-Datei: .json oder .zip")
        parser.add_argument("--as", dest="email", help="im Namen dieser Person (E-Mail-Adresse)")
        parser.add_argument(
            "--unpublished", action="store_true", help="neue Angebote nicht veröffentlichen"
        )
        parser.add_argument("--dry-run", action="store_true", help="nur prüfen, nichts speichern")

    def handle(self, *args: Any, **options: Any) -> None:
        portal = (
            Portal.objects.select_related("municipality")
            .filter(municipality__slug=options["town"])
            .first()
        )
        if portal is None:
            raise CommandError(f"Kein Portal für „{options['town']}“.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Datei nicht gefunden: {path}")
        by = None
        if options["email"]:
            by = get_user_model().objects.filter(email__iexact=options["email"]).first()
            if by is None:
                raise CommandError(f"Niemand hat die E-Mail-Adresse {options['email']}.")
        try:
            result = import_hsds(
                portal=portal, content=path.read_bytes(), name=path.name, by=by,
                publish=not options["unpublished"], dry_run=options["dry_run"],
            )  # fmt: skip
        except ImportInvalid as error:
            raise CommandError("\n".join(["Nichts übernommen:", *error.problems])) from error
        self.stdout.write(summary(result))
        for warning in result.warnings:
            self.stderr.write(warning)
