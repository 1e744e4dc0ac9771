"""The self-assessment (Standortbestimmung) of a municipality, its results and its action plan.

Frameworks are data: a versioned questionnaire of areas → indicators → questions, each answer
option with its points, and a rule table (indicator + score band → measures) for the
recommendations. They are loaded from JSON (`manage.py load_framework`, see frameworks.py) and
can be edited in the admin; a framework that has assessments is never changed in place — a
change of meaning is a new version.

An assessment is one round of one municipality on one framework version. Respondent groups
(the administration, civil society, migrant organisations…) answer the same questions
separately; sections (areas) are delegated to colleagues or invited partners. Answers can be
amended until the coordination closes the round; closing stores the scores (`Score`), which
the results, the comparison with peers and the network page read.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from handschlag.core.localized import pick, validate_localized, validate_localized_optional
from handschlag.core.models import StatefulModel, TimeStampedModel

POINTS = [MinValueValidator(0), MaxValueValidator(100)]


class Framework(TimeStampedModel):
    key = models.SlugField(_("Kennung"), max_length=60)
    version = models.PositiveSmallIntegerField(_("Version"), default=1)
    title = models.JSONField(_("Titel"), validators=[validate_localized])
    description = models.JSONField(
        _("Beschreibung"), default=dict, blank=True, validators=[validate_localized_optional]
    )
    published = models.BooleanField(_("zur Nutzung freigegeben"), default=False)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="framework_key_version")
        ]
        verbose_name = _("Fragebogen")
        verbose_name_plural = _("Fragebögen")

    def __str__(self) -> str:
        return f"{pick(self.title)} ({self.version})"


class Area(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    key = models.SlugField(_("Kennung"), max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.JSONField(_("Titel"), validators=[validate_localized])
    description = models.JSONField(
        _("Beschreibung"), default=dict, blank=True, validators=[validate_localized_optional]
    )
    weight = models.PositiveSmallIntegerField(_("Gewicht"), default=1)

    class Meta:
        ordering = ["framework", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "key"], name="area_key_per_framework")
        ]
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")

    def __str__(self) -> str:
        return pick(self.title)


class Indicator(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="indicators")
    key = models.SlugField(_("Kennung"), max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.JSONField(_("Titel"), validators=[validate_localized])
    weight = models.PositiveSmallIntegerField(_("Gewicht"), default=1)

    class Meta:
        ordering = ["area", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["area", "key"], name="indicator_key_per_area")
        ]
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")

    def __str__(self) -> str:
        return pick(self.title)


class Question(models.Model):
    class Kind(models.TextChoices):
        YES_PARTLY_NO = "yes_partly_no", _("ja / teilweise / nein")
        SCALE = "scale", _("Skala 0–4")
        NUMBER = "number", _("Zahl")
        CHOICE = "choice", _("Auswahl")
        TEXT = "text", _("Freitext")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("Kennung"), max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("Art"), max_length=16, choices=Kind.choices)
    text = models.JSONField(_("Frage"), validators=[validate_localized])
    help = models.JSONField(
        _("Erläuterung"), default=dict, blank=True, validators=[validate_localized_optional]
    )
    weight = models.PositiveSmallIntegerField(_("Gewicht"), default=1)
    # whether "trifft auf uns nicht zu" may be answered (the question then leaves the score)
    allows_not_applicable = models.BooleanField(_("„nicht zutreffend“ möglich"), default=False)
    # number questions: [[from, points], …] ascending — a value gets the points of the last
    # band it reaches (e.g. [[0, 0], [1, 50], [3, 100]]); empty for other kinds
    number_bands = models.JSONField(_("Punkte nach Zahl"), default=list, blank=True)
    number_unit = models.JSONField(
        _("Einheit"), default=dict, blank=True, validators=[validate_localized_optional]
    )

    class Meta:
        ordering = ["indicator", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "key"], name="question_key_per_indicator")
        ]
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")

    def __str__(self) -> str:
        return pick(self.text)

    @property
    def is_scored(self) -> bool:
        return self.kind != self.Kind.TEXT


class Option(models.Model):
    """An answer option of a yes/partly/no, scale or choice question and the points it gives."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    key = models.SlugField(_("Kennung"), max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    label = models.JSONField(_("Antwort"), validators=[validate_localized])
    points = models.PositiveSmallIntegerField(_("Punkte (0–100)"), validators=POINTS)

    class Meta:
        ordering = ["question", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "key"], name="option_key_per_question")
        ]
        verbose_name = _("Antwortmöglichkeit")
        verbose_name_plural = _("Antwortmöglichkeiten")

    def __str__(self) -> str:
        return pick(self.label)


class RecommendationRule(models.Model):
    """The framework's rule table: an indicator scoring within [min_score, max_score]
    recommends these measures, because of `reason` ("weil Ihre Antworten zu … zeigen …")."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="recommendation_rules"
    )
    min_score = models.PositiveSmallIntegerField(_("ab Punktzahl"), default=0, validators=POINTS)
    max_score = models.PositiveSmallIntegerField(_("bis Punktzahl"), validators=POINTS)
    measures = models.ManyToManyField("measures.Measure", related_name="recommendation_rules")
    reason = models.JSONField(_("Begründung"), validators=[validate_localized])

    class Meta:
        ordering = ["indicator", "min_score"]
        verbose_name = _("Empfehlungsregel")
        verbose_name_plural = _("Empfehlungsregeln")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.min_score}–{self.max_score}"


class Assessment(StatefulModel, TimeStampedModel):
    """One round of a municipality's self-assessment, run by its municipality organisation."""

    class State(models.TextChoices):
        OPEN = "open", _("offen")
        CLOSED = "closed", _("abgeschlossen")

    TRANSITIONS = {State.OPEN: {State.CLOSED}, State.CLOSED: {State.OPEN}}

    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.PROTECT, related_name="assessments"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="assessments"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    title = models.CharField(_("Titel"), max_length=160)
    state = models.CharField(_("Zustand"), max_length=8, choices=State.choices, default=State.OPEN)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    # the town shows its results on its public page and lets peers see them in comparisons
    shared = models.BooleanField(_("Ergebnisse öffentlich teilen"), default=False)
    # the stored all-groups scores in one row, written with them when the round closes
    # (scores.store_scores): {"overall": 61.2, "areas": {"<area key>": 55.0, …}} — what the
    # comparison with peers and the change since the last round read, one row per round
    summary = models.JSONField(
        _("Punkte auf einen Blick"), default=dict, blank=True, editable=False
    )

    class Meta:
        ordering = ["municipality", "-created_at"]
        indexes = [
            models.Index(fields=["municipality", "state", "closed_at"], name="assessment_town_idx"),
            models.Index(fields=["framework", "state"], name="assessment_framework_idx"),
        ]
        verbose_name = _("Standortbestimmung")
        verbose_name_plural = _("Standortbestimmungen")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessment:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class RespondentGroup(models.Model):
    """A group that answers the questions separately, e.g. the administration, civil society."""

    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("Verwaltung")
        POLITICS = "politics", _("Kommunalpolitik")
        CIVIL_SOCIETY = "civil_society", _("Zivilgesellschaft")
        MIGRANT_ORGANISATIONS = "migrant_organisations", _("Migrantenorganisationen")
        BUSINESS = "business", _("Wirtschaft")
        OTHER = "other", _("Sonstige")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="groups")
    kind = models.CharField(_("Art"), max_length=24, choices=Kind.choices)
    name = models.CharField(_("Name"), max_length=120)

    class Meta:
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "name"], name="group_name_per_assessment")
        ]
        verbose_name = _("Gruppe von Antwortenden")
        verbose_name_plural = _("Gruppen von Antwortenden")

    def __str__(self) -> str:
        return self.name


class Delegation(TimeStampedModel):
    """Areas of an assessment handed to a colleague or an invited partner, who answers them
    for one respondent group. An invitation by email (`email`, `token_hash`) becomes bound to
    the person (`user`) who accepts it while logged in."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="delegations")
    group = models.ForeignKey(RespondentGroup, on_delete=models.CASCADE, related_name="delegations")
    areas = models.ManyToManyField(Area, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessment_delegations",
    )
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["assessment", "pk"]
        verbose_name = _("Delegation")
        verbose_name_plural = _("Delegationen")

    def __str__(self) -> str:
        return f"{self.group} – {self.user or self.email}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.user_id is not None


class Answer(models.Model):
    """One respondent group's answer to one question, amendable while the round is open."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    group = models.ForeignKey(RespondentGroup, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(Option, null=True, blank=True, on_delete=models.PROTECT)
    number = models.DecimalField(_("Zahl"), max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("Antwort"), blank=True, max_length=4000)
    not_applicable = models.BooleanField(_("trifft nicht zu"), default=False)
    # evidence
    note = models.TextField(_("Beleg oder Anmerkung"), blank=True, max_length=4000)
    link = models.URLField(_("Link"), blank=True)
    evidence = models.FileField(_("Datei"), upload_to="assessment/", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group", "question"], name="answer_once_per_group_and_question"
            )
        ]
        indexes = [models.Index(fields=["assessment", "question"], name="answer_question_idx")]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")

    def __str__(self) -> str:
        return f"{self.group}: {self.question}"


class Score(models.Model):
    """A stored score of a closed assessment (0–100, or null where nothing applied): overall
    (`area` and `indicator` empty), per area, per indicator; for all groups together (`group`
    empty) and per respondent group. Written when the round closes; the results of an open
    round are computed on the fly."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    group = models.ForeignKey(
        RespondentGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    value = models.FloatField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["assessment", "group"], name="score_assessment_idx"),
            models.Index(fields=["area", "group", "assessment"], name="score_area_idx"),
        ]
        verbose_name = _("Punktzahl")
        verbose_name_plural = _("Punktzahlen")

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.value}"


class ActionPlan(TimeStampedModel):
    """A municipality's action plan: items from recommendations or free, tracked over time."""

    municipality = models.OneToOneField(
        "places.Municipality", on_delete=models.PROTECT, related_name="action_plan"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="action_plans"
    )
    title = models.CharField(_("Titel"), max_length=160)

    class Meta:
        verbose_name = _("Handlungsplan")
        verbose_name_plural = _("Handlungspläne")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessment:plan", args=[self.municipality.slug])


class PlanItem(StatefulModel, TimeStampedModel):
    class State(models.TextChoices):
        PLANNED = "planned", _("geplant")
        IN_PROGRESS = "in_progress", _("in Arbeit")
        PAUSED = "paused", _("pausiert")
        DONE = "done", _("erledigt")
        DROPPED = "dropped", _("verworfen")

    TRANSITIONS = {
        State.PLANNED: {State.IN_PROGRESS, State.DONE, State.DROPPED, State.PAUSED},
        State.IN_PROGRESS: {State.PAUSED, State.DONE, State.DROPPED},
        State.PAUSED: {State.IN_PROGRESS, State.DROPPED},
        State.DONE: {State.IN_PROGRESS},
        State.DROPPED: {State.PLANNED},
    }

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True, max_length=4000)
    state = models.CharField(
        _("Stand"), max_length=12, choices=State.choices, default=State.PLANNED
    )
    progress = models.PositiveSmallIntegerField(_("Fortschritt in %"), default=0, validators=POINTS)
    # the area it serves, for the roll-up; and where it came from
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("Handlungsfeld"),
    )  # fmt: skip
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_items"
    )
    measure = models.ForeignKey(
        "measures.Measure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_items",
        verbose_name=_("Maßnahme"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_items",
        verbose_name=_("verantwortlich"),
    )
    partners = models.CharField(_("Partner"), max_length=300, blank=True)
    due_date = models.DateField(_("fällig am"), null=True, blank=True)
    overdue_notified_on = models.DateField(null=True, blank=True, editable=False)
    events = models.ManyToManyField("events.Event", blank=True, related_name="plan_items")
    promises = models.ManyToManyField("promises.Promise", blank=True, related_name="plan_items")

    class Meta:
        ordering = ["plan", "due_date", "pk"]
        indexes = [models.Index(fields=["state", "due_date"], name="plan_item_due_idx")]
        verbose_name = _("Vorhaben")
        verbose_name_plural = _("Vorhaben")

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: datetime.date) -> bool:
        return (
            self.due_date is not None
            and self.due_date < today
            and self.state in (self.State.PLANNED, self.State.IN_PROGRESS, self.State.PAUSED)
        )


class Milestone(models.Model):
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("Titel"), max_length=200)
    due_date = models.DateField(_("fällig am"), null=True, blank=True)
    done_on = models.DateField(_("erreicht am"), null=True, blank=True)

    class Meta:
        ordering = ["item", "due_date", "pk"]
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")

    def __str__(self) -> str:
        return self.title
