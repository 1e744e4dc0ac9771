"""Messages between mentor and mentee through the kernel's conversations ("mentoring.tandem"):
the two sides write while the tandem is proposed, active or paused and read after its end;
the coordination and everyone else read nothing; a mentee without account has no thread and
the tandem page says how contact runs instead; erasing a person leaves the thread
consistent."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from handschlag.accounts.services import delete_account
from handschlag.conversations import selectors, services
from handschlag.conversations.models import ContactRelease, Message, Reader
from handschlag.conversations.registry import conversation_subjects
from handschlag.conversations.rules import may
from handschlag.conversations.threads import thread_of
from handschlag.core.errors import DomainError
from handschlag.mentoring import privacy, tandems
from handschlag.mentoring.models import Mentee, Tandem
from handschlag.mentoring.tandem_conversation import SUBJECT
from handschlag.notifications.models import Notification

from .tandems_helpers import make_tandem

pytestmark = pytest.mark.django_db


def _thread(tandem):
    return thread_of(subject_key=SUBJECT, obj=Tandem.objects.get(pk=tandem.pk))


def _post(tandem, by, text="Hallo!"):
    return services.post_message(thread=_thread(tandem), by=by, text=text)


def _post_url(tandem):
    return reverse("conversations:post", args=[SUBJECT, tandem.pk])


def test_the_subject_is_registered_by_mentoring():
    subject = conversation_subjects[SUBJECT]
    assert subject.party_perm == "mentoring.view_tandem"


@pytest.mark.parametrize("state", ["proposed", "active", "paused"])
def test_mentor_and_mentee_write_to_each_other(world, state):
    tandem = make_tandem(world, state)
    _post(tandem, world.mentor.user, "Passt Ihnen Dienstag um 16 Uhr?")
    _post(tandem, world.mentee.user, "Ja, gern. Bis Dienstag!")
    assert list(Message.objects.order_by("pk").values_list("side", "author")) == [
        ("mentor", world.mentor.user.pk),
        ("mentee", world.mentee.user.pk),
    ]
    told = Notification.objects.filter(kind="conversations.new_message")
    assert {n.recipient for n in told} == {world.mentor.user, world.mentee.user}
    # the mail names the tandem, not the people
    assert all(n.params["title"] == str(tandem) for n in told)


@pytest.mark.parametrize(
    "role",
    ["staff", "carrier_coordinator", "site_coordinator", "other_site_coordinator", "stranger"],
)
def test_nobody_else_reads_or_writes_not_even_the_coordination(client, world, role):
    tandem = make_tandem(world)
    _post(tandem, world.mentor.user, "Nur für uns beide.")
    outsider = getattr(world, role)
    thread = _thread(tandem)
    assert not may("conversations.read_thread", outsider, thread)
    assert selectors.thread_view(subject_key=SUBJECT, obj=tandem, user=outsider) is None
    with pytest.raises(PermissionDenied):
        services.post_message(thread=thread, by=outsider, text="Hallo")
    client.force_login(outsider)
    page = client.get(tandem.get_absolute_url())
    assert "Nur für uns beide." not in page.content.decode()
    assert client.post(_post_url(tandem), {"text": "Hallo"}).status_code == 404
    assert Message.objects.count() == 1


def test_both_sides_see_the_thread_on_the_tandem_page(client, world):
    tandem = make_tandem(world)
    client.force_login(world.mentor.user)
    response = client.post(_post_url(tandem), {"text": "Ich freue mich auf unser Treffen."})
    assert response.status_code == 302 and response["Location"].startswith(
        tandem.get_absolute_url()
    )
    client.force_login(world.mentee.user)
    html = client.get(tandem.get_absolute_url()).content.decode()
    assert "Ich freue mich auf unser Treffen." in html and 'id="antwort"' in html
    assert _post_url(tandem) in html  # the reply form


def test_after_the_end_the_thread_is_read_only_and_says_so(client, world):
    tandem = make_tandem(world)
    _post(tandem, world.mentee.user, "Danke für alles!")
    tandems.end_tandem(tandem=tandem, by=world.site_coordinator, reason="goal_reached")
    with pytest.raises(DomainError):
        _post(tandem, world.mentor.user, "Gern!")
    client.force_login(world.mentor.user)
    html = client.get(tandem.get_absolute_url()).content.decode()
    assert "Danke für alles!" in html and "Dieses Tandem ist beendet" in html
    assert _post_url(tandem) not in html
    assert client.post(_post_url(tandem), {"text": "Gern!"}).status_code == 302
    assert Message.objects.count() == 1


def test_an_ended_tandem_without_messages_shows_no_thread(client, world):
    tandem = make_tandem(world)
    tandems.end_tandem(tandem=tandem, by=world.site_coordinator, reason="goal_reached")
    client.force_login(world.mentor.user)
    assert 'id="gespraech"' not in client.get(tandem.get_absolute_url()).content.decode()


def test_without_an_account_the_mentee_is_reached_through_the_coordination(client, world):
    Mentee.objects.filter(pk=world.mentee.pk).update(user=None)
    tandem = make_tandem(world)
    thread = _thread(tandem)
    assert not thread.state.writable
    with pytest.raises(DomainError):
        services.post_message(thread=thread, by=world.mentor.user, text="Hallo?")
    client.force_login(world.mentor.user)
    html = client.get(tandem.get_absolute_url()).content.decode()
    assert "hat kein Konto bei Handschlag" in html
    assert world.site.contact_email in html  # how to reach the coordination
    assert 'id="gespraech"' not in html
    assert Message.objects.count() == 0


def test_erasing_the_mentor_leaves_the_thread_consistent(client, world):
    tandem = make_tandem(world)
    _post(tandem, world.mentor.user, "Schön, Sie kennenzulernen.")
    _post(tandem, world.mentee.user, "Ganz meinerseits.")
    mentor_user = world.mentor.user
    mentor_name = mentor_user.public_name
    services.release_contact(
        thread=_thread(tandem), by=mentor_user, email="m@example.org", phone="", consent=True
    )
    delete_account(user=mentor_user)
    tandem.refresh_from_db()
    assert (tandem.state, tandem.mentor_id, tandem.end_reason) == ("ended", None, "data_erased")
    thread = _thread(tandem)
    assert [side.name for side in thread.sides] == ["(Daten gelöscht)", world.mentee.first_name]
    assert not thread.state.writable
    assert not Message.objects.filter(author=mentor_user).exists()
    assert not ContactRelease.objects.filter(user=mentor_user).exists()
    assert not Reader.objects.filter(user=mentor_user).exists()
    view = selectors.thread_view(subject_key=SUBJECT, obj=tandem, user=world.mentee.user)
    assert [(m.author, m.text) for m in view.messages] == [
        ("gelöschtes Konto", "Schön, Sie kennenzulernen."),
        (world.mentee.user.public_name, "Ganz meinerseits."),
    ]
    client.force_login(world.mentee.user)
    html = client.get(tandem.get_absolute_url()).content.decode()
    assert "Schön, Sie kennenzulernen." in html and "Dieses Tandem ist beendet" in html
    assert mentor_name not in html


def test_erasing_a_mentee_takes_them_out_of_the_thread(world):
    """A coordinator erases the mentee's data; the account stays, but not in the thread."""
    tandem = make_tandem(world)
    _post(tandem, world.mentee.user, "Ich ziehe um.")
    mentee_user = world.mentee.user
    privacy.erase_mentee(mentee=world.mentee, by=world.site_coordinator)
    tandem.refresh_from_db()
    assert tandem.mentee_id is None and tandem.state == "ended"
    assert Message.objects.get().author is None
    assert not may("conversations.read_thread", mentee_user, _thread(tandem))
    view = selectors.thread_view(subject_key=SUBJECT, obj=tandem, user=world.mentor.user)
    assert [m.author for m in view.messages] == ["gelöschtes Konto"]
