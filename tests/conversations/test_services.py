"""The services of conversations on a redemption: who may write when, refusals, read state,
the batched mails and the contact release with consent."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from handschlag.audit.models import AuditEntry
from handschlag.conversations import selectors, services
from handschlag.conversations.consent import CONSENT_VERSION
from handschlag.conversations.messages import NEW_MESSAGE
from handschlag.conversations.models import ContactRelease, Message, Reader
from handschlag.core.errors import DomainError
from handschlag.notifications.models import Notification
from handschlag.promises import services as promise_services
from handschlag.promises.conversation import SUBJECT
from tests import factories

from .conftest import make_world, thread_for

pytestmark = pytest.mark.django_db


def post(world_or_redemption, by, text="Hallo!"):
    redemption = getattr(world_or_redemption, "redemption", world_or_redemption)
    return services.post_message(thread=thread_for(redemption), by=by, text=text)


def test_both_sides_with_their_members_write_once_accepted(world):
    first = post(world, world.applicant, "Wann dürfen wir die Tablets abholen?")
    second = post(world, world.promiser_member, "Am Montag ab 9 Uhr.")
    third = post(world, world.redeemer_member, "Danke, ich komme vorbei.")
    assert [(m.side, m.author) for m in Message.objects.order_by("pk")] == [
        ("redeemer", world.applicant),
        ("promiser", world.promiser_member),
        ("redeemer", world.redeemer_member),
    ]
    assert first.conversation == second.conversation == third.conversation
    assert first.conversation.subject_key == SUBJECT


def test_writing_before_acceptance_is_refused_with_the_reason(db):
    world = make_world(accept=False)
    with pytest.raises(DomainError, match="angenommen"):
        post(world, world.applicant)
    assert not Message.objects.exists()


def test_a_closed_redemption_keeps_its_thread_readable_but_not_writable(world):
    post(world, world.applicant, "Wir fangen an.")
    promise_services.withdraw_application(redemption=world.redemption, by=world.applicant)
    with pytest.raises(DomainError, match="abgeschlossen"):
        post(world, world.owner, "Schade.")
    assert Message.objects.count() == 1
    view = selectors.thread_view(subject_key=SUBJECT, obj=world.redemption, user=world.owner)
    assert view is not None and not view.state.writable
    assert [m.text for m in view.messages] == ["Wir fangen an."]


@pytest.mark.parametrize("who", ["stranger", "moderator"])
def test_people_outside_the_sides_cannot_write(world, who):
    with pytest.raises(PermissionDenied):
        post(world, getattr(world, who))
    assert not Message.objects.exists()
    view = selectors.thread_view(
        subject_key=SUBJECT, obj=world.redemption, user=getattr(world, who)
    )
    assert view is None


def test_an_ex_member_can_no_longer_write(world):
    post(world, world.leaver, "Ich bin noch dabei.")
    world.remove_leaver()
    with pytest.raises(PermissionDenied):
        post(world, world.leaver, "Und jetzt?")
    assert list(Message.objects.values_list("text", flat=True)) == ["Ich bin noch dabei."]


@pytest.mark.parametrize(
    ("text", "code"), [("   \n ", "empty"), ("x" * (Message.MAX_LENGTH + 1), "too_long")]
)
def test_empty_or_too_long_messages_are_refused(world, text, code):
    with pytest.raises(DomainError) as refused:
        post(world, world.applicant, text)
    assert refused.value.code == code
    assert not Message.objects.exists()


def test_control_characters_are_cleaned(world):
    message = post(world, world.applicant, "Hallo\x0b Welt\x00!")
    message.refresh_from_db()
    assert message.text == "Hallo Welt!"


def test_five_quick_messages_send_one_mail_per_person_until_read(
    world, django_capture_on_commit_callbacks
):
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            post(world, world.applicant, f"Nachricht {n}")
    notified = Notification.objects.filter(kind=NEW_MESSAGE.key)
    # the other side: every current member of the company, once each; not the own side
    assert sorted(notified.values_list("recipient", flat=True)) == sorted(
        [world.owner.pk, world.promiser_member.pk, world.leaver.pk]
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.owner.email, world.promiser_member.email, world.leaver.email]
    )
    owners_mail = next(m for m in mail.outbox if m.to == [world.owner.email])
    assert "Nachricht 0" in owners_mail.body and "Anna A. (Willkommen e. V.)" in owners_mail.body
    assert f"/gespraeche/{SUBJECT}/{world.redemption.pk}/antworten/" in owners_mail.body

    # the owner reads the thread: their notification is read, the next message mails again
    services.mark_read(thread=thread_for(world.redemption), user=world.owner)
    assert not notified.filter(recipient=world.owner, read_at__isnull=True).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(world, world.redeemer_member, "Noch eine Frage")
    assert [m.to for m in mail.outbox] == [[world.owner.email]]
    assert "Rita R. (Willkommen e. V.)" in mail.outbox[0].body


def test_an_ex_member_is_no_longer_mailed(world, django_capture_on_commit_callbacks):
    world.remove_leaver()
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        post(world, world.applicant)
    assert world.leaver.pk not in Notification.objects.values_list("recipient", flat=True)


def test_unread_is_per_person(world):
    post(world, world.applicant, "Eins")
    post(world, world.applicant, "Zwei")
    thread = thread_for(world.redemption)
    services.mark_read(thread=thread, user=world.owner)
    post(world, world.applicant, "Drei")

    def unread(user):
        view = selectors.thread_view(subject_key=SUBJECT, obj=world.redemption, user=user)
        return [m.text for m in view.messages if m.unread]

    assert unread(world.owner) == ["Drei"]
    assert unread(world.promiser_member) == ["Eins", "Zwei", "Drei"]
    assert unread(world.applicant) == []  # one's own messages are never unread
    # a teammate's messages are new to the others of the same side, too
    assert unread(world.redeemer_member) == ["Eins", "Zwei", "Drei"]


def test_contact_details_are_shown_only_when_both_sides_released(world):
    thread = thread_for(world.redemption)
    services.release_contact(
        thread=thread, by=world.applicant, email="anna@example.org", phone="", consent=True
    )

    def view(user):
        return selectors.thread_view(subject_key=SUBJECT, obj=world.redemption, user=user)

    assert view(world.owner).other_side_shared and not view(world.owner).other_contacts
    assert not view(world.applicant).contacts_visible
    services.release_contact(
        thread=thread_for(world.redemption),
        by=world.promiser_member,
        email="",
        phone="03675 123456",
        consent=True,
    )
    assert view(world.owner).other_contacts == [
        {"name": "Anna A.", "email": "anna@example.org", "phone": ""}
    ]
    assert view(world.redeemer_member).other_contacts == [
        {"name": "Paul P.", "email": "", "phone": "03675 123456"}
    ]
    release = ContactRelease.objects.get(user=world.applicant)
    assert release.consent_version == CONSENT_VERSION and release.consented_at is not None
    entry = AuditEntry.objects.get(verb=services.CONTACT_RELEASED, actor=world.applicant)
    assert entry.details["consent_version"] == CONSENT_VERSION
    assert "anna@example.org" not in str(entry.details)

    # revoked: the data is gone, the consent record stays, the other side sees nothing
    assert services.revoke_contact(thread=thread_for(world.redemption), by=world.applicant) == 1
    release.refresh_from_db()
    assert release.revoked_at is not None and release.email == "" and release.phone == ""
    assert view(world.owner).other_contacts == []
    assert AuditEntry.objects.filter(verb=services.CONTACT_REVOKED, actor=world.applicant).exists()


def test_an_ex_members_release_is_no_longer_shown(world):
    services.release_contact(
        thread=thread_for(world.redemption), by=world.leaver, email="lena@example.org",
        consent=True,
    )  # fmt: skip
    services.release_contact(
        thread=thread_for(world.redemption), by=world.applicant, email="anna@example.org",
        consent=True,
    )  # fmt: skip
    world.remove_leaver()
    view = selectors.thread_view(subject_key=SUBJECT, obj=world.redemption, user=world.applicant)
    assert view.other_contacts == [] and not view.contacts_visible


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "anna@example.org", "consent": False}, "einverstanden"),
        ({"email": "", "phone": "", "consent": True}, "E-Mail-Adresse oder eine Telefonnummer"),
        ({"email": "kein-at", "consent": True}, "gültige E-Mail"),
        ({"phone": "ruf mich an", "consent": True}, "Ziffern"),
    ],
)
def test_contact_releases_need_consent_and_valid_details(world, data, message):
    with pytest.raises(DomainError, match=message):
        services.release_contact(thread=thread_for(world.redemption), by=world.applicant, **data)
    assert not ContactRelease.objects.exists()
    assert not AuditEntry.objects.filter(verb=services.CONTACT_RELEASED).exists()


def test_strangers_cannot_release_and_closed_threads_take_no_release(world):
    with pytest.raises(PermissionDenied):
        services.release_contact(
            thread=thread_for(world.redemption), by=world.stranger, email="s@example.org",
            consent=True,
        )  # fmt: skip
    promise_services.withdraw_application(redemption=world.redemption, by=world.applicant)
    with pytest.raises(DomainError):
        services.release_contact(
            thread=thread_for(world.redemption), by=world.applicant, email="a@example.org",
            consent=True,
        )  # fmt: skip
    assert not ContactRelease.objects.exists()


def test_a_new_release_replaces_the_earlier_one(world):
    thread = thread_for(world.redemption)
    services.release_contact(thread=thread, by=world.applicant, email="a@example.org", consent=True)
    services.release_contact(thread=thread, by=world.applicant, phone="0171 2345678", consent=True)
    active = ContactRelease.objects.filter(revoked_at__isnull=True)
    assert list(active.values_list("email", "phone")) == [("", "0171 2345678")]
    assert ContactRelease.objects.filter(revoked_at__isnull=False, email="").count() == 1


def test_only_moderators_hide_messages(world):
    message = post(world, world.applicant, "Unfreundlich")
    with pytest.raises(PermissionDenied):
        services.hide_message(message=message, by=world.owner)
    message.refresh_from_db()
    assert message.hidden_at is None
    services.hide_message(message=message, by=world.moderator, comment="beleidigend")
    message.refresh_from_db()
    assert message.hidden_at is not None
    assert AuditEntry.objects.filter(verb=services.MESSAGE_HIDDEN, actor=world.moderator).exists()
    view = selectors.thread_view(subject_key=SUBJECT, obj=world.redemption, user=world.owner)
    assert view.messages[0].hidden and view.messages[0].text == ""


def test_a_person_to_person_redemption_has_the_two_people_as_sides(db):
    owner, applicant = factories.UserFactory(), factories.UserFactory()
    promise = factories.PromiseFactory(owner=owner)
    redemption = factories.RedemptionFactory(promise=promise, applicant=applicant)
    promise_services.accept_application(redemption=redemption, by=owner)
    post(redemption, applicant, "Hallo")
    post(redemption, owner, "Hallo zurück")
    with pytest.raises(PermissionDenied):
        post(redemption, factories.UserFactory())
    assert Reader.objects.filter(user=owner).exists()
    assert Message.objects.count() == 2
