"""The newcomer portal ("Integrationsmacher:innen"): per municipality, a directory of local
integration offers and plain-language guides, in German and translated section by section.

The offer model follows Open Referral HSDS 3.0, reduced to what a town needs:
organization → `Provider`, service → `Offer`, location → `Location`, service_at_location →
`OfferLocation`, schedule → `Schedule` (+ `ScheduleException` for holidays and closures),
language → `OfferLanguage`, taxonomy → `OfferTopic`; cost, eligibility, required documents and
`assured_date` (→ `last_checked_at`) are fields of the offer.

German is the source language. Every field that readers read in their language is a *section*
(`TRANSLATABLE` on each model); a `Translation` of a section stores the hash of the German text
it was made from, so whether it is up to date is computed, never stored — see translation.py.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from handschlag.core.models import TimeStampedModel

# The languages of the portal: German (source) and the six it is translated into.
PORTAL_LANGUAGES: tuple[str, ...] = ("de", "en", "ar", "uk", "fa", "tr", "ru")
TARGET_LANGUAGES: tuple[str, ...] = PORTAL_LANGUAGES[1:]


class Topic(models.TextChoices):
    """What an offer is about (a fixed list, so every language has the words; HSDS taxonomy)."""

    LANGUAGE = "language", _("Deutsch lernen")
    COUNSELLING = "counselling", _("Beratung")
    ASYLUM = "asylum", _("Aufenthalt und Asyl")
    AUTHORITIES = "authorities", _("Ämter und Behörden")
    CHILDCARE = "childcare", _("Kita und Kinderbetreuung")
    SCHOOL = "school", _("Schule und Ausbildung")
    WORK = "work", _("Arbeit und Beruf")
    HEALTH = "health", _("Gesundheit")
    HOUSING = "housing", _("Wohnen")
    MONEY = "money", _("Geld und Sozialleistungen")
    FAMILY = "family", _("Familie")
    WOMEN = "women", _("Für Frauen")
    LGBTQ = "lgbtq", _("Für LSBTIQ*")
    LEISURE = "leisure", _("Freizeit, Sport und Kultur")
    ENCOUNTER = "encounter", _("Begegnung und Ehrenamt")
    MOBILITY = "mobility", _("Mobilität")
    EMERGENCY = "emergency", _("Notfall und Schutz")


class Cost(models.TextChoices):
    FREE = "free", _("kostenlos")
    REDUCED = "reduced", _("ermäßigt möglich")
    PAID = "paid", _("kostenpflichtig")


class Accessibility(models.TextChoices):
    STEP_FREE = "step_free", _("stufenloser Zugang")
    WHEELCHAIR_TOILET = "wheelchair_toilet", _("rollstuhlgerechtes WC")
    LIFT = "lift", _("Aufzug")
    HEARING_LOOP = "hearing_loop", _("Induktionsschleife")
    SIGN_LANGUAGE = "sign_language", _("Gebärdensprache auf Anfrage")
    CHILDREN_WELCOME = "children_welcome", _("Kinder können mitkommen")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Montag")
    TUESDAY = 1, _("Dienstag")
    WEDNESDAY = 2, _("Mittwoch")
    THURSDAY = 3, _("Donnerstag")
    FRIDAY = 4, _("Freitag")
    SATURDAY = 5, _("Samstag")
    SUNDAY = 6, _("Sonntag")


class Translatable(models.Model):
    """A model whose fields in TRANSLATABLE are translated section by section.

    `content_changed_at` is when the German text last changed (not the state or contact data):
    the date readers of an outdated translation see for the original.
    """

    TRANSLATABLE: tuple[str, ...] = ()

    content_changed_at = models.DateTimeField(_("Text zuletzt geändert"), default=timezone.now)
    translations = GenericRelation("directory.Translation")

    class Meta:
        abstract = True

    def source_sections(self) -> dict[str, str]:
        """The German source of each translatable field, by field name."""
        return {name: getattr(self, name) for name in self.TRANSLATABLE}


class Portal(Translatable, TimeStampedModel):
    """A municipality's newcomer portal, kept by its (verified) municipality organisation."""

    TRANSLATABLE = ("welcome",)

    municipality = models.OneToOneField(
        "places.Municipality", verbose_name=_("Ort"), on_delete=models.PROTECT,
        related_name="portal",
    )  # fmt: skip
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("betreut von"), on_delete=models.PROTECT,
        related_name="portals",
    )  # fmt: skip
    welcome = models.TextField(_("Begrüßung"), blank=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    # "Ist das noch richtig?": how often an offer's contact is asked, and how long the portal
    # waits for an answer before the municipality is told.
    check_every_days = models.PositiveSmallIntegerField(
        _("Angebote prüfen lassen alle (Tage)"), default=180,
        validators=[MinValueValidator(30), MaxValueValidator(730)],
    )  # fmt: skip
    flag_after_days = models.PositiveSmallIntegerField(
        _("ohne Antwort melden nach (Tagen)"), default=30,
        validators=[MinValueValidator(7), MaxValueValidator(180)],
    )  # fmt: skip

    class Meta:
        verbose_name = _("Portal")
        verbose_name_plural = _("Portale")

    def __str__(self) -> str:
        return str(self.municipality)

    def get_absolute_url(self) -> str:
        return reverse("directory:portal", args=[self.municipality.slug])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Provider(Translatable, TimeStampedModel):
    """Who runs offers (HSDS organization). Linked to a platform organisation when the provider
    keeps its own offers; otherwise the municipality keeps them."""

    TRANSLATABLE = ("description",)

    portal = models.ForeignKey(Portal, on_delete=models.CASCADE, related_name="providers")
    name = models.CharField(_("Name"), max_length=160)
    description = models.TextField(_("Beschreibung"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("Organisation auf Handschlag"),
        null=True, blank=True, on_delete=models.SET_NULL, related_name="directory_providers",
    )  # fmt: skip

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Anbieter")
        verbose_name_plural = _("Anbieter")
        constraints = [
            models.UniqueConstraint(fields=["portal", "name"], name="unique_provider_name")
        ]

    def __str__(self) -> str:
        return self.name


class Location(Translatable, TimeStampedModel):
    """A place where offers happen (HSDS location + address + accessibility)."""

    TRANSLATABLE = ("name", "directions", "accessibility_note")

    portal = models.ForeignKey(Portal, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("Bezeichnung"), max_length=160)
    street = models.CharField(_("Straße und Hausnummer"), max_length=160, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100)
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)
    directions = models.TextField(_("So kommen Sie hin"), blank=True)
    accessibility = models.JSONField(_("Barrierefreiheit"), default=list, blank=True)
    accessibility_note = models.TextField(_("Hinweise zur Barrierefreiheit"), blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Ort des Angebots")
        verbose_name_plural = _("Orte der Angebote")

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return ", ".join(
            part for part in (self.street, f"{self.postcode} {self.city}".strip()) if part
        )


class OfferQuerySet(models.QuerySet["Offer"]):
    def public(self) -> OfferQuerySet:
        """What readers see: published offers of published portals that have not ended."""
        return self.filter(published_at__isnull=False, portal__published_at__isnull=False).exclude(
            status=Offer.Status.ENDED
        )


class Offer(Translatable, TimeStampedModel):
    """An integration offer (HSDS service)."""

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("offer", "aktiv")
        CLOSED = "closed", pgettext_lazy("offer", "vorübergehend geschlossen")
        ENDED = "ended", pgettext_lazy("offer", "beendet")

    TRANSLATABLE = (
        "name", "summary", "description", "eligibility", "required_documents", "cost_note",
    )  # fmt: skip

    portal = models.ForeignKey(Portal, on_delete=models.CASCADE, related_name="offers")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="offers")
    name = models.CharField(_("Name des Angebots"), max_length=160)
    summary = models.CharField(_("In einem Satz"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    eligibility = models.TextField(_("Für wen"), blank=True)
    required_documents = models.TextField(_("Bitte mitbringen"), blank=True)
    cost = models.CharField(_("Kosten"), max_length=8, choices=Cost.choices, default=Cost.FREE)
    cost_note = models.CharField(_("Kosten im Einzelnen"), max_length=300, blank=True)
    min_age = models.PositiveSmallIntegerField(_("ab Alter"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("bis Alter"), null=True, blank=True)
    website = models.URLField(_("Website"), blank=True)
    # The contact is a function (an office, a counselling line) where possible; its address
    # receives "Ist das noch richtig?".
    contact_name = models.CharField(_("Ansprechperson oder Stelle"), max_length=120, blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    contact_email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    status = models.CharField(
        _("Status"), max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    closed_until = models.DateField(_("geschlossen bis"), null=True, blank=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    last_checked_at = models.DateTimeField(_("zuletzt geprüft am"), null=True, blank=True)
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when the contact did not answer a check in time; cleared by the next confirmation.
    flagged_at = models.DateTimeField(_("ungeprüft gemeldet am"), null=True, blank=True)
    locations = models.ManyToManyField(Location, through="OfferLocation", related_name="offers")
    # every language's name, summary and description, lower-case: what the free text search reads
    search_text = models.TextField(editable=False, default="")

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        indexes = [
            models.Index(fields=["portal", "status", "published_at"], name="offer_portal_idx"),
            models.Index(fields=["last_checked_at"], name="offer_checked_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_age__isnull=True)
                | models.Q(min_age__isnull=True)
                | models.Q(max_age__gte=models.F("min_age")),
                name="offer_age_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:offer", args=[self.portal.municipality.slug, self.pk])

    def check_due(self, now: datetime | None = None) -> bool:
        """True when the contact should be asked again whether the offer is still right."""
        checked = self.last_checked_at or self.created_at
        return (now or timezone.now()) - checked >= timedelta(days=self.portal.check_every_days)


class OfferTopic(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="topic_rows")
    topic = models.CharField(_("Thema"), max_length=16, choices=Topic.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "topic"], name="unique_offer_topic")
        ]
        indexes = [models.Index(fields=["topic", "offer"], name="offer_topic_idx")]

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.topic}"


class OfferLanguage(models.Model):
    """A language the offer's staff speak (core.languages codes)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="language_rows")
    language = models.CharField(_("Sprache"), max_length=8)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "language"], name="unique_offer_language")
        ]
        indexes = [models.Index(fields=["language", "offer"], name="offer_language_idx")]

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.language}"


class OfferLocation(models.Model):
    """An offer at one place (HSDS service_at_location); its schedule hangs here."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="offer_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="offer_locations")
    by_appointment = models.BooleanField(_("nur mit Termin"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "location"], name="unique_offer_location")
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} @ {self.location_id}"


class Schedule(models.Model):
    """A weekly time slot (opening hours, or the course times), valid for a period or always."""

    offer_location = models.ForeignKey(
        OfferLocation, on_delete=models.CASCADE, related_name="schedules"
    )
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    opens_at = models.TimeField(_("von"))
    closes_at = models.TimeField(_("bis"))
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_to = models.DateField(_("gültig bis"), null=True, blank=True)

    class Meta:
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="schedule_times"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="schedule_validity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens_at}–{self.closes_at}"


class ScheduleException(models.Model):
    """A day (or days) that differ: closed for holidays, or other hours."""

    offer_location = models.ForeignKey(
        OfferLocation, on_delete=models.CASCADE, related_name="exceptions"
    )
    starts_on = models.DateField(_("vom"))
    ends_on = models.DateField(_("bis"))
    closed = models.BooleanField(_("geschlossen"), default=True)
    opens_at = models.TimeField(_("von"), null=True, blank=True)
    closes_at = models.TimeField(_("bis"), null=True, blank=True)
    note = models.CharField(_("Hinweis"), max_length=160, blank=True)

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="exception_dates"
            ),
            models.CheckConstraint(
                condition=models.Q(closed=True)
                | models.Q(opens_at__isnull=False, closes_at__gt=models.F("opens_at")),
                name="exception_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on}"


class GuideTopic(Translatable, TimeStampedModel):
    """The first level of a portal's guides ("Ankommen", "Kinder und Schule", …)."""

    TRANSLATABLE = ("title", "summary")

    portal = models.ForeignKey(Portal, on_delete=models.CASCADE, related_name="guide_topics")
    title = models.CharField(_("Titel"), max_length=120)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Themenbereich")
        verbose_name_plural = _("Themenbereiche")

    def __str__(self) -> str:
        return self.title


class GuidePage(Translatable, TimeStampedModel):
    """A plain-language page ("Erste Schritte in Sonneberg") made of sections."""

    TRANSLATABLE = ("title", "summary")

    topic = models.ForeignKey(GuideTopic, on_delete=models.CASCADE, related_name="pages")
    slug = models.SlugField(_("Kurzname"), max_length=80)
    title = models.CharField(_("Titel"), max_length=160)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    offers = models.ManyToManyField(
        Offer, verbose_name=_("passende Angebote"), blank=True, related_name="guide_pages"
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Wegweiser-Seite")
        verbose_name_plural = _("Wegweiser-Seiten")
        constraints = [models.UniqueConstraint(fields=["topic", "slug"], name="unique_guide_slug")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        portal = self.topic.portal
        return reverse("directory:guide", args=[portal.municipality.slug, self.pk, self.slug])


class GuideSection(Translatable, TimeStampedModel):
    """One section of a guide page: the unit that is translated and that goes out of date."""

    TRANSLATABLE = ("heading", "body", "image_alt")

    page = models.ForeignKey(GuidePage, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    heading = models.CharField(_("Zwischenüberschrift"), max_length=160, blank=True)
    body = models.TextField(_("Text"))
    image = models.ImageField(_("Bild"), upload_to="directory/guides/", blank=True)
    image_alt = models.CharField(_("Bildbeschreibung (Alternativtext)"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Abschnitt")
        verbose_name_plural = _("Abschnitte")
        constraints = [
            # an image is never shown without a description for people who cannot see it
            models.CheckConstraint(
                condition=models.Q(image="") | ~models.Q(image_alt=""), name="section_image_alt"
            )
        ]

    def __str__(self) -> str:
        return self.heading or self.body[:40]


class Translation(TimeStampedModel):
    """One section (a field of a Translatable) in one language, with the German it was made from.

    Status (translation.py): up to date while `source_hash` equals the hash of the current German
    text; outdated otherwise; machine-translated and unreviewed while `origin` is machine and
    nobody reviewed it. Reverting the German text makes an outdated translation current again.
    """

    class Origin(models.TextChoices):
        HUMAN = "human", _("von Menschen übersetzt")
        MACHINE = "machine", _("maschinell übersetzt")

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("Abschnitt"), max_length=40)
    language = models.CharField(_("Sprache"), max_length=8)
    text = models.TextField(_("Übersetzung"))
    source_hash = models.CharField(max_length=64)
    # the German text it was made from: shown as a diff when the source changed
    source_text = models.TextField(blank=True)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.HUMAN)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Übersetzung")
        verbose_name_plural = _("Übersetzungen")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="unique_translation",
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "language", "object_id"], name="translation_idx")
        ]

    def __str__(self) -> str:
        return f"{self.field} [{self.language}]"


def new_short_code() -> str:
    return secrets.token_urlsafe(5)


class ShortLink(models.Model):
    """A short address (/k/<code>) for a portal page, to print on a poster with its QR code."""

    code = models.CharField(max_length=16, unique=True, default=new_short_code)
    portal = models.ForeignKey(Portal, on_delete=models.CASCADE, related_name="short_links")
    path = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["portal", "path"], name="unique_short_path")]

    def __str__(self) -> str:
        return f"{self.code} → {self.path}"


class OfferCheck(models.Model):
    """One "Ist das noch richtig?" request: a token link (only its hash is stored) that lets the
    offer's contact confirm or correct this one offer, once, until it expires."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="checks")
    token_hash = models.CharField(max_length=64, unique=True)
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Answer(models.TextChoices):
        CONFIRMED = "confirmed", _("bestätigt")
        CORRECTED = "corrected", _("Korrektur gemeldet")
        ENDED = "ended", _("als beendet gemeldet")

    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    correction = models.TextField(_("Korrektur"), blank=True)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["offer", "-sent_at"], name="offer_check_idx")]

    def __str__(self) -> str:
        return f"{self.offer_id} {self.sent_at:%Y-%m-%d}"


class ReaderReport(models.Model):
    """ "Das stimmt nicht": a reader's one-tap report that an offer is wrong (anonymous)."""

    class Reason(models.TextChoices):
        CLOSED = "closed", _("Das Angebot gibt es nicht mehr")
        ADDRESS = "address", _("Adresse oder Zeiten stimmen nicht")
        CONTACT = "contact", _("Telefon oder E-Mail stimmen nicht")
        OTHER = "other", _("Etwas anderes stimmt nicht")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="reader_reports")
    reason = models.CharField(_("Was stimmt nicht?"), max_length=8, choices=Reason.choices)
    note = models.CharField(_("Hinweis (freiwillig)"), max_length=500, blank=True)
    language = models.CharField(max_length=8, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["offer", "handled_at"], name="reader_report_idx")]

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.reason}"


class HsdsId(models.Model):
    """The Open Referral (HSDS) id of an object that came in by an HSDS import, so that the
    next export gives it the id it came with. Objects made here need no row: their id is
    derived from their pk (hsds.py)."""

    class Kind(models.TextChoices):
        ORGANIZATION = "organization", "organization"
        LOCATION = "location", "location"
        SERVICE = "service", "service"
        SERVICE_AT_LOCATION = "service_at_location", "service_at_location"
        SCHEDULE = "schedule", "schedule"

    portal = models.ForeignKey(Portal, on_delete=models.CASCADE, related_name="hsds_ids")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    hsds_id = models.UUIDField()

    class Meta:
        verbose_name = _("HSDS-Kennung")
        verbose_name_plural = _("HSDS-Kennungen")
        constraints = [
            models.UniqueConstraint(fields=["portal", "kind", "hsds_id"], name="unique_hsds_id"),
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_hsds_object"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} = {self.hsds_id}"
