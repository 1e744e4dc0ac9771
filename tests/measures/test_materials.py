"""Materials: checked by content, images re-encoded without metadata, stored under
measures/<id>/, served to whoever may see the measure; and the library's personal data."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from handschlag.accounts.personal_data import personal_data
from handschlag.core.errors import DomainError
from handschlag.measures import materials, reports
from handschlag.measures.models import Material, Measure, Report
from tests.conftest import client_for

from .factories import texts

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def office(name, parts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return SimpleUploadedFile(name, out.getvalue())


def photo_with_gps():
    image = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (50.0, 21.0, 0.0)}  # GPSInfo
    exif[0x010F] = "Kamera GmbH"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


def add(cast, upload, *, measure=None, by=None):
    return materials.add_material(
        measure=measure or cast.draft,
        by=by or cast.proposer,
        title=texts("Leitfaden"),
        upload=upload,
    )


@pytest.mark.parametrize(
    "upload",
    [
        lambda: SimpleUploadedFile("leitfaden.pdf", PDF),
        lambda: office("vorlage.docx", {"word/document.xml": "<w/>"}),
        lambda: office("folien.pptx", {"ppt/presentation.xml": "<p/>"}),
        lambda: office("text.odt", {"mimetype": "application/vnd.oasis.opendocument.text"}),
    ],
    ids=["pdf", "docx", "pptx", "odt"],
)
def test_documents_are_stored_under_the_measure(cast, upload):
    material = add(cast, upload())
    assert material.file.name.startswith(f"measures/{cast.draft.pk}/")
    assert default_storage.exists(material.file.name)
    assert material.size > 0 and material.position == 1


@pytest.mark.parametrize(
    "upload",
    [
        lambda: SimpleUploadedFile("leitfaden.pdf", b"MZ\x90\x00 not a pdf"),
        lambda: SimpleUploadedFile("tool.exe", b"MZ\x90\x00"),
        lambda: SimpleUploadedFile("seite.html", b"<script>alert(1)</script>"),
        lambda: office("vorlage.docx", {"something/else.xml": "<x/>"}),
        lambda: office("text.odt", {"mimetype": "application/zip"}),
        lambda: SimpleUploadedFile("vorlage.docx", b"PK\x03\x04 broken"),
        lambda: SimpleUploadedFile("bild.png", b"\x89PNG not really"),
    ],
    ids=[
        "fake-pdf",
        "exe",
        "html",
        "docx-without-document",
        "odt-wrong-type",
        "broken-zip",
        "fake-png",
    ],
)
def test_files_that_are_not_what_they_say_are_refused(cast, upload):
    with pytest.raises(DomainError):
        add(cast, upload())
    assert not Material.objects.exists()


def test_a_file_above_the_limit_is_refused(cast, settings):
    settings.MAX_UPLOAD_BYTES = 100
    with pytest.raises(DomainError) as refused:
        add(cast, SimpleUploadedFile("gross.pdf", PDF + b"0" * 200))
    assert "zu groß" in refused.value.message
    assert not Material.objects.exists()


def test_images_are_re_encoded_without_their_metadata(cast):
    material = add(cast, photo_with_gps())
    assert material.file.name.endswith(".jpg")
    with default_storage.open(material.file.name) as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        exif = image.getexif()
        assert 0x8825 not in exif and 0x010F not in exif


def test_at_most_ten_materials(cast):
    for _ in range(materials.MAX_MATERIALS):
        add(cast, SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(DomainError):
        add(cast, SimpleUploadedFile("b.pdf", PDF))
    assert Material.objects.count() == materials.MAX_MATERIALS


@pytest.mark.parametrize("who", ["colleague", "stranger", "town_admin"])
def test_only_who_may_edit_adds_or_removes_materials(cast, who):
    with pytest.raises(PermissionDenied):
        add(cast, SimpleUploadedFile("a.pdf", PDF), by=getattr(cast, who))
    material = add(cast, SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(PermissionDenied):
        materials.remove_material(material=material, by=getattr(cast, who))
    assert list(Material.objects.all()) == [material]


def test_removing_a_material_deletes_its_file(cast, django_capture_on_commit_callbacks):
    material = add(cast, SimpleUploadedFile("a.pdf", PDF))
    with django_capture_on_commit_callbacks(execute=True):
        materials.remove_material(material=material, by=cast.proposer)
    assert not Material.objects.exists()
    assert not default_storage.exists(material.file.name)


def test_the_upload_page_adds_a_material(cast):
    client = client_for(cast.proposer)
    url = reverse("measures:materials", args=[cast.draft.slug])
    response = client.post(
        url, {"title_de": "Leitfaden", "file": SimpleUploadedFile("leitfaden.pdf", PDF)}
    )
    assert response.status_code == 302
    assert Material.objects.get().title == {"de": "Leitfaden"}
    refused = client.post(
        url, {"title_de": "Virus", "file": SimpleUploadedFile("virus.exe", b"MZ")}
    )
    assert refused.status_code == 200 and "Erlaubt sind PDF" in refused.content.decode()
    assert Material.objects.count() == 1


# --- who sees a file -----------------------------------------------------------------------


def test_materials_of_published_measures_are_public(cast, client):
    material = add(
        cast, SimpleUploadedFile("a.pdf", PDF), measure=cast.published, by=cast.moderator
    )
    response = client.get(material.file.url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF


def test_materials_of_drafts_only_for_the_proposers_and_moderators(cast, client):
    material = add(cast, SimpleUploadedFile("a.pdf", PDF))
    assert client.get(material.file.url).status_code == 404
    for who in ("stranger", "colleague", "town_admin"):
        assert client_for(getattr(cast, who)).get(material.file.url).status_code == 404
    for who in ("proposer", "moderator"):
        response = client_for(getattr(cast, who)).get(material.file.url)
        assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_unknown_files_in_the_area_are_not_found(cast, client):
    assert client.get(f"/media/measures/{cast.published.pk}/nichts.pdf").status_code == 404
    assert client.get("/media/measures/x/nichts.pdf").status_code == 404


def test_a_deleted_draft_takes_its_files_along(cast, django_capture_on_commit_callbacks):
    from handschlag.measures import services

    material = add(cast, SimpleUploadedFile("a.pdf", PDF))
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_draft(measure=cast.draft, by=cast.proposer)
    assert not default_storage.exists(material.file.name)


# --- personal data -------------------------------------------------------------------------


def test_export_and_erase_keep_the_towns_texts_but_forget_the_person(cast):
    report = reports.add_report(
        measure=cast.published, organisation=cast.city, by=cast.member, note="Gut gelaufen."
    )
    handler = personal_data.get("measures")
    exported = handler.export(cast.member)
    assert exported["reports"][0]["note"] == "Gut gelaufen."
    assert handler.export(cast.proposer)["proposals"]  # the cast's proposals are theirs
    handler.erase(cast.member)
    handler.erase(cast.proposer)
    report.refresh_from_db()
    assert report.created_by is None and report.note == "Gut gelaufen."
    assert not Measure.objects.filter(created_by=cast.proposer).exists()
    assert Measure.objects.filter(organisation=cast.initiative).count() == 4
    assert Report.objects.count() == 1


def test_a_library_material_is_public_with_its_published_measure(cast, client):
    """The library's own files (library.py) live under measures/library/, shared by name."""
    name = default_storage.save("measures/library/leitfaden-abc123.pdf", io.BytesIO(PDF))
    Material.objects.create(measure=cast.withdrawn, title=texts("Leitfaden"), file=name, size=3)
    assert client.get(f"/media/{name}").status_code == 404
    Material.objects.create(measure=cast.published, title=texts("Leitfaden"), file=name, size=3)
    response = client.get(f"/media/{name}")
    assert response.status_code == 200 and "public" in response["Cache-Control"]
