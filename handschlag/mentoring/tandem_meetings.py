"""Correcting and deleting a logged meeting (logging one: tandems.log_meeting).

The person who logged a meeting corrects or deletes it while the tandem is open; the site's
coordination may always (rules: "mentoring.change_meeting").

A meeting's date is one source of the tandem's `last_contact_on`, which the inactivity notice
and the "Tandems ohne Kontakt" list read. Logging only moves it forward; a correction or a
deletion may move it back, so it is recomputed from every source of contact: the start (the
first meeting the coordination arranged), the meetings, the check-in answers and the days a
pause ended. The statistics' summary tables count tandems, not meetings (statistics_figures
ignores a save of `last_contact_on`), so they stay exact without a refresh; a test holds them
to a full rebuild after edits and deletes.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import rules
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.core.models import StateChange

from .models import Meeting, Tandem
from .tandems import inactivity_cutoff

if TYPE_CHECKING:
    from handschlag.accounts.models import User

MEETING_CHANGED = "mentoring.meeting_changed"
MEETING_DELETED = "mentoring.meeting_deleted"


def _require(user: Any, meeting: Meeting) -> None:
    if not rules.has_perm("mentoring.change_meeting", user, meeting):
        raise PermissionDenied


def check_meeting(tandem: Tandem, *, date: datetime.date, duration_minutes: int, kind: str) -> None:
    """The rules a meeting's fields obey (the same when logging and when correcting)."""
    if date > timezone.localdate():
        raise DomainError(_("Ein Treffen kann nicht in der Zukunft liegen."), code="date")
    if date < timezone.localdate(tandem.created_at):
        raise DomainError(_("An diesem Tag gab es das Tandem noch nicht."), code="date")
    if tandem.ended_on is not None and date > tandem.ended_on:
        raise DomainError(_("An diesem Tag war das Tandem schon beendet."), code="date")
    if not 5 <= duration_minutes <= 24 * 60:
        raise DomainError(
            _("Bitte geben Sie eine Dauer zwischen 5 Minuten und 24 Stunden an."),
            code="duration_minutes",
        )
    if kind not in Meeting.Kind.values:
        raise DomainError(_("Bitte wählen Sie, was Sie gemacht haben."), code="kind")


@transaction.atomic
def update_meeting(
    *,
    meeting: Meeting,
    by: User,
    date: datetime.date,
    duration_minutes: int,
    kind: str,
    note: str = "",
) -> Meeting:
    _require(by, meeting)
    meeting = Meeting.objects.select_for_update().select_related("tandem").get(pk=meeting.pk)
    tandem = meeting.tandem
    check_meeting(tandem, date=date, duration_minutes=duration_minutes, kind=kind)
    before = {"date": meeting.date, "duration_minutes": meeting.duration_minutes}
    meeting.date, meeting.duration_minutes, meeting.kind = date, duration_minutes, kind
    meeting.note = note.strip()[:300]
    meeting.save(update_fields=["date", "duration_minutes", "kind", "note", "updated_at"])
    recompute_last_contact(tandem)
    record(
        actor=by, verb=MEETING_CHANGED, target=tandem, meeting=meeting.pk,
        before=before, after={"date": date, "duration_minutes": duration_minutes},
    )  # fmt: skip
    return meeting


@transaction.atomic
def delete_meeting(*, meeting: Meeting, by: User) -> Tandem:
    _require(by, meeting)
    meeting = Meeting.objects.select_for_update().select_related("tandem").get(pk=meeting.pk)
    tandem = meeting.tandem
    record(
        actor=by, verb=MEETING_DELETED, target=tandem, meeting=meeting.pk,
        date=meeting.date, duration_minutes=meeting.duration_minutes,
    )  # fmt: skip
    meeting.delete()
    recompute_last_contact(tandem)
    return tandem


def last_contact(tandem: Tandem) -> datetime.date | None:
    """The latest contact on record: start, meetings, check-ins, the end of a pause."""
    days: list[datetime.date] = []
    if tandem.started_on is not None:
        days.append(tandem.started_on)
    meetings = tandem.meetings.aggregate(last=Max("date"))["last"]
    if meetings is not None:
        days.append(meetings)
    answered = tandem.checkins.aggregate(last=Max("answered_at"))["last"]
    if answered is not None:
        days.append(timezone.localdate(answered))
    resumed = StateChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Tandem),
        object_id=tandem.pk,
        from_state=Tandem.State.PAUSED,
        to_state=Tandem.State.ACTIVE,
    ).aggregate(last=Max("at"))["last"]
    if resumed is not None:
        days.append(timezone.localdate(resumed))
    return max(days) if days else None


def recompute_last_contact(tandem: Tandem) -> None:
    """Set `last_contact_on` from the record; a recent contact ends an episode of inactivity
    (the next one is told again), as tandems.record_contact does."""
    day = last_contact(tandem)
    fields: dict[str, Any] = {"last_contact_on": day}
    if day is not None and day >= inactivity_cutoff(tandem, timezone.localdate()):
        fields["inactivity_notified_on"] = None
    Tandem.objects.filter(pk=tandem.pk).update(**fields)
    for name, value in fields.items():
        setattr(tandem, name, value)
