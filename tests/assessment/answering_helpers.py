"""Helpers of the answering tests: questions of the small framework by key, a snapshot of
everything the answering part writes (to assert that a refused write changed nothing), and
store_scores replaced by a recorder."""

from __future__ import annotations

from typing import Any

import pytest

from handschlag.assessment import scores
from handschlag.assessment.models import (
    Answer,
    Assessment,
    Delegation,
    Question,
    RespondentGroup,
)
from handschlag.audit.models import AuditEntry
from handschlag.core.models import StateChange


def question(framework, key: str) -> Question:
    return Question.objects.get(indicator__area__framework=framework, key=key)


def snapshot() -> tuple:
    return (
        list(
            Assessment.objects.order_by("pk").values_list(
                "pk", "state", "shared", "closed_at", "title"
            )
        ),
        list(RespondentGroup.objects.order_by("pk").values_list("pk", "name", "kind")),
        list(
            Delegation.objects.order_by("pk").values_list(
                "pk", "user", "email", "revoked_at", "accepted_at"
            )
        ),
        sorted(Delegation.areas.through.objects.values_list("delegation_id", "area_id")),
        list(
            Answer.objects.order_by("pk").values_list(
                "pk", "option", "number", "text", "not_applicable", "note", "link", "evidence"
            )
        ),
        StateChange.objects.count(),
        AuditEntry.objects.count(),
    )


class ScoreRecorder:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def __call__(self, assessment: Any) -> None:
        self.calls.append(assessment.pk)


@pytest.fixture
def stored_scores(monkeypatch) -> ScoreRecorder:
    """`scores.store_scores` replaced by a recorder of the rounds it was called with."""
    recorder = ScoreRecorder()
    monkeypatch.setattr(scores, "store_scores", recorder)
    return recorder
