"""Template helpers of the organiser's side: `{% door_box event as box %}` (the organiser box on
the event page) and the `language_name` filter."""

from __future__ import annotations

from typing import Any

from django import template

from .. import door
from ..models import Event

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    return door.language_name(code) if code else ""


@register.simple_tag(takes_context=True)
def door_box(context: template.Context, event: Event) -> dict[str, Any] | None:
    """What the organiser box shows, or None for anyone outside the organiser team."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("events.view_participants", event):
        return None
    return {
        "counts": door.counts(event),
        "is_admin": user.has_perm("events.close_event", event),
        "can_message": user.has_perm("events.message_participants", event),
        "report_due": event.is_past and event.state in (Event.State.PUBLISHED, Event.State.CLOSED),
    }
