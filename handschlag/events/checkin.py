"""The door: checking people in by their short code or by name, correcting attendance both
ways, and cancelling a registration as the organiser (which frees its places for the
waiting list).

Places: attended registrations hold their places like confirmed ones; a no-show gives them
back (and takes them again when corrected), so `Event.free_places` always equals capacity −
reserved − places held. Every counter change goes through `core.capacity`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core import capacity
from handschlag.core.errors import DomainError

from .models import CODE_LENGTH, Event, Registration

if TYPE_CHECKING:
    from handschlag.accounts.models import User

# Audit verbs (registered in apps.py).
CHECKED_IN = "events.check_in"
MARKED_ATTENDED = "events.mark_attended"
MARKED_NO_SHOW = "events.mark_no_show"

# The door opens the day before (set-up, early arrivals); attendance is corrected any time after.
CHECKIN_OPENS_BEFORE = timedelta(hours=24)
_NOT_CODE_CHARS = re.compile(r"[\s\-_.]")
State = Registration.State


@dataclass(frozen=True)
class CheckIn:
    """The result of a check-in: the registration, and whether it had been checked in before."""

    registration: Registration
    already: bool


def normalise_code(code: str) -> str:
    """What people type: lower case, spaces or dashes ("abc 123", "ABC-123") are the same code."""
    return _NOT_CODE_CHARS.sub("", code or "").upper()


def _require(perm: str, user: User, obj: Event | Registration) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def door_is_open(event: Event) -> bool:
    """People can be checked in: the event is published and begins within a day (or has)."""
    return (
        event.state == Event.State.PUBLISHED
        and timezone.now() >= event.starts_at - CHECKIN_OPENS_BEFORE
    )


def _require_door_open(event: Event) -> None:
    if door_is_open(event):
        return
    if event.state != Event.State.PUBLISHED:
        raise DomainError(
            _("Einlass ist nur bei veröffentlichten Veranstaltungen möglich (jetzt: %(state)s).")
            % {"state": event.get_state_display()},  # type: ignore[attr-defined]
            code="event_state",
        )
    raise DomainError(
        _("Der Einlass öffnet einen Tag vor Beginn der Veranstaltung."), code="too_early"
    )


def _locked(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "user")
        .get(pk=registration.pk)
    )


def _give_back(registration: Registration) -> None:
    given = capacity.give_back(
        Event.objects.filter(pk=registration.event_id),
        counters={"free_places": registration.places},
        totals={"free_places": "capacity"},
    )
    if not given:  # the counter already shows these places free: the data is inconsistent
        raise DomainError(_("Die Plätze konnten nicht freigegeben werden."), code="counter")


def _take(registration: Registration) -> None:
    taken = capacity.take(
        Event.objects.filter(pk=registration.event_id),
        counters={"free_places": registration.places},
    )
    if not taken:
        raise DomainError(
            _("Die Plätze sind inzwischen vergeben; bitte sprechen Sie mit dem Team."),
            code="full",
        )


def _refusal_for(registration: Registration) -> DomainError:
    name = registration.display_name
    if registration.state in (State.CANCELLED, State.CANCELLED_BY_ORGANISER):
        return DomainError(
            _("Die Anmeldung von %(name)s ist abgesagt.") % {"name": name}, code="cancelled"
        )
    return DomainError(
        _("%(name)s ist nicht fest angemeldet (%(state)s).")
        % {"name": name, "state": registration.get_state_display()},  # type: ignore[attr-defined]
        code="not_confirmed",
    )


def _find(event: Event, code: str) -> Registration:
    """The registration with `code` for `event`, or a DomainError that says what is wrong."""
    if len(code) != CODE_LENGTH:
        raise DomainError(
            _("Ein Code hat %(length)d Zeichen, z. B. ABC234.") % {"length": CODE_LENGTH},
            code="malformed",
        )
    registration = (
        Registration.objects.filter(event=event, checkin_code=code).select_related("user").first()
    )
    if registration is not None:
        return registration
    # Another event of the same organiser? (Codes of other organisers are nobody's business.)
    elsewhere = (
        Registration.objects.filter(checkin_code=code, event__organisation_id=event.organisation_id)
        .exclude(event=event)
        .select_related("event")
        .order_by("-event__starts_at")
        .first()
    )
    if elsewhere is not None:
        raise DomainError(
            _("Der Code %(code)s gehört zur Veranstaltung „%(event)s“, nicht zu dieser.")
            % {"code": code, "event": elsewhere.event.title},
            code="wrong_event",
        )
    raise DomainError(
        _("Den Code %(code)s gibt es für diese Veranstaltung nicht. Bitte prüfen Sie die Eingabe.")
        % {"code": code},
        code="unknown",
    )


@transaction.atomic
def check_in_by_code(*, event: Event, code: str, by: User) -> CheckIn:
    """Check in the registration with the short `code` (from the QR code or read aloud).
    Checking in twice is harmless: the first time stays recorded."""
    _require("events.check_in", by, event)
    _require_door_open(event)
    registration = _locked(_find(event, normalise_code(code)))
    if registration.state == State.ATTENDED:
        return CheckIn(registration=registration, already=True)
    if registration.state not in (State.CONFIRMED, State.NO_SHOW):
        raise _refusal_for(registration)
    _attend(registration, by=by)
    record(actor=by, verb=CHECKED_IN, target=registration, event=event.pk)
    return CheckIn(registration=registration, already=False)


def _attend(registration: Registration, *, by: User) -> None:
    if registration.state == State.NO_SHOW:
        _take(registration)
    registration.checked_in_at = timezone.now()
    registration.move_to(State.ATTENDED, by=by, save_fields=["checked_in_at"])


@transaction.atomic
def mark_attended(*, registration: Registration, by: User) -> Registration:
    """Tick a person off by name (or correct a no-show): they are there."""
    _require("events.mark_attendance", by, registration)
    registration = _locked(registration)
    _require_door_open(registration.event)
    if registration.state == State.ATTENDED:
        return registration
    if registration.state not in (State.CONFIRMED, State.NO_SHOW):
        raise _refusal_for(registration)
    _attend(registration, by=by)
    record(actor=by, verb=MARKED_ATTENDED, target=registration, event=registration.event_id)
    return registration


@transaction.atomic
def mark_no_show(*, registration: Registration, by: User) -> Registration:
    """Record that a confirmed person did not come (or correct a check-in made by mistake);
    possible once the event has begun. Their places are given back."""
    _require("events.mark_attendance", by, registration)
    registration = _locked(registration)
    event = registration.event
    _require_door_open(event)
    if timezone.now() < event.starts_at and registration.state == State.CONFIRMED:
        raise DomainError(
            _("„Nicht erschienen“ können Sie erst ab Beginn der Veranstaltung vermerken."),
            code="too_early",
        )
    if registration.state == State.NO_SHOW:
        return registration
    if registration.state not in (State.CONFIRMED, State.ATTENDED):
        raise _refusal_for(registration)
    _give_back(registration)
    registration.checked_in_at = None
    registration.move_to(State.NO_SHOW, by=by, save_fields=["checked_in_at"])
    record(actor=by, verb=MARKED_NO_SHOW, target=registration, event=event.pk)
    return registration
