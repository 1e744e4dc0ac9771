"""Publishing events: every transition and refusal (state unchanged), the audit log, the
notifications (after the commit), `sequence`, the places counter when capacity changes, DST."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.events import services
from handschlag.events.forms import local_moment
from handschlag.events.models import Audience, Event, Format, Registration
from handschlag.notifications.models import Notification
from tests import factories

from .factories import EventFactory, RegistrationFactory
from .publishing import admin_of, event_fields, in_days, member_of, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(db):
    return factories.MunicipalityFactory(name="Pirna", slug="pirna", ags="14628270")


@pytest.fixture
def organisation(town):
    return factories.OrganisationFactory(name="Pirna hilft e. V.", municipality=town)


@pytest.fixture
def admin(organisation):
    return admin_of(organisation)


@pytest.fixture
def draft(admin, organisation, town):
    return services.create_event(by=admin, organisation=organisation, **event_fields(town))


def verbs(event):
    return list(
        AuditEntry.objects.filter(object_id=event.pk, verb__startswith="events.")
        .order_by("pk")
        .values_list("verb", flat=True)
    )


def mails(callbacks):
    """How many notification mails were queued to go out after the commit."""
    return sum(1 for callback in callbacks if "notify" in callback.__qualname__)


def kinds_to(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


# --- create -----------------------------------------------------------------------------------


def test_an_admin_creates_a_draft_with_all_places_free(draft, admin):
    assert draft.state == Event.State.DRAFT
    assert draft.author == admin
    assert draft.free_places == 18  # 20 places, 2 reserved
    assert draft.languages == ["de", "ar"] and draft.interpretation == ["uk"]
    assert verbs(draft) == [services.CREATED]


def test_a_plain_member_or_a_stranger_cannot_create(organisation, town):
    for user in (member_of(organisation), factories.UserFactory()):
        with pytest.raises(PermissionDenied):
            services.create_event(by=user, organisation=organisation, **event_fields(town))
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"ends_at": in_days(21, 17)}, "ends_at"),
        ({"starts_at": in_days(-1), "ends_at": in_days(-1, 20)}, "starts_at"),
        ({"reserved_places": 21}, "reserved_places"),
        ({"capacity": 0, "reserved_places": 0}, "capacity"),
        ({"format": Format.ONLINE, "online_url": ""}, "online_url"),
        ({"format": Format.HYBRID, "online_url": ""}, "online_url"),
        ({"municipality": None}, "municipality"),
        ({"venue_name": " "}, "venue_name"),
        ({"recurrence": "FREQ=WEEKLY"}, "recurrence"),
        ({"recurrence": "nonsense"}, "recurrence"),
        ({"languages": ["xx"]}, "languages"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"registration_closes_at": in_days(22)}, "registration_closes_at"),
        (
            {"registration_opens_at": in_days(10), "registration_closes_at": in_days(9)},
            "registration_closes_at",
        ),
    ],
)
def test_an_event_that_breaks_a_rule_is_refused_in_words(
    admin, organisation, town, overrides, code
):
    with pytest.raises(DomainError) as refused:
        services.create_event(
            by=admin, organisation=organisation, **event_fields(town, **overrides)
        )
    assert refused.value.code == code
    assert refused.value.message
    assert not Event.objects.exists()


def test_the_end_before_the_start_says_so(admin, organisation, town):
    with pytest.raises(DomainError, match=r"Das Ende liegt vor dem Beginn\."):
        services.create_event(
            by=admin, organisation=organisation, **event_fields(town, ends_at=in_days(21, 16))
        )


def test_an_online_event_needs_no_venue(admin, organisation):
    event = services.create_event(
        by=admin,
        organisation=organisation,
        **event_fields(
            None, format=Format.ONLINE, online_url="https://meet.example.org/x", venue_name=""
        ),
    )
    assert event.is_online and event.municipality is None


def test_a_plain_or_expert_recurrence_is_stored_normalised(admin, organisation, town):
    event = services.create_event(
        by=admin,
        organisation=organisation,
        **event_fields(town, recurrence="rrule:freq=weekly;byday=tu,th;count=6"),
    )
    assert event.recurrence == "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6"


# --- DST --------------------------------------------------------------------------------------


def test_18_00_in_berlin_after_the_october_change_is_17_00_utc(admin, organisation, town):
    # Summer time ends on 25 October 2026: 18:00 on 27 October is CET (UTC+1).
    starts = local_moment(datetime.date(2026, 10, 27), datetime.time(18), "Europe/Berlin")
    ends = local_moment(datetime.date(2026, 10, 27), datetime.time(20), "Europe/Berlin")
    before = local_moment(datetime.date(2026, 10, 20), datetime.time(18), "Europe/Berlin")
    assert starts == datetime.datetime(2026, 10, 27, 17, 0, tzinfo=datetime.UTC)
    assert before == datetime.datetime(2026, 10, 20, 16, 0, tzinfo=datetime.UTC)
    now = datetime.datetime(2026, 10, 1, 12, tzinfo=datetime.UTC)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: now)
        event = services.create_event(
            by=admin,
            organisation=organisation,
            **event_fields(town, starts_at=starts, ends_at=ends),
        )
    event.refresh_from_db()
    assert event.starts_at == datetime.datetime(2026, 10, 27, 17, 0, tzinfo=datetime.UTC)
    assert event.starts_at.astimezone(ZoneInfo("Europe/Berlin")).hour == 18


def test_a_weekly_series_keeps_its_local_time_across_the_change():
    from handschlag.events.recurrence import occurrences

    starts = datetime.datetime(2026, 10, 20, 16, 0, tzinfo=datetime.UTC)  # 18:00 CEST
    dates = occurrences("FREQ=WEEKLY;COUNT=2", starts, "Europe/Berlin")
    assert [d.hour for d in dates] == [18, 18]
    assert [d.astimezone(datetime.UTC).hour for d in dates] == [16, 17]


# --- edit -------------------------------------------------------------------------------------


def test_editing_a_draft_records_the_changed_fields_without_a_new_sequence(draft, admin):
    services.update_event(event=draft, by=admin, title="Neuer Titel", description="Anders.")
    draft.refresh_from_db()
    assert draft.title == "Neuer Titel" and draft.sequence == 0
    entry = AuditEntry.objects.filter(verb=services.CHANGED).get()
    assert entry.details["fields"] == ["description", "title"]


def test_a_change_of_time_raises_the_sequence_and_tells_everyone_registered(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=10, free_places=8)
    admin = admin_of(event.organisation)
    confirmed = RegistrationFactory(event=event, places=1)
    waiting = RegistrationFactory(event=event, state=Registration.State.WAITING)
    RegistrationFactory(
        event=event, user=None, guest_name="Amal", guest_email="amal@example.org", language="ar"
    )
    gone = RegistrationFactory(event=event, state=Registration.State.CANCELLED)
    sequence = event.sequence
    with django_capture_on_commit_callbacks() as callbacks:
        services.update_event(
            event=event, by=admin, starts_at=event.starts_at + datetime.timedelta(days=1),
            ends_at=event.ends_at + datetime.timedelta(days=1),
        )  # fmt: skip
    event.refresh_from_db()
    assert event.sequence == sequence + 1
    assert kinds_to(confirmed.user) == ["events.event_changed"]
    assert kinds_to(waiting.user) == ["events.event_changed"]
    assert kinds_to(gone.user) == []
    mail = Notification.objects.get(email="amal@example.org")
    assert mail.kind == "events.event_changed" and mail.language == "ar"
    assert mail.params["date"] == event.starts_at.astimezone(event.zone).date().isoformat()
    assert mails(callbacks) == 3  # one mail each, sent after the commit


def test_a_change_of_the_venue_raises_the_sequence_but_a_new_description_does_not():
    event = EventFactory()
    admin = admin_of(event.organisation)
    services.update_event(event=event, by=admin, description="Mit Imbiss.")
    event.refresh_from_db()
    assert event.sequence == 0
    services.update_event(event=event, by=admin, venue_name="Stadtbibliothek")
    event.refresh_from_db()
    assert event.sequence == 1


def test_raising_capacity_adds_free_places():
    event = EventFactory(capacity=10, free_places=3)  # 7 held
    admin = admin_of(event.organisation)
    services.update_event(event=event, by=admin, capacity=15)
    event.refresh_from_db()
    assert (event.capacity, event.free_places) == (15, 8)


def test_more_reserved_places_take_free_ones():
    event = EventFactory(capacity=10, free_places=3)
    admin = admin_of(event.organisation)
    services.update_event(event=event, by=admin, reserved_places=2)
    event.refresh_from_db()
    assert (event.reserved_places, event.free_places) == (2, 1)


def test_capacity_cannot_go_below_the_places_held():
    event = EventFactory(capacity=10, free_places=3)  # 7 held
    admin = admin_of(event.organisation)
    before = snapshot(event)
    with pytest.raises(DomainError, match="7 Plätze sind schon vergeben") as refused:
        services.update_event(event=event, by=admin, capacity=6, title="Anders")
    assert refused.value.code == "capacity"
    assert snapshot(event) == before
    services.update_event(event=event, by=admin, capacity=7)
    event.refresh_from_db()
    assert (event.capacity, event.free_places) == (7, 0)


def test_the_free_places_are_not_overwritten_by_an_edit(monkeypatch):
    """A registration that takes a place while the edit runs is not undone by its save."""
    event = EventFactory(capacity=10, free_places=10)
    admin = admin_of(event.organisation)
    stale = Event.objects.get(pk=event.pk)
    Event.objects.filter(pk=event.pk).update(free_places=9)  # someone registered
    services.update_event(event=stale, by=admin, title="Neuer Titel")
    event.refresh_from_db()
    assert event.free_places == 9


def test_raising_capacity_moves_the_waiting_list():
    from django.utils import timezone

    event = EventFactory(capacity=2, free_places=0)
    RegistrationFactory.create_batch(2, event=event)
    first, second, third = (
        RegistrationFactory(
            event=event, state=Registration.State.WAITING, waiting_since=timezone.now()
        )
        for _ in range(3)
    )
    services.update_event(event=event, by=admin_of(event.organisation), capacity=4)
    states = [Registration.objects.get(pk=r.pk).state for r in (first, second, third)]
    assert states == ["offered", "offered", "waiting"]
    event.refresh_from_db()
    assert event.free_places == 0


@pytest.mark.parametrize("state", [Event.State.PENDING, Event.State.CANCELLED, Event.State.CLOSED])
def test_an_event_in_moderation_or_over_cannot_be_edited(state):
    event = EventFactory(state=state)
    before = snapshot(event)
    with pytest.raises(DomainError):
        services.update_event(event=event, by=admin_of(event.organisation), title="Anders")
    assert snapshot(event) == before


def test_members_strangers_and_moderators_cannot_edit():
    event = EventFactory()
    before = snapshot(event)
    for user in (
        member_of(event.organisation),
        factories.UserFactory(),
        factories.ModeratorFactory(),
    ):
        with pytest.raises(PermissionDenied):
            services.update_event(event=event, by=user, title="Übernommen")
    assert snapshot(event) == before


def test_unknown_fields_are_a_programming_error():
    event = EventFactory()
    with pytest.raises(TypeError):
        services.update_event(event=event, by=admin_of(event.organisation), free_places=99)


# --- submit, publish, return ------------------------------------------------------------------


def test_a_public_event_goes_to_the_moderation(draft, admin):
    services.submit_event(event=draft, by=admin)
    draft.refresh_from_db()
    assert draft.state == Event.State.PENDING and draft.sequence == 1
    assert draft.published_at is None
    assert verbs(draft)[-1] == services.SUBMITTED


def test_an_event_for_members_only_is_published_at_once(admin, organisation, town):
    event = services.create_event(
        by=admin, organisation=organisation, **event_fields(town, audience=Audience.MEMBERS)
    )
    services.submit_event(event=event, by=admin)
    event.refresh_from_db()
    assert event.state == Event.State.PUBLISHED and event.published_at is not None
    assert verbs(event)[-1] == services.PUBLISHED_FOR_MEMBERS


def test_submitting_is_refused_for_others_and_in_the_wrong_state(draft, organisation):
    before = snapshot(draft)
    for user in (member_of(organisation), factories.UserFactory()):
        with pytest.raises(PermissionDenied):
            services.submit_event(event=draft, by=user)
    assert snapshot(draft) == before
    published = EventFactory(organisation=organisation)
    before = snapshot(published)
    with pytest.raises(DomainError):
        services.submit_event(event=published, by=admin_of(organisation))
    assert snapshot(published) == before


def test_a_draft_whose_date_has_passed_cannot_be_submitted(draft, admin):
    Event.objects.filter(pk=draft.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    before = snapshot(draft)
    with pytest.raises(DomainError, match="Vergangenheit"):
        services.submit_event(event=draft, by=admin)
    assert snapshot(draft) == before


def test_a_moderator_publishes_and_the_organisers_hear_of_it(
    draft, admin, moderator, django_capture_on_commit_callbacks
):
    services.submit_event(event=draft, by=admin)
    other_admin = admin_of(draft.organisation)
    with django_capture_on_commit_callbacks() as callbacks:
        services.publish_event(event=draft, by=moderator, comment="Gern!")
    draft.refresh_from_db()
    assert draft.state == Event.State.PUBLISHED and draft.sequence == 2
    assert draft.published_at is not None and draft.moderation_comment == "Gern!"
    assert verbs(draft)[-1] == services.PUBLISHED
    assert kinds_to(admin) == ["events.event_published"]
    assert kinds_to(other_admin) == ["events.event_published"]
    assert mails(callbacks) == 2


def test_nothing_is_sent_when_the_publication_rolls_back(draft, admin, moderator):
    from django.db import transaction

    services.submit_event(event=draft, by=admin)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.publish_event(event=draft, by=moderator)
        raise RuntimeError
    assert not Notification.objects.exists()
    draft.refresh_from_db()
    assert draft.state == Event.State.PENDING


def test_a_moderator_returns_with_a_reason(draft, admin, moderator):
    services.submit_event(event=draft, by=admin)
    before = snapshot(draft)
    with pytest.raises(DomainError):
        services.return_event(event=draft, by=moderator, comment="  ")
    assert snapshot(draft) == before
    services.return_event(event=draft, by=moderator, comment="Bitte den Ort genauer angeben.")
    draft.refresh_from_db()
    assert draft.state == Event.State.RETURNED and draft.sequence == 2
    assert verbs(draft)[-1] == services.RETURNED
    note = Notification.objects.get(recipient=admin)
    assert note.kind == "events.event_returned"
    assert note.params["comment"] == "Bitte den Ort genauer angeben."
    # and the organiser can send it again
    services.submit_event(event=draft, by=admin)
    draft.refresh_from_db()
    assert draft.state == Event.State.PENDING


def test_only_moderators_publish_and_only_what_waits(draft, admin, moderator):
    before = snapshot(draft)
    with pytest.raises(PermissionDenied):
        services.publish_event(event=draft, by=admin)
    with pytest.raises(DomainError):
        services.publish_event(event=draft, by=moderator)  # still a draft
    assert snapshot(draft) == before


def test_a_published_event_can_be_returned_after_a_report(moderator):
    event = EventFactory()
    services.return_event(event=event, by=moderator, comment="Gemeldet: Werbung.")
    event.refresh_from_db()
    assert event.state == Event.State.RETURNED


# --- cancel -----------------------------------------------------------------------------------


def test_cancelling_ends_every_active_registration_and_tells_each_person(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=10, free_places=7)
    admin = admin_of(event.organisation)
    confirmed = RegistrationFactory(event=event, places=2)
    offered = RegistrationFactory(event=event, state=Registration.State.OFFERED)
    waiting = RegistrationFactory(event=event, state=Registration.State.WAITING)
    guest = RegistrationFactory(
        event=event, user=None, guest_name="Olena", guest_email="olena@example.org",
        state=Registration.State.REQUESTED, language="uk",
    )  # fmt: skip
    left = RegistrationFactory(event=event, state=Registration.State.CANCELLED)
    with django_capture_on_commit_callbacks() as callbacks:
        services.cancel_event(
            event=event, by=admin, reason="Der Saal ist wegen Wasserschaden gesperrt."
        )
    event.refresh_from_db()
    assert event.state == Event.State.CANCELLED and event.sequence == 1
    assert event.cancel_reason == "Der Saal ist wegen Wasserschaden gesperrt."
    assert event.free_places == 10
    for registration in (confirmed, offered, waiting, guest):
        registration.refresh_from_db()
        assert registration.state == Registration.State.CANCELLED_BY_ORGANISER
    left.refresh_from_db()
    assert left.state == Registration.State.CANCELLED
    for registration in (confirmed, offered, waiting):
        assert kinds_to(registration.user) == ["events.event_cancelled"]
    assert kinds_to(left.user) == []
    mail = Notification.objects.get(email="olena@example.org")
    assert mail.params["reason"] == "Der Saal ist wegen Wasserschaden gesperrt."
    assert mails(callbacks) == 4
    entry = AuditEntry.objects.get(verb=services.CANCELLED)
    assert entry.details["registrations"] == 4


def test_cancelling_is_refused_without_reason_for_others_and_when_not_published(draft, admin):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    before = snapshot(event)
    with pytest.raises(DomainError):
        services.cancel_event(event=event, by=admin_of(event.organisation), reason=" ")
    for user in (
        member_of(event.organisation),
        factories.UserFactory(),
        factories.ModeratorFactory(),
    ):
        with pytest.raises(PermissionDenied):
            services.cancel_event(event=event, by=user, reason="Weil.")
    assert snapshot(event) == before
    registration.refresh_from_db()
    assert registration.state == Registration.State.CONFIRMED
    assert not Notification.objects.exists()
    before = snapshot(draft)
    with pytest.raises(DomainError):
        services.cancel_event(event=draft, by=admin, reason="Weil.")
    assert snapshot(draft) == before


def test_a_cancelled_event_cannot_be_cancelled_again():
    event = EventFactory()
    admin = admin_of(event.organisation)
    services.cancel_event(event=event, by=admin, reason="Krank.")
    before = snapshot(event)
    with pytest.raises(DomainError):
        services.cancel_event(event=event, by=admin, reason="Nochmal.")
    assert snapshot(event) == before


def test_the_organiser_takes_an_event_back_from_the_moderation(draft, admin, organisation):
    services.submit_event(event=draft, by=admin)
    before = snapshot(draft)
    for user in (member_of(organisation), factories.ModeratorFactory()):
        with pytest.raises(PermissionDenied):
            services.retract_event(event=draft, by=user)
    assert snapshot(draft) == before
    services.retract_event(event=draft, by=admin)
    draft.refresh_from_db()
    assert draft.state == Event.State.DRAFT and draft.sequence == 2
    assert verbs(draft)[-1] == services.RETRACTED
    with pytest.raises(DomainError):
        services.retract_event(event=draft, by=admin)
