"""Writes on registrations: register (with an account or as a guest), confirm a guest's
address, the waiting list and its offers, cancelling, reminders.

Places are the event's guarded counter `free_places` (see models.py): a registration takes its
places with the kernel's guard when it is confirmed or offered and gives them back when it is
cancelled or an offer expires; both are one conditional UPDATE. Every change of a
registration's state is claimed with a conditional UPDATE on its current state too
(`registration_common.claim`), so two requests can never both cancel, accept or offer the
same registration — nothing is given back twice, and every freed place is offered once.

A guest acts through the secret token of their registration (`token=`), a person with an
account as `by=` (checked with the rules in rules.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.accounts.rules import is_active_user
from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.organisations.rules import is_org_member

from . import registration_messages as messages
from .models import Audience, Event, Registration
from .registration_common import (
    claim,
    give_back_places,
    load,
    move,
    notify_person,
    require_actor,
    take_places,
)

if TYPE_CHECKING:
    from handschlag.accounts.models import User

State = Registration.State

# Audit verbs (registered in apps.py)
REGISTERED = "events.register"
GUEST_REQUESTED = "events.register_guest"
EMAIL_CONFIRMED = "events.confirm_guest_email"
OFFERED = "events.offer_place"
OFFER_ACCEPTED = "events.accept_offer"
OFFER_EXPIRED = "events.expire_offer"
CANCELLED = "events.cancel_registration"
CANCELLED_BY_ORGANISER = "events.cancel_registration_by_organiser"
REMINDED = "events.remind_participant"
ERASED = "events.erase_registration"
AUDIT_VERBS = (
    REGISTERED,
    GUEST_REQUESTED,
    EMAIL_CONFIRMED,
    OFFERED,
    OFFER_ACCEPTED,
    OFFER_EXPIRED,
    CANCELLED,
    CANCELLED_BY_ORGANISER,
    REMINDED,
    ERASED,
)


@dataclass(frozen=True)
class AccessNeeds:
    """What a participant needs to take part; added up for the organiser."""

    interpreter_language: str = ""
    childcare: int = 0
    step_free: bool = False
    other_needs: str = ""

    def as_fields(self) -> dict[str, Any]:
        return {
            "interpreter_language": self.interpreter_language.strip()[:10],
            "childcare": max(0, int(self.childcare or 0)),
            "step_free": bool(self.step_free),
            "other_needs": self.other_needs.strip()[:500],
        }


# ---------------------------------------------------------------- registering


def check_registration_open(event: Event) -> None:
    """Refuse with the reason if nobody can register for `event` now."""
    now = timezone.now()
    if event.state == Event.State.CANCELLED:
        raise DomainError(_("Diese Veranstaltung ist abgesagt."), code="cancelled")
    if event.state == Event.State.CLOSED:
        raise DomainError(_("Die Veranstaltung ist vorbei."), code="over")
    if event.state != Event.State.PUBLISHED:
        raise DomainError(
            _("Für diese Veranstaltung ist keine Anmeldung möglich."), code="not_published"
        )
    if now >= event.starts_at:
        raise DomainError(
            _("Diese Veranstaltung hat schon begonnen. Eine Anmeldung ist nicht mehr möglich."),
            code="begun",
        )
    if event.registration_opens_at and now < event.registration_opens_at:
        raise DomainError(
            _("Die Anmeldung ist noch nicht geöffnet. Sie beginnt am %(date)s.")
            % {"date": messages.when(event.registration_opens_at.isoformat(), event.timezone)},
            code="not_yet_open",
        )
    if event.registration_closes_at and now >= event.registration_closes_at:
        raise DomainError(_("Die Anmeldefrist ist abgelaufen."), code="closed")


def _check_places(event: Event, places: int) -> None:
    if places < 1:
        raise DomainError(_("Bitte melden Sie mindestens einen Platz an."), code="places")
    if places > event.max_places_per_registration:
        raise DomainError(
            _("Pro Anmeldung sind höchstens %(n)d Plätze möglich.")
            % {"n": event.max_places_per_registration},
            code="places",
        )
    if places > event.bookable_places:
        raise DomainError(_("So viele Plätze hat die Veranstaltung nicht."), code="places")


def _duplicate() -> DomainError:
    return DomainError(_("Sie sind für diese Veranstaltung bereits angemeldet."), code="duplicate")


def _place(registration: Registration, *, by: User | None) -> None:
    """A new or just confirmed registration: confirmed if its places are free, else onto the
    waiting list (in order of arrival)."""
    if take_places(registration.event_id, registration.places):
        move(registration, (State.REQUESTED,), State.CONFIRMED, by=by)
        notify_person(registration, messages.CONFIRMED)
    else:
        move(registration, (State.REQUESTED,), State.WAITING, by=by, waiting_since=timezone.now())
        notify_person(registration, messages.WAITING)


@transaction.atomic
def register(
    *, event: Event, by: User, places: int = 1, needs: AccessNeeds | None = None
) -> Registration:
    """A person with an account registers: confirmed if enough places are free, else on the
    waiting list."""
    if not is_active_user(by):
        raise PermissionDenied
    event = Event.objects.select_related("organisation").get(pk=event.pk)
    if event.audience == Audience.MEMBERS and not is_org_member(by, event.organisation):
        raise DomainError(
            _("Diese Veranstaltung ist nur für Mitglieder von %(org)s.")
            % {"org": event.organisation.name},
            code="members_only",
        )
    check_registration_open(event)
    if not by.has_perm("events.register", event):
        raise PermissionDenied
    _check_places(event, places)
    try:
        # Places and the row in one savepoint: a duplicate (the partial unique constraint,
        # also under a double click) undoes the places taken for it too.
        with transaction.atomic():
            taken = take_places(event.pk, places)
            registration = Registration.objects.create(
                event=event,
                user=by,
                places=places,
                language=by.preferred_language,
                state=State.CONFIRMED if taken else State.WAITING,
                waiting_since=None if taken else timezone.now(),
                **(needs or AccessNeeds()).as_fields(),
            )
    except IntegrityError as exc:  # already registered, or a parallel request of theirs won
        raise _duplicate() from exc
    registration.record_arrival(from_state=State.REQUESTED, by=by)
    notify_person(registration, messages.CONFIRMED if taken else messages.WAITING)
    record(actor=by, verb=REGISTERED, target=registration, places=places, state=registration.state)
    return registration


@transaction.atomic
def register_guest(
    *,
    event: Event,
    name: str,
    email: str,
    places: int = 1,
    needs: AccessNeeds | None = None,
    language: str = "de",
) -> Registration:
    """Someone without an account registers: `requested` (holding no place) until they
    confirm their address with the link we mail them."""
    event = Event.objects.select_related("organisation").get(pk=event.pk)
    if event.audience != Audience.PUBLIC:
        raise DomainError(
            _("Diese Veranstaltung ist nur für Mitglieder von %(org)s. Bitte melden Sie sich an.")
            % {"org": event.organisation.name},
            code="members_only",
        )
    check_registration_open(event)
    _check_places(event, places)
    name, email = name.strip(), email.strip().lower()
    if not name or not email:
        raise DomainError(_("Bitte geben Sie Ihren Namen und Ihre E-Mail-Adresse an."))
    duplicate = DomainError(
        _(
            "Mit dieser E-Mail-Adresse gibt es schon eine Anmeldung für diese Veranstaltung. "
            "Den Link dazu finden Sie in unserer E-Mail an diese Adresse."
        ),
        code="duplicate",
    )
    same = Registration.objects.filter(
        event=event, user__isnull=True, guest_email=email, state__in=Registration.UNIQUE_STATES
    )
    if same.exists():
        raise duplicate
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                guest_name=name[:120],
                guest_email=email,
                places=places,
                language=language[:10] or "de",
                state=State.REQUESTED,
                **(needs or AccessNeeds()).as_fields(),
            )
    except IntegrityError as exc:
        raise duplicate from exc
    record(actor=None, verb=GUEST_REQUESTED, target=registration, places=places)
    notify_person(registration, messages.CHECK_EMAIL)
    return registration


@transaction.atomic
def confirm_guest_email(*, registration: Registration, token: str) -> Registration:
    """The guest followed the link: their address is confirmed and the registration placed
    (confirmed or waiting). Refused once the event has begun or is no longer published."""
    registration = load(registration)
    require_actor(registration, "events.accept_offer", None, token)
    registration.require_state(State.REQUESTED)
    event = registration.event
    if event.state != Event.State.PUBLISHED or timezone.now() >= event.starts_at:
        check_registration_open(event)  # raises with the reason
    registration.email_confirmed_at = timezone.now()
    registration.save(update_fields=["email_confirmed_at", "updated_at"])
    _place(registration, by=None)
    record(actor=None, verb=EMAIL_CONFIRMED, target=registration, state=registration.state)
    return registration


# ---------------------------------------------------------------- the waiting list


def fill_from_waiting_list(event: Event) -> list[Registration]:
    """Offer free places to the waiting list, in order, each to the first whose group fits.

    Call it (inside your transaction) whenever places may have become free: a cancellation, an
    expired offer, a raised capacity. An offer holds its places (taken with the guard), so
    nobody else gets them while it runs. Returns the registrations offered a place now.
    """
    offered: list[Registration] = []
    with transaction.atomic():
        while True:
            current = (
                Event.objects.filter(pk=event.pk)
                .values("state", "starts_at", "free_places")
                .first()
            )
            if (
                current is None
                or current["state"] != Event.State.PUBLISHED
                or current["starts_at"] <= timezone.now()
                or current["free_places"] < 1
            ):
                break
            candidate = (
                Registration.objects.waiting_line()
                .filter(event_id=event.pk, places__lte=current["free_places"])
                .select_related("event", "user")
                .first()
            )
            if candidate is None:
                break
            if not take_places(event.pk, candidate.places):
                continue  # someone took places meanwhile: look again
            deadline = candidate.offer_deadline()
            # the guard on the registration: only a registration still waiting is offered
            if not claim(candidate, (State.WAITING,), State.OFFERED, offer_expires_at=deadline):
                give_back_places(event.pk, candidate.places)
                continue
            candidate.move_to(State.OFFERED, by=None, save_fields=["offer_expires_at"])
            record(
                actor=None, verb=OFFERED, target=candidate, places=candidate.places, until=deadline
            )
            notify_person(candidate, messages.OFFERED, deadline=deadline.isoformat())
            offered.append(candidate)
    return offered


def position_in_line(registration: Registration) -> int | None:
    """1 for the next in line; None if not waiting."""
    if registration.state != State.WAITING or registration.waiting_since is None:
        return None
    since = registration.waiting_since
    ahead = Registration.objects.waiting_line().filter(event_id=registration.event_id)
    return (
        ahead.filter(
            Q(waiting_since__lt=since) | Q(waiting_since=since, pk__lt=registration.pk)
        ).count()
        + 1
    )


@transaction.atomic
def accept_offer(
    *, registration: Registration, by: User | None = None, token: str = ""
) -> Registration:
    """Take the offered place: confirmed (the places are already held)."""
    registration = load(registration)
    require_actor(registration, "events.accept_offer", by, token)
    if registration.state == State.EXPIRED or (
        registration.state == State.OFFERED
        and registration.offer_expires_at is not None
        and registration.offer_expires_at <= timezone.now()
    ):
        raise DomainError(
            _(
                "Die Frist für diesen Platz ist abgelaufen. Er geht an die nächste Person "
                "auf der Warteliste."
            ),
            code="offer_expired",
        )
    move(registration, (State.OFFERED,), State.CONFIRMED, by=by)
    record(actor=by, verb=OFFER_ACCEPTED, target=registration, places=registration.places)
    notify_person(registration, messages.CONFIRMED)
    return registration


@transaction.atomic
def expire_offer(*, registration: Registration) -> bool:
    """An offer past its deadline expires: the places go back and on to the next in line.
    False if it was accepted, cancelled or expired meanwhile."""
    registration = load(registration)
    if registration.offer_expires_at is None or registration.offer_expires_at > timezone.now():
        return False
    if not claim(registration, (State.OFFERED,), State.EXPIRED):
        return False
    registration.move_to(State.EXPIRED, by=None)
    give_back_places(registration.event_id, registration.places)
    record(actor=None, verb=OFFER_EXPIRED, target=registration, places=registration.places)
    notify_person(registration, messages.OFFER_EXPIRED)
    fill_from_waiting_list(registration.event)
    return True


# ---------------------------------------------------------------- cancelling


_CANCELLABLE = (State.REQUESTED, State.CONFIRMED, State.WAITING, State.OFFERED)


def _release(registration: Registration, previous: str) -> None:
    if previous in Registration.HOLDING_STATES:
        give_back_places(registration.event_id, registration.places)
        fill_from_waiting_list(registration.event)


@transaction.atomic
def cancel_registration(
    *, registration: Registration, by: User | None = None, token: str = ""
) -> Registration:
    """The participant cancels (or leaves the waiting list, or declines an offer); held places
    go back and on to the waiting list."""
    registration = load(registration)
    require_actor(registration, "events.cancel_registration", by, token)
    if by is not None and not (registration.user_id == by.pk):
        raise PermissionDenied  # organisers cancel with a reason: cancel_by_organiser
    if registration.event.starts_at <= timezone.now() and registration.state == State.CONFIRMED:
        raise DomainError(
            _("Die Veranstaltung hat schon begonnen; eine Abmeldung ist nicht mehr möglich."),
            code="begun",
        )
    previous = move(registration, _CANCELLABLE, State.CANCELLED, by=by)
    record(actor=by, verb=CANCELLED, target=registration, previous=previous)
    if previous != State.REQUESTED:
        notify_person(registration, messages.CANCELLED)
    _release(registration, previous)
    return registration


@transaction.atomic
def cancel_by_organiser(*, registration: Registration, by: User, reason: str) -> Registration:
    """An organiser admin cancels one registration, with a reason the participant is told."""
    registration = load(registration)
    if not by.has_perm("events.cancel_registration_as_organiser", registration):
        raise PermissionDenied
    if not reason.strip():
        raise DomainError(
            _("Bitte nennen Sie einen Grund; die Person bekommt ihn mitgeteilt."), code="reason"
        )
    previous = move(registration, _CANCELLABLE, State.CANCELLED_BY_ORGANISER, by=by, comment=reason)
    record(
        actor=by,
        verb=CANCELLED_BY_ORGANISER,
        target=registration,
        comment=reason,
        previous=previous,
    )
    notify_person(registration, messages.CANCELLED_BY_ORGANISER, reason=reason.strip())
    _release(registration, previous)
    return registration


@transaction.atomic
def end_for_leaving_person(*, registration: Registration) -> None:
    """The person's account or data is being erased: an active registration is cancelled
    (held places go back and on), without a message to them."""
    registration = load(registration)
    if not claim(registration, _CANCELLABLE, State.CANCELLED):
        return
    previous = str(registration.state)
    registration.move_to(State.CANCELLED, by=None, comment="erased")
    record(actor=None, verb=ERASED, target=registration, previous=previous)
    _release(registration, previous)


# ---------------------------------------------------------------- reminders


@transaction.atomic
def send_reminder(*, registration: Registration, second: bool = False) -> bool:
    """Remind a confirmed participant, once (claimed with a conditional UPDATE)."""
    field = "second_reminded_at" if second else "reminded_at"
    claimed = Registration.objects.filter(
        pk=registration.pk, state=State.CONFIRMED, **{f"{field}__isnull": True}
    ).update(**{field: timezone.now()})
    if not claimed:
        return False
    registration = load(registration)
    record(actor=None, verb=REMINDED, target=registration, second=second)
    notify_person(registration, messages.REMINDER)
    return True
