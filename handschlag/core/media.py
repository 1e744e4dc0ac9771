"""Uploaded files behind a permission check: every file under MEDIA_URL belongs to an area.

An app that stores uploads registers a `MediaArea` for its top folder in `AppConfig.ready()`
(the promises app: "reports/"); its `visibility(request, path)` says who may see one file.
`serve` answers `/media/<path>` for every registered area and with 404 for anything else:
an unknown area or file, a visitor who may not see it, path tricks, absurd names. The file
itself is sent by Django in development and by the web server in production
(`MEDIA_ACCEL_REDIRECT_PREFIX`, nginx's X-Accel-Redirect; see README "Media").

    media_areas.register(MediaArea(prefix="reports/", visibility=report_photo_visibility))
"""

from __future__ import annotations

import enum
import mimetypes
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .registry import Registry

# A path segment longer than this is refused before any file system call (ext4: 255 bytes).
MAX_NAME_BYTES = 255
MAX_PATH_CHARS = 1024
# How long browsers and shared caches may keep a public file.
PUBLIC_MAX_AGE = 60 * 60

_AREA_PREFIX = re.compile(r"[a-z0-9_-]+/")
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f\\]")


class Visibility(enum.Enum):
    HIDDEN = "hidden"  # unknown file, or not for this visitor: 404
    PRIVATE = "private"  # for this visitor only: never stored by a shared cache
    PUBLIC = "public"  # for everyone: may be cached


@dataclass(frozen=True)
class MediaArea:
    """One top folder of MEDIA_ROOT ("reports/") and who may see a file in it.

    `visibility(request, path)` gets the whole relative path ("reports/12/….jpg"), already
    checked to be a plain relative path inside this folder, and answers HIDDEN for files it
    does not know. It must not raise for odd but well-formed paths.
    """

    prefix: str
    visibility: Callable[[HttpRequest, str], Visibility]

    def __post_init__(self) -> None:
        if not _AREA_PREFIX.fullmatch(self.prefix):
            raise ValueError(f"a media area is one top folder like 'reports/', not {self.prefix!r}")

    @property
    def key(self) -> str:
        return self.prefix


media_areas: Registry[MediaArea] = Registry("media areas")


def clean_path(path: str) -> str | None:
    """`path` if it is a plain relative path below MEDIA_ROOT of sane length, else None."""
    if not path or len(path) > MAX_PATH_CHARS or _UNSAFE_CHARS.search(path):
        return None
    if path.startswith("/") or posixpath.normpath(path) != path:
        return None  # "..", ".", "//" and trailing slashes
    segments = path.split("/")
    if any(s in ("", ".", "..") or len(s.encode()) > MAX_NAME_BYTES for s in segments):
        return None
    return path


def visibility(request: HttpRequest, path: str) -> Visibility:
    """Whether this visitor may see the file at `path` (relative to MEDIA_ROOT), and how."""
    cleaned = clean_path(path)
    if cleaned is None or "/" not in cleaned:
        return Visibility.HIDDEN
    area = media_areas.get(cleaned.split("/", 1)[0] + "/")
    if area is None:
        return Visibility.HIDDEN
    return area.visibility(request, cleaned)


@require_safe
def serve(request: HttpRequest, path: str) -> HttpResponseBase:
    """`/media/<path>`: the file if the visitor may see it, else 404 (never a 500)."""
    seen = visibility(request, path)
    if seen is Visibility.HIDDEN:
        raise Http404
    response = _send(path)
    if seen is Visibility.PUBLIC:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _send(path: str) -> HttpResponseBase:
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    accel_prefix = getattr(settings, "MEDIA_ACCEL_REDIRECT_PREFIX", "")
    if accel_prefix:
        # The web server sends the file from its internal location; Django only decided.
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_prefix + quote(path)
        return response
    try:
        file = default_storage.open(path, "rb")
    except (OSError, SuspiciousFileOperation):  # missing, a folder, unreadable
        raise Http404 from None
    return FileResponse(file, content_type=content_type)
