"""The events pages of the HTML check: public lists and calendar, the event page in its
states, registering (with and without account), the organiser's pages and the moderation."""

from __future__ import annotations

from django.urls import reverse

from handschlag.events.models import Event, Registration
from tests.events.factories import EventFactory

from .page import Page, anonymous, at, nothing, person
from .world import PageWorld

FULL = "Netzwerktreffen Ehrenamt Torgau"
DIALOGUE_PREFIX = "Bürgerdialog"
TODAY_PREFIX = "Elternabend"


def event(title_start: str) -> Event:
    return Event.objects.filter(title__startswith=title_start).order_by("pk").first()


def event_url(title_start: str, name: str = "") -> object:
    def build(world: PageWorld) -> str:
        found = event(title_start)
        return reverse(name, args=[found.pk]) if name else found.get_absolute_url()

    return build


def _organiser_of(title_start: str) -> object:
    """An admin of the organisation that runs the event."""

    def build(world: PageWorld):
        found = event(title_start)
        return found.organisation.memberships.filter(role="admin").order_by("pk").first().user

    return build


def _past_workshop() -> Event:
    return Event.objects.filter(ends_at__lt=_now(), state=Event.State.PUBLISHED).first()


def _now():
    from django.utils import timezone

    return timezone.now()


def _guest_registration(world: PageWorld) -> str:
    guest = Registration.objects.filter(user=None).order_by("pk").first()
    return reverse("events:registration", args=[guest.token])


def _held_registration(world: PageWorld) -> str:
    held = Registration.objects.filter(
        event=event(FULL), state=Registration.State.CONFIRMED
    ).first()
    return reverse("events:cancel_by_organiser", args=[held.pk])


def _pending(world: PageWorld) -> str:
    organisation = world.organisation("willkommen")
    pending = EventFactory(organisation=organisation, state=Event.State.PENDING, published_at=None)
    return reverse("events:review", args=[pending.pk])


def _past_workshop_report(world: PageWorld) -> str:
    return reverse("events:report", args=[_past_workshop().pk])


def _past_workshop_admin(world: PageWorld):
    return _past_workshop().organisation.memberships.filter(role="admin").first().user


EVENT_PAGES = [
    Page("event_list", anonymous, at("events:list")),
    Page("event_list_filtered", anonymous, lambda w: reverse("events:list") + "?art=workshop"),
    Page("event_list_bad_filter", anonymous, lambda w: reverse("events:list") + "?von=morgen"),
    Page("event_calendar", anonymous, at("events:calendar")),
    Page("event_detail", anonymous, event_url(TODAY_PREFIX)),
    Page("event_full", anonymous, event_url(FULL)),
    Page("event_full_signed_in", person("volunteer"), event_url(FULL)),
    Page("event_closed_with_report", anonymous, event_url(DIALOGUE_PREFIX)),
    Page("event_register", anonymous, event_url(TODAY_PREFIX, "events:register")),
    Page(
        "event_register_errors",
        anonymous,
        event_url(TODAY_PREFIX, "events:register"),
        data=nothing,
    ),
    Page("event_guest_registration", anonymous, _guest_registration),
    Page("event_my_registrations", person("volunteer"), at("events:my_registrations")),
    Page("event_subscription", person("volunteer"), at("events:calendar_subscription")),
    Page("event_form", person("initiative"), at("events:create")),
    Page("event_form_errors", person("initiative"), at("events:create"), data=nothing),
    Page("event_mine", person("initiative"), at("events:mine")),
    Page("event_organiser_view", _organiser_of(TODAY_PREFIX), event_url(TODAY_PREFIX)),
    Page("event_edit", _organiser_of(TODAY_PREFIX), event_url(TODAY_PREFIX, "events:edit")),
    Page("event_cancel", _organiser_of(TODAY_PREFIX), event_url(TODAY_PREFIX, "events:cancel")),
    Page(
        "event_participants",
        _organiser_of(FULL),
        event_url(FULL, "events:participants"),
    ),
    Page("event_checkin", _organiser_of(TODAY_PREFIX), event_url(TODAY_PREFIX, "events:checkin")),
    Page(
        "event_message",
        _organiser_of(FULL),
        event_url(FULL, "events:message_participants"),
    ),
    Page("event_cancel_registration", _organiser_of(FULL), _held_registration),
    Page("event_report", _past_workshop_admin, _past_workshop_report),
    Page("event_review", person("moderator"), _pending),
]
