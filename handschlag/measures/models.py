"""The measures library ("Modulkoffer"): documented measures and moderation formats that a
town can adopt ("Nachmachen"), with their materials, the towns that did them and their
reports.

Texts are multilingual data ({"de": …, "en": …}, see core/localized.py): the library is
curated by the platform's editors (admin, fixtures); a municipality can propose a measure of
its own, which moderation publishes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from handschlag.core.localized import pick, validate_localized, validate_localized_optional
from handschlag.core.models import StatefulModel, TimeStampedModel


class Format(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    CITIZEN_DIALOGUE = "citizen_dialogue", _("Bürgerdialog")
    WEBINAR = "webinar", _("Webinar")
    NETWORK_MEETING = "network_meeting", _("Netzwerktreffen")
    CAMPAIGN = "campaign", _("Kampagne")
    TRAINING = "training", _("Fortbildung")
    WORKING_GROUP = "working_group", _("Arbeitsgruppe")
    ENCOUNTER = "encounter", _("Begegnungsformat")
    COUNSELLING = "counselling", _("Beratungsangebot")
    STRATEGY = "strategy", _("Konzept und Steuerung")


class TargetGroup(models.TextChoices):
    ADMINISTRATION = "administration", _("Verwaltung")
    POLITICS = "politics", _("Kommunalpolitik")
    CIVIL_SOCIETY = "civil_society", _("Zivilgesellschaft und Ehrenamt")
    MIGRANT_ORGANISATIONS = "migrant_organisations", _("Migrantenorganisationen")
    BUSINESS = "business", _("Unternehmen")
    NEWCOMERS = "newcomers", _("Neuzugewanderte")
    PUBLIC = "public", _("Stadtgesellschaft")
    YOUTH = "youth", _("Kinder und Jugendliche")


class Effort(models.TextChoices):
    LOW = "low", _("gering")
    MEDIUM = "medium", _("mittel")
    HIGH = "high", _("hoch")


class Topic(models.TextChoices):
    """The fields of local integration work a measure serves (the same seven fields the
    shipped self-assessment framework has as areas, so recommendations and the library's
    filter speak one language)."""

    MANAGEMENT = "management", _("Steuerung und Management")
    OPENING = "opening", _("Interkulturelle Öffnung und Antirassismus")
    ACCESS = "access", _("Fairer Zugang und Teilhabe")
    WORK = "work", _("Arbeit und Wirtschaft")
    ENGAGEMENT = "engagement", _("Engagement und Beteiligung")
    COHESION = "cohesion", _("Zusammenhalt und Begegnung")
    COMMUNICATION = "communication", _("Kommunikation und Konfliktbearbeitung")


class MeasureQuerySet(models.QuerySet["Measure"]):
    def published(self) -> MeasureQuerySet:
        return self.filter(state=Measure.State.PUBLISHED)


class Measure(StatefulModel, TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("eingereicht")
        PUBLISHED = "published", _("veröffentlicht")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    # A proposal is written as a draft, submitted, then published or returned (back to a
    # draft, with the moderation's comment); moderation takes a published measure out of the
    # library (withdrawn) and may put it back.
    TRANSITIONS = {
        State.DRAFT: {State.SUBMITTED},
        State.SUBMITTED: {State.PUBLISHED, State.DRAFT},
        State.PUBLISHED: {State.WITHDRAWN},
        State.WITHDRAWN: {State.PUBLISHED},
    }

    slug = models.SlugField(_("Kurzname"), max_length=120, unique=True)
    state = models.CharField(
        _("Zustand"), max_length=12, choices=State.choices, default=State.DRAFT
    )
    title = models.JSONField(_("Titel"), validators=[validate_localized])
    summary = models.JSONField(_("Kurzbeschreibung"), validators=[validate_localized])
    goal = models.JSONField(_("Ziel"), validators=[validate_localized])
    # [{"de": …, "en": …}, …] in their order
    steps = models.JSONField(_("Schritte"), default=list, blank=True)
    duration = models.JSONField(
        _("Dauer"), default=dict, blank=True, validators=[validate_localized_optional]
    )
    format = models.CharField(_("Format"), max_length=24, choices=Format.choices)
    topics = models.JSONField(_("Handlungsfelder"), default=list)  # Topic values
    target_groups = models.JSONField(_("Zielgruppen"), default=list)  # TargetGroup values
    effort = models.CharField(_("Aufwand"), max_length=8, choices=Effort.choices)
    # who proposed it: empty for the platform's own editorial measures
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("eingereicht von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    # every language of title, summary, goal and steps, lower-case: what the library's free
    # text search reads (kept by save())
    search_text = models.TextField(editable=False, default="")
    # what moderation said when it returned or withdrew the measure (shown to the proposers)
    moderation_comment = models.TextField(_("Kommentar der Moderation"), blank=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        indexes = [models.Index(fields=["state", "format"], name="measure_state_format_idx")]
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")

    def __str__(self) -> str:
        return pick(self.title)

    def get_absolute_url(self) -> str:
        return reverse("measures:detail", args=[self.slug])

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.search_text = self.searchable_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_topics_display(self) -> list[str]:
        """The labels of its topics, in the reader's language."""
        labels = dict(Topic.choices)
        return [str(labels[topic]) for topic in self.topics or [] if topic in labels]

    def get_target_groups_display(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels[group]) for group in self.target_groups or [] if group in labels]

    def searchable_text(self) -> str:
        texts = [self.title, self.summary, self.goal, *(self.steps or [])]
        return "\n".join(
            value for text in texts if isinstance(text, dict) for value in text.values()
        ).lower()


class Material(TimeStampedModel):
    """A file that comes with a measure: a moderation guide, a template, slides."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="materials")
    title = models.JSONField(_("Titel"), validators=[validate_localized])
    file = models.FileField(_("Datei"), upload_to="measures/")
    size = models.PositiveIntegerField(_("Größe in Bytes"), default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["measure", "position", "pk"]
        verbose_name = _("Material")
        verbose_name_plural = _("Materialien")

    def __str__(self) -> str:
        return pick(self.title)

    @property
    def kind(self) -> str:
        """What kind of file it is, for people: "PDF", "DOCX", … ("JPG" for images)."""
        name = self.file.name or ""
        return name.rsplit(".", 1)[-1].upper() if "." in name else ""


class Adoption(TimeStampedModel):
    """A town does (or did) a measure: written when a measure is adopted into an action plan
    ("Nachmachen"), so the library shows which towns work with it."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="adoptions")
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.CASCADE, related_name="measure_adoptions"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="measure_adoptions"
    )
    completed_at = models.DateField(_("abgeschlossen am"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "municipality"], name="measure_adoption_once_per_town"
            )
        ]
        verbose_name = _("Übernahme")
        verbose_name_plural = _("Übernahmen")

    def __str__(self) -> str:
        return f"{self.measure} – {self.municipality}"


class ReportQuerySet(models.QuerySet["Report"]):
    def published(self) -> ReportQuerySet:
        return self.filter(state=Report.State.PUBLISHED)


class Report(StatefulModel, TimeStampedModel):
    """What a town reports about a measure it did: a note and a link to a published promise
    report or blog post (or another public page). Moderation reads it before it goes public;
    its author may change it while it waits, and a change to a published report sends it
    back to moderation."""

    class State(models.TextChoices):
        PENDING = "pending", _("wartet auf Prüfung")
        PUBLISHED = "published", _("veröffentlicht")
        RETURNED = "returned", _("zurückgegeben")

    TRANSITIONS = {
        State.PENDING: {State.PUBLISHED, State.RETURNED},
        State.PUBLISHED: {State.PENDING},  # changed by its author: read again
        State.RETURNED: {State.PENDING},  # revised by its author
    }

    state = models.CharField(
        _("Zustand"), max_length=12, choices=State.choices, default=State.PENDING
    )
    moderation_comment = models.TextField(_("Kommentar der Moderation"), blank=True)
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="reports")
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.CASCADE, related_name="measure_reports"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="measure_reports"
    )
    post = models.ForeignKey(
        "blog.Post",
        verbose_name=_("Beitrag im Blog"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measure_reports",
    )
    url = models.URLField(_("Link"), blank=True)
    note = models.TextField(_("Was wir gelernt haben"), max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "updated_at"])]  # the moderation queue
        verbose_name = _("Erfahrungsbericht")
        verbose_name_plural = _("Erfahrungsberichte")

    def __str__(self) -> str:
        return f"{self.measure} – {self.municipality}"

    def get_absolute_url(self) -> str:
        return f"{self.measure.get_absolute_url()}#bericht-{self.pk}"
