"""Answering a self-assessment: starting a round, its respondent groups, the answers with
their evidence, closing and reopening the round, sharing its results.

Delegations and invitations live in answering_delegations.py. Every service is keyword-only,
runs in one transaction, checks permissions itself (rules.py) and writes the audit log.
Writes to a round lock its row first, so an answer saved while the round closes either lands
before the closing (and is scored) or is refused.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.notifications.services import notify
from handschlag.places.models import Municipality

from . import answering_messages as messages
from . import scores
from .answering_evidence import delete_file_on_commit
from .models import Answer, Assessment, Delegation, Framework, Question, RespondentGroup
from .rules import can_answer

if TYPE_CHECKING:
    from handschlag.accounts.models import User
    from handschlag.organisations.models import Organisation

# Audit verbs of this part (registered in kernel/answering.py with their labels).
STARTED = "assessment.start"
GROUP_ADDED = "assessment.add_group"
CLOSED = "assessment.close"
REOPENED = "assessment.reopen"
SHARED = "assessment.share"
UNSHARED = "assessment.unshare"

State = Assessment.State


def _require(perm: str, user: User, obj: Model) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _locked(assessment: Assessment) -> Assessment:
    """The round as it is now, its row locked for the rest of the transaction."""
    return (
        Assessment.objects.select_for_update()
        .select_related("organisation", "municipality", "framework")
        .get(pk=assessment.pk)
    )


def default_title(today: datetime.date | None = None) -> str:
    return _("Standortbestimmung %(year)s") % {"year": (today or timezone.localdate()).year}


def newest_frameworks() -> list[Framework]:
    """The newest published version of each framework, newest first."""
    newest: dict[str, Framework] = {}
    for framework in Framework.objects.filter(published=True).order_by("key", "-version"):
        newest.setdefault(framework.key, framework)
    return sorted(newest.values(), key=lambda f: (f.created_at, f.pk), reverse=True)


def open_round_of(municipality_id: int, *, exclude: int | None = None) -> Assessment | None:
    rounds = Assessment.objects.filter(municipality_id=municipality_id, state=State.OPEN)
    if exclude is not None:
        rounds = rounds.exclude(pk=exclude)
    return rounds.first()


def _refuse_second_open_round(municipality: Municipality, *, exclude: int | None = None) -> None:
    running = open_round_of(municipality.pk, exclude=exclude)
    if running is not None:
        raise DomainError(
            _(
                "Für %(town)s läuft bereits die Standortbestimmung „%(title)s“. Schließen Sie "
                "sie ab, bevor Sie eine neue Runde beginnen."
            )
            % {"town": municipality.name, "title": running.title},
            code="open_round",
        )


@transaction.atomic
def start_assessment(
    *,
    organisation: Organisation,
    by: User,
    framework: Framework | None = None,
    title: str = "",
) -> Assessment:
    """A municipality admin starts a round for the town on the newest published framework
    (or the one chosen); it begins with one respondent group, the administration."""
    _require("assessment.start", by, organisation)
    if organisation.municipality_id is None:
        raise DomainError(
            _("Tragen Sie zuerst den Ort Ihrer Organisation ein."), code="no_municipality"
        )
    # one open round per town: concurrent starts queue up behind the town's row
    municipality = Municipality.objects.select_for_update().get(pk=organisation.municipality_id)
    if framework is None:
        frameworks = newest_frameworks()
        if not frameworks:
            raise DomainError(
                _("Es ist noch kein Fragebogen freigegeben. Bitte versuchen Sie es später."),
                code="no_framework",
            )
        framework = frameworks[0]
    elif not framework.published:
        raise DomainError(_("Dieser Fragebogen ist nicht freigegeben."), code="unpublished")
    _refuse_second_open_round(municipality)
    assessment = Assessment.objects.create(
        municipality=municipality,
        organisation=organisation,
        framework=framework,
        title=(title.strip() or default_title())[:160],
        started_by=by,
    )
    RespondentGroup.objects.create(
        assessment=assessment, kind=RespondentGroup.Kind.ADMINISTRATION, name=_("Verwaltung")
    )
    record(actor=by, verb=STARTED, target=assessment, framework=str(framework))
    return assessment


@transaction.atomic
def add_group(*, assessment: Assessment, by: User, name: str, kind: str) -> RespondentGroup:
    """The coordinator adds a respondent group (civil society, migrant organisations, …)."""
    _require("assessment.coordinate", by, assessment)
    assessment = _locked(assessment)
    assessment.require_state(State.OPEN)
    name = name.strip()
    if not name:
        raise DomainError(_("Bitte geben Sie der Gruppe einen Namen."), code="name")
    if kind not in RespondentGroup.Kind.values:
        raise DomainError(_("Unbekannte Art von Gruppe."), code="kind")
    if assessment.groups.filter(name__iexact=name).exists():
        raise DomainError(
            _("Eine Gruppe „%(name)s“ gibt es in dieser Runde schon.") % {"name": name},
            code="duplicate",
        )
    group = RespondentGroup.objects.create(assessment=assessment, name=name[:120], kind=kind)
    record(actor=by, verb=GROUP_ADDED, target=assessment, group=group.name, kind=kind)
    return group


@dataclass(frozen=True)
class AnswerInput:
    """What a respondent gives for one question (already validated by the form): the value
    that fits the question's kind, or "not applicable"; and the evidence."""

    option_id: int | None = None
    number: Decimal | None = None
    text: str = ""
    not_applicable: bool = False
    note: str = ""
    link: str = ""
    evidence: ContentFile | None = None  # a new file (checked and renamed), replaces the old
    remove_evidence: bool = False

    @property
    def has_value(self) -> bool:
        return (
            self.not_applicable
            or self.option_id is not None
            or self.number is not None
            or bool(self.text)
        )


def _check_value(question: Question, given: AnswerInput) -> None:
    Kind = Question.Kind
    if given.not_applicable and not question.allows_not_applicable:
        raise DomainError(_("Diese Frage trifft auf jede Kommune zu."), code="not_applicable")
    if given.option_id is not None and (
        question.kind not in (Kind.YES_PARTLY_NO, Kind.SCALE, Kind.CHOICE)
        or not question.options.filter(pk=given.option_id).exists()
    ):
        raise DomainError(_("Diese Antwort passt nicht zur Frage."), code="option")
    if given.number is not None and question.kind != Kind.NUMBER:
        raise DomainError(_("Diese Frage wird nicht mit einer Zahl beantwortet."), code="number")
    if given.text and question.kind != Kind.TEXT:
        raise DomainError(_("Diese Frage wird nicht mit Text beantwortet."), code="text")


def _answer_row(assessment: Assessment, group: RespondentGroup, question: Question) -> Answer:
    answer = Answer.objects.filter(group=group, question=question).first()
    if answer is not None:
        return answer
    try:
        with transaction.atomic():
            return Answer.objects.create(assessment=assessment, group=group, question=question)
    except IntegrityError:  # saved by someone else a moment ago
        return Answer.objects.get(group=group, question=question)


@transaction.atomic
def save_answer(
    *,
    assessment: Assessment,
    group: RespondentGroup,
    question: Question,
    by: User,
    given: AnswerInput,
) -> Answer | None:
    """Save one group's answer to one question (replacing what it said before); None if
    nothing was given for a question not answered yet. Refused once the round is closed,
    and for anyone the question's area was not handed to (for that group)."""
    area_id = Question.objects.filter(pk=question.pk).values_list("indicator__area_id", flat=True)[
        0
    ]
    assessment = _locked(assessment)
    if (
        group.assessment_id != assessment.pk
        or not assessment.framework.areas.filter(pk=area_id).exists()
        or not by.has_perm("assessment.view", assessment)
    ):
        raise PermissionDenied
    if not assessment.is_open:
        raise DomainError(
            _("Die Runde ist abgeschlossen; Antworten lassen sich nicht mehr ändern."),
            code="closed",
        )
    if not can_answer(by, assessment, group.pk, area_id):
        raise PermissionDenied
    _check_value(question, given)
    existing = Answer.objects.filter(group=group, question=question).first()
    if existing is None and not (given.has_value or given.note or given.link or given.evidence):
        return None
    answer = existing or _answer_row(assessment, group, question)
    na = given.not_applicable
    answer.option_id = None if na else given.option_id
    answer.number = None if na else given.number
    answer.text = "" if na else given.text
    answer.not_applicable = na
    answer.note = given.note
    answer.link = given.link
    answer.answered_by = by
    old_file = answer.evidence.name if answer.evidence else ""
    if given.evidence is not None:
        answer.evidence.save(f"{assessment.pk}/{given.evidence.name}", given.evidence, save=False)
    elif given.remove_evidence:
        answer.evidence = ""  # type: ignore[assignment]
    if old_file and old_file != (answer.evidence.name or ""):
        delete_file_on_commit(old_file)
    answer.save()
    return answer


@transaction.atomic
def close_assessment(*, assessment: Assessment, by: User) -> Assessment:
    """The coordinator closes the round: answers are final, the scores are stored, the
    delegates are told."""
    _require("assessment.coordinate", by, assessment)
    assessment = _locked(assessment)
    assessment.require_state(State.OPEN)
    assessment.closed_at = timezone.now()
    assessment.move_to(State.CLOSED, by=by, save_fields=["closed_at"])
    scores.store_scores(assessment)
    record(actor=by, verb=CLOSED, target=assessment)
    _tell_delegates(assessment, messages.CLOSED.key)
    return assessment


@transaction.atomic
def reopen_assessment(*, assessment: Assessment, by: User) -> Assessment:
    """The coordinator opens a closed round again, so answers can be amended; refused while
    the town has another open round."""
    _require("assessment.coordinate", by, assessment)
    Municipality.objects.select_for_update().get(pk=assessment.municipality_id)
    assessment = _locked(assessment)
    assessment.require_state(State.CLOSED)
    _refuse_second_open_round(assessment.municipality, exclude=assessment.pk)
    assessment.closed_at = None
    assessment.move_to(State.OPEN, by=by, save_fields=["closed_at"])
    record(actor=by, verb=REOPENED, target=assessment)
    _tell_delegates(assessment, messages.REOPENED.key)
    return assessment


@transaction.atomic
def set_shared(*, assessment: Assessment, by: User, shared: bool) -> Assessment:
    """Share the round's results (public page, comparisons) or take them back."""
    _require("assessment.coordinate", by, assessment)
    assessment = _locked(assessment)
    if assessment.shared != shared:
        assessment.shared = shared
        assessment.save(update_fields=["shared", "updated_at"])
        record(actor=by, verb=SHARED if shared else UNSHARED, target=assessment)
    return assessment


def _tell_delegates(assessment: Assessment, kind: str) -> None:
    delegates = (
        Delegation.objects.filter(
            assessment=assessment, revoked_at__isnull=True, user__is_active=True
        )
        .select_related("user")
        .order_by("pk")
    )
    people = [delegation.user for delegation in delegates if delegation.user is not None]
    if people:
        notify(
            to=people,
            kind=kind,
            params={"title": assessment.title, "town": assessment.municipality.name},
            url=assessment.get_absolute_url(),
        )
