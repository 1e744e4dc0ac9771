from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from handschlag.core.images import reencode_image


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (640, 480), "#3366aa")
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif.get_ifd(0x8825)[2] = (52.0, 31.0, 12.0)  # GPSLatitude
    exif.get_ifd(0x8825)[1] = "N"
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_reencoding_removes_exif_and_gps():
    original = jpeg_with_gps()
    assert Image.open(BytesIO(original)).getexif().get_ifd(0x8825)  # the fixture has GPS

    clean = reencode_image(SimpleUploadedFile("holiday.jpg", original, "image/jpeg"))

    reopened = Image.open(BytesIO(clean.read()))
    assert reopened.format == "JPEG"
    assert len(reopened.getexif()) == 0
    assert b"CameraMaker" not in clean.file.getvalue()


def test_large_images_are_scaled_down():
    out = BytesIO()
    Image.new("RGB", (4000, 1000), "white").save(out, format="PNG")
    clean = reencode_image(SimpleUploadedFile("wide.png", out.getvalue(), "image/png"))
    assert Image.open(BytesIO(clean.read())).size == (2000, 500)


def test_a_non_image_is_refused_with_its_name():
    upload = SimpleUploadedFile("invoice.pdf", b"%PDF-1.4 not an image", "image/jpeg")
    with pytest.raises(ValidationError, match=r"invoice\.pdf"):
        reencode_image(upload)


def test_an_oversized_file_is_refused(settings):
    settings.MAX_UPLOAD_BYTES = 1000
    upload = SimpleUploadedFile("big.jpg", jpeg_with_gps(), "image/jpeg")
    with pytest.raises(ValidationError, match="zu groß"):
        reencode_image(upload)


def bomb_png(width: int, height: int) -> bytes:
    """A tiny file that claims a huge canvas: one-colour PNG rows compress to almost nothing."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    rows = zlib.compress(b"\x00" * (width // 8 + 1) * 64)  # only a few rows: never decoded
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height"),
    [(8000, 8000), (20000, 20000)],  # above our limit; above Pillow's own bomb limit
)
def test_a_decompression_bomb_is_called_too_many_pixels(width, height):
    """Issue #7: a decompression bomb was answered "kein Bild"."""
    upload = SimpleUploadedFile("bomb.png", bomb_png(width, height), "image/png")
    with pytest.raises(ValidationError, match="zu viele Pixel"):
        reencode_image(upload)
