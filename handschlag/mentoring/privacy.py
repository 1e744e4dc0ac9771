"""Mentoring's part of a person's data export and erasure, the coordinators' erasing of a
mentee without account, and the retention of tandem notes.

Export (`export(user)`): the person's mentor and mentee profiles, their tandems (without the
other side's name or details), the meetings they logged, their side's check-ins, their
problem reports and which surveys they were invited to. Survey answers are anonymous: nobody,
not even the person, can find theirs.

Erase (`erase(user)`, `erase_mentee(mentee=…, by=…)`): each open tandem of the person ends
through the tandem service (EndReason.DATA_ERASED: the mentor's place goes back, the other
side and the coordinators are told, without the erased person's name); then the profile
row is deleted, so the tandem rows stay for the statistics with mentor or mentee NULL. What
the tandems carried about the person goes too: meeting notes and problem texts, the
person's survey invitations, comments on the tandem's state changes, names in audit labels
and in the partner's notifications; the check-in links die (a new checkin_token). Kept: dates,
durations, kinds, moods — nothing that points to a person once the profile is gone.

Retention (`purge(now)`, daily via process_mentoring and purge_stale_data): RETENTION_DAYS
(two years) after a tandem ended, its meeting notes and problem texts are emptied.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import rules
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from handschlag.audit.models import AuditEntry
from handschlag.audit.services import record
from handschlag.core.models import StateChange
from handschlag.notifications.models import Notification

from . import tandem_conversation
from . import tandems as tandem_services
from .models import (
    CheckIn,
    Meeting,
    Mentee,
    Mentor,
    ProblemReport,
    Profile,
    SurveyInvitation,
    Tandem,
    new_token,
)

if TYPE_CHECKING:
    from handschlag.accounts.models import User

RETENTION_DAYS = 2 * 365
MENTEE_ERASED = "mentoring.mentee_erased"

_PROFILE_FIELDS = (
    "state",
    "languages",
    "max_km",
    "online",
    "availability",
    "kinds",
    "gender",
    "partner_genders",
    "waiting_since",
    "created_at",
)
_MENTOR_FIELDS = (
    "interests",
    "about",
    "capacity",
    "partner_age_groups",
    "certificate_seen_on",
    "certificate_issued_on",
)
_MENTEE_FIELDS = (
    "first_name",
    "age_group",
    "wishes",
    "email",
    "phone",
    "language",
    "consent_version",
    "consent_given_at",
    "consent_by_guardian",
)


def _profile(profile: Profile, fields: tuple[str, ...]) -> dict[str, Any]:
    data = {name: getattr(profile, name) for name in (*_PROFILE_FIELDS, *fields)}
    data["site"] = profile.site.name
    data["municipality"] = profile.municipality.name
    return data


def export(user: User) -> dict[str, Any]:
    mentors = list(Mentor.objects.filter(user=user).select_related("site", "municipality"))
    mentees = list(Mentee.objects.filter(user=user).select_related("site", "municipality"))
    sides = {"mentor": [m.pk for m in mentors], "mentee": [m.pk for m in mentees]}
    mine: list[tuple[str, Tandem]] = [
        (side, tandem)
        for side, ids in sides.items()
        for tandem in Tandem.objects.filter(**{f"{side}__in": ids}).select_related("site")
    ]
    return {
        "mentor_profiles": [_profile(m, _MENTOR_FIELDS) for m in mentors],
        "mentee_profiles": [_profile(m, _MENTEE_FIELDS) for m in mentees],
        "tandems": [
            {
                "id": t.pk,
                "as": side,
                "site": t.site.name,
                "kind": t.kind,
                "state": t.state,
                "started_on": t.started_on,
                "ended_on": t.ended_on,
                "end_reason": t.end_reason,
            }
            for side, t in mine
        ],
        "meetings_logged": list(
            Meeting.objects.filter(logged_by=user)
            .order_by("date", "pk")
            .values("tandem_id", "date", "duration_minutes", "kind", "note")
        ),
        "checkins": [
            {"tandem_id": c.tandem_id, "month": c.month, "mood": c.mood}
            for side, tandem in mine
            for c in CheckIn.objects.filter(tandem=tandem, side=side).order_by("month")
        ],
        "problem_reports": list(
            ProblemReport.objects.filter(reported_by=user)
            .order_by("created_at")
            .values("tandem_id", "created_at", "text", "handled_at")
        ),
        "survey_invitations": [
            {"tandem_id": i.tandem_id, "phase": i.phase, "answered": i.answered}
            for side, tandem in mine
            for i in SurveyInvitation.objects.filter(tandem=tandem, side=side)
        ],
    }


def erase(user: User) -> None:
    """Runs inside the account deletion's transaction."""
    for mentor in Mentor.objects.filter(user=user):
        erase_profile(mentor, side="mentor", by=None)
    for mentee in Mentee.objects.filter(user=user):
        erase_profile(mentee, side="mentee", by=None)


@transaction.atomic
def erase_mentee(*, mentee: Mentee, by: User) -> int:
    """A coordinator erases a mentee's data (e.g. a mentee without account who asked for
    it); returns how many open tandems ended."""
    if not rules.has_perm("mentoring.erase_mentee", by, mentee):
        raise PermissionDenied
    site = mentee.site
    ended = erase_profile(mentee, side="mentee", by=by)
    record(actor=by, verb=MENTEE_ERASED, target=site, open_tandems_ended=ended)
    return ended


def erase_profile(profile: Mentor | Mentee, *, side: str, by: User | None) -> int:
    """End the profile's open tandems, remove what they carry about the person, delete the
    profile. Call inside a transaction; returns how many open tandems ended."""
    found = list(
        Tandem.objects.select_for_update(of=("self",))
        .filter(**{side: profile})
        .select_related("site__carrier__programme", "mentor__user", "mentee__user")
    )
    ended = 0
    for tandem in found:
        if tandem.state in Tandem.HOLDING:
            tandem_services.end(
                tandem=tandem,
                by=by,
                reason=Tandem.EndReason.DATA_ERASED,
                ended_by=side,
                erased=True,
            )
            ended += 1
    ids = [tandem.pk for tandem in found]
    Meeting.objects.filter(tandem_id__in=ids).update(note="")
    ProblemReport.objects.filter(tandem_id__in=ids).update(text="")
    SurveyInvitation.objects.filter(tandem_id__in=ids, side=side).delete()
    for pk in ids:
        Tandem.objects.filter(pk=pk).update(checkin_token=new_token())
    _scrub_records(Tandem, ids)
    _scrub_records(type(profile), [profile.pk])
    _scrub_notifications(ids)
    tandem_conversation.forget_person(tandem_ids=ids, user_id=profile.user_id)
    if isinstance(profile, Mentee) and profile.email:
        Notification.objects.filter(recipient__isnull=True, email__iexact=profile.email).delete()
    profile.delete()  # the tandems keep their rows: mentor or mentee becomes NULL
    return ended


def _scrub_records(model: type[models.Model], ids: list[int]) -> None:
    """State-change comments and audit labels name people ("Max M. & Amal"): keep that
    something happened, not to whom."""
    content_type = ContentType.objects.get_for_model(model)
    StateChange.objects.filter(content_type=content_type, object_id__in=ids).update(comment="")
    AuditEntry.objects.filter(content_type=content_type, object_id__in=ids).update(
        target_label=Concat(Value(f"{model._meta.model_name} "), Cast("object_id", CharField())),
        comment="",
    )


def _scrub_notifications(tandem_ids: list[int]) -> None:
    """The partner's name in the notifications about these tandems (sent to either side)."""
    keys = [str(pk) for pk in tandem_ids]
    for notification in Notification.objects.filter(
        kind__startswith="mentoring.", params__tandem__in=keys
    ).exclude(params__partner=""):
        notification.params = {**notification.params, "partner": ""}
        notification.save(update_fields=["params"])


def purge(now: datetime.datetime) -> int:
    """Meeting notes and problem texts of tandems that ended more than RETENTION_DAYS ago
    are emptied; returns how many rows changed."""
    cutoff = timezone.localdate(now) - datetime.timedelta(days=RETENTION_DAYS)
    ended = Tandem.objects.filter(state=Tandem.State.ENDED, ended_on__lt=cutoff)
    notes = Meeting.objects.filter(tandem__in=ended).exclude(note="").update(note="")
    texts = ProblemReport.objects.filter(tandem__in=ended).exclude(text="").update(text="")
    return notes + texts
