"""The events of the demo world (check-in part): every kind, a full event with a waiting list
and an open offer, a webinar, a weekly meet-up, a past citizen dialogue with its report."""

import pytest
from django.core.management import call_command
from django.db.models import Sum

from handschlag.blog.models import Post
from handschlag.events.models import Event, EventPhoto, Format, Kind, Registration

State = Registration.State


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_every_kind_upcoming_and_past_in_the_seed_towns(demo):
    events = Event.objects.all()
    assert set(events.values_list("kind", flat=True)) == set(Kind.values)
    assert Event.objects.upcoming().count() >= 5
    assert events.exclude(pk__in=Event.objects.upcoming()).count() >= 2
    assert events.values("municipality").distinct().count() >= 6


def test_one_full_event_with_a_waiting_list_and_an_open_offer(demo):
    full = Event.objects.get(free_places=0, state=Event.State.PUBLISHED, ends_at__gte=_now())
    states = list(full.registrations.values_list("state", flat=True))
    assert states.count(State.WAITING) >= 1 and states.count(State.OFFERED) == 1
    offer = full.registrations.get(state=State.OFFERED)
    assert offer.offer_expires_at is not None and offer.offer_expires_at > _now()


def test_webinar_online_with_link_and_weekly_meetup(demo):
    webinar = Event.objects.get(kind=Kind.WEBINAR)
    assert webinar.format == Format.ONLINE and webinar.online_url.startswith("https://")
    assert Event.objects.get(kind=Kind.TANDEM_MEETUP).recurrence.startswith("FREQ=WEEKLY")


def test_past_citizen_dialogue_is_closed_with_its_report_published(demo):
    dialogue = Event.objects.get(kind=Kind.CITIZEN_DIALOGUE)
    assert dialogue.is_past and dialogue.state == Event.State.CLOSED and dialogue.outcome
    post = dialogue.report_post
    assert post is not None and post.published_at is not None
    assert post in Post.objects.published()
    assert EventPhoto.objects.filter(event=dialogue).get().alt_text
    assert dialogue.registrations.filter(state=State.ATTENDED).exists()


def test_counters_match_the_places_held(demo):
    for event in Event.objects.all():
        held = event.registrations.holding().aggregate(n=Sum("places"))["n"] or 0
        assert event.free_places == event.capacity - event.reserved_places - held, event.title


def test_loading_twice_changes_nothing(demo):
    counts = (Event.objects.count(), Registration.objects.count(), Post.objects.count(),
              EventPhoto.objects.count())  # fmt: skip
    call_command("load_demo", verbosity=0)
    assert counts == (Event.objects.count(), Registration.objects.count(), Post.objects.count(),
                      EventPhoto.objects.count())  # fmt: skip


def _now():
    from django.utils import timezone

    return timezone.now()


def test_demo_accounts_can_try_the_door_and_the_report(demo):
    from django.test import Client
    from django.urls import reverse

    from handschlag.accounts.models import User

    def client(email):
        c = Client()
        c.force_login(User.objects.get(email=email))
        return c

    evening = Event.objects.get(title="Elternabend mit Dolmetschenden")
    initiative = client("initiative@demo.handschlag.example")
    page = initiative.get(reverse("events:participants", args=[evening.pk]))
    assert page.status_code == 200
    assert "5 × Verdolmetschung Arabisch" in page.text and "3 Kinder in Betreuung" in page.text
    code = evening.registrations.filter(state=State.CONFIRMED, user=None).first().checkin_code
    door = initiative.post(reverse("events:checkin", args=[evening.pk]), {"code": code})
    assert "Willkommen" in door.text

    workshop = Event.objects.get(title__startswith="Workshop: Ausbildung im Handwerk")
    report_page = client("firma@demo.handschlag.example").get(
        reverse("events:report", args=[workshop.pk])
    )
    assert report_page.status_code == 200 and "Speichern und Veranstaltung abschließen" in (
        report_page.text
    )
