"""The registration tasks with a frozen clock: offers expire and move on down the waiting
list; reminders go out 48 hours before and at the organiser's second time, each once."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command

from handschlag.events import registration as services
from handschlag.events import registration_messages as messages
from handschlag.events import tasks
from handschlag.events.models import Event, Format, Registration
from handschlag.notifications.models import Notification
from tests import factories

from .factories import EventFactory
from .registration_helpers import assert_counter_consistent, fresh, now, register_people
from .registration_helpers import clock as clock

pytestmark = pytest.mark.django_db
State = Registration.State


def offered_kinds():
    return Notification.objects.filter(kind=messages.OFFERED.key).count()


def test_an_offer_expires_after_its_hours_and_the_next_in_line_gets_it(clock):
    event = EventFactory(capacity=1, offer_hours=48)
    [holder] = register_people(event, 1)
    first, second, third = register_people(event, 3)
    services.cancel_registration(registration=holder, by=holder.user)
    assert fresh(first).state == State.OFFERED

    clock.advance(hours=47, minutes=59)
    assert tasks.expire_offers.call() == 0
    assert fresh(first).state == State.OFFERED

    clock.advance(minutes=1)
    assert tasks.expire_offers.call() == 1
    assert fresh(first).state == State.EXPIRED
    assert fresh(second).state == State.OFFERED
    assert fresh(second).offer_expires_at == clock.now + datetime.timedelta(hours=48)
    assert fresh(third).state == State.WAITING
    assert (
        Notification.objects.filter(recipient=first.user, kind=messages.OFFER_EXPIRED.key).count()
        == 1
    )
    assert fresh(first).state_changes.last().by is None
    assert_counter_consistent(event)

    # idempotent: a second run in the same minute changes nothing
    assert tasks.expire_offers.call() == 0
    assert offered_kinds() == 2

    # the second lets it expire too; the third accepts in time
    clock.advance(hours=48)
    tasks.expire_offers.call()
    assert fresh(second).state == State.EXPIRED and fresh(third).state == State.OFFERED
    clock.advance(hours=1)
    services.accept_offer(registration=third, by=third.user)
    assert fresh(third).state == State.CONFIRMED
    assert fresh(event).free_places == 0
    assert_counter_consistent(event)


def test_an_accepted_offer_is_not_expired_later(clock):
    event = EventFactory(capacity=1)
    [holder] = register_people(event, 1)
    [waiting] = register_people(event, 1)
    services.cancel_registration(registration=holder, by=holder.user)
    services.accept_offer(registration=waiting, by=waiting.user)
    clock.advance(days=3)
    assert tasks.expire_offers.call() == 0
    assert fresh(waiting).state == State.CONFIRMED and fresh(event).free_places == 0


def test_an_expired_offer_with_nobody_waiting_frees_the_place(clock):
    event = EventFactory(capacity=1, offer_hours=12)
    [holder] = register_people(event, 1)
    [waiting] = register_people(event, 1)
    services.cancel_registration(registration=holder, by=holder.user)
    clock.advance(hours=12)
    tasks.expire_offers.call()
    assert fresh(waiting).state == State.EXPIRED
    assert fresh(event).free_places == 1
    # and a new registration is confirmed right away
    assert (
        fresh(services.register(event=event, by=factories.UserFactory())).state == State.CONFIRMED
    )


def test_offers_end_at_the_start_and_are_not_passed_on_after_it(clock):
    event = EventFactory(capacity=1, offer_hours=48, starts_at=now() + datetime.timedelta(hours=5))
    Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at + datetime.timedelta(hours=2))
    [holder] = register_people(event, 1)
    first, second = register_people(event, 2)
    services.cancel_registration(registration=holder, by=holder.user)
    clock.now = event.starts_at
    assert tasks.expire_offers.call() == 1
    assert fresh(first).state == State.EXPIRED
    assert fresh(second).state == State.WAITING  # the event has begun: no new offer
    assert fresh(event).free_places == 1


def test_the_first_reminder_comes_48_hours_before_once_and_only_to_the_confirmed(clock):
    event = EventFactory(capacity=1, starts_at=now() + datetime.timedelta(days=5))
    Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at + datetime.timedelta(hours=2))
    [confirmed] = register_people(event, 1)
    [waiting] = register_people(event, 1)
    cancelled = services.register_guest(event=event, name="C", email="c@example.org")
    services.cancel_registration(registration=cancelled, token=cancelled.token)

    clock.now = event.starts_at - datetime.timedelta(hours=48, minutes=1)
    assert tasks.send_reminders.call() == {"first": 0, "second": 0}
    clock.advance(minutes=1)
    assert tasks.send_reminders.call() == {"first": 1, "second": 0}
    assert tasks.send_reminders.call() == {"first": 0, "second": 0}
    reminders = Notification.objects.filter(kind=messages.REMINDER.key)
    assert list(reminders.values_list("recipient", flat=True)) == [confirmed.user_id]
    assert fresh(confirmed).reminded_at == clock.now
    assert fresh(waiting).reminded_at is None


def test_the_second_reminder_comes_at_the_organisers_hours(clock):
    event = EventFactory(second_reminder_hours=3, starts_at=now() + datetime.timedelta(days=5))
    Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at + datetime.timedelta(hours=2))
    [person] = register_people(event, 1)
    clock.now = event.starts_at - datetime.timedelta(hours=47)
    assert tasks.send_reminders.call() == {"first": 1, "second": 0}
    clock.now = event.starts_at - datetime.timedelta(hours=3, seconds=1)
    assert tasks.send_reminders.call() == {"first": 0, "second": 0}
    clock.advance(seconds=1)
    assert tasks.send_reminders.call() == {"first": 0, "second": 1}
    assert tasks.send_reminders.call() == {"first": 0, "second": 0}
    assert (
        Notification.objects.filter(recipient=person.user, kind=messages.REMINDER.key).count() == 2
    )


def test_no_reminders_for_cancelled_events_or_after_the_start(clock):
    event = EventFactory(starts_at=now() + datetime.timedelta(days=5))
    Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at + datetime.timedelta(hours=2))
    register_people(event, 1)
    Event.objects.filter(pk=event.pk).update(state=Event.State.CANCELLED)
    clock.now = event.starts_at - datetime.timedelta(hours=10)
    assert tasks.send_reminders.call() == {"first": 0, "second": 0}
    Event.objects.filter(pk=event.pk).update(state=Event.State.PUBLISHED)
    clock.now = event.starts_at + datetime.timedelta(minutes=1)
    assert tasks.send_reminders.call() == {"first": 0, "second": 0}


def test_who_registers_within_the_last_48_hours_gets_no_first_reminder(clock):
    # created_at is set by the model's default (the real clock), so the event starts soon
    event = EventFactory(starts_at=now() + datetime.timedelta(hours=20))
    Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at + datetime.timedelta(hours=2))
    register_people(event, 1)
    assert tasks.send_reminders.call() == {"first": 0, "second": 0}


def test_the_reminder_mail_carries_the_online_link_to_the_confirmed(
    clock, django_capture_on_commit_callbacks
):
    event = EventFactory(
        format=Format.ONLINE,
        online_url="https://meet.example.org/raum-7",
        starts_at=now() + datetime.timedelta(days=5),
    )
    Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at + datetime.timedelta(hours=2))
    [person] = register_people(event, 1)
    mail.outbox.clear()
    clock.now = event.starts_at - datetime.timedelta(hours=47)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_reminders.call()
    [sent] = mail.outbox
    assert sent.to == [person.user.email]
    assert "https://meet.example.org/raum-7" in sent.body
    assert event.title in sent.subject


def test_a_guest_is_mailed_in_their_language(clock, django_capture_on_commit_callbacks):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.register_guest(event=event, name="Olena", email="olena@example.org", language="en")
    [sent] = mail.outbox
    assert sent.to == ["olena@example.org"]
    registration = Registration.objects.get()
    assert f"/veranstaltungen/anmeldung/{registration.token}/" in sent.body
    assert Notification.objects.get().language == "en"


def test_the_management_command_expires_and_reminds(clock):
    event = EventFactory(capacity=1, starts_at=now() + datetime.timedelta(days=5))
    Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at + datetime.timedelta(hours=2))
    [holder] = register_people(event, 1)
    [waiting] = register_people(event, 1)
    services.cancel_registration(registration=holder, by=holder.user)
    clock.now = event.starts_at - datetime.timedelta(hours=47)  # the offer ran out meanwhile
    call_command("process_event_registrations", verbosity=0)
    assert fresh(waiting).state == State.EXPIRED
    assert fresh(event).free_places == 1


def _calendar_of(sent) -> icalendar.Calendar:
    [(name, content, mimetype)] = sent.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar"
    return icalendar.Calendar.from_ical(content)


def test_the_confirmation_and_the_reminder_carry_the_event_as_ics(
    clock, django_capture_on_commit_callbacks
):
    """Confirmed online: the attached .ics has the link; a person on the waiting list gets no
    file (their mail is not a confirmation) and never the link."""
    event = EventFactory(
        capacity=1,
        format=Format.ONLINE,
        online_url="https://meet.example.org/raum-7",
        starts_at=now() + datetime.timedelta(days=5),
    )
    Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at + datetime.timedelta(hours=2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        register_people(event, 2)
    confirmation, waiting = mail.outbox
    [vevent] = _calendar_of(confirmation).walk("VEVENT")
    assert str(vevent["summary"]) == event.title
    assert "https://meet.example.org/raum-7" in str(vevent.get("description", ""))
    assert not waiting.attachments and "raum-7" not in waiting.body
    mail.outbox.clear()
    clock.now = event.starts_at - datetime.timedelta(hours=47)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_reminders.call()
    [reminder] = mail.outbox
    assert _calendar_of(reminder).walk("VEVENT")[0]["uid"] == vevent["uid"]
