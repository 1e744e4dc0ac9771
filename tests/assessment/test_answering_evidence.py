"""Evidence files: which are taken (by content, not by name), the size limit, images
re-encoded without their metadata, the upload through the page, and who may open a file."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from handschlag.assessment.answering_evidence import OLE_MAGIC, checked_upload
from handschlag.assessment.models import Answer, Delegation
from tests.conftest import client_for

from .answering_helpers import question

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def zipped(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


def photo_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "teal")
    exif = Image.Exif()
    exif[0x010F] = "Kamera GmbH"  # Make
    exif[0x8825] = {2: (50.0, 21.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", exif=exif)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content",
    [
        ("Beschluss.pdf", b"%PDF-1.7\n..."),
        ("Konzept.docx", zipped("[Content_Types].xml", "word/document.xml")),
        ("Zahlen.ods", zipped("mimetype", "content.xml")),
        ("Alt.doc", OLE_MAGIC + b"\x00" * 20),
    ],
)
def test_documents_are_taken_by_their_content(name, content):
    stored = checked_upload(upload(name, content))
    assert stored.read() == content
    assert stored.name.endswith(name.lower().rsplit(".", 1)[-1])
    assert re.fullmatch(r"[\w-]{16}/[\w-]+\.\w+", stored.name)


@pytest.mark.parametrize(
    "name, content",
    [
        ("programm.exe", b"MZ\x90\x00"),
        ("seite.html", b"<script>alert(1)</script>"),
        ("bild.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("falsch.pdf", b"<html>kein PDF</html>"),
        ("falsch.docx", zipped("irgendwas.txt")),
        ("kaputt.xlsx", b"PK\x03\x04 kaputt"),
        ("kein-bild.png", b"%PDF-1.4"),
        ("ohne-endung", b"%PDF-1.4"),
    ],
)
def test_other_types_and_pretenders_are_refused(name, content):
    with pytest.raises(ValidationError) as refused:
        checked_upload(upload(name, content))
    assert name in refused.value.messages[0]


def test_a_file_over_the_limit_is_refused(settings):
    settings.MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError) as refused:
        checked_upload(upload("gross.pdf", b"%PDF-" + b"x" * 1024))
    assert "zu groß" in refused.value.messages[0]


def test_an_image_is_re_encoded_without_its_metadata():
    original = photo_with_gps()
    assert Image.open(io.BytesIO(original)).getexif()  # the original carries EXIF
    stored = checked_upload(upload("Foto vom Fest.png", original))
    assert stored.name.endswith("/foto-vom-fest.jpg")
    reopened = Image.open(io.BytesIO(stored.read()))
    assert reopened.format == "JPEG" and reopened.size == (40, 30)
    assert not reopened.getexif()


# --- through the page ---------------------------------------------------------------------


def autosave(world, key: str):
    q = question(world.framework, key)
    url = reverse(
        "assessment:autosave",
        args=[world.assessment.pk, world.administration.pk, q.indicator.area_id, q.pk],
    )
    return q, url


def test_a_file_saved_with_the_answer_replaces_the_file_input(world):
    q1, url = autosave(world, "q1")
    response = client_for(world.colleague).post(
        url, {f"q{q1.pk}-evidence": upload("Foto.png", photo_with_gps())}, **HTMX
    )
    page = response.content.decode()
    answer = Answer.objects.get(question=q1)
    assert answer.evidence.name.endswith("/foto.jpg")
    assert f'id="evidence-file-{q1.pk}" data-hx-swap-oob="true"' in page
    assert answer.evidence.url in page and "Datei entfernen" in page


def test_a_wrong_file_is_refused_with_a_message_and_nothing_is_stored(world):
    q1, url = autosave(world, "q1")
    response = client_for(world.colleague).post(
        url,
        {
            f"q{q1.pk}-value": str(q1.options.first().pk),
            f"q{q1.pk}-evidence": upload("virus.exe", b"MZ"),
        },
        **HTMX,
    )
    page = response.content.decode()
    assert "Nicht gespeichert" in page and "virus.exe" in page
    assert not Answer.objects.exists()


# --- who opens a file ---------------------------------------------------------------------


@pytest.fixture
def evidence_url(world):
    q1, url = autosave(world, "q1")
    client_for(world.colleague).post(
        url, {f"q{q1.pk}-evidence": upload("Beschluss.pdf", b"%PDF-1.4 Beschluss")}, **HTMX
    )
    return Answer.objects.get(question=q1).evidence.url


@pytest.mark.parametrize(
    "who, seen",
    [
        ("admin", True),
        ("colleague", True),
        ("member", True),
        ("partner", False),  # a delegate of another section
        ("other_admin", False),
        ("moderator", False),
        ("stranger", False),
    ],
)
def test_only_the_sections_people_open_its_files(client, world, evidence_url, who, seen):
    response = client_for(getattr(world, who)).get(evidence_url)
    if seen:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 Beschluss"
        assert "no-store" in response["Cache-Control"]
    else:
        assert response.status_code == 404
    assert client.get(evidence_url).status_code == 404  # anonymous


def test_who_left_the_team_and_lost_the_delegation_no_longer_opens_the_files(world, evidence_url):
    Delegation.objects.filter(user=world.colleague).update(revoked_at="2026-01-01T00:00Z")
    # still a member of the organisation: the team sees the round
    assert client_for(world.colleague).get(evidence_url).status_code == 200
    Delegation.objects.filter(user=world.colleague).delete()
    world.organisation.memberships.filter(user=world.colleague).delete()
    assert client_for(world.colleague).get(evidence_url).status_code == 404
