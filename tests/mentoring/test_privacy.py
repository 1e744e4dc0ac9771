"""Export, erase and retention of what the tandems keep about people."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

from handschlag.accounts.services import delete_account, export_user_data
from handschlag.audit.models import AuditEntry
from handschlag.core.models import StateChange
from handschlag.mentoring import checkins, privacy, surveys, tandems
from handschlag.mentoring.models import (
    CheckIn,
    Meeting,
    Mentee,
    Mentor,
    ProblemReport,
    SurveyInvitation,
    SurveyResponse,
    Tandem,
)
from handschlag.notifications.models import Notification

from . import factories
from .tandems_helpers import kinds_to, make_tandem

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
SECRET_NAME, SECRET_MAIL, SECRET_PHONE = "Zuleikha", "zuleikha@example.org", "0151 4711"


@pytest.fixture
def lived(world):
    """A tandem that lived: the mentee (no account, with email and phone) met the mentor,
    answered a check-in and a survey, both reported problems and wrote about each other."""
    Mentee.objects.filter(pk=world.mentee.pk).update(
        first_name=SECRET_NAME, email=SECRET_MAIL, phone=SECRET_PHONE, user=None
    )
    world.mentee.refresh_from_db()
    tandem = make_tandem(world, Tandem.State.PROPOSED)
    tandems.activate_tandem(tandem=tandem, by=world.site_coordinator)
    tandems.log_meeting(
        tandem=tandem,
        by=world.mentor.user,
        date=TODAY(),
        duration_minutes=60,
        kind="in_person",
        note=f"Mit {SECRET_NAME} beim Jobcenter",
    )
    tandems.report_problem(tandem=tandem, by=world.mentor.user, text=f"{SECRET_NAME} kam nicht")
    found, _ = checkins.read_token(checkins.make_token(tandem, "mentee", TODAY().replace(day=1)))
    checkins.answer_checkin(checkin_link=found, mood="good")
    tandems.file_problem(tandem=tandem, side="mentee", text="Er ist unpünktlich", by=None)
    invitation = SurveyInvitation.objects.get(tandem=tandem, side="mentee", phase="start")
    surveys.answer_survey(invitation=invitation, data={"tandem_helps": 5})
    tandems.pause_tandem(tandem=tandem, by=world.site_coordinator, comment=f"{SECRET_NAME} krank")
    tandem.refresh_from_db()
    return tandem


def dump(*models) -> str:
    rows = {model.__name__: list(model.objects.values()) for model in models}
    return json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False)


EVERYTHING = (
    Tandem,
    Meeting,
    ProblemReport,
    CheckIn,
    SurveyInvitation,
    SurveyResponse,
    Mentee,
    AuditEntry,
    StateChange,
    Notification,
)


# --- export ------------------------------------------------------------------------------------


def test_a_mentor_exports_their_own_data_and_nothing_of_the_mentee(world, lived):
    data = export_user_data(user=world.mentor.user)["mentoring"]
    assert data["mentor_profiles"][0]["capacity"] == world.mentor.capacity
    assert [t["id"] for t in data["tandems"]] == [lived.pk]
    assert data["meetings_logged"][0]["note"].startswith("Mit")  # their own note
    assert data["checkins"] == []  # the mentee answered, not they
    assert len(data["problem_reports"]) == 1
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for secret in (SECRET_MAIL, SECRET_PHONE, "unpünktlich"):
        assert secret not in text


def test_a_mentee_with_account_exports_their_profile_tandems_and_checkins(world):
    tandem = make_tandem(world)
    found, _ = checkins.read_token(checkins.make_token(tandem, "mentee", TODAY().replace(day=1)))
    checkins.answer_checkin(checkin_link=found, mood="okay")
    data = privacy.export(world.mentee.user)
    assert data["mentee_profiles"][0]["first_name"] == world.mentee.first_name
    assert data["tandems"][0]["as"] == "mentee"
    assert [c["mood"] for c in data["checkins"]] == ["okay"]
    assert world.mentor.user.email not in json.dumps(data, cls=DjangoJSONEncoder)


# --- erase -------------------------------------------------------------------------------------


def test_erasing_a_mentee_ends_the_tandem_and_leaves_no_personal_data(world, lived):
    privacy.erase_mentee(mentee=world.mentee, by=world.site_coordinator)
    tandem = Tandem.objects.get(pk=lived.pk)
    assert (tandem.state, tandem.end_reason, tandem.mentee) == ("ended", "data_erased", None)
    assert tandem.mentor == world.mentor and tandem.started_on is not None  # for the statistics
    assert Mentor.objects.get(pk=world.mentor.pk).free_places == 1
    assert "mentoring.tandem_ended" in kinds_to(world.mentor.user)
    assert "mentoring.coordination_tandem_ended" in kinds_to(world.site_coordinator)
    assert not Mentee.objects.filter(pk=world.mentee.pk).exists()
    # field by field: nothing of the person is left anywhere
    meeting, problem = Meeting.objects.get(), ProblemReport.objects.first()
    assert (meeting.note, meeting.duration_minutes) == ("", 60)
    assert {p.text for p in ProblemReport.objects.all()} == {""} and problem.side
    assert not SurveyInvitation.objects.filter(side="mentee").exists()
    assert SurveyResponse.objects.count() == 1  # anonymous, stays
    assert CheckIn.objects.get().mood == "good"  # a mood of nobody
    assert set(StateChange.objects.filter(object_id=tandem.pk).values_list("comment", flat=True))
    assert not any(StateChange.objects.filter(comment__contains=SECRET_NAME))
    assert not Notification.objects.filter(email__iexact=SECRET_MAIL).exists()
    everything = dump(*EVERYTHING)
    for secret in (SECRET_NAME, SECRET_MAIL, SECRET_PHONE):
        assert secret not in everything
    assert lived.checkin_token != tandem.checkin_token  # the old links are dead


def test_the_mentor_is_not_told_the_erased_persons_name(world, lived):
    privacy.erase_mentee(mentee=world.mentee, by=world.site_coordinator)
    ended = Notification.objects.get(recipient=world.mentor.user, kind="mentoring.tandem_ended")
    assert ended.params["partner"] == "" and ended.title == "Ihr Tandem ist beendet"


def test_deleting_a_mentors_account_erases_the_mentor(world, lived):
    mentor_user = world.mentor.user
    delete_account(user=mentor_user)
    tandem = Tandem.objects.get(pk=lived.pk)
    assert (tandem.state, tandem.end_reason, tandem.mentor) == ("ended", "data_erased", None)
    assert not Mentor.objects.filter(user=mentor_user).exists()
    assert Meeting.objects.get().note == ""
    assert not SurveyInvitation.objects.filter(side="mentor").exists()
    assert SurveyInvitation.objects.filter(side="mentee", phase="end").exists()  # still asked
    assert "mentoring.coordination_tandem_ended" in kinds_to(world.site_coordinator)
    assert mentor_user.public_name not in dump(Tandem, AuditEntry, StateChange, Notification)


def test_an_ended_tandem_is_kept_without_people(world):
    tandem = make_tandem(world, Tandem.State.ENDED, ended_on=TODAY(), end_reason="moved")
    privacy.erase_mentee(mentee=world.mentee, by=world.site_coordinator)
    tandem.refresh_from_db()
    assert (tandem.state, tandem.end_reason, tandem.mentee) == ("ended", "moved", None)
    assert Mentor.objects.get(pk=world.mentor.pk).free_places == 0  # given back at its end


@pytest.mark.parametrize("who", ["other_site_coordinator", "stranger", "mentor"])
def test_only_the_coordination_erases_a_mentee(world, lived, who):
    by = world.mentor.user if who == "mentor" else getattr(world, who)
    before = dump(*EVERYTHING)
    with pytest.raises(PermissionDenied):
        privacy.erase_mentee(mentee=world.mentee, by=by)
    assert dump(*EVERYTHING) == before


def test_the_erase_page_asks_first_and_names_the_consequences(client, world, lived):
    client.force_login(world.site_coordinator)
    url = reverse("mentoring:erase_mentee", args=[world.mentee.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "endet das laufende Tandem" in page.content.decode()
    assert Mentee.objects.filter(pk=world.mentee.pk).exists()
    assert client.post(url).status_code == 302
    assert not Mentee.objects.filter(pk=world.mentee.pk).exists()


def test_others_cannot_open_the_erase_page(client, world, lived):
    client.force_login(world.other_site_coordinator)
    url = reverse("mentoring:erase_mentee", args=[world.mentee.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert Mentee.objects.filter(pk=world.mentee.pk).exists()


# --- retention ---------------------------------------------------------------------------------


def test_notes_and_problem_texts_go_two_years_after_the_end(world):
    long_ago = TODAY() - datetime.timedelta(days=privacy.RETENTION_DAYS + 1)
    old = factories.TandemFactory(site=world.site, state="ended", ended_on=long_ago)
    recent = factories.TandemFactory(site=world.site, state="ended", ended_on=TODAY())
    running = factories.TandemFactory(site=world.site)
    for tandem in (old, recent, running):
        factories.MeetingFactory(tandem=tandem, note="Notiz")
        ProblemReport.objects.create(tandem=tandem, side="mentor", text="Text")
    assert privacy.purge(timezone.now()) == 2
    assert privacy.purge(timezone.now()) == 0
    assert dict(Meeting.objects.values_list("tandem_id", "note")) == {
        old.pk: "",
        recent.pk: "Notiz",
        running.pk: "Notiz",
    }
    assert ProblemReport.objects.get(tandem=old).text == ""


def test_the_include_for_the_mentees_page_offers_erasing_to_the_coordination_only(rf, world):
    from django.template.loader import render_to_string

    for user, shown in ((world.site_coordinator, True), (world.other_site_coordinator, False)):
        request = rf.get("/")
        request.user = user
        html = render_to_string(
            "mentoring/tandems/_erase_mentee.html", {"mentee": world.mentee, "request": request}
        )
        url = reverse("mentoring:erase_mentee", args=[world.mentee.pk])
        assert (url in html) is shown
