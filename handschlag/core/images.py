"""Uploaded images: checked for size and type, then re-encoded.

Re-encoding from decoded pixels drops every metadata block (EXIF with GPS position,
XMP, comments) and neutralises files that only pretend to be images.
"""

from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}
MAX_PIXELS = 40_000_000
MAX_EDGE = 2000


def reencode_image(upload: UploadedFile) -> ContentFile:
    """A clean JPEG of at most MAX_EDGE pixels per side; ValidationError if not a usable image."""
    if upload.size is not None and upload.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Die Datei „%(name)s“ ist zu groß (höchstens %(mb)d MB).")
            % {"name": upload.name, "mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise UnidentifiedImageError
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("Das Bild hat zu viele Pixel."))
        upload.seek(0)
        with Image.open(upload) as opened:
            opened.load()
            # keep the orientation the EXIF data described
            image = ImageOps.exif_transpose(opened).convert("RGB")
            image.thumbnail((MAX_EDGE, MAX_EDGE))
            out = BytesIO()
            image.save(out, format="JPEG", quality=85, optimize=True)
    except Image.DecompressionBombError as exc:  # far too many pixels to even open
        raise ValidationError(_("Das Bild hat zu viele Pixel.")) from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError(
            _("„%(name)s“ ist kein Bild (erlaubt sind JPEG, PNG, WebP und GIF).")
            % {"name": upload.name}
        ) from exc
    return ContentFile(out.getvalue(), name="photo.jpg")
