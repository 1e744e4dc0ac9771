"""Reads for the tandem pages and the sections the tandems part adds to shared pages; each
runs a constant number of queries, whatever the number of tandems, meetings or problems.

Contact details, privacy by design. The coordination sees what it needs to do its job (the
mentee's first name, age group, language, email and phone). The two sides see each other's
name (the mentee's first name, the mentor's first name and initial) and the site's
coordination; their contact details (the mentee's email and phone if given, the mentor's
email address) only while the tandem is active: not before the first meeting the
coordination arranges, not during a pause (often a conflict or a crisis), not after the end.
"""

from __future__ import annotations

import datetime
from typing import Any

import rules
from django.db.models import Case, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import access, checkins, tandem_actions, tandem_messages
from .models import Mentee, ProblemReport, Site, Tandem
from .tandems import side_of

MEETINGS_SHOWN = 20
SECTION_ROWS = 50

end_consequence = tandem_actions.end_consequence


def partner_contact(tandem: Tandem, user: Any) -> dict[str, str] | None:
    """What `user` (a side of the tandem) sees of the other side, or None for others."""
    side = side_of(tandem, user)
    if side is None:
        return None
    active = tandem.state == Tandem.State.ACTIVE
    if side == "mentor":
        mentee = tandem.mentee
        if mentee is None:
            return {"name": _("(Daten gelöscht)")}
        return {
            "name": mentee.first_name,
            "email": mentee.email if active else "",
            "phone": mentee.phone if active else "",
        }
    mentor = tandem.mentor
    if mentor is None:
        return {"name": _("(Daten gelöscht)")}
    return {"name": mentor.display_name, "email": mentor.user.email if active else ""}


def detail_context(tandem: Tandem, user: Any) -> dict[str, Any]:
    coordinating = rules.has_perm("mentoring.manage_tandem", user, tandem)
    side = side_of(tandem, user)
    meetings = list(tandem.meetings.all()[:MEETINGS_SHOWN])
    for meeting in meetings:  # the related manager set meeting.tandem: no query per row
        meeting.may_change = rules.has_perm(  # type: ignore[attr-defined]
            "mentoring.change_meeting", user, meeting
        )
    context: dict[str, Any] = {
        "tandem": tandem,
        "side": side,
        "coordinating": coordinating,
        "actions": tandem_actions.available_actions(tandem, user),
        "next_step": tandem_actions.next_step(tandem, user),
        "partner": partner_contact(tandem, user),
        "meetings": meetings,
        "meetings_count": tandem.meetings.count(),
        "may_change_meetings": any(meeting.may_change for meeting in meetings),  # type: ignore[attr-defined]
    }
    if coordinating:
        open_tandem = tandem.state in (Tandem.State.ACTIVE, Tandem.State.PAUSED)
        unreachable = (
            open_tandem and tandem.mentee is not None and not checkins.reachable(tandem, "mentee")
        )
        context.update(
            checkins=list(tandem.checkins.order_by("-month", "side")[:12]),
            problems=list(tandem.problems.select_related("handled_by")),
            history=[
                (change, Tandem.State(change.to_state).label)
                for change in tandem.state_changes.select_related("by")
            ],
            mentee_checkin_link=checkins.link(tandem, "mentee") if unreachable else "",
        )
    return context


def erase_consequences(mentee: Mentee) -> dict[str, Any]:
    open_count = mentee.tandems.filter(state__in=Tandem.HOLDING).count()
    return {"open_count": open_count, "has_account": mentee.user_id is not None}


def erased_message(ended: int) -> str:
    if not ended:
        return _("Die Daten der Person sind gelöscht.")
    return ngettext(
        "Die Daten der Person sind gelöscht; ihr Tandem ist beendet.",
        "Die Daten der Person sind gelöscht; ihre %(n)d Tandems sind beendet.",
        ended,
    ) % {"n": ended}


# --- lists and sections ----------------------------------------------------------------------


STATE_ORDER = Case(
    When(state=Tandem.State.ACTIVE, then=Value(0)),
    When(state=Tandem.State.PROPOSED, then=Value(1)),
    When(state=Tandem.State.PAUSED, then=Value(2)),
    default=Value(3),
)


def _with_people(tandems: QuerySet[Tandem]) -> QuerySet[Tandem]:
    return tandems.select_related("mentor__user", "mentee")


def open_tandems_of(site: Site) -> QuerySet[Tandem]:
    return (
        _with_people(site.tandems.filter(state__in=Tandem.HOLDING))
        .annotate(position=STATE_ORDER)
        .order_by("position", "pk")
    )


def quiet_tandems_of(site: Site, today: datetime.date | None = None) -> QuerySet[Tandem]:
    """Active tandems without contact for the programme's inactivity_weeks."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(weeks=site.carrier.programme.inactivity_weeks)
    return _with_people(
        site.tandems.filter(state=Tandem.State.ACTIVE).filter(
            Q(last_contact_on__lt=cutoff) | Q(last_contact_on__isnull=True, started_on__lt=cutoff)
        )
    ).order_by("last_contact_on", "pk")


def open_problems_of(site: Site) -> QuerySet[ProblemReport]:
    return (
        ProblemReport.objects.filter(tandem__site=site, handled_at__isnull=True)
        .select_related("tandem__mentor__user", "tandem__mentee")
        .order_by("created_at", "pk")
    )


def _coordinates(site: Site, user: Any) -> bool:
    return access.coordinates_site(user, site.pk)


def site_open_tandems(site: Site, user: Any) -> dict[str, Any] | None:
    if not _coordinates(site, user):
        return None
    tandems = open_tandems_of(site)
    return {"tandems": list(tandems[:SECTION_ROWS]), "count": tandems.count()}


def site_quiet_tandems(site: Site, user: Any) -> dict[str, Any] | None:
    if not _coordinates(site, user):
        return None
    tandems = quiet_tandems_of(site)
    return {
        "tandems": list(tandems[:SECTION_ROWS]),
        "count": tandems.count(),
        "weeks": site.carrier.programme.inactivity_weeks,
    }


def site_problems(site: Site, user: Any) -> dict[str, Any] | None:
    if not _coordinates(site, user):
        return None
    return {"problems": list(open_problems_of(site)[:SECTION_ROWS])}


def my_tandems(user: Any, _viewer: Any) -> dict[str, Any] | None:
    """The tandems of a mentor or mentee with account; None for people with neither."""
    if not getattr(user, "is_authenticated", False):
        return None
    mine = Q(mentor__user=user) | Q(mentee__user=user)
    tandems = list(
        Tandem.objects.filter(mine)
        .select_related("site", "mentor__user", "mentee")
        .annotate(position=STATE_ORDER)
        .order_by("position", "-pk")
    )
    if not tandems and not (user.mentor_profiles.exists() or user.mentee_profiles.exists()):
        return None
    rows = [
        (
            tandem,
            tandem_messages.partner_name(tandem, side_of(tandem, user) or ""),
            tandem_actions.next_step(tandem, user) if tandem.state in Tandem.HOLDING else "",
        )
        for tandem in tandems
    ]
    return {"rows": rows}
