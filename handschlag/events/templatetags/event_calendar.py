"""`{% add_to_calendar_links event as links %}`: plain links that put an event into Google
Calendar and Outlook.com (no script; the online link never goes into them)."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django import template

from ..ical import absolute, location_text
from ..models import Event

register = template.Library()

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/action/compose"
DETAILS_LENGTH = 600


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _details(event: Event) -> str:
    text = event.description.strip()
    if len(text) > DETAILS_LENGTH:
        text = text[: DETAILS_LENGTH - 1].rstrip() + "…"
    return f"{text}\n\n{absolute(event.get_absolute_url())}"


def google_link(event: Event) -> str:
    params = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{_utc(event.starts_at)}/{_utc(event.ends_at)}",
        "ctz": event.timezone,
        "details": _details(event),
        "location": location_text(event),
    }
    if event.recurrence:
        params["recur"] = f"RRULE:{event.recurrence}"
    return f"{GOOGLE}?{urlencode(params)}"


def outlook_link(event: Event) -> str:
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": event.starts_at.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "enddt": event.ends_at.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "body": _details(event),
        "location": location_text(event),
    }
    return f"{OUTLOOK}?{urlencode(params)}"


@register.simple_tag
def add_to_calendar_links(event: Event) -> dict[str, str]:
    return {"google": google_link(event), "outlook": outlook_link(event)}
