"""Mentoring: a programme has carriers, a carrier has local sites, a site has mentors and
mentees, who are matched in rounds into tandems ("Patenschaften").

Who sees what is decided by scoped roles (see access.py), never by these models.
Personal data is kept minimal: a mentee may have no account and no email at all; a police
certificate is never stored, only the date a coordinator saw it.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from handschlag.core.models import StatefulModel, TimeStampedModel


def new_token() -> str:
    return secrets.token_urlsafe(24)


class TandemKind(models.TextChoices):
    """What a tandem is for; a programme supports some of them."""

    EVERYDAY = "everyday", _("Alltagsbegleitung")
    EDUCATION = "education", _("Hausaufgaben und Bildung")
    LANGUAGE = "language", _("Sprache")
    JOB = "job", _("Berufseinstieg")
    LEISURE = "leisure", _("Freizeit")


# Whoever accompanies a child or young person needs an extended police certificate
# (erweitertes Führungszeugnis, §72a SGB VIII), seen by a coordinator; it is renewed every few
# years. Only the dates are kept, never the document.
MINOR_AGE_GROUPS = ("child", "youth")
CERTIFICATE_DAYS = 5 * 365 + 1  # five years


class LanguageLevel(models.TextChoices):
    NATIVE = "native", _("Muttersprache")
    FLUENT = "fluent", _("fließend")
    GOOD = "good", _("gut")
    BASIC = "basic", _("Grundkenntnisse")


class Gender(models.TextChoices):
    FEMALE = "f", _("weiblich")
    MALE = "m", _("männlich")
    DIVERSE = "d", _("divers")


class AgeGroup(models.TextChoices):
    CHILD = "child", _("Kind (bis 13 Jahre)")
    YOUTH = "youth", _("Jugendliche:r (14–17 Jahre)")
    ADULT = "adult", _("Erwachsene:r")


# --- structure ---------------------------------------------------------------------------


class Programme(TimeStampedModel):
    """A mentoring programme, e.g. "Menschen stärken Menschen". Its staff are members of
    `organisation` who hold the role mentoring.programme_staff for it."""

    name = models.CharField(_("Name"), max_length=160)
    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)
    funder = models.CharField(_("Fördergeber"), max_length=200, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    starts_on = models.DateField(_("Beginn"))
    ends_on = models.DateField(_("Ende"), null=True, blank=True)
    kinds = models.JSONField(_("Arten von Tandems"), default=list)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("durchführende Organisation"),
        on_delete=models.PROTECT,
        related_name="mentoring_programmes",
    )
    inactivity_weeks = models.PositiveSmallIntegerField(
        _("Hinweis nach Wochen ohne Kontakt"),
        default=6,
        validators=[MinValueValidator(2), MaxValueValidator(26)],
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Programm")
        verbose_name_plural = _("Programme")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mentoring:programme", kwargs={"slug": self.slug})

    def kind_choices(self) -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in TandemKind.choices if value in self.kinds]


class Carrier(TimeStampedModel):
    """A carrier organisation (Träger) in a programme; its coordinators hold the role
    mentoring.carrier_coordinator for it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="carriers")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="mentoring_carriers",
    )
    # a carrier that has had tandems is deactivated, never deleted (its numbers stay)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("Träger")
        verbose_name_plural = pgettext_lazy("plural", "Träger")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="one_carrier_per_programme"
            )
        ]

    def __str__(self) -> str:
        return self.organisation.name


class Site(TimeStampedModel):
    """A local site (Standort) of a carrier in one municipality; its coordinators are members
    of the carrier's organisation holding mentoring.site_coordinator for it."""

    carrier = models.ForeignKey(Carrier, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("Name"), max_length=160)
    slug = models.SlugField(_("Kurzname"), max_length=180, unique=True)
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Ort"),
        on_delete=models.PROTECT,
        related_name="mentoring_sites",
    )
    contact_email = models.EmailField(_("E-Mail-Adresse der Koordination"), blank=True)
    contact_phone = models.CharField(_("Telefon der Koordination"), max_length=40, blank=True)
    accepts_registrations = models.BooleanField(_("nimmt Anmeldungen an"), default=True)
    response_days = models.PositiveSmallIntegerField(
        _("Wir melden uns innerhalb von … Tagen"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    # a closed site that has had people or tandems is deactivated, never deleted: it takes
    # no registrations and leaves the public pages; its tandems run on and its numbers stay
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Standort")
        verbose_name_plural = _("Standorte")
        indexes = [models.Index(fields=["carrier", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mentoring:site", kwargs={"slug": self.slug})

    @property
    def is_open(self) -> bool:
        """Active, and so is its carrier: shown publicly, may take registrations."""
        return self.is_active and self.carrier.is_active


# --- people ------------------------------------------------------------------------------


class Profile(StatefulModel, TimeStampedModel):
    """What mentors and mentees share: where, which languages, when, for what."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("eingereicht")
        RETURNED = "returned", _("zurückgegeben")
        APPROVED = "approved", _("freigegeben")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    TRANSITIONS = {
        "submitted": {"approved", "returned", "withdrawn"},
        "returned": {"submitted", "withdrawn"},
        "approved": {"returned", "withdrawn"},
        "withdrawn": {"submitted"},  # registering again at the same site
    }

    site = models.ForeignKey(Site, verbose_name=_("Standort"), on_delete=models.PROTECT)
    state = models.CharField(
        _("Status"), max_length=12, choices=State.choices, default=State.SUBMITTED
    )
    state_comment = models.TextField(_("Hinweis der Koordination"), blank=True)
    # [{"code": "ar", "level": "native"}, …]; at least one
    languages = models.JSONField(_("Sprachen"), default=list)
    municipality = models.ForeignKey(
        "places.Municipality", verbose_name=_("Wohnort"), on_delete=models.PROTECT, related_name="+"
    )
    max_km = models.PositiveSmallIntegerField(
        _("Wie weit können Sie fahren? (km)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    online = models.BooleanField(_("auch online"), default=False)
    availability = models.JSONField(_("Wann haben Sie Zeit?"), default=list)  # SLOTS codes
    kinds = models.JSONField(_("Arten von Tandems"), default=list)
    gender = models.CharField(_("Geschlecht"), max_length=1, choices=Gender.choices, blank=True)
    # partner genders this person wants; empty: anyone
    partner_genders = models.JSONField(_("Wunsch: Geschlecht der anderen Person"), default=list)
    waiting_since = models.DateField(_("wartet seit"), default=timezone.localdate)

    class Meta:
        abstract = True

    def language_codes(self) -> list[str]:
        return [entry["code"] for entry in self.languages]


class Mentor(Profile):
    """A volunteer with an account, at one site; may accompany 1–3 mentees at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profiles"
    )
    interests = models.CharField(_("Interessen"), max_length=300, blank=True)
    about = models.TextField(_("Über mich"), max_length=1000, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("Wie viele Tandems gleichzeitig?"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    # places not taken by a proposed, active or paused tandem: the race-safe capacity guard
    free_places = models.PositiveSmallIntegerField(default=1)
    partner_age_groups = models.JSONField(_("Wunsch: Alter der mentorierten Person"), default=list)
    certificate_seen_on = models.DateField(
        _("erweitertes Führungszeugnis eingesehen am"), null=True, blank=True
    )
    certificate_issued_on = models.DateField(
        _("erweitertes Führungszeugnis ausgestellt am"), null=True, blank=True
    )
    certificate_seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Mentor:in")
        verbose_name_plural = _("Mentor:innen")
        constraints = [
            models.UniqueConstraint(fields=["user", "site"], name="one_mentor_profile_per_site"),
            models.CheckConstraint(
                condition=Q(free_places__lte=models.F("capacity")), name="mentor_free_le_capacity"
            ),
        ]
        indexes = [models.Index(fields=["site", "state"])]

    def __str__(self) -> str:
        return self.user.public_name

    @property
    def display_name(self) -> str:
        return self.user.public_name

    def has_valid_certificate(self, on: datetime.date | None = None) -> bool:
        """A coordinator saw an extended police certificate issued within the last years."""
        if self.certificate_seen_on is None or self.certificate_issued_on is None:
            return False
        on = on or timezone.localdate()
        return self.certificate_issued_on > on - datetime.timedelta(days=CERTIFICATE_DAYS)


class Mentee(Profile):
    """A newcomer looking for a mentor. Often without email and without German: registered
    by a coordinator or on a short form; an account is optional, contact runs through the
    site's coordination. Only a first name (or a chosen name) is kept."""

    class Source(models.TextChoices):
        SELF = "self", _("selbst angemeldet")
        COORDINATOR = "coordinator", _("von der Koordination angemeldet")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentee_profiles",
    )
    first_name = models.CharField(_("Vorname oder Rufname"), max_length=60)
    age_group = models.CharField(_("Alter"), max_length=8, choices=AgeGroup.choices)
    wishes = models.TextField(_("Wünsche"), max_length=1000, blank=True)
    # how the coordination reaches this person; all optional
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    # the language this person reads messages and surveys in (a UI language code)
    language = models.CharField(_("Sprache für Nachrichten"), max_length=8, default="de")
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.SELF)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_version = models.CharField(_("Version der Einwilligung"), max_length=20)
    consent_given_at = models.DateTimeField(_("eingewilligt am"))
    # a guardian consents for a child or young person
    consent_by_guardian = models.BooleanField(
        _("Einwilligung durch Erziehungsberechtigte"), default=False
    )
    # the link a mentee without account uses for check-ins and surveys
    token = models.CharField(max_length=64, unique=True, default=new_token)

    class Meta:
        verbose_name = _("Mentee")
        verbose_name_plural = _("Mentees")
        indexes = [models.Index(fields=["site", "state"])]

    def __str__(self) -> str:
        return self.first_name

    @property
    def display_name(self) -> str:
        return self.first_name


# --- matching ----------------------------------------------------------------------------


class MatchingRound(StatefulModel, TimeStampedModel):
    """A coordinator's matching run over a pool (one site, or all sites of a carrier)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RUNNING = "running", _("läuft")
        READY = "ready", _("Vorschläge bereit")
        CONFIRMED = "confirmed", _("bestätigt")
        DISCARDED = "discarded", pgettext_lazy("matching round", "verworfen")
        FAILED = "failed", _("fehlgeschlagen")

    TRANSITIONS = {
        "queued": {"running", "failed", "discarded"},
        "running": {"ready", "failed"},
        "ready": {"confirmed", "discarded"},
        "failed": set(),
        "confirmed": set(),
        "discarded": set(),
    }

    carrier = models.ForeignKey(Carrier, on_delete=models.CASCADE, related_name="rounds")
    # None: the whole carrier
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.CASCADE, related_name="rounds"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    progress_step = models.CharField(max_length=40, blank=True)
    mentors_in_pool = models.PositiveIntegerField(default=0)
    mentees_in_pool = models.PositiveIntegerField(default=0)
    objective = models.BigIntegerField(default=0)  # points of the engine's optimum
    seconds = models.FloatField(default=0)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Vermittlungsrunde")
        verbose_name_plural = _("Vermittlungsrunden")
        constraints = [
            # one open round per pool at a time: two rounds would propose the same people
            models.UniqueConstraint(
                fields=["carrier"],
                condition=Q(state__in=["queued", "running", "ready"]) & Q(site__isnull=True),
                name="one_open_round_per_carrier",
            ),
            models.UniqueConstraint(
                fields=["site"],
                condition=Q(state__in=["queued", "running", "ready"]) & Q(site__isnull=False),
                name="one_open_round_per_site",
            ),
        ]

    def __str__(self) -> str:
        return str(self.site or self.carrier)

    def get_absolute_url(self) -> str:
        return reverse("mentoring:round", kwargs={"pk": self.pk})


class Proposal(models.Model):
    """A pair the engine proposed (or a coordinator set by hand), with the engine's points
    and reason codes; the coordinator accepts or rejects it before confirming the round."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("vorgeschlagen")
        ACCEPTED = "accepted", _("angenommen")
        REJECTED = "rejected", pgettext_lazy("proposal", "abgelehnt")

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="proposals")
    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="proposals")
    mentee = models.ForeignKey(Mentee, on_delete=models.CASCADE, related_name="proposals")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    points = models.IntegerField(default=0)
    breakdown = models.JSONField(default=dict)  # criterion -> value in [0, 1]
    reasons = models.JSONField(default=list)  # [{"code": …, "params": {…}}, …] from the engine
    distance_km = models.FloatField(default=0)
    manual = models.BooleanField(default=False)  # set by hand (a swap), not by the engine

    class Meta:
        ordering = ["round", "-points", "pk"]
        verbose_name = _("Vorschlag")
        verbose_name_plural = pgettext_lazy("matching", "Vorschläge")
        constraints = [
            models.UniqueConstraint(fields=["round", "mentee"], name="one_proposal_per_mentee")
        ]

    def __str__(self) -> str:
        return f"{self.mentor} & {self.mentee}"


class Leftover(models.Model):
    """A person of the pool the round could not match, with the engine's reason code."""

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="leftovers")
    mentor = models.ForeignKey(Mentor, null=True, blank=True, on_delete=models.CASCADE)
    mentee = models.ForeignKey(Mentee, null=True, blank=True, on_delete=models.CASCADE)
    reason = models.CharField(max_length=30)
    params = models.JSONField(default=dict)
    funnel = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(mentor__isnull=True) ^ Q(mentee__isnull=True),
                name="leftover_one_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor or self.mentee}: {self.reason}"


class ExcludedPair(TimeStampedModel):
    """A pair a coordinator rejected: later rounds never propose it again."""

    class Reason(models.TextChoices):
        DISTANCE = "distance", _("Weg zu weit oder zu umständlich")
        TIME = "time", _("Zeiten passen nicht zusammen")
        PERSONAL = "personal", _("Persönliche Gründe")
        KNOWN = "known", _("Die beiden kennen sich schon")
        OTHER = "other", _("Anderer Grund")

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(Mentee, on_delete=models.CASCADE, related_name="exclusions")
    reason = models.CharField(_("Grund"), max_length=10, choices=Reason.choices)
    comment = models.CharField(_("Anmerkung"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("ausgeschlossenes Paar")
        verbose_name_plural = _("ausgeschlossene Paare")
        constraints = [
            models.UniqueConstraint(fields=["mentor", "mentee"], name="exclude_pair_once")
        ]


# --- tandems -----------------------------------------------------------------------------


class Tandem(StatefulModel, TimeStampedModel):
    class State(models.TextChoices):
        PROPOSED = "proposed", _("vorgeschlagen")
        ACTIVE = "active", _("aktiv")
        PAUSED = "paused", _("pausiert")
        ENDED = "ended", _("beendet")

    class EndReason(models.TextChoices):
        GOAL_REACHED = "goal_reached", _("Ziel erreicht")
        MOVED = "moved", _("Umzug")
        NO_CONTACT = "no_contact", _("kein Kontakt mehr")
        CONFLICT = "conflict", _("Konflikt")
        TIME = "time", _("keine Zeit mehr")
        NOT_STARTED = "not_started", _("kam nicht zustande")
        DATA_ERASED = "data_erased", _("Daten gelöscht")
        OTHER = "other", _("anderer Grund")

    TRANSITIONS = {
        "proposed": {"active", "ended"},
        "active": {"paused", "ended"},
        "paused": {"active", "ended"},
        "ended": set(),
    }
    HOLDING = ("proposed", "active", "paused")  # states that hold one of the mentor's places

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="tandems")
    # None once the person's data is erased; the tandem stays for the statistics
    mentor = models.ForeignKey(
        Mentor, null=True, blank=True, on_delete=models.SET_NULL, related_name="tandems"
    )
    mentee = models.ForeignKey(
        Mentee, null=True, blank=True, on_delete=models.SET_NULL, related_name="tandems"
    )
    kind = models.CharField(_("Art"), max_length=12, choices=TandemKind.choices)
    state = models.CharField(
        _("Status"), max_length=10, choices=State.choices, default=State.PROPOSED
    )
    round = models.ForeignKey(
        MatchingRound, null=True, blank=True, on_delete=models.SET_NULL, related_name="tandems"
    )
    # "set up" in the funder's sense: the day the tandem became active
    started_on = models.DateField(_("begonnen am"), null=True, blank=True)
    ended_on = models.DateField(_("beendet am"), null=True, blank=True)
    end_reason = models.CharField(
        _("Grund für das Ende"), max_length=14, choices=EndReason.choices, blank=True
    )
    last_contact_on = models.DateField(null=True, blank=True)  # last meeting or check-in
    inactivity_notified_on = models.DateField(null=True, blank=True)
    checkin_token = models.CharField(max_length=64, unique=True, default=new_token)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Tandem")
        verbose_name_plural = _("Tandems")
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "mentee"],
                condition=Q(state__in=["proposed", "active", "paused"]),
                name="one_open_tandem_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(state="ended") | Q(ended_on__isnull=False),
                name="ended_tandem_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["site", "state"]),
            models.Index(fields=["site", "started_on"]),
            models.Index(fields=["state", "last_contact_on"]),
        ]

    def __str__(self) -> str:
        # no names: the label ends up in audit entries and notifications
        return _("Tandem Nr. %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("mentoring:tandem", kwargs={"pk": self.pk})


class Meeting(TimeStampedModel):
    class Kind(models.TextChoices):
        IN_PERSON = "in_person", pgettext_lazy("meeting kind", "Treffen")
        ACTIVITY = "activity", _("gemeinsame Unternehmung")
        PHONE = "phone", _("Telefonat")
        ONLINE = "online", _("online")
        APPOINTMENT = "appointment", _("Begleitung zu einem Termin")

    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("Datum"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("Dauer (Minuten)"), validators=[MinValueValidator(5), MaxValueValidator(24 * 60)]
    )
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices)
    note = models.CharField(_("Notiz"), max_length=300, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("Treffen")
        verbose_name_plural = pgettext_lazy("plural", "Treffen")
        indexes = [models.Index(fields=["tandem", "date"])]


class CheckIn(models.Model):
    """The monthly "Wie läuft es?" of one side of a tandem (one tap, no login needed)."""

    class Side(models.TextChoices):
        MENTOR = "mentor", _("Mentor:in")
        MENTEE = "mentee", _("Mentee")

    class Mood(models.TextChoices):
        GOOD = "good", _("gut")
        OKAY = "okay", _("geht so")
        DIFFICULT = "difficult", _("schwierig")

    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="checkins")
    side = models.CharField(max_length=6, choices=Side.choices)
    month = models.DateField()  # first day of the month asked about
    mood = models.CharField(max_length=10, choices=Mood.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")
        constraints = [
            models.UniqueConstraint(fields=["tandem", "side", "month"], name="one_checkin_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.tandem_id} {self.side} {self.month:%Y-%m}: {self.mood}"


class ProblemReport(TimeStampedModel):
    """A problem in a tandem, seen only by the site's coordination (never by the other side)."""

    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="problems")
    side = models.CharField(
        max_length=11, choices=[*CheckIn.Side.choices, ("coordinator", _("Koordination"))]
    )
    text = models.TextField(_("Was ist passiert?"), max_length=2000)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Problemmeldung")
        verbose_name_plural = _("Problemmeldungen")


# --- surveys -----------------------------------------------------------------------------


class SurveyInvitation(TimeStampedModel):
    """An invitation of one side of a tandem to the start or end survey. It knows who was
    asked and whether they answered — the answer itself (SurveyResponse) does not know who."""

    class Phase(models.TextChoices):
        START = "start", _("Start")
        END = "end", _("Abschluss")

    tandem = models.ForeignKey(
        Tandem, null=True, on_delete=models.SET_NULL, related_name="survey_invitations"
    )
    side = models.CharField(max_length=6, choices=CheckIn.Side.choices)
    phase = models.CharField(max_length=5, choices=Phase.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    answered = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tandem", "side", "phase"], name="one_survey_invitation"
            )
        ]


class SurveyResponse(models.Model):
    """One anonymous answer set: tied to a site and a month, never to a person or tandem.
    Aggregates of fewer than 5 responses are never shown."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="survey_responses")
    side = models.CharField(max_length=6, choices=CheckIn.Side.choices)
    phase = models.CharField(max_length=5, choices=SurveyInvitation.Phase.choices)
    kind = models.CharField(max_length=12, choices=TandemKind.choices)
    language = models.CharField(max_length=8)
    month = models.DateField()  # first day of the month answered (no exact time)
    version = models.CharField(max_length=20)
    answers = models.JSONField(default=dict)  # question key -> 1..5 or text

    class Meta:
        indexes = [models.Index(fields=["site", "phase", "side"])]

    def __str__(self) -> str:
        return f"{self.site_id} {self.phase} {self.side} {self.month:%Y-%m}"


# --- statistics: summary tables ----------------------------------------------------------


class SiteFigures(models.Model):
    """A site's figures now, for the dashboards and the API: kept by statistics_figures.py
    (recomputed for the site after every committed write that changes them, rebuilt daily by
    `manage.py refresh_mentoring_figures`). Never written by hand."""

    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, primary_key=True, related_name="figures"
    )
    proposed = models.PositiveIntegerField(default=0)
    active = models.PositiveIntegerField(default=0)
    paused = models.PositiveIntegerField(default=0)
    ended = models.PositiveIntegerField(default=0)
    waiting = models.PositiveIntegerField(default=0)  # approved mentees without an open tandem
    free_places = models.PositiveIntegerField(default=0)  # of approved mentors
    # ended tandems per end reason (none given: other), as SiteMonthFigures summed
    ended_goal_reached = models.PositiveIntegerField(default=0)
    ended_moved = models.PositiveIntegerField(default=0)
    ended_no_contact = models.PositiveIntegerField(default=0)
    ended_conflict = models.PositiveIntegerField(default=0)
    ended_time = models.PositiveIntegerField(default=0)
    ended_not_started = models.PositiveIntegerField(default=0)
    ended_data_erased = models.PositiveIntegerField(default=0)
    ended_other = models.PositiveIntegerField(default=0)
    ended_days = models.IntegerField(default=0)  # summed duration of those that had started
    ended_dated = models.PositiveIntegerField(default=0)  # how many of them had started
    # survey answers to the "does the tandem help" question per side, and those agreeing
    mentor_answers = models.PositiveIntegerField(default=0)
    mentor_helps = models.PositiveIntegerField(default=0)
    mentee_answers = models.PositiveIntegerField(default=0)
    mentee_helps = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.site_id}"


class SiteMonthFigures(models.Model):
    """A site's tandems by month (statistics_figures.py keeps it, like SiteFigures).

    `set_up`: tandems that started (started_on) in the month; `ended_*`: tandems ended in the
    month per end reason (none given: other), `ended_days`/`ended_dated` the summed duration in
    days and the number of those that had started; `stopped`: started tandems whose later
    date (start or end) lies in the month, so that "running at a day's end" is the started
    minus the stopped up to then. The row of January also holds `year_mentors` and
    `year_mentees`: the distinct people with a tandem that ran at some time in that year."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="month_figures")
    # the site's carrier and programme, copied so that a dashboard sums its months from one
    # index range (refreshed with the site)
    carrier = models.ForeignKey(Carrier, on_delete=models.CASCADE, related_name="+", db_index=False)
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    month = models.DateField()  # first day of the month
    set_up = models.PositiveIntegerField(default=0)
    ended_goal_reached = models.PositiveIntegerField(default=0)
    ended_moved = models.PositiveIntegerField(default=0)
    ended_no_contact = models.PositiveIntegerField(default=0)
    ended_conflict = models.PositiveIntegerField(default=0)
    ended_time = models.PositiveIntegerField(default=0)
    ended_not_started = models.PositiveIntegerField(default=0)
    ended_data_erased = models.PositiveIntegerField(default=0)
    ended_other = models.PositiveIntegerField(default=0)
    ended_days = models.IntegerField(default=0)
    ended_dated = models.PositiveIntegerField(default=0)
    stopped = models.PositiveIntegerField(default=0)
    year_mentors = models.PositiveIntegerField(default=0)
    year_mentees = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "month"], name="one_figures_row_a_month")
        ]
        indexes = [  # covering the dashboards' "set up per month"
            models.Index(fields=["programme", "month", "set_up"], name="month_figures_programme"),
            models.Index(fields=["carrier", "month", "set_up"], name="month_figures_carrier"),
        ]

    def __str__(self) -> str:
        return f"{self.site_id} {self.month:%Y-%m}"
