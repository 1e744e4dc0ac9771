"""Reads of the answering part: who may see which section, the progress of a round per area
and respondent group, the rounds page of a person, the questions and answers of one section.
Each read runs a constant number of queries, however many questions, answers, groups or
delegations a round has."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from handschlag.accounts.rules import is_active_user
from handschlag.organisations.models import Membership, Organisation
from handschlag.organisations.rules import membership_snapshot

from .answering_delegations import expires_at
from .models import (
    Answer,
    Area,
    Assessment,
    Delegation,
    Indicator,
    Option,
    Question,
    RespondentGroup,
)
from .rules import active_delegations, can_answer, is_coordinator, is_team_member

if TYPE_CHECKING:
    from handschlag.accounts.models import User

# An answer counts as given when it says something (evidence alone is not an answer).
ANSWERED = Q(option__isnull=False) | Q(number__isnull=False) | ~Q(text="") | Q(not_applicable=True)


def may_see_section(user: Any, assessment: Assessment, group_id: int, area_id: int) -> bool:
    """The round's team sees every section; a delegate the ones handed to them."""
    if not is_active_user(user):
        return False
    if is_team_member(user, assessment):
        return True
    return active_delegations(user, assessment).filter(group_id=group_id, areas=area_id).exists()


def question_counts(framework_id: int) -> dict[int, int]:
    """How many questions each area of the framework has."""
    rows = (
        Question.objects.filter(indicator__area__framework_id=framework_id)
        .values("indicator__area_id")
        .annotate(n=Count("pk"))
    )
    return {row["indicator__area_id"]: row["n"] for row in rows}


def answered_counts(assessment_ids: list[int]) -> dict[tuple[int, int], int]:
    """{(group id, area id): answers given} over the rounds given."""
    rows = (
        Answer.objects.filter(ANSWERED, assessment_id__in=assessment_ids)
        .values("group_id", "question__indicator__area_id")
        .annotate(n=Count("pk"))
    )
    return {(row["group_id"], row["question__indicator__area_id"]): row["n"] for row in rows}


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


@dataclass
class Cell:
    """One section: an area answered by one respondent group."""

    group: RespondentGroup
    area: Area
    answered: int
    total: int
    delegates: list[Delegation] = field(default_factory=list)
    can_answer: bool = False
    can_see: bool = False

    @property
    def percent(self) -> int:
        return percent(self.answered, self.total)

    @property
    def done(self) -> bool:
        return self.total > 0 and self.answered >= self.total

    @property
    def url(self) -> str:
        return reverse(
            "assessment:answer", args=[self.group.assessment_id, self.group.pk, self.area.pk]
        )


@dataclass
class Overview:
    assessment: Assessment
    areas: list[Area]
    groups: list[RespondentGroup]
    rows: list[tuple[Area, list[Cell]]]
    mine: list[Cell]
    delegations: list[Delegation]
    invitations: list[Delegation]
    is_team: bool
    is_coordinator: bool
    group_totals: list[tuple[RespondentGroup, int, int]]


def _delegations(assessment: Assessment) -> QuerySet[Delegation]:
    return (
        Delegation.objects.filter(assessment=assessment, revoked_at__isnull=True)
        .select_related("user", "group")
        .prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("position", "pk")))
        .order_by("group_id", "pk")
    )


def overview(assessment: Assessment, user: User) -> Overview:
    """The round's sections with their progress; who answers each (for the team); the
    sections `user` answers; open invitations (for the coordinator)."""
    with membership_snapshot():
        team = bool(is_team_member(user, assessment))
        coordinator = bool(is_coordinator(user, assessment))
    areas = list(assessment.framework.areas.order_by("position", "pk"))
    groups = list(assessment.groups.order_by("pk"))
    totals = question_counts(assessment.framework_id)
    answered = answered_counts([assessment.pk])
    delegations = list(_delegations(assessment))
    handed: dict[tuple[int, int], list[Delegation]] = defaultdict(list)
    mine_keys: set[tuple[int, int]] = set()
    for delegation in delegations:
        for area in delegation.areas.all():
            handed[(delegation.group_id, area.pk)].append(delegation)
            if delegation.user_id == user.pk and delegation.is_active:
                mine_keys.add((delegation.group_id, area.pk))
    rows: list[tuple[Area, list[Cell]]] = []
    mine: list[Cell] = []
    for area in areas:
        cells = []
        for group in groups:
            key = (group.pk, area.pk)
            cell = Cell(
                group=group,
                area=area,
                answered=answered.get(key, 0),
                total=totals.get(area.pk, 0),
                delegates=handed.get(key, []),
                can_answer=assessment.is_open and (coordinator or key in mine_keys),
                can_see=team or key in mine_keys,
            )
            cells.append(cell)
            if key in mine_keys:
                mine.append(cell)
        rows.append((area, cells))
    total = sum(totals.get(area.pk, 0) for area in areas)
    group_totals = [
        (group, sum(answered.get((group.pk, area.pk), 0) for area in areas), total)
        for group in groups
    ]
    now = timezone.now()
    for delegation in delegations:
        delegation.expired = delegation.user_id is None and expires_at(delegation) < now  # type: ignore[attr-defined]
    return Overview(
        assessment=assessment,
        areas=areas,
        groups=groups,
        rows=rows,
        mine=mine,
        delegations=[d for d in delegations if d.user_id is not None],
        invitations=[d for d in delegations if d.user_id is None],
        is_team=team,
        is_coordinator=coordinator,
        group_totals=group_totals,
    )


def unanswered_by_group(assessment: Assessment) -> list[tuple[RespondentGroup, int, int]]:
    """(group, questions left unanswered, questions) for every group of the round."""
    total = sum(question_counts(assessment.framework_id).values())
    given = dict(
        Answer.objects.filter(ANSWERED, assessment=assessment)
        .values_list("group_id")
        .annotate(n=Count("pk"))
        .values_list("group_id", "n")
    )
    return [
        (group, total - given.get(group.pk, 0), total) for group in assessment.groups.order_by("pk")
    ]


@dataclass
class Section:
    """One area's questions (grouped by indicator) and one group's answers to them."""

    assessment: Assessment
    group: RespondentGroup
    area: Area
    indicators: list[Indicator]
    answers: dict[int, Answer]
    can_answer: bool

    @property
    def questions(self) -> list[Question]:
        return [q for indicator in self.indicators for q in indicator.questions.all()]

    @property
    def answered(self) -> int:
        return sum(1 for a in self.answers.values() if is_given(a))


def is_given(answer: Answer | None) -> bool:
    return answer is not None and (
        answer.option_id is not None
        or answer.number is not None
        or bool(answer.text)
        or answer.not_applicable
    )


def section(assessment: Assessment, group: RespondentGroup, area: Area, user: User) -> Section:
    questions = Question.objects.order_by("position", "pk").prefetch_related(
        Prefetch("options", queryset=Option.objects.order_by("position", "pk"))
    )
    indicators = list(
        area.indicators.order_by("position", "pk").prefetch_related(
            Prefetch("questions", queryset=questions)
        )
    )
    by_pk = {q.pk: q for indicator in indicators for q in indicator.questions.all()}
    answers = {}
    for answer in Answer.objects.filter(group=group, question_id__in=by_pk).select_related(
        "option"
    ):
        answer.question = by_pk[answer.question_id]
        answers[answer.question_id] = answer
    return Section(
        assessment=assessment,
        group=group,
        area=area,
        indicators=indicators,
        answers=answers,
        can_answer=can_answer(user, assessment, group.pk, area.pk),
    )


@dataclass
class TownRounds:
    organisation: Organisation
    is_admin: bool
    rounds: list[tuple[Assessment, int]]  # each round with its share answered (%)

    @property
    def open_round(self) -> Assessment | None:
        return next((r for r, _ in self.rounds if r.is_open), None)


def _progress(assessments: list[Assessment]) -> dict[int, int]:
    """The share of questions × groups answered, per round (%)."""
    if not assessments:
        return {}
    ids = [a.pk for a in assessments]
    per_framework = dict(
        Question.objects.filter(indicator__area__framework__assessments__in=ids)
        .values_list("indicator__area__framework_id")
        .annotate(n=Count("pk", distinct=True))
        .values_list("indicator__area__framework_id", "n")
    )
    groups = dict(
        RespondentGroup.objects.filter(assessment_id__in=ids)
        .values_list("assessment_id")
        .annotate(n=Count("pk"))
        .values_list("assessment_id", "n")
    )
    given = dict(
        Answer.objects.filter(ANSWERED, assessment_id__in=ids)
        .values_list("assessment_id")
        .annotate(n=Count("pk"))
        .values_list("assessment_id", "n")
    )
    return {
        a.pk: percent(
            given.get(a.pk, 0), per_framework.get(a.framework_id, 0) * groups.get(a.pk, 0)
        )
        for a in assessments
    }


def rounds_of(user: User) -> dict[str, Any]:
    """The rounds page of a person: the rounds of each municipality organisation they belong
    to, the sections handed to them (colleagues and partners alike), and the municipality
    organisations of theirs that still wait for verification."""
    memberships = list(
        Membership.objects.filter(user=user, organisation__kind=Organisation.Kind.MUNICIPALITY)
        .select_related("organisation__municipality")
        .order_by("organisation__name")
    )
    verified = [m for m in memberships if m.organisation.is_verified]
    waiting = {m.organisation.pk: m.organisation for m in memberships if m not in verified}
    requested = Organisation.objects.filter(
        memberships__user=user, requested_kind=Organisation.Kind.MUNICIPALITY
    )
    waiting |= {organisation.pk: organisation for organisation in requested}
    own = list(
        Assessment.objects.filter(organisation__in=[m.organisation for m in verified])
        .select_related("municipality")
        .order_by("-created_at", "-pk")
    )
    delegations = list(
        Delegation.objects.filter(user=user, revoked_at__isnull=True)
        .select_related("assessment__municipality", "assessment__organisation", "group")
        .prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("position", "pk")))
        .order_by("-assessment__created_at", "pk")
    )
    progress = _progress(
        list({a.pk: a for a in own + [d.assessment for d in delegations]}.values())
    )
    towns = [
        TownRounds(
            organisation=m.organisation,
            is_admin=m.role == Membership.Role.ADMIN,
            rounds=[(a, progress[a.pk]) for a in own if a.organisation_id == m.organisation_id],
        )
        for m in verified
    ]
    delegated: dict[int, dict[str, Any]] = {}
    for delegation in delegations:
        entry = delegated.setdefault(
            delegation.assessment_id,
            {
                "assessment": delegation.assessment,
                "progress": progress[delegation.assessment_id],
                "sections": [],
            },
        )
        entry["sections"] += [
            Cell(group=delegation.group, area=area, answered=0, total=0)
            for area in delegation.areas.all()
        ]
    return {
        "towns": towns,
        "delegated": list(delegated.values()),
        "waiting": sorted(waiting.values(), key=lambda o: o.name),
    }
