"""The tandems part's pages in the HTML check: the tandem page as coordination, mentor and
mentee, its action pages (with errors), erasing a mentee, and the pages behind the links
without login (check-in, survey, a wrong link).

The demo world has no mentoring yet, so each page builds its own small cast with the
mentoring factories (inside the page's transaction, rolled back after it); the page's person
is taken from the cast its URL built (`_cast`, set by the URL builder, which runs first).
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

from django.urls import reverse
from django.utils import timezone

from handschlag.conversations import services as conversations
from handschlag.conversations.threads import thread_of
from handschlag.mentoring import access, checkins, surveys, tandems
from handschlag.mentoring.models import Meeting, Mentee, ProblemReport, SurveyInvitation, Tandem
from handschlag.mentoring.tandem_conversation import SUBJECT
from tests import factories as base
from tests.mentoring import factories

from .page import Page, anonymous, in_english, nothing
from .world import PageWorld

_cast = SimpleNamespace()


def _build(state: str = Tandem.State.ACTIVE) -> Tandem:
    """A site with its coordinator and one tandem in `state`, with a meeting, a problem and a
    check-in; the mentee has an account and an email address."""
    site = factories.SiteFactory()
    mentee = factories.MenteeFactory(
        site=site,
        user=base.UserFactory(),
        email="amal@example.org",
        phone="0151 12345",
        language="de",
    )
    fields: dict[str, Any] = {"ended_on": timezone.localdate()} if state == "ended" else {}
    if state == Tandem.State.PROPOSED:
        fields["started_on"] = None
    tandem = factories.TandemFactory(site=site, mentee=mentee, state=state, **fields)
    Tandem.objects.filter(pk=tandem.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40)
    )
    factories.MeetingFactory(tandem=tandem, note="Stadtbücherei, Bewerbung geschrieben")
    ProblemReport.objects.create(tandem=tandem, side="mentee", text="Termine fallen oft aus.")
    _cast.tandem = tandem
    _cast.coordinator = factories.coordinator(access.SITE_COORDINATOR, site)
    return tandem


def _tandem_url(state: str = Tandem.State.ACTIVE, name: str = "tandem") -> Any:
    def build(world: PageWorld) -> str:
        return reverse(f"mentoring:{name}", args=[_build(state).pk])

    return build


def _coordinator(world: PageWorld) -> Any:
    return _cast.coordinator


def _mentor(world: PageWorld) -> Any:
    return _cast.tandem.mentor.user


def _mentee(world: PageWorld) -> Any:
    return _cast.tandem.mentee.user


def _unreachable(world: PageWorld) -> str:
    tandem = _build()
    Mentee.objects.filter(pk=tandem.mentee_id).update(user=None, email="", phone="")
    return tandem.get_absolute_url()


def _erase(world: PageWorld) -> str:
    return reverse("mentoring:erase_mentee", args=[_build().mentee_id])


def _checkin(world: PageWorld) -> str:
    return checkins.link(_build(), "mentee")


def _survey(world: PageWorld) -> str:
    tandem = _build()
    surveys.invite(tandem=tandem, phase="end")
    invitation = SurveyInvitation.objects.get(tandem=tandem, side="mentee", phase="end")
    return reverse("mentoring:survey", args=[invitation.token])


def _survey_answered(world: PageWorld) -> str:
    url = _survey(world)
    SurveyInvitation.objects.filter(tandem=_cast.tandem).update(answered=True)
    return url


def _checkin_problem(world: PageWorld) -> str:
    return reverse("mentoring:checkin_problem", args=[_checkin(world).split("/")[-2]])


def _meeting(world: PageWorld) -> dict[str, str]:
    return {"date": "", "duration_minutes": "1", "kind": "dinner"}


def _logged_meeting(world: PageWorld) -> Meeting:
    tandem = _build()
    return factories.MeetingFactory(tandem=tandem, logged_by=tandem.mentor.user, note="Bücherei")


def _meeting_page(name: str) -> Any:
    return lambda world: reverse(f"mentoring:{name}", args=[_logged_meeting(world).pk])


def _with_messages(state: str = Tandem.State.ACTIVE) -> Any:
    """A tandem whose two sides wrote to each other (and, for "ended", then ended it)."""

    def build(world: PageWorld) -> str:
        tandem = _build()
        thread = thread_of(subject_key=SUBJECT, obj=tandem)
        conversations.post_message(
            thread=thread, by=tandem.mentor.user, text="Passt Ihnen Dienstag um 16 Uhr?"
        )
        conversations.post_message(
            thread=thread, by=tandem.mentee.user, text="Ja, gern. Bis Dienstag!"
        )
        if state == Tandem.State.ENDED:
            tandems.end_tandem(tandem=tandem, by=_cast.coordinator, reason="goal_reached")
        return tandem.get_absolute_url()

    return build


def _without_account(world: PageWorld) -> str:
    tandem = _build()
    Mentee.objects.filter(pk=tandem.mentee_id).update(user=None)
    return tandem.get_absolute_url()


MENTORING_TANDEM_PAGES = [
    Page("tandem_coordinator", _coordinator, _tandem_url()),
    Page("tandem_coordinator_unreachable", _coordinator, _unreachable),
    Page("tandem_proposed_coordinator", _coordinator, _tandem_url("proposed")),
    Page("tandem_paused_coordinator", _coordinator, _tandem_url("paused")),
    Page("tandem_ended_coordinator", _coordinator, _tandem_url("ended")),
    Page("tandem_mentor", _mentor, _tandem_url()),
    Page("tandem_mentee", _mentee, _tandem_url()),
    Page("tandem_proposed_mentee", _mentee, _tandem_url("proposed")),
    Page("tandem_activate", _coordinator, _tandem_url("proposed", "tandem_activate")),
    Page(
        "tandem_activate_errors",
        _coordinator,
        _tandem_url("proposed", "tandem_activate"),
        data=nothing,
    ),
    Page("tandem_pause", _coordinator, _tandem_url("active", "tandem_pause")),
    Page("tandem_end", _mentor, _tandem_url("active", "tandem_end")),
    Page("tandem_end_errors", _mentee, _tandem_url("active", "tandem_end"), data=nothing),
    Page("tandem_end_proposed", _coordinator, _tandem_url("proposed", "tandem_end")),
    Page("meeting_log", _mentor, _tandem_url("active", "meeting_log")),
    Page("meeting_log_errors", _mentor, _tandem_url("active", "meeting_log"), data=_meeting),
    Page("problem_report", _mentee, _tandem_url("active", "problem_report")),
    Page("problem_report_errors", _mentee, _tandem_url("active", "problem_report"), data=nothing),
    Page("erase_mentee", _coordinator, _erase),
    Page("checkin", anonymous, _checkin),
    Page("checkin_thanks", anonymous, _checkin, data=lambda w: {"mood": "okay"}),
    Page("checkin_problem_errors", anonymous, _checkin_problem, data=lambda w: {"text": ""}),
    Page("checkin_invalid", anonymous, lambda w: "/mentoring/wie-laeuft-es/kaputt/", status=404),
    Page("survey", anonymous, _survey),
    Page("survey_errors", anonymous, _survey, data=nothing),
    Page("survey_answered", anonymous, _survey_answered),
    Page("meeting_edit", _mentor, _meeting_page("meeting_edit")),
    Page("meeting_edit_errors", _mentor, _meeting_page("meeting_edit"), data=_meeting),
    Page("meeting_delete", _coordinator, _meeting_page("meeting_delete")),
    Page("tandem_mentor_messages", _mentor, _with_messages()),
    Page("tandem_mentee_messages_ended", _mentee, _with_messages("ended")),
    Page("tandem_coordinator_messages", _coordinator, _with_messages()),
    Page("tandem_mentor_without_account", _mentor, _without_account),
]
MENTORING_TANDEM_PAGES += in_english(
    MENTORING_TANDEM_PAGES,
    "meeting_edit",
    "tandem_mentor_messages",
    "tandem_mentee_messages_ended",
    "tandem_mentor_without_account",
)
