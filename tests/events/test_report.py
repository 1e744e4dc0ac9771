"""The closing report: written after the event by organiser admins, photos without EXIF,
closing, submitting to the blog and publication by the moderation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from handschlag.blog.models import Post
from handschlag.blog.selectors import post_photos
from handschlag.core.errors import DomainError
from handschlag.events import report
from handschlag.events.models import Event, EventPhoto, Registration
from handschlag.notifications.models import Notification
from handschlag.organisations.models import Membership
from tests import factories
from tests.conftest import client_for
from tests.events.factories import EventFactory, RegistrationFactory, organiser_of
from tests.promises.conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db


def _past_event(**kwargs):
    start = timezone.now() - datetime.timedelta(days=3)
    return EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3), **kwargs)


def test_attendance_counts_places_of_those_who_came_and_their_organisations():
    event = _past_event()
    amira = factories.UserFactory()
    factories.MembershipFactory(
        user=amira, organisation=factories.OrganisationFactory(name="Bunt e. V.")
    )
    RegistrationFactory(event=event, user=amira, places=3, state=Registration.State.ATTENDED)
    RegistrationFactory(event=event, places=1, state=Registration.State.ATTENDED)
    RegistrationFactory(event=event, places=2, state=Registration.State.NO_SHOW)
    RegistrationFactory(event=event, places=1, state=Registration.State.CANCELLED)

    seen = report.attendance(event)

    assert (seen.attendees, seen.expected, seen.organisations) == (4, 6, ["Bunt e. V."])
    assert (
        seen.sentence() == "4 Personen haben teilgenommen. Vertreten war 1 Organisation: Bunt e. V."
    )


def test_photo_is_reencoded_without_exif_and_outcome_saved():
    event = _past_event()
    admin = organiser_of(event)

    report.save_report(
        event=event, by=admin, outcome="Ein Elterncafé wird gegründet.",
        new_photos=[jpeg_with_gps()], alt_texts=["Menschen an Tischen im Rathaussaal"],
    )  # fmt: skip

    event.refresh_from_db()
    photo = EventPhoto.objects.get(event=event)
    assert event.outcome == "Ein Elterncafé wird gegründet."
    assert photo.image.name.startswith(f"event-photos/{event.pk}/")
    with Image.open(photo.image) as image:
        assert image.format == "JPEG"
        assert not image.getexif()  # no maker, no GPS position


def test_every_photo_needs_a_description_and_at_most_five():
    event = _past_event()
    admin = organiser_of(event)
    with pytest.raises(DomainError, match="beschreiben"):
        report.save_report(
            event=event, by=admin, outcome="x", new_photos=[jpeg_with_gps()], alt_texts=[" "]
        )
    with pytest.raises(DomainError, match="Höchstens 5 Fotos"):
        report.save_report(
            event=event, by=admin, outcome="x",
            new_photos=[jpeg_with_gps() for _ in range(6)], alt_texts=["Foto"] * 6,
        )  # fmt: skip
    event.refresh_from_db()
    assert event.outcome == "" and not EventPhoto.objects.exists()


def test_a_non_image_is_refused_with_a_message():
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = _past_event()
    fake = SimpleUploadedFile("x.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    with pytest.raises(DomainError, match="kein Bild"):
        report.save_report(
            event=event, by=organiser_of(event), outcome="x", new_photos=[fake], alt_texts=["a"]
        )
    assert not EventPhoto.objects.exists()


def test_report_only_after_the_event():
    event = EventFactory()  # in two weeks
    with pytest.raises(DomainError, match="nach der Veranstaltung"):
        report.save_report(event=event, by=organiser_of(event), outcome="Zu früh")
    with pytest.raises(DomainError, match="nach der Veranstaltung"):
        report.close_event(event=event, by=organiser_of(event))
    event.refresh_from_db()
    assert event.outcome == "" and event.state == Event.State.PUBLISHED


@pytest.mark.parametrize("who", ["member", "participant", "moderator", "stranger"])
def test_only_organiser_admins_write_close_and_submit(who):
    event = _past_event()
    user = {
        "member": lambda: organiser_of(event, role=Membership.Role.MEMBER),
        "participant": lambda: RegistrationFactory(event=event).user,
        "moderator": factories.ModeratorFactory,
        "stranger": factories.UserFactory,
    }[who]()
    with pytest.raises(PermissionDenied):
        report.save_report(event=event, by=user, outcome="Übernommen")
    with pytest.raises(PermissionDenied):
        report.close_event(event=event, by=user)
    with pytest.raises(PermissionDenied):
        report.submit_report(event=event, by=user)
    event.refresh_from_db()
    assert (
        event.outcome == "" and event.state == Event.State.PUBLISHED and event.report_post is None
    )


def test_close_submit_and_publish_makes_a_linked_blog_post_with_photos():
    event = _past_event(title="Bürgerdialog Ankommen")
    admin = organiser_of(event)
    moderator = factories.ModeratorFactory()
    RegistrationFactory(event=event, places=2, state=Registration.State.ATTENDED)
    report.save_report(
        event=event, by=admin, outcome="Drei Arbeitsgruppen treffen sich weiter.",
        new_photos=[jpeg_with_gps()], alt_texts=["Stuhlkreis"],
    )  # fmt: skip
    with pytest.raises(DomainError, match="zuerst ab"):
        report.submit_report(event=event, by=admin)
    report.close_event(event=event, by=admin)

    post = report.submit_report(event=event, by=admin)

    event.refresh_from_db()
    assert event.state == Event.State.CLOSED and event.report_post == post
    assert post.published_at is None and post.kind == Post.Kind.REPORT
    assert post.title == "Rückblick: Bürgerdialog Ankommen"
    assert "2 Personen haben teilgenommen" in post.body
    assert list(report.reports_awaiting_publication()) == [event]
    with pytest.raises(DomainError, match="schon beim Blog"):
        report.save_report(event=event, by=admin, outcome="Nachträglich geändert")
    with pytest.raises(PermissionDenied):
        report.publish_report(event=event, by=admin)

    report.publish_report(event=event, by=moderator)

    post.refresh_from_db()
    assert post.published_at is not None
    assert [p.alt_text for p in post_photos(post)] == ["Stuhlkreis"]
    assert not report.reports_awaiting_publication().exists()
    assert Notification.objects.filter(recipient=admin, kind="events.report_published").exists()
    # the photo is public now
    photo = EventPhoto.objects.get()
    assert client_for_anonymous().get(photo.image.url).status_code == 200


def test_photos_are_hidden_from_the_public_until_the_report_is_published():
    event = _past_event()
    admin = organiser_of(event)
    report.save_report(
        event=event, by=admin, outcome="x", new_photos=[jpeg_with_gps()], alt_texts=["a"]
    )
    url = EventPhoto.objects.get().image.url
    assert client_for_anonymous().get(url).status_code == 404
    assert client_for(factories.UserFactory()).get(url).status_code == 404
    member = organiser_of(event, role=Membership.Role.MEMBER)
    response = client_for(member).get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_submitting_needs_an_outcome():
    event = _past_event()
    admin = organiser_of(event)
    report.close_event(event=event, by=admin)
    with pytest.raises(DomainError, match="herausgekommen"):
        report.submit_report(event=event, by=admin)
    assert not Post.objects.exists()


def test_report_page_flow_for_the_admin():
    event = _past_event()
    client = client_for(organiser_of(event))
    url = reverse("events:report", args=[event.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "action": "close",
            "outcome": "Wir treffen uns wieder.",
            "photo_1": jpeg_with_gps(),
            "alt_1": "Gruppenbild von hinten",
        },
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.state == Event.State.CLOSED and event.photos.count() == 1
    # the next uploads are numbered after the photo the page already shows as "Foto 1"
    page = client.get(url).text
    assert "Foto 1 entfernen" in page and 'for="id_photo_1">Foto 2</label>' in page
    assert ">Foto 1</label>" not in page and "Was ist auf Foto 1 zu sehen?" not in page
    assert "Was ist auf Foto 4 zu sehen?" in page
    response = client.post(
        url, {"action": "save", "outcome": "Wir treffen uns wieder.", "photo_1": jpeg_with_gps(),
              "alt_1": "Der Saal"},
    )  # fmt: skip
    assert response.status_code == 302
    assert list(event.photos.values_list("alt_text", flat=True).order_by("pk")) == [
        "Gruppenbild von hinten", "Der Saal",
    ]  # fmt: skip
    client.post(url, {"action": "submit"})
    event.refresh_from_db()
    assert event.report_post is not None


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 403), ("participant", 403), ("anonymous", 302), ("moderator", 403)],
)
def test_report_page_refuses_others_and_changes_nothing(who, status):
    event = _past_event()
    url = reverse("events:report", args=[event.pk])
    if who == "anonymous":
        client = client_for_anonymous()
    else:
        client = client_for({
            "member": lambda: organiser_of(event, role=Membership.Role.MEMBER),
            "participant": lambda: RegistrationFactory(event=event).user,
            "moderator": factories.ModeratorFactory,
        }[who]())  # fmt: skip
    assert client.get(url).status_code == status
    assert client.post(url, {"action": "close", "outcome": "fremd"}).status_code == status
    event.refresh_from_db()
    assert event.outcome == "" and event.state == Event.State.PUBLISHED


def client_for_anonymous():
    from django.test import Client

    return Client()


def test_moderator_publishes_from_the_report_page_and_the_blog_shows_it_with_photo():
    event = _past_event(title="Netzwerktreffen Ehrenamt")
    admin = organiser_of(event)
    report.save_report(
        event=event, by=admin, outcome="Ein gemeinsamer Kalender.",
        new_photos=[jpeg_with_gps()], alt_texts=["Pinnwand mit Karten"],
    )  # fmt: skip
    report.close_event(event=event, by=admin)
    report.submit_report(event=event, by=admin)
    moderator = client_for(factories.ModeratorFactory())
    url = reverse("events:report", args=[event.pk])
    page = moderator.get(url).text
    # the page speaks to the moderator, not to the organisers, and leads back to the queue
    assert "Bitte prüfen Sie den Bericht." in page and "bekommen Sie Bescheid" not in page
    assert f'href="{reverse("moderation:dashboard")}?queue=event_reports"' in page
    admin_page = client_for(admin).get(url).text
    assert "Bitte prüfen Sie den Bericht." not in admin_page
    assert "Sobald sie ihn veröffentlicht, bekommen Sie Bescheid." in admin_page
    assert moderator.post(url, {"action": "close", "outcome": "überschrieben"}).status_code == 403

    assert moderator.post(url, {"action": "publish"}).status_code == 302

    event.refresh_from_db()
    assert event.outcome == "Ein gemeinsamer Kalender."
    page = client_for_anonymous().get(event.report_post.get_absolute_url())
    assert page.status_code == 200
    assert "Ein gemeinsamer Kalender." in page.text and "Pinnwand mit Karten" in page.text


def test_submitted_report_waits_in_the_moderation_queue(django_assert_max_num_queries):
    for number in range(3):
        event = _past_event(title=f"Bürgerdialog {number}")
        admin = organiser_of(event)
        report.save_report(event=event, by=admin, outcome="Verabredungen getroffen.")
        report.close_event(event=event, by=admin)
        report.submit_report(event=event, by=admin)
    client = client_for(factories.ModeratorFactory())
    with django_assert_max_num_queries(25):
        response = client.get(reverse("moderation:dashboard") + "?queue=event_reports")
    assert response.status_code == 200
    assert response.text.count("Rückblick auf „Bürgerdialog") == 3
    assert reverse("events:report", args=[event.pk]) in response.text


@pytest.mark.parametrize(
    ("outcome", "teaser", "body"),
    [
        ("Ein Elterncafé trifft sich monatlich.", "Ein Elterncafé trifft sich monatlich.", ""),
        ("Erstens.\r\n\r\nZweitens.\n\nDrittens.", "Erstens.", "Zweitens.\n\nDrittens.\n\n"),
        ("x" * 500, "x" * 399 + "…", "x" * 500 + "\n\n"),
    ],
)
def test_the_blog_lead_is_the_first_paragraph_and_not_repeated_below(outcome, teaser, body):
    event = _past_event()
    admin = organiser_of(event)
    report.save_report(event=event, by=admin, outcome=outcome)
    report.close_event(event=event, by=admin)
    post = report.submit_report(event=event, by=admin)
    assert post.teaser == teaser
    assert post.body == body + "0 Personen haben teilgenommen."
