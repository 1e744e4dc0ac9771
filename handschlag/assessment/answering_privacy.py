"""The answering part's share of a person's data export and erasure.

Export: the answers the person gave (as the last one to change them) with their evidence,
and the areas handed to them (delegations and invitations to their address). Erase: the
answers stay with the town's round (they are the administration's or the group's, not the
person's), but no longer say who gave them; the person's delegations and the invitations to
their address are removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q

from handschlag.core.localized import pick

from .answering_evidence import display_name
from .models import Answer, Delegation

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def _value(answer: Answer) -> Any:
    if answer.not_applicable:
        return "n/a"
    if answer.option is not None:
        return pick(answer.option.label)
    if answer.number is not None:
        return answer.number
    return answer.text


def _theirs(user: User) -> Q:
    return Q(user=user) | Q(user__isnull=True, email__iexact=user.email)


def export(user: User) -> dict[str, Any]:
    answers = (
        Answer.objects.filter(answered_by=user)
        .select_related("assessment__municipality", "group", "question", "option")
        .order_by("assessment_id", "question__indicator__area__position", "question_id")
    )
    delegations = (
        Delegation.objects.filter(_theirs(user))
        .select_related("assessment__municipality", "group")
        .prefetch_related("areas")
        .order_by("pk")
    )
    return {
        "answers": [
            {
                "round": answer.assessment.title,
                "town": answer.assessment.municipality.name,
                "group": answer.group.name,
                "question": pick(answer.question.text),
                "answer": _value(answer),
                "note": answer.note,
                "link": answer.link,
                "file": display_name(answer.evidence.name or "") if answer.evidence else "",
                "changed": answer.updated_at,
            }
            for answer in answers
        ],
        "delegations": [
            {
                "round": delegation.assessment.title,
                "town": delegation.assessment.municipality.name,
                "group": delegation.group.name,
                "areas": [pick(area.title) for area in delegation.areas.all()],
                "invited_as": delegation.email,
                "since": delegation.accepted_at or delegation.created_at,
                "revoked": delegation.revoked_at,
            }
            for delegation in delegations
        ],
    }


@transaction.atomic
def erase(user: User) -> None:
    Answer.objects.filter(answered_by=user).update(answered_by=None)
    Delegation.objects.filter(_theirs(user)).delete()
