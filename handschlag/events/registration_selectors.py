"""Reads of the registration part: a person's registration for an event, their list, and
what the registration box on the event page shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone

from .models import Audience, Event, Registration
from .registration import position_in_line

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from handschlag.accounts.models import User

State = Registration.State
SEES_ONLINE_LINK = (State.CONFIRMED, State.ATTENDED)


def registration_of(user: User | AnonymousUser, event: Event) -> Registration | None:
    """The person's current registration for `event` (an active one first, else the latest)."""
    if not user.is_authenticated:
        return None
    mine = list(
        Registration.objects.filter(event=event, user=user).order_by("-created_at", "-pk")[:5]
    )
    for registration in mine:
        registration.event = event
    active = [r for r in mine if r.state in Registration.UNIQUE_STATES]
    chosen = active or mine
    return chosen[0] if chosen else None


@dataclass
class MyRegistrations:
    upcoming: list[Registration]
    past: list[Registration]


def my_registrations(user: User) -> MyRegistrations:
    """Upcoming first (soonest first), past below (latest first); two queries."""
    now = timezone.now()
    rows: QuerySet[Registration] = Registration.objects.filter(user=user).select_related(
        "event", "event__organisation", "event__municipality"
    )
    upcoming = list(rows.filter(event__ends_at__gte=now).order_by("event__starts_at", "pk"))
    past = list(rows.filter(event__ends_at__lt=now).order_by("-event__starts_at", "-pk")[:100])
    return MyRegistrations(upcoming=upcoming, past=past)


def sees_online_link(registration: Registration | None) -> bool:
    """The online link only ever for a confirmed (or attended) registration."""
    return bool(
        registration is not None
        and registration.state in SEES_ONLINE_LINK
        and registration.event.is_online
        and registration.event.online_url
    )


def state_context(registration: Registration) -> dict[str, Any]:
    """What the state block (box, guest page, my list) shows about one registration."""
    return {
        "registration": registration,
        "position": position_in_line(registration),
        "show_online_link": sees_online_link(registration),
        "offer_open": registration.state == State.OFFERED
        and registration.offer_expires_at is not None
        and registration.offer_expires_at > timezone.now(),
    }


def box_context(user: User | AnonymousUser, event: Event) -> dict[str, Any]:
    """The registration box on the event page."""
    from handschlag.core.errors import DomainError

    from .registration import check_registration_open
    from .registration_forms import GuestRegistrationForm, RegistrationForm

    registration = registration_of(user, event)
    closed_reason = ""
    try:
        check_registration_open(event)
    except DomainError as error:
        closed_reason = error.message
    context: dict[str, Any] = {
        "event": event,
        "closed_reason": closed_reason,
        "members_only": event.audience == Audience.MEMBERS,
        "full": event.free_places < 1,
        "registered": registration is not None and registration.state in Registration.UNIQUE_STATES,
    }
    if registration is not None:
        context.update(state_context(registration))
    if not closed_reason and not context["registered"]:
        if user.is_authenticated:
            context["form"] = RegistrationForm(event=event, auto_id="reg_%s")
        elif event.audience == Audience.PUBLIC:
            context["form"] = GuestRegistrationForm(event=event, auto_id="reg_%s")
    return context


@dataclass
class AccessNeedsSummary:
    """The access needs of an event's participants, added up for the organiser."""

    interpreters: dict[str, int]  # language → how many registrations asked for it
    children: int
    step_free: int
    other: list[str]


def access_needs_summary(event: Event) -> AccessNeedsSummary:
    """Over the registrations that hold places (confirmed, offered, attended); one query."""
    rows = (
        Registration.objects.filter(event=event)
        .holding()
        .values_list("interpreter_language", "childcare", "step_free", "other_needs")
    )
    summary = AccessNeedsSummary(interpreters={}, children=0, step_free=0, other=[])
    for language, children, step_free, other in rows:
        if language:
            summary.interpreters[language] = summary.interpreters.get(language, 0) + 1
        summary.children += children
        summary.step_free += int(step_free)
        if other:
            summary.other.append(other)
    return summary
