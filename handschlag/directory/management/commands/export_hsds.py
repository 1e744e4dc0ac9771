"""`manage.py export_hsds <town> <file>` — a town's published offers as HSDS 3.0 (.json, or a
tabular package if the file ends in .zip); `manage.py export_hsds --nationwide` builds the
package of all portals that /portal/daten/hsds.zip serves (e.g. nightly from cron)."""

import io
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from handschlag.directory import hsds_nationwide, hsds_tabular
from handschlag.directory.hsds_export import hsds_document, portal_services
from handschlag.directory.models import Portal


class Command(BaseCommand):
    help = "Angebote als HSDS 3.0 ausgeben: ein Portal in eine Datei, oder alle (--nationwide)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("town", nargs="?", help="Kurzname (slug) des Orts")
        parser.add_argument("file", nargs="?", type=Path, help="Ziel: .json oder .zip")
        parser.add_argument(
            "--nationwide", action="store_true",
            help="das Paket aller Portale neu erstellen (für /portal/daten/hsds.zip)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        if options["nationwide"]:
            name = hsds_nationwide.rebuild_nationwide_export.call()
            self.stdout.write(f"gespeichert: {name}")
            return
        if not options["town"] or not options["file"]:
            raise CommandError("Bitte Ort und Zieldatei angeben, oder --nationwide.")
        portal = (
            Portal.objects.select_related("municipality")
            .filter(municipality__slug=options["town"])
            .first()
        )
        if portal is None:
            raise CommandError(f"Kein Portal für „{options['town']}“.")
        path: Path = options["file"]
        url = settings.SITE_URL.rstrip("/") + reverse(
            "directory:data", args=[portal.municipality.slug]
        )
        if path.suffix == ".zip":
            out = io.BytesIO()
            package = hsds_tabular.datapackage(
                name=f"handschlag-{portal.municipality.slug}", title=str(portal), homepage=url
            )
            services = portal_services(portal)
            hsds_tabular.write_package(out, services, package=package)
            path.write_bytes(out.getvalue())
            count = len(services)
        else:
            document = hsds_document(portal, url=url)
            path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
            count = document["total_items"]
        self.stdout.write(f"{count} Angebote → {path}")
