"""What registrations notify about (the participant's side). Texts are rendered in the
reader's language when shown or mailed; the mail bodies are templates under
templates/events/mail/registration_*.txt.

Parameters (all strings): "title" (the event's), "starts_at" (ISO, UTC) and "tz" (the event's zone),
"where" (venue or "online"), "places", "manage_url" (absolute: where to see, cancel, accept),
"ics_url" (absolute: the event's .ics), "deadline" (ISO, an offer's end), "reason" (an
organiser's), and "online_url" and "checkin_code" (the code for the door, events with a venue)
— ONLY in the kinds sent to confirmed participants (confirmed, reminder); every other kind is
built without them (see `params_for`).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handschlag.notifications.registry import NotificationKind

if TYPE_CHECKING:
    from .models import Registration

REGISTRATIONS = gettext_lazy("Meine Anmeldungen zu Veranstaltungen")


def when(iso: str, zone: str) -> str:
    """An ISO time in the event's zone, in the reader's date format."""
    try:
        moment = datetime.datetime.fromisoformat(iso).astimezone(ZoneInfo(zone or "Europe/Berlin"))
    except (TypeError, ValueError, KeyError):
        return iso
    return date_format(moment, "DATETIME_FORMAT")


def _mail(template: str) -> object:
    def body(p: dict[str, str]) -> str:
        context = {
            **p,
            "when": when(p.get("starts_at", ""), p.get("tz", "")),
            "deadline_text": when(p.get("deadline", ""), p.get("tz", "")),
            "places_count": int(p.get("places") or 1),
        }
        return render_to_string(f"events/mail/{template}.txt", context).strip()

    return body


def event_ics(params: dict[str, str]) -> tuple[str, bytes, str] | None:
    """The event as a calendar file for the mail: built when the mail is sent (so a changed
    time is right), with the online link only where the mail carries it (confirmed)."""
    from .ical import build_calendar
    from .models import Event

    event = Event.objects.filter(pk=params.get("event_id") or 0).first()
    if event is None:
        return None
    body = build_calendar([(event, "online_url" in params)], method="PUBLISH")
    return (f"veranstaltung-{event.pk}.ics", body, "text/calendar")


CONFIRMED = NotificationKind(
    key="events.registration_confirmed",
    group=REGISTRATIONS,
    label=gettext_lazy("Meine Anmeldung ist bestätigt"),
    title=lambda p: _("Sie sind angemeldet: „%(title)s“") % p,
    body=_mail("registration_confirmed"),  # type: ignore[arg-type]
    attachment=event_ics,
)
CHECK_EMAIL = NotificationKind(
    key="events.registration_check_email",
    group=REGISTRATIONS,
    label=gettext_lazy("Bitte E-Mail-Adresse bestätigen (Anmeldung ohne Konto)"),
    title=lambda p: _("Bitte bestätigen Sie Ihre Anmeldung für „%(title)s“") % p,
    body=_mail("registration_check_email"),  # type: ignore[arg-type]
)
WAITING = NotificationKind(
    key="events.registration_waiting",
    group=REGISTRATIONS,
    label=gettext_lazy("Ich stehe auf der Warteliste"),
    title=lambda p: _("Sie stehen auf der Warteliste für „%(title)s“") % p,
    body=_mail("registration_waiting"),  # type: ignore[arg-type]
)
OFFERED = NotificationKind(
    key="events.place_offered",
    group=REGISTRATIONS,
    label=gettext_lazy("Für mich ist ein Platz frei geworden"),
    title=lambda p: _("Ein Platz für „%(title)s“ ist für Sie frei") % p,
    body=_mail("registration_offered"),  # type: ignore[arg-type]
)
OFFER_EXPIRED = NotificationKind(
    key="events.offer_expired",
    group=REGISTRATIONS,
    label=gettext_lazy("Ein angebotener Platz ist verfallen"),
    title=lambda p: _("Der angebotene Platz für „%(title)s“ ist verfallen") % p,
    body=_mail("registration_offer_expired"),  # type: ignore[arg-type]
)
REMINDER = NotificationKind(
    key="events.registration_reminder",
    group=REGISTRATIONS,
    label=gettext_lazy("Erinnerung vor einer Veranstaltung"),
    title=lambda p: (
        _("Erinnerung: „%(title)s“ am %(when)s")
        % {**p, "when": when(p.get("starts_at", ""), p.get("tz", ""))}
    ),
    body=_mail("registration_reminder"),  # type: ignore[arg-type]
    attachment=event_ics,
)
CANCELLED = NotificationKind(
    key="events.registration_cancelled",
    group=REGISTRATIONS,
    label=gettext_lazy("Ich habe mich abgemeldet"),
    title=lambda p: _("Sie sind von „%(title)s“ abgemeldet") % p,
    body=_mail("registration_cancelled"),  # type: ignore[arg-type]
)
CANCELLED_BY_ORGANISER = NotificationKind(
    key="events.registration_cancelled_by_organiser",
    group=REGISTRATIONS,
    label=gettext_lazy("Die Veranstaltenden haben meine Anmeldung abgesagt"),
    title=lambda p: _("Ihre Anmeldung für „%(title)s“ wurde abgesagt") % p,
    body=_mail("registration_cancelled_by_organiser"),  # type: ignore[arg-type]
)

KINDS = (
    CONFIRMED,
    CHECK_EMAIL,
    WAITING,
    OFFERED,
    OFFER_EXPIRED,
    REMINDER,
    CANCELLED,
    CANCELLED_BY_ORGANISER,
)
# the kinds that may carry the online link: only ever sent to confirmed participants
WITH_ONLINE_LINK = frozenset({CONFIRMED.key, REMINDER.key})


def ics_path(event_id: int) -> str:
    """The event's .ics (built by the calendar part, url name `events:ics`)."""
    try:
        return reverse("events:ics", args=[event_id])
    except NoReverseMatch:  # the calendar part is not mounted (yet): its documented address
        return f"/veranstaltungen/{event_id}/termin.ics"


def manage_path(registration: Registration) -> str:
    """Where the person sees and changes their registration: a guest's token page, for a
    person with an account the event page."""
    if registration.is_guest:
        return reverse("events:registration", args=[registration.token])
    return registration.event.get_absolute_url()


def params_for(registration: Registration, kind: NotificationKind, **extra: str) -> dict[str, str]:
    event = registration.event
    params = {
        "title": event.title,
        "event_id": str(event.pk),
        "starts_at": event.starts_at.isoformat(),
        "tz": event.timezone,
        "where": ", ".join(p for p in (event.venue_name, event.venue_address) if p)
        if event.has_venue
        else str(_("online")),
        "places": str(registration.places),
        "manage_url": f"{settings.SITE_URL}{manage_path(registration)}",
        "ics_url": f"{settings.SITE_URL}{ics_path(event.pk)}",
        **extra,
    }
    holds_place = registration.state in (
        registration.State.CONFIRMED,
        registration.State.ATTENDED,
    )
    if kind.key in WITH_ONLINE_LINK and holds_place:
        if event.has_venue:
            params["checkin_code"] = registration.checkin_code
        if event.is_online and event.online_url:
            params["online_url"] = event.online_url
    return params
