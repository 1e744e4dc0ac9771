"""Events (workshops, webinars, citizen dialogues, network meetings, tandem meet-ups…), the
registrations for them, the waiting list and the secret calendar-feed tokens.

Places are a guarded counter: `Event.free_places` is what can still be confirmed or offered
(capacity − reserved − places held by confirmed and offered registrations). It is only ever
changed through `core.capacity.take` / `give_back` (one conditional UPDATE), so concurrent
registrations, cancellations and offers can never confirm more people than there are seats.
A recurring event (RRULE) is one event with one list of registrations for the whole series.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.core.models import StatefulModel, TimeStampedModel

# Short codes for check-in: no 0/O, 1/I/L, so they can be read aloud and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
DEFAULT_OFFER_HOURS = 48
FIRST_REMINDER_HOURS = 48


def new_token() -> str:
    """A secret for links that act without a login (guest confirmation, calendar feeds)."""
    return secrets.token_urlsafe(24)


def new_checkin_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Kind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    CITIZEN_DIALOGUE = "citizen_dialogue", _("Bürgerdialog")
    NETWORK_MEETING = "network_meeting", _("Netzwerktreffen")
    TANDEM_MEETUP = "tandem_meetup", _("Tandemtreffen")
    TRAINING = "training", _("Schulung")
    CONGRESS = "congress", _("Kongress")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("vor Ort")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid (vor Ort und online)")


class Audience(models.TextChoices):
    PUBLIC = "public", _("alle")
    MEMBERS = "members", _("nur Mitglieder der veranstaltenden Organisation")


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> EventQuerySet:
        return self.filter(state=Event.State.PUBLISHED)

    def public(self) -> EventQuerySet:
        """What anyone may see: published for everyone, and what was once (cancelled, closed)."""
        return self.filter(state__in=Event.PUBLIC_STATES, audience=Audience.PUBLIC)

    def upcoming(self) -> EventQuerySet:
        return self.filter(ends_at__gte=timezone.now())


class Event(StatefulModel, TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PENDING = "pending", _("in Moderation")
        RETURNED = "returned", _("zurückgegeben")
        PUBLISHED = "published", _("veröffentlicht")
        CANCELLED = "cancelled", _("abgesagt")
        CLOSED = "closed", _("abgeschlossen")

    TRANSITIONS = {
        State.DRAFT: {State.PENDING, State.PUBLISHED},
        State.RETURNED: {State.PENDING, State.PUBLISHED},
        State.PENDING: {State.PUBLISHED, State.RETURNED, State.DRAFT},
        # a moderator may take a published event back (returned) after a report
        State.PUBLISHED: {State.CANCELLED, State.CLOSED, State.RETURNED},
    }
    PUBLIC_STATES = (State.PUBLISHED, State.CANCELLED, State.CLOSED)
    EDITABLE_STATES = (State.DRAFT, State.RETURNED, State.PUBLISHED)

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("Veranstalter"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("Titel"), max_length=160)
    description = models.TextField(_("Worum geht es?"), max_length=8000)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    format = models.CharField(
        _("Form"), max_length=12, choices=Format.choices, default=Format.IN_PERSON
    )
    audience = models.CharField(
        _("Für wen?"), max_length=12, choices=Audience.choices, default=Audience.PUBLIC
    )
    # where
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Ort"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    venue_name = models.CharField(_("Veranstaltungsort"), max_length=160, blank=True)
    venue_address = models.CharField(_("Adresse"), max_length=250, blank=True)
    accessibility = models.TextField(
        _("Barrierefreiheit"),
        max_length=2000,
        blank=True,
        help_text=_("z. B. stufenloser Zugang, barrierefreies WC, Induktionsschleife"),
    )
    # Shown only to confirmed participants and the organisers (pages, API, feeds, .ics).
    online_url = models.URLField(_("Link zur Teilnahme online"), max_length=500, blank=True)
    # when (stored in UTC; `timezone` is the zone the organiser meant, used for .ics and RRULE)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    timezone = models.CharField(_("Zeitzone"), max_length=64, default="Europe/Berlin")
    recurrence = models.CharField(
        _("Wiederholung"),
        max_length=200,
        blank=True,
        help_text=_("Regel nach RFC 5545, z. B. FREQ=WEEKLY;COUNT=6"),
    )
    # who and how many
    capacity = models.PositiveIntegerField(_("Plätze insgesamt"), default=20)
    reserved_places = models.PositiveIntegerField(
        _("reservierte Plätze"),
        default=0,
        help_text=_("Plätze, die Sie selbst vergeben (z. B. für Dolmetschende oder Gäste)."),
    )
    registration_opens_at = models.DateTimeField(_("Anmeldung ab"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("Anmeldung bis"), null=True, blank=True)
    max_places_per_registration = models.PositiveSmallIntegerField(
        _("höchstens Plätze je Anmeldung"), default=4
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("Frist für Nachrückende in Stunden"), default=DEFAULT_OFFER_HOURS
    )
    second_reminder_hours = models.PositiveSmallIntegerField(
        _("zweite Erinnerung (Stunden vorher)"),
        null=True,
        blank=True,
        help_text=_("Die erste Erinnerung kommt 48 Stunden vorher."),
    )
    # languages as codes ("de", "ar", …)
    languages = models.JSONField(_("Sprachen"), default=list, blank=True)
    interpretation = models.JSONField(_("Verdolmetschung in"), default=list, blank=True)

    # Guarded counter: only core.capacity changes it (see module docstring).
    free_places = models.PositiveIntegerField(default=20, editable=False)

    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    moderation_comment = models.TextField(_("Kommentar der Moderation"), blank=True)
    cancel_reason = models.TextField(_("Grund der Absage"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # SEQUENCE of the .ics: raised on every change of time, place or state
    sequence = models.PositiveIntegerField(default=0, editable=False)

    # closing report (after the event); `report_post` once published in the blog
    outcome = models.TextField(_("Was ist herausgekommen?"), max_length=8000, blank=True)
    report_post = models.OneToOneField(
        "blog.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="event"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        indexes = [
            models.Index(fields=["municipality", "state", "starts_at"], name="event_place_idx"),
            models.Index(fields=["organisation", "starts_at"], name="event_organiser_idx"),
            models.Index(fields=["state", "kind", "starts_at"], name="event_kind_idx"),
            models.Index(fields=["state", "ends_at"], name="event_state_end_idx"),
            # The public list, month and feeds: one range of starts_at per state, the rest
            # decided from the index alone (replaces event_public_start_idx, its prefix).
            models.Index(
                fields=["state", "audience", "starts_at", "ends_at", "recurrence", "format"],
                name="event_calendar_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(reserved_places__lte=models.F("capacity")),
                name="event_reserved_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(free_places__lte=models.F("capacity") - models.F("reserved_places")),
                name="event_free_places_within_capacity",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def bookable_places(self) -> int:
        """Places open to registration: capacity minus the organiser's reserved places."""
        return self.capacity - self.reserved_places

    @property
    def has_venue(self) -> bool:
        return self.format in (Format.IN_PERSON, Format.HYBRID)

    @property
    def is_online(self) -> bool:
        return self.format in (Format.ONLINE, Format.HYBRID)

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def registration_is_open(self, at: datetime | None = None) -> bool:
        """Published, not yet begun, and inside the registration window."""
        now = at or timezone.now()
        return (
            self.state == self.State.PUBLISHED
            and now < self.starts_at
            and (self.registration_opens_at is None or self.registration_opens_at <= now)
            and (self.registration_closes_at is None or now < self.registration_closes_at)
        )


# Registered (so not a second time): everything but the ends. Spelled out for the constraints.
_UNIQUE_STATES = ("requested", "confirmed", "waiting", "offered", "attended", "no_show")


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def holding(self) -> RegistrationQuerySet:
        """Registrations that hold places of the event (confirmed, offered, attended)."""
        return self.filter(state__in=Registration.HOLDING_STATES)

    def active(self) -> RegistrationQuerySet:
        return self.filter(state__in=Registration.ACTIVE_STATES)

    def waiting_line(self) -> RegistrationQuerySet:
        """The waiting list in order: first come, first offered."""
        return self.filter(state=Registration.State.WAITING).order_by("waiting_since", "pk")


class Registration(StatefulModel, TimeStampedModel):
    """One person's registration for `places` seats (themselves and their group).

    A logged-in user registers with one click; a guest gives name and email and confirms by the
    link sent to that address (`requested` until then, holding no place).
    """

    class State(models.TextChoices):
        REQUESTED = "requested", _("E-Mail-Bestätigung ausstehend")
        CONFIRMED = "confirmed", _("angemeldet")
        WAITING = "waiting", _("auf der Warteliste")
        OFFERED = "offered", _("Platz angeboten")
        EXPIRED = "expired", _("Angebot verfallen")
        CANCELLED = "cancelled", _("abgemeldet")
        CANCELLED_BY_ORGANISER = "cancelled_by_organiser", _("vom Veranstalter abgesagt")
        ATTENDED = "attended", _("teilgenommen")
        NO_SHOW = "no_show", _("nicht erschienen")

    _ENDS = {State.CANCELLED, State.CANCELLED_BY_ORGANISER}
    TRANSITIONS = {
        State.REQUESTED: {State.CONFIRMED, State.WAITING, *_ENDS},
        State.WAITING: {State.OFFERED, State.CONFIRMED, *_ENDS},
        State.OFFERED: {State.CONFIRMED, State.EXPIRED, *_ENDS},
        State.CONFIRMED: {State.ATTENDED, State.NO_SHOW, *_ENDS},
        State.ATTENDED: {State.NO_SHOW},
        State.NO_SHOW: {State.ATTENDED},
    }
    HOLDING_STATES = (State.CONFIRMED, State.OFFERED, State.ATTENDED)
    ACTIVE_STATES = (State.REQUESTED, State.CONFIRMED, State.WAITING, State.OFFERED)
    # states in which a person is "registered" and may not register a second time
    UNIQUE_STATES = _UNIQUE_STATES

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    # guests (no account): name and address, confirmed through the link with `token`
    guest_name = models.CharField(_("Name"), max_length=120, blank=True)
    guest_email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    places = models.PositiveSmallIntegerField(_("Plätze"), default=1)
    # access needs, added up for the organiser
    interpreter_language = models.CharField(
        _("Verdolmetschung gewünscht in"), max_length=10, blank=True
    )
    childcare = models.PositiveSmallIntegerField(
        _("Kinderbetreuung für (Anzahl Kinder)"), default=0
    )
    step_free = models.BooleanField(_("stufenloser Zugang nötig"), default=False)
    other_needs = models.CharField(_("Sonstiges"), max_length=500, blank=True)

    state = models.CharField(max_length=24, choices=State.choices, default=State.REQUESTED)
    waiting_since = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    checkin_code = models.CharField(
        max_length=CODE_LENGTH, default=new_checkin_code, editable=False
    )
    checked_in_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    second_reminded_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        indexes = [
            models.Index(fields=["event", "state", "waiting_since"], name="registration_line_idx"),
            models.Index(fields=["user", "state"], name="registration_user_idx"),
            models.Index(fields=["state", "offer_expires_at"], name="registration_offer_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False, state__in=_UNIQUE_STATES),
                name="registration_one_per_user",
            ),
            models.UniqueConstraint(
                fields=["event", "guest_email"],
                condition=Q(user__isnull=True, state__in=_UNIQUE_STATES),
                name="registration_one_per_guest",
            ),
            models.UniqueConstraint(
                fields=["event", "checkin_code"], name="registration_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(guest_email=""), name="registration_has_person"
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="registration_places_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} → {self.event}"

    @property
    def display_name(self) -> str:
        if self.user_id is not None:
            return self.user.public_name  # type: ignore[union-attr]
        return self.guest_name

    @property
    def email(self) -> str:
        return self.user.email if self.user_id is not None else self.guest_email  # type: ignore[union-attr]

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    def offer_deadline(self, now: datetime | None = None) -> datetime:
        """Until when a place offered now may be taken: `offer_hours`, but never after the start."""
        start = now or timezone.now()
        return min(start + timedelta(hours=self.event.offer_hours), self.event.starts_at)


class CalendarToken(TimeStampedModel):
    """The secret address of a person's own calendar feed (their registrations). Revoking it
    replaces the token, so every old subscription stops working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)

    class Meta:
        verbose_name = _("Kalender-Abo")
        verbose_name_plural = _("Kalender-Abos")

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"


def event_photo_path(instance: EventPhoto, filename: str) -> str:
    return f"event-photos/{instance.event_id}/{timezone.now():%Y%m%d%H%M%S%f}.jpg"


class EventPhoto(models.Model):
    """A photo of an event's closing report; stored only after re-encoding (no EXIF, no GPS).
    Public once the report is published in the blog, until then only for the organiser team."""

    MAX_PER_EVENT = 5

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=event_photo_path)
    alt_text = models.CharField(_("Bildbeschreibung"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Foto")
        verbose_name_plural = _("Fotos")

    def __str__(self) -> str:
        return self.alt_text
