"""The nationwide HSDS package: the published offers of every published portal in one tabular
data package (a zip of CSVs), too big to build while a reader waits.

A task builds it portal by portal (each portal a constant number of queries, its rows
appended to one file per table on disk, so memory stays small however many towns there are)
and keeps it in the default storage, shared by every machine. The download serves the newest
file; when it is older than MAX_AGE, a rebuild is asked for (one at a time), and readers get
the previous file meanwhile. `manage.py export_hsds --nationwide` builds it by hand or from cron.
"""

from __future__ import annotations

import datetime
import json
import tempfile
import zipfile
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from . import hsds_tabular
from .hsds_export import portal_services
from .models import Portal

FOLDER = "opendata"
PREFIX = "hsds-deutschland-"
MAX_AGE = datetime.timedelta(hours=6)
LOCK = "directory:hsds-nationwide-build"
LOCK_SECONDS = 60 * 60


def published_portals() -> list[Portal]:
    return list(
        Portal.objects.filter(published_at__isnull=False)
        .select_related("municipality")
        .order_by("municipality__name", "pk")
    )


def package() -> dict:
    return hsds_tabular.datapackage(
        name="handschlag-deutschland",
        title="Angebote für Neuzugewanderte in allen Portalen auf Handschlag (HSDS 3.0)",
        homepage=settings.SITE_URL.rstrip("/") + reverse("directory:data_index"),
    )


def build(target: IO[bytes]) -> int:
    """Write the package into `target`; the number of offers in it."""
    count = 0
    seen: dict[str, set[str]] = {table: set() for table in hsds_tabular.SHARED_TABLES}
    with tempfile.TemporaryDirectory() as folder:
        paths = {table: Path(folder) / path for table, (path, *_) in hsds_tabular.TABLES.items()}
        files = {
            table: path.open("w", newline="", encoding="utf-8") for table, path in paths.items()
        }
        try:
            for table, out in files.items():
                hsds_tabular.write_rows(out, table, [], header=True)
            for portal in published_portals():
                services = portal_services(portal)
                for table, rows in hsds_tabular.flatten(services).items():
                    if table in seen:  # the same terms in every portal: once
                        rows = {key: row for key, row in rows.items() if key not in seen[table]}
                        seen[table].update(rows)
                    hsds_tabular.write_rows(files[table], table, rows.values(), header=False)
                count += len(services)
        finally:
            for out in files.values():
                out.close()
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "datapackage.json", json.dumps(package(), ensure_ascii=False, indent=2)
            )
            for table, path in paths.items():
                archive.write(path, hsds_tabular.TABLES[table][0])
    return count


def latest() -> tuple[str, datetime.datetime] | None:
    """The newest nationwide package in storage (name, when it was made), if there is one."""
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return None
    names = sorted(name for name in names if name.startswith(PREFIX) and name.endswith(".zip"))
    if not names:
        return None
    name = f"{FOLDER}/{names[-1]}"
    return name, default_storage.get_modified_time(name)


@task()
def rebuild_nationwide_export() -> str:
    """Build the package anew and keep it (and the one before, which may still be downloading)."""
    try:
        with tempfile.TemporaryFile() as out:
            build(out)
            out.seek(0)
            stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
            name = default_storage.save(f"{FOLDER}/{PREFIX}{stamp}.zip", File(out))
        _folders, names = default_storage.listdir(FOLDER)
        old = sorted(n for n in names if n.startswith(PREFIX) and n.endswith(".zip"))[:-2]
        for stale in old:
            default_storage.delete(f"{FOLDER}/{stale}")
        return name
    finally:
        cache.delete(LOCK)


def request_rebuild() -> None:
    """Ask for a rebuild unless one is under way."""
    if cache.add(LOCK, True, timeout=LOCK_SECONDS):
        rebuild_nationwide_export.enqueue()


def current() -> tuple[str, datetime.datetime] | None:
    """The package to serve: the newest; a rebuild is asked for when it is old or missing (with
    tasks that run at once, as in development, it is then there already)."""
    found = latest()
    if found is None or timezone.now() - found[1] > MAX_AGE:
        request_rebuild()
        found = latest() or found
    return found
