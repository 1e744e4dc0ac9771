"""A message can be reported; a moderator can hide it from both sides."""

import pytest
from django.urls import reverse

from handschlag.conversations import services
from handschlag.conversations.models import Message
from handschlag.moderation.models import AbuseReport
from tests.conftest import client_for

from .conftest import thread_for

pytestmark = pytest.mark.django_db


def test_a_reported_message_is_hidden_by_the_moderation(world):
    message = services.post_message(
        thread=thread_for(world.redemption), by=world.applicant, text="Beleidigung"
    )
    report_url = reverse("moderation:report_abuse", args=["message", message.pk])
    page = client_for(world.owner).get(world.redemption.get_absolute_url()).content.decode()
    assert report_url in page
    # the report page names the message without its text
    form = client_for(world.owner).get(report_url).content.decode()
    assert "Beleidigung" not in form
    response = client_for(world.owner).post(report_url, {"reason": "offensive"})
    assert response.status_code == 302
    report = AbuseReport.objects.get()
    assert report.target == message

    review = reverse("moderation:abuse", args=[report.pk])
    assert client_for(world.owner).post(review, {"decision": "do:hide_message"}).status_code in (
        302,
        403,
        404,
    )
    message.refresh_from_db()
    assert message.hidden_at is None
    response = client_for(world.moderator).post(
        review, {"decision": "do:hide_message", "comment": "Beleidigend."}
    )
    assert response.status_code == 302
    message.refresh_from_db()
    report.refresh_from_db()
    assert message.hidden_at is not None and report.state == AbuseReport.State.RESOLVED
    page = client_for(world.owner).get(world.redemption.get_absolute_url()).content.decode()
    assert "Beleidigung" not in page and "ausgeblendet" in page


def test_hidden_messages_cannot_be_reported_again(world):
    message = services.post_message(
        thread=thread_for(world.redemption), by=world.applicant, text="x"
    )
    services.hide_message(message=message, by=world.moderator)
    url = reverse("moderation:report_abuse", args=["message", message.pk])
    assert client_for(world.owner).get(url).status_code == 404
    assert Message.objects.get().hidden_at is not None


def test_a_moderator_reads_a_message_only_once_it_was_reported(world):
    message = services.post_message(
        thread=thread_for(world.redemption), by=world.applicant, text="Das ist privat."
    )
    url = message.get_absolute_url()
    moderator = client_for(world.moderator)
    assert moderator.get(url).status_code == 404
    assert client_for(world.stranger).get(url).status_code == 404
    response = client_for(world.owner).get(url)
    assert response["Location"] == f"{world.redemption.get_absolute_url()}#nachricht-{message.pk}"

    report_url = reverse("moderation:report_abuse", args=["message", message.pk])
    client_for(world.owner).post(report_url, {"reason": "privacy"})
    page = moderator.get(url)
    assert page.status_code == 200 and "Das ist privat." in page.content.decode()
    assert client_for(world.stranger).get(url).status_code == 404
    # the rest of the thread stays closed to the moderator
    later = services.post_message(
        thread=thread_for(world.redemption), by=world.owner, text="Antwort"
    )
    assert moderator.get(later.get_absolute_url()).status_code == 404


def test_only_the_other_side_may_report_a_message(world):
    """A stranger guessing message ids can neither see the report form nor file a report, and
    the author cannot report their own message."""
    message = services.post_message(
        thread=thread_for(world.redemption), by=world.applicant, text="privat"
    )
    url = reverse("moderation:report_abuse", args=["message", message.pk])
    for person in (world.stranger, world.applicant):
        client = client_for(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "offensive"}).status_code == 404
    assert not AbuseReport.objects.exists()
    assert client_for(world.owner).post(url, {"reason": "offensive"}).status_code == 302
    assert AbuseReport.objects.get().reporter == world.owner


def test_the_service_refuses_a_report_by_a_stranger(world):
    from django.core.exceptions import PermissionDenied

    from handschlag.moderation.services import file_abuse_report

    message = services.post_message(
        thread=thread_for(world.redemption), by=world.applicant, text="privat"
    )
    with pytest.raises(PermissionDenied):
        file_abuse_report(reporter=world.stranger, target=message, reason="offensive")
    assert not AbuseReport.objects.exists()
