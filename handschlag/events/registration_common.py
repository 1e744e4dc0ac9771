"""The building blocks of the registration services (registration.py): the event's places
through the kernel's capacity guard, claiming a registration's state change with a conditional
UPDATE, notifying the person (or the guest's address), and who may act (a person by the rules,
a guest by the secret token)."""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.core import capacity
from handschlag.core.errors import DomainError
from handschlag.notifications.recipients import Target, address
from handschlag.notifications.registry import NotificationKind
from handschlag.notifications.services import notify

from . import registration_messages as messages
from .models import Event, Registration

if TYPE_CHECKING:
    from handschlag.accounts.models import User

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- places


def take_places(event_id: int, places: int) -> bool:
    """Hold `places` of a published event with the kernel's guard; False if fewer are free
    (or the event is no longer published)."""
    return capacity.take(
        Event.objects.filter(pk=event_id, state=Event.State.PUBLISHED),
        counters={"free_places": places},
    )


def give_back_places(event_id: int, places: int) -> bool:
    """Return places to the event; never beyond what is bookable (capacity − reserved)."""
    given = capacity.give_back(
        Event.objects.filter(
            pk=event_id, free_places__lte=F("capacity") - F("reserved_places") - places
        ),
        counters={"free_places": places},
        totals={"free_places": "capacity"},
    )
    if not given:  # e.g. the capacity was lowered meanwhile: the counter is already full
        log.warning("event %s: %s places not given back, counter at its maximum", event_id, places)
    return given


# ---------------------------------------------------------------- state changes


def claim(registration: Registration, sources: tuple[str, ...], target: str, **fields: Any) -> bool:
    """Move `registration` from its current state (one of `sources`) to `target` if nobody
    moved it first: one conditional UPDATE on exactly the state it was read in, so the caller
    knows what it held before. After the claim `registration.state` is still the previous
    state (move_to records the change); if another request moved it meanwhile, its new state
    is loaded and tried again while it is still one of `sources`."""
    for _attempt in range(3):
        if registration.state not in sources:
            return False
        moved = Registration.objects.filter(pk=registration.pk, state=registration.state).update(
            state=target, updated_at=timezone.now(), **fields
        )
        if moved == 1:
            for name, value in fields.items():
                setattr(registration, name, value)
            return True
        registration.state = (
            Registration.objects.filter(pk=registration.pk).values_list("state", flat=True).get()
        )
    return False


def move(
    registration: Registration,
    sources: tuple[str, ...],
    target: str,
    *,
    by: User | None,
    comment: str = "",
    **fields: Any,
) -> str:
    """Claim the change or refuse with the state it is in now; then record it. Returns the
    state it was in before."""
    if not claim(registration, sources, target, **fields):
        registration.require_state(*sources)  # raises: it is in another state by now
        raise DomainError(_("Das wurde gerade schon erledigt."), code="wrong_state")
    previous = str(registration.state)
    registration.move_to(target, by=by, comment=comment, save_fields=list(fields))
    return previous


def notify_person(registration: Registration, kind: NotificationKind, **extra: str) -> None:
    target: Target
    if registration.is_guest:
        target = address(registration.guest_email, language=registration.language)
    else:
        target = registration.user  # type: ignore[assignment]
    notify(
        to=target,
        kind=kind.key,
        params=messages.params_for(registration, kind, **extra),
        url=messages.manage_path(registration),
    )


def require_actor(registration: Registration, perm: str, by: User | None, token: str) -> None:
    """A person with an account by the rules, a guest by the secret token of their
    registration; anyone else is refused."""
    if by is not None and by.is_authenticated:
        if not by.has_perm(perm, registration):
            raise PermissionDenied
        return
    if not (registration.is_guest and token and secrets.compare_digest(token, registration.token)):
        raise PermissionDenied


def load(registration: Registration) -> Registration:
    return Registration.objects.select_related("event", "event__organisation", "user").get(
        pk=registration.pk
    )
