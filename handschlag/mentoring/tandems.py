"""Tandem life: every write on a tandem — activate, pause, resume, end, meetings, problem
reports.

States: proposed → active → paused → ended (Tandem.TRANSITIONS), each move recorded by
`StatefulModel.move_to`. Who may do what (rules.py):
- the site's coordinators (and carrier coordinators, programme staff) manage every step;
- mentor and mentee (with an account) log meetings and report problems in an active or
  paused tandem, and either of them may end it ("wir hören auf") with a reason — the
  coordination is told at once and can follow up. A proposed tandem is ended by the
  coordination, who arranged the first meeting.

Every change of state first claims the tandem with a conditional UPDATE on the state it was
read in (compare and set): of two requests that read the same state, only one goes on, so a
mentor's place is given back exactly once, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError

from . import mentor_places, surveys, tandem_messages
from .models import Meeting, ProblemReport, SurveyInvitation, Tandem

if TYPE_CHECKING:
    from handschlag.accounts.models import User

ACTIVATED = "mentoring.tandem_activated"
PAUSED = "mentoring.tandem_paused"
RESUMED = "mentoring.tandem_resumed"
ENDED = "mentoring.tandem_ended"
MEETING_LOGGED = "mentoring.meeting_logged"
PROBLEM_REPORTED = "mentoring.problem_reported"
PROBLEM_HANDLED = "mentoring.problem_handled"
AUDIT_VERBS = (
    ACTIVATED,
    PAUSED,
    RESUMED,
    ENDED,
    MEETING_LOGGED,
    PROBLEM_REPORTED,
    PROBLEM_HANDLED,
)

S = Tandem.State
R = Tandem.EndReason
# the reasons offered: a tandem that never started "kam nicht zustande"; one that ran ended
# for one of the others; DATA_ERASED is set only by erasing a person's data
REASONS_BEFORE_START = (R.NOT_STARTED, R.MOVED, R.TIME, R.OTHER)
REASONS_AFTER_START = (R.GOAL_REACHED, R.MOVED, R.NO_CONTACT, R.CONFLICT, R.TIME, R.OTHER)


def _require(user: Any, perm: str, tandem: Tandem) -> None:
    if not rules.has_perm(perm, user, tandem):
        raise PermissionDenied


def _claim(tandem: Tandem) -> None:
    """Go on only if the tandem is still in the state it was read in (see the module doc)."""
    claimed = Tandem.objects.filter(pk=tandem.pk, state=tandem.state).update(
        updated_at=timezone.now()
    )
    if not claimed:
        raise DomainError(
            _(
                "Das Tandem wurde inzwischen von jemand anderem geändert. Bitte laden Sie die "
                "Seite neu."
            ),
            code="stale",
        )


def side_of(tandem: Tandem, user: Any) -> str | None:
    """ "mentor" or "mentee" if `user` is that side of the tandem, else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if tandem.mentor is not None and tandem.mentor.user_id == user.pk:
        return "mentor"
    if tandem.mentee is not None and tandem.mentee.user_id == user.pk:
        return "mentee"
    return None


def inactivity_cutoff(tandem: Tandem, today: datetime.date) -> datetime.date:
    """Contact before this day makes the tandem "without contact"."""
    weeks = tandem.site.carrier.programme.inactivity_weeks
    return today - datetime.timedelta(weeks=weeks)


def record_contact(tandem: Tandem, day: datetime.date) -> None:
    """A meeting or check-in on `day`: last_contact_on moves forward (never back), and a
    recent contact ends an episode of inactivity (the next one is told again)."""
    Tandem.objects.filter(pk=tandem.pk).filter(
        Q(last_contact_on__isnull=True) | Q(last_contact_on__lt=day)
    ).update(last_contact_on=day)
    if day >= inactivity_cutoff(tandem, timezone.localdate()):
        Tandem.objects.filter(pk=tandem.pk).update(inactivity_notified_on=None)
        tandem.inactivity_notified_on = None
    if tandem.last_contact_on is None or tandem.last_contact_on < day:
        tandem.last_contact_on = day


# --- states ----------------------------------------------------------------------------------


@transaction.atomic
def activate_tandem(*, tandem: Tandem, by: User, started_on: datetime.date | None = None) -> Tandem:
    """ "Das Kennenlernen hat stattgefunden": the tandem is set up (started_on, the funder's
    date) and both sides are invited to the start survey."""
    _require(by, "mentoring.manage_tandem", tandem)
    tandem.require_state(S.PROPOSED)
    today = timezone.localdate()
    started_on = started_on or today
    if started_on > today:
        raise DomainError(_("Das Kennenlernen kann nicht in der Zukunft liegen."))
    if started_on < timezone.localdate(tandem.created_at):
        raise DomainError(_("Das Kennenlernen kann nicht vor dem Vorschlag liegen."))
    if tandem.mentor is None or tandem.mentee is None:
        raise DomainError(_("Eine Seite des Tandems gibt es nicht mehr."))
    _claim(tandem)
    tandem.started_on = tandem.last_contact_on = started_on
    tandem.inactivity_notified_on = None
    tandem.move_to(
        S.ACTIVE,
        by=by,
        save_fields=["started_on", "last_contact_on", "inactivity_notified_on"],
    )
    record(actor=by, verb=ACTIVATED, target=tandem, started_on=started_on)
    surveys.invite(tandem=tandem, phase=SurveyInvitation.Phase.START)
    return tandem


@transaction.atomic
def pause_tandem(*, tandem: Tandem, by: User, comment: str = "") -> Tandem:
    """A break (illness, a long journey): no check-ins are asked, no inactivity is told."""
    _require(by, "mentoring.manage_tandem", tandem)
    tandem.require_state(S.ACTIVE)
    _claim(tandem)
    tandem.move_to(S.PAUSED, by=by, comment=comment.strip()[:500])
    record(actor=by, verb=PAUSED, target=tandem)
    tandem_messages.tell_parties(tandem, kind=tandem_messages.TANDEM_PAUSED)
    return tandem


@transaction.atomic
def resume_tandem(*, tandem: Tandem, by: User) -> Tandem:
    """After a pause; the day of resuming counts as a contact (the coordination spoke with
    them), so the inactivity clock starts anew."""
    _require(by, "mentoring.manage_tandem", tandem)
    tandem.require_state(S.PAUSED)
    _claim(tandem)
    today = timezone.localdate()
    tandem.last_contact_on, tandem.inactivity_notified_on = today, None
    tandem.move_to(S.ACTIVE, by=by, save_fields=["last_contact_on", "inactivity_notified_on"])
    record(actor=by, verb=RESUMED, target=tandem)
    tandem_messages.tell_parties(tandem, kind=tandem_messages.TANDEM_RESUMED)
    return tandem


def end_reasons(tandem: Tandem) -> tuple[Tandem.EndReason, ...]:
    """The reasons a person can choose when ending `tandem` in its state."""
    return REASONS_BEFORE_START if tandem.state == S.PROPOSED else REASONS_AFTER_START


@transaction.atomic
def end_tandem(*, tandem: Tandem, by: User, reason: str, comment: str = "") -> Tandem:
    """End the tandem with a reason: the mentor's place is given back (once), the other
    side and — if a side ended it — the coordination are told; both sides of a tandem that
    ran are invited to the end survey."""
    _require(by, "mentoring.end_tandem", tandem)
    tandem.require_state(*Tandem.HOLDING)
    if reason not in end_reasons(tandem):
        raise DomainError(_("Bitte wählen Sie einen Grund."), code="reason")
    side = side_of(tandem, by)
    coordinating = rules.test_rule("mentoring.manage_tandem", by, tandem)
    return end(
        tandem=tandem,
        by=by,
        reason=reason,
        comment=comment,
        ended_by="coordinator" if coordinating and side is None else (side or "coordinator"),
    )


def end(
    *,
    tandem: Tandem,
    by: User | None,
    reason: str,
    comment: str = "",
    ended_by: str,
    erased: bool = False,
) -> Tandem:
    """The end itself, for `end_tandem` and for erasing a person (`erased`: `ended_by` is the
    side whose data goes; it is neither told nor asked, and its name is not sent). Call inside
    a transaction."""
    tandem.require_state(*Tandem.HOLDING)
    _claim(tandem)
    ran = tandem.state != S.PROPOSED
    tandem.ended_on = timezone.localdate()
    tandem.end_reason = reason
    tandem.move_to(
        S.ENDED, by=by, comment=comment.strip()[:500], save_fields=["ended_on", "end_reason"]
    )
    if tandem.mentor is not None:
        mentor_places.give_back_place(tandem.mentor)
    record(actor=by, verb=ENDED, target=tandem, reason=reason, ended_by=ended_by)
    others = tuple(s for s in ("mentor", "mentee") if s != ended_by)
    tandem_messages.tell_parties(
        tandem,
        kind=tandem_messages.TANDEM_ENDED,
        sides=others,
        partner="" if erased else None,
        reason=reason,
    )
    if ended_by != "coordinator":
        tandem_messages.tell_coordinators(
            tandem,
            kind=tandem_messages.COORDINATION_TANDEM_ENDED,
            reason=reason,
            by="erased" if erased else ended_by,
        )
    if ran:
        asked = others if erased else ("mentor", "mentee")
        surveys.invite(tandem=tandem, phase=SurveyInvitation.Phase.END, sides=asked)
    return tandem


# --- meetings and problems -------------------------------------------------------------------


@transaction.atomic
def log_meeting(
    *,
    tandem: Tandem,
    by: User,
    date: datetime.date,
    duration_minutes: int,
    kind: str,
    note: str = "",
) -> Meeting:
    """Either side or the coordination logs a meeting of an active or paused tandem."""
    _require(by, "mentoring.log_meeting", tandem)
    if date > timezone.localdate():
        raise DomainError(_("Ein Treffen kann nicht in der Zukunft liegen."), code="date")
    if date < timezone.localdate(tandem.created_at):
        raise DomainError(_("An diesem Tag gab es das Tandem noch nicht."), code="date")
    if not 5 <= duration_minutes <= 24 * 60:
        raise DomainError(_("Bitte geben Sie eine Dauer zwischen 5 Minuten und 24 Stunden an."))
    if kind not in Meeting.Kind.values:
        raise DomainError(_("Bitte wählen Sie, was Sie gemacht haben."))
    meeting = Meeting.objects.create(
        tandem=tandem,
        date=date,
        duration_minutes=duration_minutes,
        kind=kind,
        note=note.strip()[:300],
        logged_by=by,
    )
    record_contact(tandem, date)
    record(actor=by, verb=MEETING_LOGGED, target=tandem, meeting=meeting.pk)
    return meeting


@transaction.atomic
def report_problem(*, tandem: Tandem, by: User, text: str) -> ProblemReport:
    """A side of the tandem tells the coordination — and only the coordination — about a
    problem."""
    _require(by, "mentoring.report_problem", tandem)
    side = side_of(tandem, by)
    assert side is not None  # report_problem is for the tandem's parties only
    return file_problem(tandem=tandem, side=side, text=text, by=by)


def file_problem(*, tandem: Tandem, side: str, text: str, by: User | None) -> ProblemReport:
    """The report itself, also from a check-in link (no account). Call inside a transaction."""
    tandem.require_state(S.ACTIVE, S.PAUSED)
    text = text.strip()
    if not text:
        raise DomainError(_("Bitte beschreiben Sie kurz, was los ist."), code="text")
    problem = ProblemReport.objects.create(
        tandem=tandem, side=side, text=text[:2000], reported_by=by
    )
    record(actor=by, verb=PROBLEM_REPORTED, target=tandem, side=side, problem=problem.pk)
    tandem_messages.tell_coordinators(tandem, kind=tandem_messages.PROBLEM_REPORTED, by=side)
    return problem


@transaction.atomic
def mark_problem_handled(*, problem: ProblemReport, by: User) -> ProblemReport:
    _require(by, "mentoring.handle_problem", problem.tandem)
    now = timezone.now()
    done = ProblemReport.objects.filter(pk=problem.pk, handled_at__isnull=True).update(
        handled_at=now, handled_by=by
    )
    if not done:
        raise DomainError(_("Diese Meldung ist schon erledigt."), code="done")
    problem.handled_at, problem.handled_by = now, by
    record(actor=by, verb=PROBLEM_HANDLED, target=problem.tandem, problem=problem.pk)
    return problem
