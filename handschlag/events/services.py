"""Publishing events: create, edit, submit (to the moderation, or straight out for members),
publish or return (moderation), cancel. Registrations, the waiting list and check-in have their
own modules; this one only ends registrations when an event is cancelled.

Public events go through the moderation like promises; an event only for the members of the
organiser is published when it is submitted (nobody outside the organisation sees it). Every
change of time, place or state raises `sequence`, so calendars replace their copy (.ics).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.audit.services import record
from handschlag.core import versions
from handschlag.core.errors import DomainError
from handschlag.notifications.recipients import Target, address, admins_of
from handschlag.notifications.services import notify
from handschlag.organisations.models import Membership
from handschlag.organisations.rules import is_org_admin

from . import messages, recurrence
from .languages import NATIVE_NAMES
from .models import Audience, Event, Registration
from .registration import fill_from_waiting_list

if TYPE_CHECKING:
    from handschlag.accounts.models import User
    from handschlag.organisations.models import Organisation

# Fields an organiser may set; state, counters and sequence belong to the services.
EDITABLE_FIELDS = (
    "title", "description", "kind", "format", "audience", "municipality", "venue_name",
    "venue_address", "accessibility", "online_url", "starts_at", "ends_at", "timezone",
    "recurrence", "capacity", "reserved_places", "registration_opens_at",
    "registration_closes_at", "max_places_per_registration", "offer_hours",
    "second_reminder_hours", "languages", "interpretation",
)  # fmt: skip
# A change of these is a change of time or place: calendars update, participants are told.
TIME_AND_PLACE = (
    "starts_at", "ends_at", "timezone", "recurrence", "format", "municipality", "venue_name",
    "venue_address", "online_url",
)  # fmt: skip
RETURNABLE_STATES = (Event.State.PENDING, Event.State.PUBLISHED)
# Audit verbs (registered in apps.py).
CREATED = "events.create_event"
CHANGED = "events.change_event"
SUBMITTED = "events.submit_event"
PUBLISHED = "events.publish_event"
PUBLISHED_FOR_MEMBERS = "events.publish_members_event"
RETURNED = "events.return_event"
RETRACTED = "events.retract_event"
CANCELLED = "events.cancel_event"


def _require(perm: str, user: User, obj: Any) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _lock(event: Event) -> Event:
    """The event reloaded under its row lock (the lock order everywhere: event, then its
    registrations)."""
    return Event.objects.select_for_update().get(pk=event.pk)


# --- checks ----------------------------------------------------------------------------------


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    if "recurrence" in fields:
        fields["recurrence"] = recurrence.normalise(fields["recurrence"] or "")
    for name in ("languages", "interpretation"):
        if name in fields:
            fields[name] = list(dict.fromkeys(fields[name] or []))
            unknown_codes = set(fields[name]) - set(NATIVE_NAMES)
            if unknown_codes:
                raise DomainError(
                    _("Diese Sprache kennen wir nicht: %(codes)s")
                    % {"codes": ", ".join(sorted(unknown_codes))},
                    code=name,
                )
    return fields


def check_event(event: Event) -> None:
    """The rules one event must keep, in words (the form says the same next to its fields)."""
    if event.ends_at <= event.starts_at:
        raise DomainError(_("Das Ende liegt vor dem Beginn."), code="ends_at")
    try:
        ZoneInfo(event.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise DomainError(_("Diese Zeitzone kennen wir nicht."), code="timezone") from None
    if event.capacity < 1:
        raise DomainError(_("Eine Veranstaltung braucht mindestens einen Platz."), code="capacity")
    if event.reserved_places > event.capacity:
        raise DomainError(
            _("Es können nicht mehr Plätze reserviert sein, als es insgesamt gibt."),
            code="reserved_places",
        )
    if event.max_places_per_registration < 1:
        raise DomainError(
            _("Mindestens ein Platz je Anmeldung."), code="max_places_per_registration"
        )
    if event.offer_hours < 1:
        raise DomainError(_("Die Frist muss mindestens eine Stunde sein."), code="offer_hours")
    if event.is_online and not event.online_url:
        raise DomainError(_("Für eine Teilnahme online brauchen wir den Link."), code="online_url")
    if event.has_venue and event.municipality_id is None:
        raise DomainError(_("Bitte geben Sie den Ort an."), code="municipality")
    if event.has_venue and not event.venue_name.strip():
        raise DomainError(_("Bitte geben Sie den Veranstaltungsort an."), code="venue_name")
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and closes <= opens:
        raise DomainError(
            _("Die Anmeldung muss enden, nachdem sie begonnen hat."), code="registration_closes_at"
        )
    if closes and closes > event.starts_at:
        raise DomainError(
            _("Die Anmeldung kann höchstens bis zum Beginn laufen."),
            code="registration_closes_at",
        )
    if event.recurrence:
        event.recurrence = recurrence.check(event.recurrence, starts_at=event.starts_at)


def _require_future(event: Event) -> None:
    if event.starts_at <= timezone.now():
        raise DomainError(_("Der Beginn liegt in der Vergangenheit."), code="starts_at")


# --- who hears about it ----------------------------------------------------------------------


def organiser_side(event: Event) -> list[Target]:
    """The admins of the organising organisation, and the event's author while still a member."""
    targets: list[Target] = [admins_of(event.organisation)]
    if (
        event.author_id
        and Membership.objects.filter(
            organisation_id=event.organisation_id, user_id=event.author_id
        ).exists()
    ):
        targets.insert(0, event.author)  # type: ignore[arg-type]
    return targets


def participant(registration: Registration) -> Target:
    """A registered person: their account, or for a guest the address in their language."""
    if registration.user_id is not None:
        return registration.user  # type: ignore[return-value]
    return address(registration.guest_email, language=registration.language)


def _when(event: Event) -> dict[str, str]:
    local = event.starts_at.astimezone(event.zone)
    return {"title": event.title, "date": local.date().isoformat(), "time": local.strftime("%H:%M")}


# --- writes ----------------------------------------------------------------------------------


@transaction.atomic
def create_event(*, by: User, organisation: Organisation, **fields: Any) -> Event:
    """A new draft event of `organisation`; `by` must be one of its admins."""
    _require("events.create_event", by, None)
    if organisation is None or not is_org_admin(by, organisation):
        raise PermissionDenied
    event = Event(author=by, organisation=organisation, state=Event.State.DRAFT)
    for name, value in _clean_fields(fields).items():
        setattr(event, name, value)
    check_event(event)
    _require_future(event)
    event.free_places = event.bookable_places
    event.save()
    record(actor=by, verb=CREATED, target=event)
    return event


@transaction.atomic
def update_event(*, event: Event, by: User, **fields: Any) -> Event:
    """Change a draft, returned or published event. Capacity cannot go below the places
    already held; raising it frees places (and the waiting list moves up). A change of time
    or place of a published event raises `sequence` and tells everyone registered."""
    _require("events.edit_event", by, event)
    event = _lock(event)
    event.require_state(*Event.EDITABLE_STATES)
    fields = _clean_fields(fields)
    before = {name: getattr(event, name) for name in EDITABLE_FIELDS}
    old_bookable = event.bookable_places
    for name, value in fields.items():
        setattr(event, name, value)
    changed = sorted(name for name in fields if getattr(event, name) != before[name])
    check_event(event)
    if {"starts_at", "ends_at"} & set(changed):
        _require_future(event)
    moved = [name for name in changed if name in TIME_AND_PLACE]
    if moved:
        event.sequence += 1
    grown = _change_places(event, event.bookable_places - old_bookable)
    # free_places was changed by one UPDATE in _change_places; never write it back from here
    event.save(update_fields=[*EDITABLE_FIELDS, "sequence", "updated_at"])
    record(actor=by, verb=CHANGED, target=event, fields=changed)
    if moved and event.state == Event.State.PUBLISHED:
        _tell_registered(event, messages.EVENT_CHANGED, **_when(event))
    if grown:
        _move_waiting_list(event)
    return event


def _change_places(event: Event, delta: int) -> bool:
    """Shift `free_places` by `delta` (capacity − reserved grew or shrank) with one
    conditional UPDATE, refused if fewer places would be left than are already held.
    True if places were added."""
    if delta == 0:
        return False
    changed = Event.objects.filter(pk=event.pk, free_places__gte=max(-delta, 0)).update(
        capacity=event.capacity,
        reserved_places=event.reserved_places,
        free_places=F("free_places") + delta,
    )
    if not changed:
        held = event.bookable_places - delta - event.free_places
        raise DomainError(
            ngettext(
                "%(n)d Platz ist schon vergeben; so viele Plätze (ohne reservierte) muss es "
                "mindestens geben.",
                "%(n)d Plätze sind schon vergeben; so viele Plätze (ohne reservierte) muss es "
                "mindestens geben.",
                held,
            )
            % {"n": held},
            code="capacity",
        )
    event.free_places = Event.objects.values_list("free_places", flat=True).get(pk=event.pk)
    versions.bump()
    return delta > 0


def _move_waiting_list(event: Event) -> None:
    """Offer the places just added to the people waiting, first come first served."""
    fill_from_waiting_list(event)


@transaction.atomic
def submit_event(*, event: Event, by: User) -> Event:
    """Send a draft (or a returned event) out: a public event to the moderation queue, an
    event only for members straight to the organisation's members."""
    _require("events.edit_event", by, event)
    event = _lock(event)
    event.require_state(Event.State.DRAFT, Event.State.RETURNED)
    check_event(event)
    _require_future(event)
    event.sequence += 1
    if event.audience == Audience.MEMBERS:
        event.published_at = timezone.now()
        event.move_to(Event.State.PUBLISHED, by=by, save_fields=["sequence", "published_at"])
        record(actor=by, verb=PUBLISHED_FOR_MEMBERS, target=event)
    else:
        event.move_to(Event.State.PENDING, by=by, save_fields=["sequence"])
        record(actor=by, verb=SUBMITTED, target=event)
    return event


@transaction.atomic
def retract_event(*, event: Event, by: User) -> Event:
    """The organiser takes an event back from the moderation queue to change it."""
    _require("events.edit_event", by, event)
    event = _lock(event)
    event.require_state(Event.State.PENDING)
    event.sequence += 1
    event.move_to(Event.State.DRAFT, by=by, save_fields=["sequence"])
    record(actor=by, verb=RETRACTED, target=event)
    return event


@transaction.atomic
def publish_event(*, event: Event, by: User, comment: str = "") -> Event:
    """A moderator publishes a pending event; its organisers are told."""
    _require("events.review_event", by, event)
    event = _lock(event)
    event.require_state(Event.State.PENDING)
    event.published_at = timezone.now()
    event.moderation_comment = comment
    event.sequence += 1
    event.move_to(
        Event.State.PUBLISHED,
        by=by,
        comment=comment,
        save_fields=["published_at", "moderation_comment", "sequence"],
    )
    record(actor=by, verb=PUBLISHED, target=event, comment=comment)
    notify(
        to=organiser_side(event),
        kind=messages.EVENT_PUBLISHED.key,
        params={"title": event.title},
        url=event.get_absolute_url(),
    )
    return event


@transaction.atomic
def return_event(*, event: Event, by: User, comment: str) -> Event:
    """A moderator returns a pending (or, after a report, a published) event with a reason."""
    _require("events.review_event", by, event)
    if not comment.strip():
        raise DomainError(_("Bitte begründen Sie die Rückgabe."), code="comment")
    event = _lock(event)
    event.require_state(*RETURNABLE_STATES)
    event.moderation_comment = comment
    event.sequence += 1
    event.move_to(
        Event.State.RETURNED, by=by, comment=comment, save_fields=["moderation_comment", "sequence"]
    )
    record(actor=by, verb=RETURNED, target=event, comment=comment)
    notify(
        to=organiser_side(event),
        kind=messages.EVENT_RETURNED.key,
        params={"title": event.title, "comment": comment},
        url=event.get_absolute_url(),
    )
    return event


@transaction.atomic
def cancel_event(*, event: Event, by: User, reason: str) -> Event:
    """Cancel a published event: every active registration ends as "cancelled by the
    organiser" and everyone registered (people and guests) is told why."""
    _require("events.cancel_event", by, event)
    if not reason.strip():
        raise DomainError(_("Bitte sagen Sie den Teilnehmenden, warum Sie absagen."), code="reason")
    event = _lock(event)
    event.require_state(Event.State.PUBLISHED)
    event.cancel_reason = reason.strip()
    event.sequence += 1
    event.move_to(
        Event.State.CANCELLED, by=by, comment=reason, save_fields=["cancel_reason", "sequence"]
    )
    ended = _tell_registered(
        event, messages.EVENT_CANCELLED, reason=event.cancel_reason, **_when(event)
    )
    for registration in ended:
        registration.move_to(Registration.State.CANCELLED_BY_ORGANISER, by=by, comment=reason)
    # nobody holds a place any more
    Event.objects.filter(pk=event.pk).update(free_places=F("capacity") - F("reserved_places"))
    versions.bump()
    record(
        actor=by, verb=CANCELLED, target=event, reason=event.cancel_reason, registrations=len(ended)
    )
    return event


def _tell_registered(event: Event, kind: Any, **params: str) -> list[Registration]:
    """Notify everyone with an active registration (each person once); returns those
    registrations. The caller holds the event's row lock."""
    registrations = list(
        event.registrations.active().select_related("user").select_for_update(of=("self",))
    )
    if registrations:
        notify(
            to=[participant(registration) for registration in registrations],
            kind=kind.key,
            params={"title": event.title, **params},
            url=event.get_absolute_url(),
        )
    return registrations


def active_registration_count(event: Event) -> int:
    """How many registrations a cancellation would end (for the confirmation page)."""
    return event.registrations.active().count()


def people_affected(event: Event) -> int:
    """How many people a cancellation reaches: the places of the active registrations."""
    return sum(event.registrations.active().values_list("places", flat=True))
