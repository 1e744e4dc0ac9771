"""The report form on the redemption page: title, lead and four required prompts; photos
stored as soon as they arrive (kept through form errors), each described, removable, at most
five of at most MAX_UPLOAD_BYTES; and who may do any of it."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from handschlag.core.errors import DomainError
from handschlag.promises import services
from handschlag.promises.models import Redemption, ReportPhoto
from tests import factories
from tests.conftest import client_for

from .conftest import jpeg_with_gps, redemption_in
from .report_data import CONTENT, form_data

pytestmark = pytest.mark.django_db
S = Redemption.State


def send(redemption, data, user=None):
    return client_for(user or redemption.applicant).post(
        reverse("promises:report", args=[redemption.pk]), data
    )


@pytest.fixture
def running():
    return redemption_in(S.IN_PROGRESS)


# --- the text: title, lead and the four prompts are required ------------------------------


def test_the_form_asks_the_four_prompts_with_title_and_lead(running):
    html = client_for(running.applicant).get(running.get_absolute_url()).text
    for label in (
        "Titel Ihres Berichts", "Kurzfassung", "Was ist passiert?", "Was hat gut funktioniert?",
        "Was würden Sie beim nächsten Mal anders machen?", "Ihr Rat für Orte, die es nachmachen",
    ):  # fmt: skip
        assert label in html
    assert 'type="file" name="photos"' in html and "multiple" in html
    assert 'name="action" value="upload"' in html  # "Fotos hochladen" works without JavaScript


@pytest.mark.parametrize(
    "missing", ["title", "lead", "happened", "worked", "differently", "advice"]
)
def test_every_prompt_is_required_and_the_rest_is_kept(running, missing):
    response = send(running, form_data(**{missing: "  "}))
    assert response.status_code == 200
    assert response.context["report_form"].errors[missing] == [
        "Dieses Feld ist zwingend erforderlich."
    ]
    kept = [value for name, value in vars(CONTENT).items() if name != missing]
    assert all(value in response.text for value in kept)
    running.refresh_from_db()
    assert running.state == S.IN_PROGRESS and not running.report_title


def test_a_complete_report_is_sent_with_its_sections(running):
    response = send(running, form_data())
    assert response.status_code == 302
    running.refresh_from_db()
    assert running.state == S.REPORTED and running.report_consent
    assert (running.report_title, running.report_lead) == (CONTENT.title, CONTENT.lead)
    assert (running.report_happened, running.report_worked) == (CONTENT.happened, CONTENT.worked)
    assert running.report_differently == CONTENT.differently
    assert running.report_advice == CONTENT.advice
    # the promisers read it under its headings, each text once
    html = client_for(running.promise.owner).get(running.get_absolute_url()).text
    for heading in ("Was passiert ist", "Was gut funktioniert hat", "Was wir anders machen würden"):
        assert heading in html
    assert html.count(CONTENT.happened) == 1 and html.count(CONTENT.lead) == 1


def test_the_service_refuses_a_report_with_a_missing_part(running):
    for missing in ("title", "advice"):
        with pytest.raises(DomainError):
            services.submit_report(
                redemption=running,
                by=running.applicant,
                content=services.ReportContent(**(vars(CONTENT) | {missing: ""})),
                consent=True,
            )
    running.refresh_from_db()
    assert running.state == S.IN_PROGRESS


# --- photos: kept through errors, described, removable, limited -----------------------------


def test_photos_chosen_with_a_form_error_are_kept_and_shown_for_description(running):
    response = send(
        running, form_data(worked="", photos=[jpeg_with_gps("a.jpg"), jpeg_with_gps("b.jpg")])
    )
    assert response.status_code == 200
    photos = list(running.photos.order_by("position"))
    assert len(photos) == 2 and [p.position for p in photos] == [0, 1]
    form = response.context["report_form"]
    assert form.errors["worked"]
    for photo in photos:  # each shown with its description field and a remove button
        assert photo.image.url in response.text
        assert f'name="alt_{photo.pk}"' in response.text
        assert f'name="remove_photo" value="{photo.pk}"' in response.text
        assert form.errors[f"alt_{photo.pk}"] == ["Bitte beschreiben Sie das Foto."]
        with photo.image.open("rb") as stored:  # re-encoded: no EXIF, no GPS
            assert b"Exif" not in stored.read()
    running.refresh_from_db()
    assert running.state == S.IN_PROGRESS

    # the next try describes them and sends the report: nothing is uploaded twice
    alt = {f"alt_{p.pk}": f"Foto {p.position}" for p in photos}
    response = send(running, form_data(**alt))
    assert response.status_code == 302
    running.refresh_from_db()
    assert running.state == S.REPORTED
    assert [p.alt_text for p in running.photos.order_by("position")] == ["Foto 0", "Foto 1"]


def test_uploading_keeps_the_text_without_complaining_about_what_is_missing(running):
    response = send(
        running,
        {"title": "Mein Titel", "action": "upload", "photos": jpeg_with_gps()},
    )
    assert response.status_code == 200
    assert not response.context["report_form"].errors
    assert "Mein Titel" in response.text
    assert "1 Foto ist gespeichert. Bitte beschreiben Sie es." in response.text
    assert running.photos.count() == 1
    running.refresh_from_db()
    assert running.state == S.IN_PROGRESS


def test_a_photo_without_description_stops_the_report(running):
    photo = factories.ReportPhotoFactory(redemption=running, alt_text="")
    response = send(running, form_data(**{f"alt_{photo.pk}": " "}))
    assert response.status_code == 200
    assert response.context["report_form"].errors[f"alt_{photo.pk}"]
    running.refresh_from_db()
    assert running.state == S.IN_PROGRESS
    with pytest.raises(DomainError, match="Bildbeschreibung"):
        services.submit_report(
            redemption=running, by=running.applicant, content=CONTENT, consent=True
        )


def test_a_photo_is_removed_and_the_text_kept(running):
    keep, drop = factories.ReportPhotoFactory.create_batch(2, redemption=running)
    response = send(running, {"title": "Noch nicht fertig", "remove_photo": str(drop.pk)})
    assert response.status_code == 200
    assert list(running.photos.all()) == [keep]
    assert "Das Foto ist entfernt." in response.text and "Noch nicht fertig" in response.text
    assert not response.context["report_form"].errors
    running.refresh_from_db()
    assert running.state == S.IN_PROGRESS


def test_an_unknown_or_foreign_photo_id_removes_nothing(running):
    mine = factories.ReportPhotoFactory(redemption=running)
    foreign = factories.ReportPhotoFactory()
    for value in (str(foreign.pk), "999999", "abc"):
        assert send(running, {"remove_photo": value}).status_code == 200
    assert ReportPhoto.objects.count() == 2 and mine.redemption == running


def test_at_most_five_photos(running):
    factories.ReportPhotoFactory.create_batch(3, redemption=running)
    chosen = [jpeg_with_gps(f"{n}.jpg") for n in range(4, 8)]
    response = send(running, {"action": "upload", "photos": chosen})
    assert response.status_code == 200
    assert running.photos.count() == 5  # the first two fitted, the other two were refused
    assert response.text.count("Ein Bericht kann höchstens 5 Fotos haben.") == 1
    # full: no file field any more, and the upload button cannot be pressed
    form = response.context["report_form"]
    assert "photos" not in form.fields
    assert 'name="action" value="upload" class="button button-secondary" disabled' in response.text


def test_a_too_large_file_is_refused_by_name(running, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    big = SimpleUploadedFile("riesig.jpg", b"x" * 2000, content_type="image/jpeg")
    response = send(running, form_data(photos=big))
    assert response.status_code == 200
    assert "Die Datei „riesig.jpg“ ist zu groß (höchstens 0 MB)." in response.text
    assert not running.photos.exists()
    running.refresh_from_db()
    assert running.state == S.IN_PROGRESS  # the report is not sent with a photo missing


def test_the_help_text_states_the_limits(running, settings):
    html = client_for(running.applicant).get(running.get_absolute_url()).text
    assert "je höchstens 8 MB, insgesamt 5 Fotos (noch 5)" in html


def test_an_image_is_stored_scaled_as_jpeg(running):
    upload = jpeg_with_gps(size=(3000, 1000))
    photo = services.add_report_photo(redemption=running, by=running.applicant, upload=upload)
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG" and max(image.size) == 2000


# --- who may add and remove photos ---------------------------------------------------------


def test_only_the_redeemers_add_or_remove_photos_and_only_while_writing(running):
    photo = factories.ReportPhotoFactory(redemption=running)
    for someone in (running.promise.owner, factories.UserFactory()):
        response = send(running, {"action": "upload", "photos": jpeg_with_gps()}, user=someone)
        assert response.status_code in (403, 404)
        response = send(running, {"remove_photo": str(photo.pk)}, user=someone)
        assert response.status_code in (403, 404)
    assert list(ReportPhoto.objects.all()) == [photo]
    reported = redemption_in(S.REPORTED)
    sent = factories.ReportPhotoFactory(redemption=reported)
    with pytest.raises(DomainError):
        services.add_report_photo(
            redemption=reported, by=reported.applicant, upload=jpeg_with_gps()
        )
    with pytest.raises(DomainError):
        services.remove_report_photo(photo=sent, by=reported.applicant)
    assert list(reported.photos.all()) == [sent]


def test_anonymous_visitors_are_sent_to_the_login(client, running):
    response = client.post(reverse("promises:report", args=[running.pk]), form_data())
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    running.refresh_from_db()
    assert running.state == S.IN_PROGRESS


def test_a_report_sent_back_starts_from_what_was_sent(running, moderator):
    send(running, form_data())
    running.refresh_from_db()
    services.confirm_fulfilment(redemption=running, by=running.promise.owner)
    services.return_report(redemption=running, by=moderator, comment="Bitte ohne Namen")
    html = client_for(running.applicant).get(running.get_absolute_url()).text
    assert f'value="{CONTENT.title}"' in html and CONTENT.advice in html


def test_the_service_refuses_parts_longer_than_their_fields(running):
    for name, length in (("title", 141), ("lead", 401), ("advice", 5001)):
        with pytest.raises(DomainError) as refused:
            services.submit_report(
                redemption=running,
                by=running.applicant,
                content=services.ReportContent(**(vars(CONTENT) | {name: "x" * length})),
                consent=True,
            )
        assert refused.value.code == "too_long"
    running.refresh_from_db()
    assert running.state == S.IN_PROGRESS and running.report_title == ""


def test_a_removed_photo_leaves_no_file_behind(
    running, settings, django_capture_on_commit_callbacks
):
    photo = services.add_report_photo(
        redemption=running, by=running.applicant, upload=jpeg_with_gps()
    )
    path = Path(photo.image.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_report_photo(photo=photo, by=running.applicant)
    assert not path.exists() and not running.photos.exists()
