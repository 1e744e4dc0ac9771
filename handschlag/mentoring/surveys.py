"""Start and end surveys of a tandem, for mentors and mentees: the questions (versioned here,
in code), the invitations, the anonymous answers and their summary.

Anonymity is real, not a promise on a page:
- A `SurveyInvitation` knows who was asked (tandem and side) and only whether they answered;
  marking it answered is a queryset update that leaves no time on it.
- A `SurveyResponse` holds site, side, phase, kind of tandem, language, month, version and
  the answers — no link to a person, a tandem or an invitation, and no exact time.
- `survey_summary` returns nothing for fewer than MIN_GROUP responses (and leaves out a
  question fewer than MIN_GROUP people answered); free texts are never part of a summary.

The funder's evaluation counts the share agreeing (4 or 5) with HELPS_KEYS: "tandem_helps"
("Das Tandem hilft mir.", mentees) and "tandem_helps_mentee" ("Die Patenschaft ist hilfreich
für die begleitete Person.", mentors), asked in both phases.
A change of a question's meaning needs a new VERSION (answers keep the version they had).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Avg, Count, FloatField, Q
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext_lazy as _

from handschlag.core.errors import DomainError

from . import tandem_messages
from .models import SurveyInvitation, SurveyResponse

if TYPE_CHECKING:
    from .models import Tandem

VERSION = "2026-1"
MIN_GROUP = 5
LIKERT = "likert"
TEXT = "text"
SCALE = (
    (1, _("stimme gar nicht zu")),
    (2, _("stimme eher nicht zu")),
    (3, _("teils, teils")),
    (4, _("stimme eher zu")),
    (5, _("stimme voll zu")),
)
AGREE = 4  # 4 and 5 count as agreeing
HELPS_KEYS = {"mentee": "tandem_helps", "mentor": "tandem_helps_mentee"}


@dataclass(frozen=True)
class Question:
    key: str
    text: str | LazyText
    kind: str = LIKERT


Q_HELPS = Question("tandem_helps", _("Das Tandem hilft mir."))
Q_HELPS_MENTEE = Question(
    "tandem_helps_mentee", _("Die Patenschaft ist hilfreich für die begleitete Person.")
)
Q_COORDINATION = Question("coordination_helpful", _("Die Koordination hat uns gut begleitet."))
Q_FIRST_MEETING = Question("first_meeting_good", _("Das erste Treffen war angenehm."))
Q_EXPECTATIONS = Question("expectations_clear", _("Ich weiß, worum es in unserem Tandem geht."))
Q_GOALS = Question("goals_reached", _("Wir haben erreicht, was wir uns vorgenommen hatten."))
Q_WISH = Question("wish", _("Was wünschen Sie sich für Ihr Tandem?"), TEXT)
Q_FEEDBACK = Question("feedback", _("Was möchten Sie uns noch sagen?"), TEXT)

QUESTIONS: dict[tuple[str, str], tuple[Question, ...]] = {
    ("start", "mentee"): (
        Q_HELPS,
        Q_FIRST_MEETING,
        Q_EXPECTATIONS,
        Question("feel_understood", _("Ich fühle mich in meinem Tandem verstanden.")),
        Q_COORDINATION,
        Q_WISH,
    ),
    ("start", "mentor"): (
        Q_HELPS_MENTEE,
        Q_FIRST_MEETING,
        Q_EXPECTATIONS,
        Question("prepared", _("Ich fühle mich gut auf die Patenschaft vorbereitet.")),
        Q_COORDINATION,
        Q_WISH,
    ),
    ("end", "mentee"): (
        Q_HELPS,
        Q_GOALS,
        Question("more_confident", _("Ich komme im Alltag jetzt besser zurecht.")),
        Question("recommend", _("Ich würde ein Tandem weiterempfehlen.")),
        Q_COORDINATION,
        Q_FEEDBACK,
    ),
    ("end", "mentor"): (
        Q_HELPS_MENTEE,
        Q_GOALS,
        Question("enriching", _("Die Patenschaft hat mich persönlich bereichert.")),
        Question("recommend", _("Ich würde eine Patenschaft weiterempfehlen.")),
        Q_COORDINATION,
        Q_FEEDBACK,
    ),
}
LIKERT_KEYS = tuple(
    dict.fromkeys(q.key for qs in QUESTIONS.values() for q in qs if q.kind == LIKERT)
)


def questions_for(invitation: SurveyInvitation) -> tuple[Question, ...]:
    return QUESTIONS[(invitation.phase, invitation.side)]


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def respondent_language(tandem: Tandem | None, side: str) -> str:
    """The UI language to address one side of a tandem in: the mentee's language for
    messages, the mentor's preferred language; German where we have no such catalogue."""
    code = ""
    if tandem is not None and side == "mentee" and tandem.mentee is not None:
        code = tandem.mentee.language
    elif tandem is not None and side == "mentor" and tandem.mentor is not None:
        code = tandem.mentor.user.preferred_language
    known = {language for language, _name in settings.LANGUAGES}
    return code if code in known else settings.LANGUAGE_CODE


# --- invitations ---------------------------------------------------------------------------


def invite(*, tandem: Tandem, phase: str, sides: tuple[str, ...] = ("mentor", "mentee")) -> int:
    """Invite the given sides of `tandem` to the survey of `phase` (once each: a second call
    changes nothing); those who can be reached are told. Returns how many were invited."""
    invited = 0
    for side in sides:
        if getattr(tandem, side) is None:
            continue
        invitation, created = SurveyInvitation.objects.get_or_create(
            tandem=tandem, side=side, phase=phase
        )
        if not created:
            continue
        invited += 1
        tandem_messages.tell_parties(
            tandem,
            kind=tandem_messages.SURVEY_INVITATION,
            sides=(side,),
            url={side: reverse("mentoring:survey", args=[invitation.token])},
            phase=phase,
        )
    return invited


def open_invitation(token: str) -> SurveyInvitation | None:
    """The invitation behind a survey link, if the link is valid (its tandem still exists)."""
    return (
        SurveyInvitation.objects.select_related(
            "tandem__site", "tandem__mentee", "tandem__mentor__user"
        )
        .filter(token=token, tandem__isnull=False)
        .first()
    )


def clean_answers(invitation: SurveyInvitation, data: dict[str, Any]) -> dict[str, Any]:
    """Only the questions of this survey; Likert answers 1–5 (skipping is allowed), free text
    trimmed to 1000 characters."""
    answers: dict[str, Any] = {}
    for question in questions_for(invitation):
        value = data.get(question.key)
        if value in (None, ""):
            continue
        if question.kind == LIKERT:
            try:
                number = int(value)
            except (TypeError, ValueError):
                raise DomainError(_("Bitte wählen Sie eine der Antworten.")) from None
            if not 1 <= number <= 5:
                raise DomainError(_("Bitte wählen Sie eine der Antworten."))
            answers[question.key] = number
        else:
            text = str(value).strip()[:1000]
            if text:
                answers[question.key] = text
    return answers


@transaction.atomic
def answer_survey(*, invitation: SurveyInvitation, data: dict[str, Any]) -> SurveyResponse:
    """Store one anonymous answer set; an invitation is answered once (a second send is
    refused, also when two arrive at the same time)."""
    tandem = invitation.tandem
    if tandem is None:
        raise DomainError(_("Diese Umfrage gibt es nicht mehr."), code="gone")
    answers = clean_answers(invitation, data)
    if not answers:
        raise DomainError(_("Bitte beantworten Sie mindestens eine Frage."))
    # the one place that knows who answered: claimed with a conditional update that leaves
    # no time on the invitation (no updated_at), so answers cannot be matched by time
    claimed = SurveyInvitation.objects.filter(pk=invitation.pk, answered=False).update(
        answered=True
    )
    if not claimed:
        raise DomainError(_("Sie haben diese Umfrage schon beantwortet. Danke!"), code="done")
    invitation.answered = True
    return SurveyResponse.objects.create(
        site_id=tandem.site_id,
        side=invitation.side,
        phase=invitation.phase,
        kind=tandem.kind,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        month=first_of_month(timezone.localdate()),
        version=VERSION,
        answers=answers,
    )


# --- summary -------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionSummary:
    key: str
    n: int
    share_agreeing: float  # 0..1, answers of 4 or 5
    mean: float  # 1..5


@dataclass(frozen=True)
class Summary:
    n: int
    questions: dict[str, QuestionSummary]  # only questions at least MIN_GROUP people answered


def survey_summary(responses: models.QuerySet[SurveyResponse]) -> Summary | None:
    """Per Likert question the number answering, the share agreeing (4–5) and the mean, in
    ONE query; None for fewer than MIN_GROUP responses. Filter `responses` first (site,
    phase, side, year …); whatever the filter, a small group is never shown."""
    aggregates: dict[str, Any] = {"n": Count("pk")}
    for key in LIKERT_KEYS:
        value = Cast(KeyTextTransform(key, "answers"), FloatField())
        aggregates[f"{key}__n"] = Count("pk", filter=Q(answers__has_key=key))
        aggregates[f"{key}__agree"] = Count("pk", filter=Q(**{f"answers__{key}__gte": AGREE}))
        aggregates[f"{key}__mean"] = Avg(value, filter=Q(answers__has_key=key))
    row = responses.order_by().aggregate(**aggregates)
    if row["n"] < MIN_GROUP:
        return None
    questions = {
        key: QuestionSummary(
            key=key,
            n=row[f"{key}__n"],
            share_agreeing=row[f"{key}__agree"] / row[f"{key}__n"],
            mean=round(float(row[f"{key}__mean"]), 2),
        )
        for key in LIKERT_KEYS
        if row[f"{key}__n"] >= MIN_GROUP
    }
    return Summary(n=row["n"], questions=questions)
