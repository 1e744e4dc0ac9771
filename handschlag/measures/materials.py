"""Materials of a measure: files that come with it (a moderation guide, a template, slides).

Uploads are checked by what they contain, not only by their name: a PDF starts with "%PDF-",
ODT, DOCX and PPTX are ZIP containers with the parts their format requires; images are
re-encoded (core/images.py), which drops their metadata (EXIF with GPS position). Files live
under MEDIA_ROOT/measures/<measure id>/ with an unguessable name; core/media.py serves them
after asking media.py who may see them.
"""

from __future__ import annotations

import os
import secrets
import zipfile
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.blog.slugs import german_slugify
from handschlag.core.errors import DomainError
from handschlag.core.images import reencode_image
from handschlag.core.localized import validate_localized

from .models import Material, Measure
from .rules import require_perm

if TYPE_CHECKING:
    from handschlag.accounts.models import User

MAX_MATERIALS = 10
IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif"})
# ZIP-based office formats: the part each must contain (and for ODT, its declared mimetype)
OFFICE_PARTS = {
    ".docx": "word/document.xml",
    ".pptx": "ppt/presentation.xml",
    ".odt": "mimetype",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
ACCEPT = ".pdf,.odt,.docx,.pptx,.jpg,.jpeg,.png,.webp,.gif"

# Audit verbs (registered in kernel.py).
ADDED = "measures.add_material"
REMOVED = "measures.remove_material"


def _allowed() -> str:
    return _("Erlaubt sind PDF, ODT, DOCX, PPTX und Bilder (JPEG, PNG, WebP, GIF).")


def _not_what_it_says(name: str) -> ValidationError:
    return ValidationError(
        _("„%(name)s“ ist keine gültige Datei dieses Typs.") % {"name": name} + " " + _allowed()
    )


def _is_office_file(upload: UploadedFile, extension: str) -> bool:
    upload.seek(0)
    if not zipfile.is_zipfile(upload):
        return False
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            part = OFFICE_PARTS[extension]
            if part not in names:
                return False
            if extension == ".odt":
                info = archive.getinfo("mimetype")
                return info.file_size < 200 and archive.read(info).strip() == ODT_MIMETYPE
            return True
    # Reading a member can fail in more ways than a bad archive: zipfile raises
    # NotImplementedError for a compression method it does not support (e.g. Deflate64 or
    # PPMd, which some archivers write, and for unknown method numbers) and for archives of a
    # newer ZIP version, and RuntimeError for an encrypted member. None of them is a file we
    # take; each means "not what its name says", never a 500.
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError):
        return False


def checked_upload(upload: UploadedFile) -> tuple[ContentFile, str]:
    """The file to store and its extension; ValidationError (in the reader's language) for a
    file that is too large, of a type we do not take, or not what its name says."""
    name = upload.name or ""
    if upload.size is not None and upload.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Die Datei „%(name)s“ ist zu groß (höchstens %(mb)d MB).")
            % {"name": name, "mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    extension = os.path.splitext(name)[1].lower()
    if extension in IMAGE_EXTENSIONS:
        return reencode_image(upload), ".jpg"
    if extension == ".pdf":
        upload.seek(0)
        if upload.read(5) != b"%PDF-":
            raise _not_what_it_says(name)
    elif extension in OFFICE_PARTS:
        if not _is_office_file(upload, extension):
            raise _not_what_it_says(name)
    else:
        raise ValidationError(_allowed())
    upload.seek(0)
    return ContentFile(upload.read()), extension


def stored_name(measure: Measure, original: str, extension: str) -> str:
    """`<measure id>/<random>-<readable name><extension>` (below the field's "measures/")."""
    stem = german_slugify(os.path.splitext(os.path.basename(original))[0])[:40] or "material"
    return f"{measure.pk}/{secrets.token_hex(6)}-{stem}{extension}"


def delete_files(names: Iterable[str | None]) -> None:
    for name in names:
        if name:
            default_storage.delete(name)


@transaction.atomic
def add_material(
    *, measure: Measure, by: User, title: dict[str, str], upload: UploadedFile
) -> Material:
    """Attach a file to a measure (whoever may edit the measure)."""
    require_perm("measures.edit", by, measure)
    Measure.objects.select_for_update().filter(pk=measure.pk).first()
    if measure.materials.count() >= MAX_MATERIALS:
        raise DomainError(
            _("Eine Maßnahme hat höchstens %(max)d Materialien.") % {"max": MAX_MATERIALS},
            code="too_many",
        )
    try:
        validate_localized(title)
        content, extension = checked_upload(upload)
    except ValidationError as error:
        raise DomainError(" ".join(str(m) for m in error.messages)) from None
    last = measure.materials.aggregate(last=Max("position"))["last"]
    material = Material(measure=measure, title=title, size=content.size, position=(last or 0) + 1)
    material.file.save(stored_name(measure, upload.name or "", extension), content, save=False)
    material.save()
    record(actor=by, verb=ADDED, target=measure, material=material.pk, file=material.file.name)
    return material


@transaction.atomic
def remove_material(*, material: Material, by: User) -> None:
    """Take a file off a measure; the file itself goes once the removal is committed."""
    measure = material.measure
    require_perm("measures.edit", by, measure)
    name = material.file.name or ""
    material.delete()
    record(actor=by, verb=REMOVED, target=measure, file=name)
    transaction.on_commit(lambda: delete_files([name]))
