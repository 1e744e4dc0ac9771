"""The tandem page (who sees which contact details, the next steps), the sections on the
site's coordination page and on "Mein Mentoring", and their query counts."""

import datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from handschlag.mentoring import tandem_actions, tandems
from handschlag.mentoring.models import CheckIn, Mentee, ProblemReport, Tandem
from handschlag.mentoring.registry import my_sections, site_sections

from . import factories
from .tandems_helpers import make_tandem

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
MAIL, PHONE = "amal@example.org", "0151 12345"


@pytest.fixture
def reachable(world):
    Mentee.objects.filter(pk=world.mentee.pk).update(email=MAIL, phone=PHONE)
    world.mentee.refresh_from_db()
    return world


def page(client, user, tandem) -> str:
    client.force_login(user)
    response = client.get(reverse("mentoring:tandem", args=[tandem.pk]))
    assert response.status_code == 200
    return response.content.decode()


# --- contact details ---------------------------------------------------------------------------


def test_the_mentor_sees_the_mentees_contact_while_the_tandem_is_active(client, reachable):
    tandem = make_tandem(reachable)
    html = page(client, reachable.mentor.user, tandem)
    assert reachable.mentee.first_name in html and MAIL in html and PHONE in html


@pytest.mark.parametrize("state", ["proposed", "paused", "ended"])
def test_otherwise_only_the_first_name(client, reachable, state):
    fields = {"ended_on": TODAY()} if state == "ended" else {}
    tandem = make_tandem(reachable, state, **fields)
    html = page(client, reachable.mentor.user, tandem)
    assert reachable.mentee.first_name in html and MAIL not in html and PHONE not in html


def test_the_mentee_sees_the_mentors_name_and_address_while_active(client, world):
    tandem = make_tandem(world)
    html = page(client, world.mentee.user, tandem)
    assert world.mentor.display_name in html and world.mentor.user.email in html
    assert world.mentor.user.last_name not in html.replace(world.mentor.display_name, "")


def test_parties_see_neither_moods_nor_problems_nor_history(client, world):
    tandem = make_tandem(world)
    CheckIn.objects.create(
        tandem=tandem, side="mentee", month=TODAY().replace(day=1), mood="difficult"
    )
    ProblemReport.objects.create(tandem=tandem, side="mentee", text="Geheime Sorge")
    for user in (world.mentor.user, world.mentee.user):
        html = page(client, user, tandem)
        assert "Geheime Sorge" not in html and "schwierig" not in html and "Verlauf" not in html


def test_the_coordination_sees_all_and_is_shown_the_link_for_an_unreachable_mentee(client, world):
    mentee = factories.MenteeFactory(site=world.site)  # no account, no email, no phone
    tandem = factories.TandemFactory(site=world.site, mentee=mentee)
    ProblemReport.objects.create(tandem=tandem, side="mentor", text="Sorge der Mentorin")
    html = page(client, world.site_coordinator, tandem)
    assert "Sorge der Mentorin" in html and "/mentoring/wie-laeuft-es/" in html
    assert "nur über die Koordination erreichbar" in html


# --- next steps --------------------------------------------------------------------------------


def test_the_page_says_what_comes_next_for_each_person(world):
    proposed = make_tandem(world, Tandem.State.PROPOSED)
    keys = [a.key for a in tandem_actions.available_actions(proposed, world.site_coordinator)]
    assert keys == ["activate", "end"]
    assert tandem_actions.available_actions(proposed, world.mentor.user) == []
    assert "Kennenlernen" in tandem_actions.next_step(proposed, world.mentor.user)
    tandems.activate_tandem(tandem=proposed, by=world.site_coordinator)
    mentor_keys = [a.key for a in tandem_actions.available_actions(proposed, world.mentor.user)]
    assert mentor_keys == ["log_meeting", "checkin", "report_problem", "end"]
    coordinator = tandem_actions.available_actions(proposed, world.site_coordinator)
    assert [a.key for a in coordinator] == ["log_meeting", "pause", "end"]
    end = coordinator[-1]
    assert end.style == "danger" and "Platz" in end.consequence and "rückgängig" in end.consequence


def test_the_mentors_checkin_button_opens_their_own_link(client, world):
    tandem = make_tandem(world)
    action = next(
        a for a in tandem_actions.available_actions(tandem, world.mentor.user) if a.key == "checkin"
    )
    assert client.get(action.url).status_code == 200


# --- sections and query counts ----------------------------------------------------------------


def _render_sections(registry, obj, user) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        html = "".join(
            render_to_string(section.template, {"section": context, "user": user})
            for section, context in registry.shown(obj, user)
        )
    return len(queries), html


def _add_tandems(world, n):
    for i in range(n):
        tandem = factories.TandemFactory(
            site=world.site, last_contact_on=TODAY() - datetime.timedelta(weeks=20 + i)
        )
        ProblemReport.objects.create(tandem=tandem, side="mentor", text=f"Problem {i}")


def test_the_site_sections_show_open_quiet_and_problems_in_constant_queries(world):
    make_tandem(world)
    _add_tandems(world, 1)
    _render_sections(site_sections, world.site, world.site_coordinator)  # the scopes are read
    few, html = _render_sections(site_sections, world.site, world.site_coordinator)
    assert "Problem 0" in html and world.mentee.first_name in html
    _add_tandems(world, 6)
    many, html = _render_sections(site_sections, world.site, world.site_coordinator)
    assert "Problem 5" in html
    assert many == few


def test_the_site_sections_are_for_its_coordination_only(world):
    make_tandem(world)
    for user in (world.other_site_coordinator, world.mentor.user, world.stranger):
        assert site_sections.shown(world.site, user) == []


def test_my_tandems_in_constant_queries(world):
    make_tandem(world)
    few, html = _render_sections(my_sections, world.mentor.user, world.mentor.user)
    assert world.mentee.first_name in html
    mentor = world.mentor
    type(mentor).objects.filter(pk=mentor.pk).update(capacity=3)
    for _ in range(2):
        factories.TandemFactory(site=world.site, mentor=mentor, state="ended", ended_on=TODAY())
    many, html = _render_sections(my_sections, mentor.user, mentor.user)
    assert many == few and html.count("<li") == 3


def test_people_without_a_profile_get_no_my_tandems_section(world):
    assert my_sections.shown(world.stranger, world.stranger) == []


def test_the_tandem_page_runs_constant_queries(client, world):
    tandem = make_tandem(world)
    client.force_login(world.site_coordinator)
    url = reverse("mentoring:tandem", args=[tandem.pk])
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for i in range(5):
        factories.MeetingFactory(tandem=tandem)
        ProblemReport.objects.create(tandem=tandem, side="mentee", text=f"P{i}")
        CheckIn.objects.create(
            tandem=tandem, side="mentor", month=datetime.date(2020, i + 1, 1), mood="good"
        )
    tandems.pause_tandem(tandem=tandem, by=world.site_coordinator)
    tandems.resume_tandem(tandem=Tandem.objects.get(pk=tandem.pk), by=world.carrier_coordinator)
    assert count() == few
