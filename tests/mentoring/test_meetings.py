"""Correcting and deleting a meeting: the person who logged it (while the tandem is open) and
the site's coordination may, nobody else; deleting asks first; the tandem's last contact
follows the record; the statistics' summary tables stay equal to a full rebuild."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from handschlag.audit.models import AuditEntry
from handschlag.core.errors import DomainError
from handschlag.mentoring import statistics_figures, tandem_meetings, tandem_pages, tandems
from handschlag.mentoring.models import CheckIn, Meeting, SiteFigures, SiteMonthFigures, Tandem

from . import factories
from .tandems_helpers import ROLES, make_tandem, person, tandem_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

COORDINATORS = {"staff", "carrier_coordinator", "site_coordinator"}


def _days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def _log(tandem, by, days_ago, **fields):
    data = {"date": _days_ago(days_ago), "duration_minutes": 60, "kind": "phone", **fields}
    return tandems.log_meeting(tandem=tandem, by=by, **data)


def _state(tandem):
    tandem = Tandem.objects.get(pk=tandem.pk)
    return json.dumps(
        [
            list(Meeting.objects.order_by("pk").values()),
            tandem.last_contact_on,
            tandem.inactivity_notified_on,
            AuditEntry.objects.count(),
        ],
        cls=DjangoJSONEncoder,
    )


# --- services --------------------------------------------------------------------------------


def test_the_mentor_corrects_their_meeting(world, tandem):
    meeting = _log(tandem, world.mentor.user, 3)
    tandem_meetings.update_meeting(
        meeting=meeting,
        by=world.mentor.user,
        date=_days_ago(4),
        duration_minutes=90,
        kind="activity",
        note=" Museum ",
    )
    meeting.refresh_from_db()
    assert (meeting.date, meeting.duration_minutes, meeting.kind, meeting.note) == (
        _days_ago(4),
        90,
        "activity",
        "Museum",
    )
    entry = AuditEntry.objects.get(verb=tandem_meetings.MEETING_CHANGED)
    assert entry.details["before"]["duration_minutes"] == 60


def test_the_other_side_cannot_touch_a_meeting_it_did_not_log(world, tandem):
    meeting = _log(tandem, world.mentor.user, 3)
    before = _state(tandem)
    with pytest.raises(PermissionDenied):
        tandem_meetings.update_meeting(
            meeting=meeting, by=world.mentee.user, date=_days_ago(3), duration_minutes=5,
            kind="phone",
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        tandem_meetings.delete_meeting(meeting=meeting, by=world.mentee.user)
    assert _state(tandem) == before


@pytest.mark.parametrize("role", ["other_site_coordinator", "stranger"])
def test_outsiders_cannot_touch_a_meeting(world, tandem, role):
    meeting = _log(tandem, world.mentor.user, 3)
    before = _state(tandem)
    with pytest.raises(PermissionDenied):
        tandem_meetings.delete_meeting(meeting=meeting, by=getattr(world, role))
    assert _state(tandem) == before


def test_after_the_end_only_the_coordination_corrects(world, tandem):
    meeting = _log(tandem, world.mentor.user, 3)
    tandems.end_tandem(tandem=tandem, by=world.site_coordinator, reason="goal_reached")
    before = _state(tandem)
    with pytest.raises(PermissionDenied):
        tandem_meetings.delete_meeting(meeting=meeting, by=world.mentor.user)
    assert _state(tandem) == before
    tandem_meetings.delete_meeting(meeting=meeting, by=world.site_coordinator)
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_correction_obeys_the_rules_of_logging(world, tandem):
    meeting = _log(tandem, world.mentor.user, 3)
    before = _state(tandem)
    for date, minutes, kind in (
        (_days_ago(-2), 60, "phone"),  # in the future
        (_days_ago(400), 60, "phone"),  # before the tandem existed
        (_days_ago(3), 2, "phone"),
        (_days_ago(3), 60, "dinner"),
    ):
        with pytest.raises(DomainError):
            tandem_meetings.update_meeting(
                meeting=meeting, by=world.mentor.user, date=date, duration_minutes=minutes,
                kind=kind,
            )  # fmt: skip
    assert _state(tandem) == before


def test_the_last_contact_follows_edits_and_deletes(world, tandem):
    Tandem.objects.filter(pk=tandem.pk).update(started_on=_days_ago(50), last_contact_on=None)
    tandem.refresh_from_db()
    older = _log(tandem, world.mentor.user, 20)
    newer = _log(tandem, world.mentor.user, 2)
    assert Tandem.objects.get(pk=tandem.pk).last_contact_on == _days_ago(2)
    tandem_meetings.update_meeting(
        meeting=newer, by=world.mentor.user, date=_days_ago(10), duration_minutes=60, kind="phone"
    )
    assert Tandem.objects.get(pk=tandem.pk).last_contact_on == _days_ago(10)
    tandem_meetings.delete_meeting(meeting=newer, by=world.mentor.user)
    assert Tandem.objects.get(pk=tandem.pk).last_contact_on == _days_ago(20)
    tandem_meetings.delete_meeting(meeting=older, by=world.site_coordinator)
    assert Tandem.objects.get(pk=tandem.pk).last_contact_on == _days_ago(50)  # the start


def test_a_check_in_and_a_resumption_count_as_contact(world, tandem):
    Tandem.objects.filter(pk=tandem.pk).update(started_on=_days_ago(90))
    tandem.refresh_from_db()
    meeting = _log(tandem, world.mentor.user, 1)
    CheckIn.objects.create(
        tandem=tandem, side="mentee", month=timezone.localdate().replace(day=1), mood="good",
        answered_at=timezone.now() - datetime.timedelta(days=12),
    )  # fmt: skip
    tandem_meetings.delete_meeting(meeting=meeting, by=world.mentor.user)
    assert Tandem.objects.get(pk=tandem.pk).last_contact_on == _days_ago(12)
    tandems.pause_tandem(tandem=tandem, by=world.site_coordinator)
    tandems.resume_tandem(tandem=Tandem.objects.get(pk=tandem.pk), by=world.site_coordinator)
    meeting = _log(Tandem.objects.get(pk=tandem.pk), world.mentor.user, 1)
    tandem_meetings.delete_meeting(meeting=meeting, by=world.mentor.user)
    assert Tandem.objects.get(pk=tandem.pk).last_contact_on == timezone.localdate()  # resumed today


def test_deleting_the_only_recent_meeting_makes_the_tandem_quiet_again(world, tandem):
    weeks = world.programme.inactivity_weeks
    Tandem.objects.filter(pk=tandem.pk).update(
        started_on=_days_ago(weeks * 7 + 30), inactivity_notified_on=_days_ago(5)
    )
    tandem.refresh_from_db()
    meeting = _log(tandem, world.mentor.user, 1)
    assert Tandem.objects.get(pk=tandem.pk).inactivity_notified_on is None
    assert tandem not in tandem_pages.quiet_tandems_of(world.site)
    tandem_meetings.delete_meeting(meeting=meeting, by=world.mentor.user)
    assert tandem in tandem_pages.quiet_tandems_of(world.site)


def _figures():
    rows = SiteFigures.objects.order_by("site")
    now = [model_to_dict(row, exclude=["refreshed_at"]) for row in rows]
    months = list(SiteMonthFigures.objects.order_by("site", "month").values())
    for row in months:
        row.pop("id")
    return now, months


def test_the_statistics_stay_exact_after_edits_and_deletes(world, figures_at_once):
    """The summary tables are refreshed after the services' commits; edits and deletes of
    meetings must leave them equal to a full rebuild (and to what they were: tandems are
    counted, not meetings)."""
    tandem = make_tandem(world, started_on=_days_ago(40))
    ended = factories.TandemFactory(
        site=world.site, state=Tandem.State.ENDED, started_on=_days_ago(200),
        ended_on=_days_ago(30), end_reason="goal_reached",
    )  # fmt: skip
    statistics_figures.rebuild()
    first = _log(tandem, world.mentor.user, 10)
    second = _log(tandem, world.site_coordinator, 3)
    before = _figures()
    assert before[0] and before[1]
    tandem_meetings.update_meeting(
        meeting=first, by=world.mentor.user, date=_days_ago(35), duration_minutes=120,
        kind="activity",
    )  # fmt: skip
    tandem_meetings.delete_meeting(meeting=second, by=world.site_coordinator)
    old = factories.MeetingFactory(tandem=ended, date=_days_ago(60), logged_by=world.mentor.user)
    tandem_meetings.delete_meeting(meeting=old, by=world.site_coordinator)
    after = _figures()
    statistics_figures.rebuild()
    assert after == _figures() == before


# --- pages -----------------------------------------------------------------------------------


def _client(world, role):
    client = Client()
    user = person(world, role)
    if user is not None:
        client.force_login(user)
    return client


def _meeting_post(world):
    return {"date": _days_ago(4).isoformat(), "duration_minutes": "45", "kind": "online"}


@pytest.mark.parametrize("logger", ["mentor", "mentee"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["meeting_edit", "meeting_delete"])
def test_who_may_change_a_meeting(world, role, name, logger):
    tandem = make_tandem(world)
    meeting = _log(tandem, person(world, logger), 3)
    allowed = COORDINATORS | {logger}
    url = reverse(f"mentoring:{name}", args=[meeting.pk])
    before = _state(tandem)
    page = _client(world, role).get(url)
    assert _state(tandem) == before  # asking first changes nothing
    response = _client(world, role).post(url, _meeting_post(world))
    if role == "anonymous":
        assert page.status_code == response.status_code == 302
        assert "/login/" in response["Location"]
    elif role in allowed:
        assert page.status_code == 200
        assert response.status_code == 302 and response["Location"] == tandem.get_absolute_url()
        assert _state(tandem) != before
        if name == "meeting_delete":
            assert not Meeting.objects.filter(pk=meeting.pk).exists()
        else:
            assert Meeting.objects.get(pk=meeting.pk).kind == "online"
        return
    else:
        assert page.status_code == response.status_code == 403
    assert _state(tandem) == before


def test_the_delete_page_names_the_meeting_and_the_consequence(client, world, tandem):
    meeting = _log(tandem, world.mentor.user, 3, note="Stadtbücherei")
    client.force_login(world.mentor.user)
    html = client.get(reverse("mentoring:meeting_delete", args=[meeting.pk])).content.decode()
    assert "Stadtbücherei" in html and "nicht rückgängig" in html
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_an_invalid_correction_comes_back_with_errors(client, world, tandem):
    meeting = _log(tandem, world.mentor.user, 3)
    client.force_login(world.mentor.user)
    before = _state(tandem)
    response = client.post(
        reverse("mentoring:meeting_edit", args=[meeting.pk]),
        {"date": _days_ago(-3).isoformat(), "duration_minutes": "1", "kind": "dinner"},
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert _state(tandem) == before


def test_the_tandem_page_offers_corrections_to_who_may(client, world, tandem):
    mine = _log(tandem, world.mentor.user, 3)
    theirs = _log(tandem, world.mentee.user, 2)
    edit_mine = reverse("mentoring:meeting_edit", args=[mine.pk])
    edit_theirs = reverse("mentoring:meeting_edit", args=[theirs.pk])
    client.force_login(world.mentor.user)
    html = client.get(tandem.get_absolute_url()).content.decode()
    assert edit_mine in html and edit_theirs not in html
    client.force_login(world.site_coordinator)
    html = client.get(tandem.get_absolute_url()).content.decode()
    assert edit_mine in html and edit_theirs in html


def test_an_unknown_meeting_is_404(client, world):
    client.force_login(world.site_coordinator)
    assert client.get(reverse("mentoring:meeting_edit", args=[999_999])).status_code == 404
    assert client.post(reverse("mentoring:meeting_delete", args=[999_999])).status_code == 404
