"""Conditional promises ("Ich verspreche X, wenn jemand mit Y hilft") and their redemptions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from handschlag.core.models import StatefulModel, TimeStampedModel


class Category(models.TextChoices):
    EQUIPMENT = "equipment", _("Ausstattung & Sachspenden")
    TRAINING = "training", _("Ausbildung & Praktikum")
    JOBS = "jobs", _("Arbeit & Berufseinstieg")
    LANGUAGE = "language", _("Sprache & Bildung")
    SPACE = "space", _("Räume & Veranstaltungsorte")
    MONEY = "money", _("Geld & Förderung")
    EXPERTISE = "expertise", _("Wissen & Beratung")
    LEISURE = "leisure", _("Freizeit, Sport & Kultur")
    MOBILITY = "mobility", _("Mobilität")
    OTHER = "other", _("Sonstiges")


class Eligibility(models.TextChoices):
    ANYONE = "anyone", _("alle angemeldeten Personen")
    ORGANISATIONS = "organisations", _("nur Organisationen")
    VERIFIED = "verified", _("nur verifizierte Organisationen")


def open_condition() -> Q:
    """The one definition of an open promise, in SQL: published, deadline not passed, a place left.

    `Promise.is_open` is its Python twin for one loaded row; change both together.
    """
    return Q(
        state=Promise.State.PUBLISHED,
        deadline__gte=timezone.localdate(),
        remaining_capacity__gt=0,
    )


def fulfilled_count() -> models.Subquery:
    """How many redemptions of the promise (the outer row) are fulfilled: confirmed by the
    promisers or published as a report. Annotate it as `fulfilled_count` (see
    `PromiseQuerySet.with_fulfilment`) so `Promise.is_fulfilled` needs no query per row."""
    return models.Subquery(
        Redemption.objects.filter(
            promise=models.OuterRef("pk"), state__in=Redemption.FULFILLED_STATES
        )
        .order_by()
        .values("promise")
        .annotate(n=models.Count("pk"))
        .values("n"),
        output_field=models.IntegerField(),
    )


class PromiseQuerySet(models.QuerySet["Promise"]):
    def with_fulfilment(self) -> PromiseQuerySet:
        """Each promise with `fulfilled_count`, for `is_fulfilled` ("Erfüllt") on cards."""
        return self.annotate(fulfilled_count=Coalesce(fulfilled_count(), 0))

    def published(self) -> PromiseQuerySet:
        return self.filter(state=Promise.State.PUBLISHED)

    def public(self) -> PromiseQuerySet:
        """Everything the public may see: published, and what was once published."""
        return self.filter(state__in=Promise.PUBLIC_STATES)

    def open(self) -> PromiseQuerySet:
        """Promises one may still apply for (see `open_condition`)."""
        return self.filter(open_condition())


class Promise(StatefulModel, TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PENDING = "pending", _("in Moderation")
        RETURNED = "returned", _("zurückgegeben")
        PUBLISHED = "published", _("veröffentlicht")
        WITHDRAWN = "withdrawn", _("zurückgezogen")
        EXPIRED = "expired", _("abgelaufen")

    TRANSITIONS = {
        State.DRAFT: {State.PENDING, State.WITHDRAWN},
        State.RETURNED: {State.PENDING, State.WITHDRAWN},
        State.PENDING: {State.PUBLISHED, State.RETURNED, State.DRAFT, State.WITHDRAWN},
        State.PUBLISHED: {State.WITHDRAWN, State.EXPIRED, State.RETURNED},
    }
    PUBLIC_STATES = (State.PUBLISHED, State.EXPIRED)
    EDITABLE_STATES = (State.DRAFT, State.RETURNED)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="promises"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("im Namen von"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="promises",
        help_text=_("Leer lassen, wenn Sie als Privatperson versprechen."),
    )
    # X: what is offered
    title = models.CharField(_("Was versprechen Sie?"), max_length=140)
    description = models.TextField(_("Beschreibung des Angebots"), max_length=5000)
    category = models.CharField(_("Kategorie"), max_length=20, choices=Category.choices)
    quantity = models.PositiveIntegerField(_("Menge insgesamt"), default=1)
    # The unit in its two forms ("10 Plätze", "1 Platz"); see handschlag.core.units.
    unit = models.CharField(
        _("Einheit (Mehrzahl)"),
        max_length=40,
        blank=True,
        help_text=_("z. B. Tablets, Plätze, Stunden"),
    )
    unit_singular = models.CharField(
        _("Einheit (Einzahl)"),
        max_length=40,
        blank=True,
        help_text=_("z. B. Tablet, Platz, Stunde"),
    )
    estimated_value = models.DecimalField(
        _("geschätzter Wert in Euro"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    # Y: the condition the redeemer must meet
    condition = models.TextField(_("Bedingung: wenn jemand …"), max_length=3000)
    report_requirements = models.TextField(_("Was der Bericht enthalten muss"), max_length=2000)
    # where, until when, how many, who
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Ort"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="promises",
        help_text=_("Leer lassen für ein bundesweites Versprechen."),
    )
    deadline = models.DateField(_("gültig bis"))
    capacity = models.PositiveIntegerField(_("Wie oft kann es eingelöst werden?"), default=1)
    eligibility = models.CharField(
        _("Wer darf einlösen?"),
        max_length=20,
        choices=Eligibility.choices,
        default=Eligibility.ANYONE,
    )
    # Guarded counters: only ever changed by one conditional UPDATE in services.
    remaining_capacity = models.PositiveIntegerField(default=1, editable=False)
    remaining_quantity = models.PositiveIntegerField(default=1, editable=False)

    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    moderation_comment = models.TextField(_("Kommentar der Moderation"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    expiry_warned_at = models.DateTimeField(null=True, blank=True)
    inspired_by = models.ForeignKey(
        "self",
        verbose_name=_("nachgemacht von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )

    # Full-text search (search.py): stems of the text, place and promiser; PostgreSQL's tsvector
    # of them (GIN index, migration 0004), SQLite's FTS5 table. Written by search.reindex().
    search_text = models.TextField(default="", blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PromiseQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = pgettext_lazy("singular", "Versprechen")
        verbose_name_plural = pgettext_lazy("plural", "Versprechen")
        indexes = [
            models.Index(fields=["state", "deadline"]),
            models.Index(fields=["state", "-published_at"]),
            # the default order of the public list: read in index order, no sort of all rows
            models.Index(fields=["-published_at", "-id"], name="promise_newest_idx"),
            models.Index(fields=["state", "category"]),
            models.Index(fields=["municipality", "state"]),
            # "near" + "open": the count reads only this index (no row per match)
            models.Index(
                fields=["municipality", "state", "deadline", "remaining_capacity"],
                name="promise_place_open_idx",
            ),
            # counting search matches (SQLite: id IN the FTS5 matches) reads this narrow index
            # instead of each whole row: half the time at 100,000 promises (bench/promises.py)
            models.Index(fields=["id", "state"], name="promise_id_state_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(remaining_capacity__lte=models.F("capacity")),
                name="promise_remaining_capacity_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(remaining_quantity__lte=models.F("quantity")),
                name="promise_remaining_quantity_within_quantity",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="promise_capacity_positive"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="promise_quantity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("promises:detail", kwargs={"pk": self.pk})

    @property
    def promiser_name(self) -> str:
        """Public name of who promises: the organisation, else "first name + initial"."""
        return self.organisation.name if self.organisation else self.owner.public_name

    @property
    def is_open(self) -> bool:
        """Whether one may still apply; the Python twin of `open_condition()` (keep them equal)."""
        return (
            self.state == self.State.PUBLISHED
            and self.deadline >= timezone.localdate()
            and self.remaining_capacity > 0
        )

    @property
    def given_quantity(self) -> int:
        """How much of the quantity the accepted redemptions hold."""
        return self.quantity - self.remaining_quantity

    def count_fulfilled(self) -> int:
        """How many redemptions are fulfilled (confirmed or published); the `fulfilled_count`
        annotation when the row has it, else one query."""
        annotated = getattr(self, "fulfilled_count", None)
        if annotated is not None:
            return int(annotated)
        return self.redemptions.filter(state__in=Redemption.FULFILLED_STATES).count()

    @property
    def can_be_copied(self) -> bool:
        """ "Nachmachen" is open once a redemption has shown that the promise works: public,
        and at least one redemption fulfilled (services.copy_promise checks the same)."""
        return self.state in self.PUBLIC_STATES and self.count_fulfilled() > 0

    @property
    def is_fulfilled(self) -> bool:
        """ "Erfüllt": the promise is public, nobody can apply any more (every place is taken,
        or its time is over), and at least one redemption is fulfilled — confirmed by the
        promisers or published as a report. Redemptions still under way do not hold it back:
        the promise has done what it said, and the page then invites everyone to copy it."""
        return self.state in self.PUBLIC_STATES and not self.is_open and self.count_fulfilled() > 0


@dataclass(frozen=True)
class ReportSection:
    """One prompt of the report: asked as `prompt` in the form, shown under `heading` in the
    blog. Its text is the redemption's field `report_<key>`."""

    key: str
    heading: Any  # a lazy translation

    @property
    def field(self) -> str:
        return f"report_{self.key}"


REPORT_SECTIONS = (
    ReportSection("happened", _("Was passiert ist")),
    ReportSection("worked", _("Was gut funktioniert hat")),
    ReportSection("differently", _("Was wir anders machen würden")),
    ReportSection("advice", _("Unser Rat für Orte, die es nachmachen")),
)
REPORT_SECTION_KEYS = tuple(section.key for section in REPORT_SECTIONS)


class Redemption(StatefulModel, TimeStampedModel):
    """An application to redeem a promise, and — once accepted — its fulfilment and report."""

    class State(models.TextChoices):
        APPLIED = "applied", _("beworben")
        ACCEPTED = "accepted", _("angenommen")
        DECLINED = "declined", _("abgelehnt")
        WITHDRAWN = "withdrawn", _("zurückgezogen")
        IN_PROGRESS = "in_progress", _("in Umsetzung")
        REPORTED = "reported", _("Bericht eingereicht")
        DISPUTED = "disputed", _("beanstandet")
        CONFIRMED = "confirmed", _("erfüllt")
        FAILED = "failed", _("nicht erfüllt")
        PUBLISHED = "published", _("Bericht veröffentlicht")

    TRANSITIONS = {
        State.APPLIED: {State.ACCEPTED, State.DECLINED, State.WITHDRAWN},
        State.ACCEPTED: {State.IN_PROGRESS, State.WITHDRAWN},
        State.IN_PROGRESS: {State.REPORTED, State.WITHDRAWN},
        State.REPORTED: {State.CONFIRMED, State.DISPUTED},
        State.DISPUTED: {State.CONFIRMED, State.IN_PROGRESS, State.FAILED},
        State.CONFIRMED: {State.PUBLISHED, State.IN_PROGRESS},
    }
    # States that hold one unit of the promise's capacity.
    HOLDING_STATES = (
        State.ACCEPTED, State.IN_PROGRESS, State.REPORTED, State.DISPUTED, State.CONFIRMED,
        State.PUBLISHED,
    )  # fmt: skip
    FULFILLED_STATES = (State.CONFIRMED, State.PUBLISHED)

    promise = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="redemptions")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="redemptions"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("im Namen von"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="redemptions",
    )
    plan = models.TextField(_("Wie erfüllen Sie die Bedingung?"), max_length=3000)
    quantity = models.PositiveIntegerField(_("Wie viel brauchen Sie?"), default=1)
    state = models.CharField(max_length=20, choices=State.choices, default=State.APPLIED)
    decision_reason = models.TextField(_("Begründung"), blank=True)
    # Legacy: the one free text of reports before they had sections (migration 0004 moved it
    # into report_happened); still read as that section where report_happened is empty.
    report_text = models.TextField(_("Bericht"), blank=True, max_length=10000)
    report_title = models.CharField(_("Titel des Berichts"), max_length=140, blank=True)
    report_lead = models.TextField(_("Kurzfassung"), max_length=400, blank=True)
    report_happened = models.TextField(_("Was ist passiert?"), max_length=5000, blank=True)
    report_worked = models.TextField(_("Was hat gut funktioniert?"), max_length=5000, blank=True)
    report_differently = models.TextField(
        _("Was würden Sie anders machen?"), max_length=5000, blank=True
    )
    report_advice = models.TextField(
        _("Ihr Rat für Orte, die es nachmachen"), max_length=5000, blank=True
    )
    report_consent = models.BooleanField(
        _("Ich bin einverstanden, dass der Bericht mit Fotos öffentlich im Blog erscheint."),
        default=False,
    )
    report_submitted_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Einlösung")
        verbose_name_plural = _("Einlösungen")
        indexes = [
            models.Index(fields=["promise", "state"]),
            models.Index(fields=["applicant", "state"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="redemption_quantity_positive"
            ),
            models.UniqueConstraint(
                fields=["promise", "applicant"],
                condition=Q(state="applied"),
                name="one_open_application_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.redeemer_name} → {self.promise}"

    def get_absolute_url(self) -> str:
        return reverse("promises:redemption", kwargs={"pk": self.pk})

    @property
    def redeemer_name(self) -> str:
        return self.organisation.name if self.organisation else self.applicant.public_name

    @property
    def report_sections(self) -> list[tuple[str, str]]:
        """The report's filled sections as (heading, text), in their order."""
        sections = []
        for section in REPORT_SECTIONS:
            text = getattr(self, section.field)
            if section.key == "happened" and not text.strip():
                text = self.report_text
            if text.strip():
                sections.append((str(section.heading), text))
        return sections

    @property
    def has_report(self) -> bool:
        return bool(self.report_title or self.report_sections)

    @property
    def is_disputed(self) -> bool:
        return self.state == self.State.DISPUTED

    @property
    def awaits_decision(self) -> bool:
        """The promisers can accept or decline it (actions.py offers exactly that)."""
        return self.state == self.State.APPLIED


def report_photo_path(instance: ReportPhoto, filename: str) -> str:
    return f"reports/{instance.redemption_id}/{timezone.now():%Y%m%d%H%M%S%f}.jpg"


class ReportPhoto(models.Model):
    """A photo of a report; stored only after re-encoding (no EXIF, no GPS)."""

    MAX_PER_REPORT = 5

    redemption = models.ForeignKey(Redemption, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=report_photo_path)
    # Empty only while the report is being written (a photo uploaded before its description).
    alt_text = models.CharField(_("Bildbeschreibung"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Foto")
        verbose_name_plural = _("Fotos")

    def __str__(self) -> str:
        return self.alt_text
