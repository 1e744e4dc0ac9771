"""Reads for the pages of this part: the event page, the organisers' "Meine Veranstaltungen",
the moderation queue and the section on an organisation's page. Each runs a fixed number of
queries, however many events there are."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from handschlag.organisations.rules import is_org_member

from .models import Audience, Event, Registration

SECTION_LIMIT = 10
PAST_LIMIT = 20


def _with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    """With what a row shows joined in, and `active_registrations` counted."""
    return events.select_related("organisation", "municipality").annotate(
        active_registrations=Count(
            "registrations", filter=Q(registrations__state__in=Registration.ACTIVE_STATES)
        )
    )


def event_for_page(*, pk: int, user: Any) -> Event:
    """The event if `user` may see it; 404 otherwise (a members-only or unpublished event is
    not admitted to exist)."""
    event = _with_counts(Event.objects.filter(pk=pk)).select_related("report_post").first()
    if event is None or not user.has_perm("events.view_event", event):
        raise Http404
    return event


def my_events(*, user: Any) -> dict[str, list[Event]]:
    """The events of the organisations `user` belongs to, by what needs doing: drafts and
    returned ones, in moderation, upcoming, and the most recent past (or cancelled) ones."""
    now = timezone.now()
    events = list(
        _with_counts(Event.objects.filter(organisation__memberships__user=user)).order_by(
            "starts_at", "pk"
        )
    )
    drafts = [e for e in events if e.state in (Event.State.DRAFT, Event.State.RETURNED)]
    pending = [e for e in events if e.state == Event.State.PENDING]
    upcoming = [e for e in events if e.state == Event.State.PUBLISHED and e.ends_at >= now]
    past = [
        e
        for e in reversed(events)
        if e.state in (Event.State.CANCELLED, Event.State.CLOSED)
        or (e.state == Event.State.PUBLISHED and e.ends_at < now)
    ][:PAST_LIMIT]
    return {"drafts": drafts, "pending": pending, "upcoming": upcoming, "past": past}


def pending_events() -> QuerySet[Event]:
    """What waits for the moderation, oldest first."""
    return (
        Event.objects.filter(state=Event.State.PENDING)
        .select_related("organisation", "municipality")
        .order_by("updated_at", "pk")
    )


def organisation_events(organisation: Any, user: Any) -> dict[str, Any] | None:
    """The organisation's upcoming published events for its page (one query): public ones for
    everyone, members-only ones for its members too; nothing if there are none."""
    events = Event.objects.published().upcoming().filter(organisation=organisation)
    if not is_org_member(user, organisation):
        events = events.filter(audience=Audience.PUBLIC)
    shown = list(events.select_related("municipality").order_by("starts_at", "pk")[:SECTION_LIMIT])
    return {"events": shown} if shown else None
