"""Needs ("Wir suchen 5 Laptops für ein Bewerbungstraining in Stralsund") and the proposals that
match them to promises.

A need always belongs to an organisation: initiatives, municipalities and other organisations
post needs for an organisation they currently belong to. Individuals do not post needs: a need is
public, its poster answers for it as an organisation (promises that only organisations may
redeem can be proposed to it), and a newcomer's personal needs do not belong on a public page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handschlag.core.models import StatefulModel, TimeStampedModel
from handschlag.promises.models import Category


class NeedQuerySet(models.QuerySet["Need"]):
    def published(self) -> NeedQuerySet:
        return self.filter(state=Need.State.PUBLISHED)

    def public(self) -> NeedQuerySet:
        """What the public may see: published, and what was once published and ended well."""
        return self.filter(state__in=Need.PUBLIC_STATES)

    def open(self) -> NeedQuerySet:
        """Published needs whose date has not passed: the ones matching looks for promises for."""
        return self.filter(state=Need.State.PUBLISHED, needed_by__gte=timezone.localdate())


class Need(StatefulModel, TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PENDING = "pending", _("in Moderation")
        PUBLISHED = "published", _("veröffentlicht")
        FULFILLED = "fulfilled", _("gedeckt")
        CLOSED = "closed", _("geschlossen")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    TRANSITIONS = {
        State.DRAFT: {State.PENDING, State.WITHDRAWN},
        # a moderator returns a need to its draft, with a comment
        State.PENDING: {State.PUBLISHED, State.DRAFT, State.WITHDRAWN},
        State.PUBLISHED: {State.FULFILLED, State.CLOSED, State.WITHDRAWN},
    }
    PUBLIC_STATES = (State.PUBLISHED, State.FULFILLED, State.CLOSED)
    EDITABLE_STATES = (State.DRAFT,)

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("im Namen von"),
        on_delete=models.PROTECT,
        related_name="needs",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
    )
    title = models.CharField(
        _("Was suchen Sie?"),
        max_length=140,
        help_text=_("z. B. „5 Laptops für ein Bewerbungstraining“"),
    )
    description = models.TextField(
        _("Wofür brauchen Sie es?"),
        max_length=5000,
        help_text=_("Wer profitiert, was haben Sie vor, was ist schon da?"),
    )
    category = models.CharField(_("Kategorie"), max_length=20, choices=Category.choices)
    quantity = models.PositiveIntegerField(_("Wie viel?"), default=1)
    # The unit in its two forms ("5 Laptops", "1 Laptop"); see handschlag.core.units.
    unit = models.CharField(
        _("Einheit (Mehrzahl)"),
        max_length=40,
        blank=True,
        help_text=_("z. B. Laptops, Plätze, Stunden"),
    )
    unit_singular = models.CharField(
        _("Einheit (Einzahl)"),
        max_length=40,
        blank=True,
        help_text=_("z. B. Laptop, Platz, Stunde"),
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Ort"),
        on_delete=models.PROTECT,
        related_name="needs",
    )
    needed_by = models.DateField(_("gebraucht bis"))
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    moderation_comment = models.TextField(_("Kommentar der Moderation"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = NeedQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("Bedarf")
        verbose_name_plural = _("Bedarfe")
        indexes = [
            models.Index(fields=["state", "needed_by"]),
            models.Index(fields=["-published_at", "-id"], name="need_newest_idx"),
            models.Index(fields=["state", "category"]),
            models.Index(fields=["municipality", "state"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="need_quantity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("needs:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        """The Python twin of `NeedQuerySet.open()`."""
        return self.state == self.State.PUBLISHED and self.needed_by >= timezone.localdate()


class Proposal(TimeStampedModel):
    """The matching engine proposes `promise` for `need`. `reasons` keeps the facts behind the
    proposal as data (rendered in words in the reader's language, see reasons.py)."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("vorgeschlagen")
        APPLIED = "applied", _("beworben")
        DECLINED_BY_NEED = "declined_by_need", _("von der suchenden Organisation abgelehnt")
        DECLINED_BY_PROMISER = "declined_by_promiser", _("von den Versprechenden abgelehnt")
        EXPIRED = "expired", _("nicht mehr passend")

    DECLINED_STATES = (State.DECLINED_BY_NEED, State.DECLINED_BY_PROMISER)

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="proposals")
    promise = models.ForeignKey(
        "promises.Promise", on_delete=models.CASCADE, related_name="need_proposals"
    )
    score = models.FloatField(default=0)
    reasons = models.JSONField(default=dict)
    state = models.CharField(max_length=24, choices=State.choices, default=State.PROPOSED)
    redemption = models.ForeignKey(
        "promises.Redemption",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="need_proposals",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("Vorschlag")
        verbose_name_plural = _("Vorschläge")
        indexes = [
            models.Index(fields=["need", "state"]),
            models.Index(fields=["promise", "state"]),
            models.Index(fields=["state"]),
        ]
        constraints = [
            # a pair is proposed at most once, ever: declined pairs never come back
            models.UniqueConstraint(fields=["need", "promise"], name="one_proposal_per_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.need} ↔ {self.promise}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.PROPOSED
