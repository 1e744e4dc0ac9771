"""Evidence files of answers: which files are taken (PDF, images, office documents up to
MAX_UPLOAD_BYTES), how they are stored, and who may open them.

Images are re-encoded (core.images: no EXIF, no GPS, no file that only pretends to be an
image); PDFs and office documents are checked by their first bytes, not by the name the
browser sent. Files lie under MEDIA_ROOT/assessment/<round>/<random>/<name>, behind the media
area "assessment/": only people who may see the answer's section open them (the round's team,
and the delegates of that group and area).
"""

from __future__ import annotations

import io
import os
import secrets
import zipfile
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from handschlag.core.images import reencode_image
from handschlag.core.media import Visibility

if TYPE_CHECKING:
    from django.http import HttpRequest

AREA = "assessment/"
IMAGES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
PDF = {".pdf"}
OOXML = {".docx", ".xlsx", ".pptx"}  # zip with [Content_Types].xml
ODF = {".odt", ".ods", ".odp"}  # zip with a "mimetype" entry
OLE = {".doc", ".xls", ".ppt"}  # the old binary office formats
ALLOWED = IMAGES | PDF | OOXML | ODF | OLE
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _wrong_type(name: str) -> ValidationError:
    return ValidationError(
        _(
            "„%(name)s“ können wir nicht annehmen. Erlaubt sind PDF, Bilder (JPEG, PNG, WebP, "
            "GIF) und Office-Dokumente (Word, Excel, PowerPoint, OpenDocument)."
        )
        % {"name": name},
        code="type",
    )


def _content_fits(extension: str, head: bytes, data: bytes) -> bool:
    if extension in PDF:
        return head.startswith(b"%PDF-")
    if extension in OLE:
        return head.startswith(OLE_MAGIC)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return ("[Content_Types].xml" if extension in OOXML else "mimetype") in names


def _stored_name(name: str, extension: str) -> str:
    """<random>/<readable name>: unguessable, and the reader still sees what it was."""
    stem = slugify(os.path.splitext(os.path.basename(name))[0])[:60] or "beleg"
    return f"{secrets.token_urlsafe(12)}/{stem}{extension}"


def checked_upload(upload: UploadedFile) -> ContentFile:
    """The upload, checked and ready to store (images re-encoded as JPEG); ValidationError
    with a message in the reader's language if its type or size is not taken."""
    name = upload.name or ""
    if upload.size is not None and upload.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Die Datei „%(name)s“ ist zu groß (höchstens %(mb)d MB).")
            % {"name": name, "mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="size",
        )
    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED:
        raise _wrong_type(name)
    if extension in IMAGES:
        image = reencode_image(upload)
        return ContentFile(image.read(), name=_stored_name(name, ".jpg"))
    upload.seek(0)
    data = upload.read()
    if not _content_fits(extension, data[:8], data):
        raise _wrong_type(name)
    return ContentFile(data, name=_stored_name(name, extension))


def display_name(path: str) -> str:
    return os.path.basename(path)


def delete_file_on_commit(path: str) -> None:
    """Remove a replaced or removed file once the change is saved for good."""
    if path:
        transaction.on_commit(lambda: default_storage.delete(path))


def evidence_visibility(request: HttpRequest, path: str) -> Visibility:
    """The media area's check: the answer that holds the file, seen by its section's
    people only (never cached by others)."""
    from .answering_selectors import may_see_section
    from .models import Answer

    answer = (
        Answer.objects.filter(evidence=path)
        .select_related("assessment__organisation", "question__indicator")
        .first()
    )
    if answer is None or not may_see_section(
        request.user, answer.assessment, answer.group_id, answer.question.indicator.area_id
    ):
        return Visibility.HIDDEN
    return Visibility.PRIVATE
