"""System checks of the deployment that Django's own checks do not cover.

With DEBUG off the static files are served from STATIC_ROOT through a manifest storage
(hashed file names). Until `collectstatic` has written the manifest, every `{% static %}` raises
and every page is a 500, so the commands that run checks (check, migrate, runserver, the task
worker) say so first. A warning, not an error: a machine that only runs task workers or cron
jobs needs no static files.

PDFs need the fonts that scripts/ensure-fonts.sh installs (W003).
"""

from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.checks import CheckMessage, Warning, register
from django.core.files.storage import storages
from django.utils.module_loading import import_string

from .pdf import FONT_PACKAGE, missing_fonts

HINT = "Run `python manage.py collectstatic --noinput` (or start the site with `make serve`)."


@register()
def static_manifest_collected(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    try:
        backend = import_string(settings.STORAGES["staticfiles"]["BACKEND"])
    except (KeyError, ImportError):
        return []  # Django's own checks and the first request report a broken STORAGES setting
    if not (isinstance(backend, type) and issubclass(backend, ManifestFilesMixin)):
        return []
    if not settings.STATIC_ROOT:
        return [
            Warning(
                "STATIC_ROOT is not set, so the static files manifest cannot be found; "
                "with DEBUG off every page will fail.",
                hint="Set STATIC_ROOT. " + HINT,
                id="handschlag.W001",
            )
        ]
    try:
        storage = storages.create_storage(settings.STORAGES["staticfiles"])
    except ValueError as error:  # the manifest is there but unreadable
        return [
            Warning(
                f"The static files manifest in STATIC_ROOT ({settings.STATIC_ROOT}) cannot be "
                f"read ({error}); with DEBUG off every page will fail.",
                hint=HINT,
                id="handschlag.W002",
            )
        ]
    assert isinstance(storage, ManifestFilesMixin)
    if not storage.manifest_storage.exists(storage.manifest_name):
        return [
            Warning(
                f"The static files have not been collected: {storage.manifest_name} is missing "
                f"in STATIC_ROOT ({settings.STATIC_ROOT}). With DEBUG off and the manifest "
                "storage every page will answer 500 until it is there.",
                hint=HINT,
                id="handschlag.W001",
            )
        ]
    return []


@register()
def pdf_fonts_installed(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """PDFs (core/pdf.py) name Noto Sans and Noto Naskh Arabic; without them Arabic and Farsi
    come out in a fallback font or not at all."""
    missing = missing_fonts()
    if not missing:
        return []
    return [
        Warning(
            f"The fonts {', '.join(missing)} are not installed, so PDFs in Arabic, Farsi and "
            "other languages will be printed in a fallback font or with missing letters.",
            hint=f"Run `bash scripts/ensure-fonts.sh` (Debian: apt-get install {FONT_PACKAGE}).",
            id="handschlag.W003",
        )
    ]
