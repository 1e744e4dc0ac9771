"""The event form, in the groups an organiser thinks in: what, when, where, who, messages.

Times are typed as the organiser means them, on the wall clock of the event's zone, and
converted to UTC here (correct across a change to or from summer time). The form checks what
it can see; the services decide (their refusals come back next to the field they concern).
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from handschlag.core.errors import DomainError
from handschlag.core.widgets import DateInput
from handschlag.organisations.models import Membership, Organisation
from handschlag.places.forms import MunicipalityChoiceField

from . import recurrence
from .languages import LANGUAGES
from .models import DEFAULT_OFFER_HOURS, Audience, Event, Format, Kind

TIME_ZONES = (
    ("Europe/Berlin", _("Deutschland (Europe/Berlin)")),
    ("Europe/Vienna", _("Österreich (Europe/Vienna)")),
    ("Europe/Zurich", _("Schweiz (Europe/Zurich)")),
    ("Europe/London", _("Vereinigtes Königreich (Europe/London)")),
    ("Europe/Istanbul", _("Türkei (Europe/Istanbul)")),
    ("Europe/Kyiv", _("Ukraine (Europe/Kyiv)")),
    ("UTC", _("UTC")),
)


class TimeInput(forms.TimeInput):
    input_type = "time"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


def local_moment(day: datetime.date, time: datetime.time, zone: str) -> datetime.datetime:
    """The wall-clock `day` `time` in `zone` as an aware datetime (stored as UTC). A time
    that does not exist that day (the hour skipped in spring) is refused; a time that exists
    twice (the hour repeated in autumn) is the first, still in summer time."""
    tz = ZoneInfo(zone)
    wall = datetime.datetime.combine(day, time)
    moment = wall.replace(tzinfo=tz, fold=0)
    if moment.astimezone(datetime.UTC).astimezone(tz).replace(tzinfo=None) != wall:
        raise forms.ValidationError(
            _("Diese Uhrzeit gibt es am %(day)s wegen der Zeitumstellung nicht.")
            % {"day": date_format(day)},
            code="no_such_time",
        )
    return moment.astimezone(datetime.UTC)


def admin_organisations(user: Any) -> Any:
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.ADMIN
    ).order_by("name")


class EventForm(forms.Form):
    # 1. what
    organisation = forms.ModelChoiceField(
        label=_("Veranstalter"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("Veranstaltungen legen die Admins einer Organisation an."),
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=160,
        help_text=_("Kurz und konkret, z. B. „Bürgerdialog: Wie gelingt Ankommen in Pirna?“"),
    )
    description = forms.CharField(
        label=_("Worum geht es?"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Was erwartet die Teilnehmenden, was sollen sie mitbringen?"),
    )
    kind = forms.ChoiceField(label=_("Art"), choices=Kind.choices)
    format = forms.ChoiceField(
        label=_("Form"), choices=Format.choices, initial=Format.IN_PERSON, widget=forms.RadioSelect
    )
    # 2. when
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    start_time = forms.TimeField(label=_("Beginn (Uhrzeit)"), widget=TimeInput(format="%H:%M"))
    end_time = forms.TimeField(label=_("Ende (Uhrzeit)"), widget=TimeInput(format="%H:%M"))
    end_date = forms.DateField(
        label=_("Ende an einem anderen Tag"),
        required=False,
        widget=DateInput(),
        help_text=_("Nur wenn die Veranstaltung über mehrere Tage geht."),
    )
    timezone = forms.ChoiceField(
        label=_("Zeitzone"),
        choices=TIME_ZONES,
        initial="Europe/Berlin",
        help_text=_("Die Uhrzeiten gelten in dieser Zeitzone."),
    )
    repeat = forms.ChoiceField(
        label=_("Wiederholung"), choices=recurrence.PLAIN_CHOICES, required=False
    )
    repeat_count = forms.IntegerField(
        label=_("Wie viele Termine insgesamt?"),
        required=False,
        min_value=2,
        max_value=52,
        help_text=_("Mit dem ersten Termin, z. B. 6."),
    )
    rule = forms.CharField(
        label=_("Eigene Regel (für Fachleute)"),
        required=False,
        max_length=200,
        help_text=_(
            "Statt der Auswahl oben eine Regel nach RFC 5545, z. B. "
            "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10"
        ),
    )
    # 3. where
    municipality = MunicipalityChoiceField(
        label=_("Ort"),
        required=False,
        help_text=_("Name der Stadt oder Gemeinde. Bei reinen Online-Veranstaltungen freiwillig."),
    )
    venue_name = forms.CharField(
        label=_("Veranstaltungsort"),
        max_length=160,
        required=False,
        help_text=_("z. B. „Rathaus, Großer Saal“"),
    )
    venue_address = forms.CharField(label=_("Adresse"), max_length=250, required=False)
    accessibility = forms.CharField(
        label=_("Barrierefreiheit"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("z. B. stufenloser Zugang, barrierefreies WC, Induktionsschleife"),
    )
    online_url = forms.URLField(
        label=_("Link zur Teilnahme online"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Nur angemeldete Teilnehmende sehen den Link."),
    )
    # 4. who and how many
    audience = forms.ChoiceField(
        label=_("Für wen?"),
        choices=Audience.choices,
        initial=Audience.PUBLIC,
        widget=forms.RadioSelect,
        help_text=_(
            "Öffentliche Veranstaltungen prüft die Moderation; Veranstaltungen nur für Ihre "
            "Mitglieder sind sofort sichtbar – aber nur für sie."
        ),
    )
    capacity = forms.IntegerField(label=_("Plätze insgesamt"), min_value=1, initial=20)
    reserved_places = forms.IntegerField(
        label=_("reservierte Plätze"),
        min_value=0,
        initial=0,
        help_text=_("Plätze, die Sie selbst vergeben (z. B. für Dolmetschende oder Gäste)."),
    )
    max_places_per_registration = forms.IntegerField(
        label=_("höchstens Plätze je Anmeldung"),
        min_value=1,
        max_value=50,
        initial=4,
        help_text=_("Für Gruppen: wie viele Plätze eine Person auf einmal anmelden kann."),
    )
    registration_opens_at = forms.DateTimeField(
        label=_("Anmeldung ab"),
        required=False,
        widget=LocalDateTimeInput(format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Leer lassen: ab sofort."),
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Anmeldung bis"),
        required=False,
        widget=LocalDateTimeInput(format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Leer lassen: bis zum Beginn."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Gesprochene Sprachen"),
        choices=LANGUAGES,
        initial=["de"],
        widget=forms.CheckboxSelectMultiple,
    )
    interpretation = forms.MultipleChoiceField(
        label=_("Verdolmetschung in"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In welche Sprachen übersetzt wird (auch Gebärdensprache)."),
    )
    # 5. messages
    offer_hours = forms.IntegerField(
        label=_("Frist für Nachrückende in Stunden"),
        min_value=1,
        max_value=336,
        initial=DEFAULT_OFFER_HOURS,
        help_text=_(
            "Wird ein Platz frei, bekommt die nächste Person auf der Warteliste ihn angeboten "
            "und hat so lange Zeit, ihn anzunehmen."
        ),
    )
    second_reminder_hours = forms.IntegerField(
        label=_("zweite Erinnerung (Stunden vorher)"),
        required=False,
        min_value=1,
        max_value=47,
        help_text=_("Die erste Erinnerung kommt 48 Stunden vorher. Zum Beispiel 3."),
    )

    GROUPS = (
        (_("1. Was?"), "", ("organisation", "title", "description", "kind", "format")),
        (
            _("2. Wann?"),
            _("Die Uhrzeiten gelten am Veranstaltungsort."),
            ("date", "start_time", "end_time", "end_date", "timezone", "repeat", "repeat_count",
             "rule"),
        ),
        (
            _("3. Wo?"),
            _("Vor Ort: Ort und Veranstaltungsort. Online: der Link."),
            ("municipality", "venue_name", "venue_address", "accessibility", "online_url"),
        ),
        (
            _("4. Für wen und wie viele?"),
            "",
            ("audience", "capacity", "reserved_places", "max_places_per_registration",
             "registration_opens_at", "registration_closes_at", "languages", "interpretation"),
        ),
        (_("5. Nachrichten an die Teilnehmenden"), "", ("offer_hours", "second_reminder_hours")),
    )  # fmt: skip

    def __init__(self, *args: Any, user: Any, event: Event | None = None, **kwargs: Any) -> None:
        self.event = event
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from(event)
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        if event is None:
            field.queryset = admin_organisations(user)  # type: ignore[attr-defined]
            if not self.is_bound:
                first = field.queryset.first()  # type: ignore[attr-defined]
                if first is not None:
                    self.initial.setdefault("organisation", first.pk)
                    if first.municipality_id:
                        self.initial.setdefault("municipality", first.municipality)
        else:
            # the organiser of an event stays: it is theirs
            del self.fields["organisation"]

    def groups(self) -> list[tuple[Any, Any, list[forms.BoundField]]]:
        return [
            (legend, hint, [self[name] for name in names if name in self.fields])
            for legend, hint, names in self.GROUPS
        ]

    # --- checks --------------------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone = data.get("timezone") or "Europe/Berlin"
        self._clean_times(data, zone)
        self._clean_recurrence(data)
        self._clean_place(data)
        self._clean_places(data)
        self._clean_window(data, zone)
        return data

    def _clean_times(self, data: dict[str, Any], zone: str) -> None:
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if not (day and start and end):
            return
        try:
            data["starts_at"] = local_moment(day, start, zone)
        except forms.ValidationError as error:
            self.add_error("start_time", error)
            return
        try:
            data["ends_at"] = local_moment(data.get("end_date") or day, end, zone)
        except forms.ValidationError as error:
            self.add_error("end_time", error)
            return
        if data["ends_at"] <= data["starts_at"]:
            self.add_error("end_time", _("Das Ende liegt vor dem Beginn."))
        unchanged = self.event is not None and self.event.starts_at == data["starts_at"]
        if not unchanged and data["starts_at"] <= timezone.now():
            self.add_error("date", _("Der Beginn liegt in der Vergangenheit."))

    def _clean_recurrence(self, data: dict[str, Any]) -> None:
        repeat, count, rule = data.get("repeat"), data.get("repeat_count"), data.get("rule")
        if repeat and rule:
            self.add_error(
                "rule", _("Bitte wählen Sie eine Wiederholung oben oder eine eigene Regel.")
            )
            return
        if repeat:
            if not count:
                self.add_error("repeat_count", _("Wie viele Termine soll es geben?"))
                return
            data["recurrence"] = recurrence.plain_rule(repeat, count)
        elif rule:
            try:
                data["recurrence"] = recurrence.check(rule, starts_at=data.get("starts_at"))
            except DomainError as error:
                self.add_error("rule", error.message)
        else:
            data["recurrence"] = ""

    def _clean_place(self, data: dict[str, Any]) -> None:
        fmt = data.get("format")
        if fmt in (Format.ONLINE, Format.HYBRID) and not data.get("online_url"):
            self.add_error("online_url", _("Für eine Teilnahme online brauchen wir den Link."))
        if fmt in (Format.IN_PERSON, Format.HYBRID):
            if not data.get("municipality") and "municipality" not in self.errors:
                self.add_error("municipality", _("Bitte geben Sie den Ort an."))
            if not (data.get("venue_name") or "").strip():
                self.add_error("venue_name", _("Bitte geben Sie den Veranstaltungsort an."))

    def _clean_places(self, data: dict[str, Any]) -> None:
        capacity, reserved = data.get("capacity"), data.get("reserved_places")
        if capacity is None or reserved is None:
            return
        if reserved > capacity:
            self.add_error(
                "reserved_places",
                _("Es können nicht mehr Plätze reserviert sein, als es insgesamt gibt."),
            )
            return
        if self.event is not None:
            held = self.event.bookable_places - self.event.free_places
            if capacity - reserved < held:
                self.add_error(
                    "capacity",
                    ngettext(
                        "%(n)d Platz ist schon vergeben; so viele Plätze (ohne reservierte) muss "
                        "es mindestens geben.",
                        "%(n)d Plätze sind schon vergeben; so viele Plätze (ohne reservierte) "
                        "muss es mindestens geben.",
                        held,
                    )
                    % {"n": held},
                )

    def _clean_window(self, data: dict[str, Any], zone: str) -> None:
        for name in ("registration_opens_at", "registration_closes_at"):
            value = data.get(name)
            if value is None:
                continue
            naive = timezone.make_naive(value) if timezone.is_aware(value) else value
            try:
                data[name] = local_moment(naive.date(), naive.time(), zone)
            except forms.ValidationError as error:
                self.add_error(name, error)
                data[name] = None
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "registration_closes_at",
                _("Die Anmeldung muss enden, nachdem sie begonnen hat."),
            )
        starts_at = data.get("starts_at")
        if closes and starts_at and closes > starts_at:
            self.add_error(
                "registration_closes_at", _("Die Anmeldung kann höchstens bis zum Beginn laufen.")
            )

    # --- for the services ------------------------------------------------------------------------

    def event_fields(self) -> dict[str, Any]:
        """The cleaned data as the services take it."""
        data = self.cleaned_data
        fields = {
            name: data.get(name)
            for name in (
                "title", "description", "kind", "format", "audience", "municipality",
                "venue_name", "venue_address", "accessibility", "online_url", "starts_at",
                "ends_at", "timezone", "recurrence", "capacity", "reserved_places",
                "registration_opens_at", "registration_closes_at",
                "max_places_per_registration", "offer_hours", "second_reminder_hours",
                "languages", "interpretation",
            )
        }  # fmt: skip
        for name in ("venue_name", "venue_address", "accessibility", "online_url"):
            fields[name] = fields[name] or ""
        return fields

    def add_domain_error(self, error: DomainError) -> None:
        """A service's refusal, next to the field it concerns if the form has it."""
        field = {"starts_at": "date", "ends_at": "end_time", "recurrence": "rule"}.get(
            error.code, error.code
        )
        self.add_error(field if field in self.fields else None, error.message)


def initial_from(event: Event) -> dict[str, Any]:
    """The form's values for an existing event, on the wall clock of its zone."""
    zone = event.zone
    starts, ends = event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)
    plain = recurrence.as_plain(event.recurrence)
    initial: dict[str, Any] = {
        name: getattr(event, name)
        for name in (
            "title", "description", "kind", "format", "audience", "municipality", "venue_name",
            "venue_address", "accessibility", "online_url", "timezone", "capacity",
            "reserved_places", "max_places_per_registration", "offer_hours",
            "second_reminder_hours", "languages", "interpretation",
        )
    }  # fmt: skip
    initial.update(
        date=starts.date(),
        start_time=starts.time().replace(second=0, microsecond=0),
        end_time=ends.time().replace(second=0, microsecond=0),
        end_date=ends.date() if ends.date() != starts.date() else None,
        repeat=plain[0] if plain else "",
        repeat_count=plain[1] if plain else None,
        rule="" if plain else event.recurrence,
    )
    for name in ("registration_opens_at", "registration_closes_at"):
        value = getattr(event, name)
        initial[name] = value.astimezone(zone).replace(tzinfo=None) if value else None
    return initial


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Warum sagen Sie ab?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Die Angemeldeten bekommen diese Begründung mit der Absage."),
        error_messages={"required": _("Bitte sagen Sie den Teilnehmenden, warum Sie absagen.")},
    )
