"""Export and erasure: messages stay for the other side without the author's name; contact
details, consents and read state are deleted."""

import pytest

from handschlag.accounts import services as account_services
from handschlag.conversations import selectors, services
from handschlag.conversations.models import ContactRelease, Message, Reader
from handschlag.promises.conversation import SUBJECT

from .conftest import thread_for

pytestmark = pytest.mark.django_db


def test_the_export_holds_messages_and_contact_releases(world):
    services.post_message(thread=thread_for(world.redemption), by=world.applicant, text="Hallo")
    services.release_contact(
        thread=thread_for(world.redemption), by=world.applicant, phone="0171 2345678",
        consent=True,
    )  # fmt: skip
    data = account_services.export_user_data(user=world.applicant)["conversations"]
    assert [m["text"] for m in data["messages"]] == ["Hallo"]
    assert data["messages"][0]["side"] == "redeemer"
    [release] = data["contact_releases"]
    assert release["phone"] == "0171 2345678" and release["consent_version"]
    assert account_services.export_user_data(user=world.owner)["conversations"] == {
        "messages": [],
        "contact_releases": [],
    }


def test_erasing_an_account_keeps_the_messages_for_the_other_side_without_a_name(world):
    thread = thread_for(world.redemption)
    services.post_message(thread=thread, by=world.redeemer_member, text="Bis Montag!")
    services.post_message(thread=thread_for(world.redemption), by=world.owner, text="Gern.")
    services.release_contact(
        thread=thread_for(world.redemption), by=world.redeemer_member,
        email="rita@example.org", consent=True,
    )  # fmt: skip
    account_services.delete_account(user=world.redeemer_member)

    message = Message.objects.get(text="Bis Montag!")
    assert message.author is None
    assert not ContactRelease.objects.filter(email="rita@example.org").exists()
    assert not Reader.objects.filter(user=world.redeemer_member).exists()
    assert Message.objects.get(text="Gern.").author == world.owner
    view = selectors.thread_view(subject_key=SUBJECT, obj=world.redemption, user=world.owner)
    assert [(m.author, m.text) for m in view.messages] == [
        ("gelöschtes Konto", "Bis Montag!"),
        ("Olga O. (Techwerk GmbH)", "Gern."),
    ]
