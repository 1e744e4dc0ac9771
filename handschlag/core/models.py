"""Shared base models: timestamps and recorded state machines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .errors import DomainError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("erstellt am"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        abstract = True


class StateChange(models.Model):
    """One recorded transition of any stateful object: who, when, from, to, why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    from_state = models.CharField(max_length=32)
    to_state = models.CharField(max_length=32)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("Zustandswechsel")
        verbose_name_plural = _("Zustandswechsel")

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class StatefulModel(models.Model):
    """A model with a `state` field whose transitions are checked and recorded.

    Subclasses declare `state` (TextChoices) and `TRANSITIONS = {from: {to, ...}}`.
    """

    TRANSITIONS: dict[str, set[str]] = {}
    state_changes = GenericRelation(StateChange)
    state: Any

    class Meta:
        abstract = True

    def require_state(self, *states: str) -> None:
        if self.state not in states:
            raise DomainError(
                _("Das ist im Zustand „%(state)s“ nicht möglich.")
                % {"state": self.get_state_display()},  # type: ignore[attr-defined]
                code="wrong_state",
            )

    def move_to(
        self,
        state: str,
        *,
        by: AbstractBaseUser | None,
        comment: str = "",
        save_fields: list[str] | None = None,
    ) -> None:
        """Move to `state` if the transition is allowed; save and record it."""
        if state not in self.TRANSITIONS.get(self.state, set()):
            self.require_state(*[s for s, targets in self.TRANSITIONS.items() if state in targets])
        previous = self.state
        self.state = state
        fields = ["state", "updated_at", *(save_fields or [])]
        self.save(update_fields=fields)
        StateChange.objects.create(
            content_type=ContentType.objects.get_for_model(type(self)),
            object_id=self.pk,
            from_state=previous,
            to_state=state,
            by_id=by.pk if by is not None else None,
            comment=comment,
        )

    def record_arrival(self, *, from_state: str, by: AbstractBaseUser | None) -> None:
        """Record the change of a row that was created directly in its state (e.g. a
        registration that is confirmed as it is made): its history reads the same as if it
        had been created in `from_state` and moved, without the second write."""
        StateChange.objects.create(
            content_type=ContentType.objects.get_for_model(type(self)),
            object_id=self.pk,
            from_state=from_state,
            to_state=self.state,
            by_id=by.pk if by is not None else None,
        )
