"""iCalendar (RFC 5545) for events: one event's .ics and the calendar feeds.

Each event is one VEVENT with a stable UID (`event-<pk>@<host>`), DTSTART/DTEND in the event's
own zone (TZID, with its VTIMEZONE), the RRULE as the organiser gave it, SEQUENCE from the
event (raised on every change, so calendar clients take the update) and STATUS:CANCELLED for a
cancelled event. The online link goes in only when the reader may see it (`with_link`).
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Event

PRODID = "-//Handschlag//Veranstaltungen//DE"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def uid_host() -> str:
    """The host in every UID: the site's, so UIDs never depend on how a request came in."""
    return urlsplit(settings.SITE_URL).hostname or "handschlag.example"


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{uid_host()}"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def location_text(event: Event) -> str:
    parts = [event.venue_name, event.venue_address]
    if event.municipality_id is not None and event.municipality is not None:
        town = event.municipality.name
        if town not in event.venue_address:
            parts.append(town)
    place = ", ".join(p for p in parts if p) if event.has_venue else ""
    if event.is_online and not place:
        return _("online")
    return place


def _description(event: Event, *, with_link: bool, url: str) -> str:
    lines = [event.description.strip()]
    if event.state == Event.State.CANCELLED:
        lines.insert(0, _("Abgesagt.") + (f" {event.cancel_reason}" if event.cancel_reason else ""))
    if event.is_online:
        if with_link and event.online_url:
            lines.append(_("Teilnahme online: %(link)s") % {"link": event.online_url})
        else:
            lines.append(_("Den Link zur Teilnahme online sehen angemeldete Teilnehmende."))
    lines.append(_("Veranstaltet von %(organiser)s") % {"organiser": event.organisation.name})
    lines.append(url)
    return "\n\n".join(line for line in lines if line)


def vevent(
    event: Event, *, with_link: bool, stamp: datetime.datetime | None = None
) -> icalendar.Event:
    """The VEVENT of `event`; `with_link`: the reader may see the online link."""
    zone = event.zone
    url = absolute(event.get_absolute_url())
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", stamp or timezone.now())
    component.add("dtstart", event.starts_at.astimezone(zone))
    component.add("dtend", event.ends_at.astimezone(zone))
    if event.recurrence:
        # an unreadable rule: the first date only, as on the pages
        with contextlib.suppress(ValueError):
            component.add("rrule", icalendar.vRecur.from_ical(event.recurrence))
    component.add("summary", event.title)
    component.add("description", _description(event, with_link=with_link, url=url))
    location = location_text(event)
    if location:
        component.add("location", location)
    component.add("url", url)
    component.add("sequence", event.sequence)
    component.add(
        "organizer",
        absolute(event.organisation.get_absolute_url()),
        parameters={"CN": event.organisation.name},
    )
    if event.state == Event.State.CANCELLED:
        component.add("status", "CANCELLED")
    else:
        component.add("status", "CONFIRMED")
    if event.updated_at:
        component.add("last-modified", event.updated_at)
    return component


def build_calendar(
    items: Iterable[tuple[Event, bool]], *, name: str = "", method: str = "PUBLISH"
) -> bytes:
    """A VCALENDAR of (event, with_link) pairs, with a VTIMEZONE for every zone used."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("name", name)
    stamp = timezone.now()
    years: list[int] = []
    for event, with_link in items:
        cal.add_component(vevent(event, with_link=with_link, stamp=stamp))
        years += [event.starts_at.year, event.ends_at.year]
    if years:
        # the zones' rules only for the years the events need (a short VTIMEZONE)
        cal.add_missing_timezones(
            first_date=datetime.date(min(years) - 1, 1, 1),
            last_date=datetime.date(max(years) + 3, 1, 1),
        )
    return cal.to_ical()
