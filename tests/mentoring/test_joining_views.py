"""Joining as people use it: register as mentor, as mentee without account, decide, withdraw,
filter a site's lists, appoint a coordinator."""

import pytest
from django.urls import reverse

from handschlag.mentoring import mentor_places
from handschlag.mentoring.models import Mentee, Mentor, Tandem
from handschlag.organisations.models import Membership, RoleGrant
from tests import factories as base

from . import factories
from .joining_helpers import client_as, mentor_post, self_mentee_post, snapshot

pytestmark = pytest.mark.django_db


def test_anonymous_people_are_sent_to_log_in_and_come_back(world):
    url = reverse("mentoring:register_mentor", args=[world.site.slug])
    response = client_as(world, "anonymous").get(url)
    assert response.status_code == 302 and f"next={url}" in response["Location"]


def test_a_person_registers_as_mentor_with_the_week_grid(world, client):
    person = base.UserFactory()
    client.force_login(person)
    url = reverse("mentoring:register_mentor", args=[world.site.slug])
    page = client.get(url).content.decode()
    assert 'name="availability" value="tue-afternoon"' in page and "<legend>" in page
    response = client.post(url, mentor_post(world.site))
    mentor = Mentor.objects.get(user=person)
    assert response["Location"] == reverse("mentoring:mentor", args=[mentor.pk])
    assert mentor.availability == ["tue-afternoon", "wed-evening"]
    assert mentor.languages == [{"code": "de", "level": "native"}, {"code": "ar", "level": "good"}]
    assert (mentor.capacity, mentor.free_places, mentor.online) == (2, 2, True)
    assert mentor.partner_age_groups == ["adult"]


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"lang_0": "", "level_0": "", "lang_1": "", "level_1": ""}, "mindestens eine Sprache"),
        ({"level_1": ""}, "wie gut"),
        ({"lang_1": "de"}, "schon oben"),
        ({"municipality": "Nirgendwo"}, "kennen wir nicht"),
        ({"kinds": []}, "erforderlich"),
    ],
)
def test_a_mentor_form_with_mistakes_comes_back_with_its_errors(world, client, changes, error):
    client.force_login(base.UserFactory())
    response = client.post(
        reverse("mentoring:register_mentor", args=[world.site.slug]),
        mentor_post(world.site, **changes),
    )
    assert response.status_code == 200 and error in response.content.decode()
    assert not Mentor.objects.filter(site=world.site).exclude(pk=world.mentor.pk).exists()


def test_lowering_capacity_below_the_tandems_held_shows_why(world, client):
    mentor = factories.MentorFactory(site=world.site, capacity=2, free_places=2)
    assert mentor_places.take_place(mentor) and mentor_places.take_place(mentor)
    client.force_login(mentor.user)
    response = client.post(
        reverse("mentoring:edit_mentor", args=[mentor.pk]), mentor_post(world.site, capacity="1")
    )
    assert response.status_code == 200 and "begleiten gerade 2" in response.content.decode()
    mentor.refresh_from_db()
    assert (mentor.capacity, mentor.free_places) == (2, 0)


def test_a_returned_mentor_sees_the_comment_edits_and_resubmits(world, client):
    mentor = factories.MentorFactory(
        site=world.site, state=Mentor.State.RETURNED, state_comment="Bitte Zeiten angeben."
    )
    client.force_login(mentor.user)
    assert "Bitte Zeiten angeben." in client.get(reverse("mentoring:mine")).content.decode()
    response = client.post(
        reverse("mentoring:edit_mentor", args=[mentor.pk]), mentor_post(world.site)
    )
    assert response.status_code == 302
    assert Mentor.objects.get(pk=mentor.pk).state == Mentor.State.SUBMITTED


def test_a_newcomer_registers_without_account_and_learns_what_happens_next(world, client):
    response = client.post(
        reverse("mentoring:register_mentee_self", args=[world.site.slug]),
        self_mentee_post(world.site),
    )
    done = reverse("mentoring:mentee_registered", args=[world.site.slug])
    assert response["Location"] == done
    mentee = Mentee.objects.get(first_name="Amal", source=Mentee.Source.SELF)
    assert mentee.user is None and mentee.state == Mentee.State.SUBMITTED
    assert mentee.availability == ["tue-afternoon", "thu-afternoon"]
    assert mentee.partner_genders == ["f"] and mentee.phone == "0170 1234567"
    page = client.get(done).content.decode()
    assert "innerhalb von 14 Tagen" in page and "paten@example.org" in page


def test_without_consent_the_form_says_so_and_stores_nothing(world, client):
    response = client.post(
        reverse("mentoring:register_mentee_self", args=[world.site.slug]),
        self_mentee_post(world.site, consented=None),
    )
    assert response.status_code == 200 and "einverstanden" in response.content.decode()
    assert not Mentee.objects.filter(first_name="Amal", source=Mentee.Source.SELF).exists()


def test_a_child_is_registered_by_a_guardian(world, client):
    url = reverse("mentoring:register_mentee_self", args=[world.site.slug])
    response = client.post(url, self_mentee_post(world.site, age_group="child"))
    assert response.status_code == 200 and "erziehungsberechtigt" in response.content.decode()
    client.post(url, self_mentee_post(world.site, age_group="child", by_guardian="on"))
    assert Mentee.objects.get(first_name="Amal", age_group="child").consent_by_guardian


def test_a_robot_filling_the_hidden_field_stores_nothing(world, client):
    response = client.post(
        reverse("mentoring:register_mentee_self", args=[world.site.slug]),
        self_mentee_post(world.site, website="http://spam.example"),
    )
    assert response.status_code == 302
    assert not Mentee.objects.filter(source=Mentee.Source.SELF).exists()


def test_a_flood_from_one_browser_is_slowed_down(world, client):
    url = reverse("mentoring:register_mentee_self", args=[world.site.slug])
    for number in range(5):
        assert (
            client.post(url, self_mentee_post(world.site, first_name=f"P{number}")).status_code
            == 302
        )
    response = client.post(url, self_mentee_post(world.site, first_name="Sechs"))
    assert response.status_code == 429
    assert Mentee.objects.filter(source=Mentee.Source.SELF).count() == 5


def test_a_mentee_with_account_sees_and_edits_their_own_profile(world):
    client = client_as(world, "mentee")
    page = client.get(reverse("mentoring:mine")).content.decode()
    assert reverse("mentoring:mentee", args=[world.mentee.pk]) in page
    data = self_mentee_post(world.site, wishes="Deutsch üben")
    response = client.post(reverse("mentoring:edit_own_mentee", args=[world.mentee.pk]), data)
    assert response.status_code == 302
    world.mentee.refresh_from_db()
    assert world.mentee.wishes == "Deutsch üben" and world.mentee.age_group == "adult"


def test_withdrawing_with_a_tandem_not_yet_begun_points_to_the_coordination(world):
    tandem = factories.TandemFactory(
        site=world.site, mentor=world.mentor, state=Tandem.State.PROPOSED, started_on=None
    )
    client = client_as(world, "mentor")
    url = reverse("mentoring:withdraw_mentor", args=[world.mentor.pk])
    page = client.get(url).content.decode()
    assert "offenes Tandem" in page and "paten@example.org" in page
    assert "noch nicht begonnen" in page and tandem.get_absolute_url() in page
    assert "Ja, zurückziehen" not in page and "Tandems beenden und zurückziehen" not in page
    before = snapshot(world.mentor)
    client.post(url, {"reason": "moved"})
    tandem.refresh_from_db()
    assert snapshot(world.mentor) == before and tandem.state == Tandem.State.PROPOSED


def test_withdrawing_with_a_running_tandem_offers_to_end_it_first(world):
    tandem = factories.TandemFactory(site=world.site, mentor=world.mentor)
    client = client_as(world, "mentor")
    url = reverse("mentoring:withdraw_mentor", args=[world.mentor.pk])
    page = client.get(url).content.decode()
    assert "Tandems beenden und zurückziehen" in page and "endet zuerst dieses Tandem" in page
    # without a reason nothing happens
    before = snapshot(world.mentor)
    client.post(url)
    tandem.refresh_from_db()
    assert snapshot(world.mentor) == before and tandem.state == Tandem.State.ACTIVE
    response = client.post(url, {"reason": "moved"})
    assert response.status_code == 302
    tandem.refresh_from_db()
    world.mentor.refresh_from_db()
    assert (tandem.state, tandem.end_reason) == ("ended", "moved")
    assert world.mentor.state == Mentor.State.WITHDRAWN


def test_the_site_page_shows_todos_and_filters_the_lists(world):
    waiting = factories.MentorFactory(site=world.site, state=Mentor.State.SUBMITTED)
    speaks_uk = factories.MenteeFactory(
        site=world.site, first_name="Olena", languages=[{"code": "uk", "level": "native"}]
    )
    client = client_as(world, "site_coordinator")
    url = reverse("mentoring:site", args=[world.site.slug])
    page = client.get(url).content.decode()
    assert reverse("mentoring:mentor", args=[waiting.pk]) in page
    assert "Führungszeugnis" in page  # the approved mentor accompanies anyone, without one
    filtered = client.get(url + "?language=uk").content.decode()
    assert "Olena" in filtered and world.mentee.first_name not in filtered
    assert speaks_uk.pk
    by_state = client.get(url + "?state=submitted").content.decode()
    assert "1 Mentor:in" in by_state


def test_the_site_finder_finds_sites_near_a_place(world, client):
    page = client.get(
        reverse("mentoring:find_site") + f"?ort={world.site.municipality.slug}&umkreis=5"
    ).content.decode()
    assert world.site.name in page
    unknown = client.get(reverse("mentoring:find_site") + "?ort=Nirgendwo").content.decode()
    assert "kennen wir nicht" in unknown


def test_a_carrier_admin_appoints_a_site_coordinator_on_the_team_page(world, client):
    admin = base.UserFactory()
    Membership.objects.create(
        organisation=world.carrier.organisation, user=admin, role=Membership.Role.ADMIN
    )
    member = Membership.objects.create(
        organisation=world.carrier.organisation, user=base.UserFactory()
    )
    client.force_login(admin)
    assert (
        "Koordination einsetzen" in client.get(reverse("mentoring:coordination")).content.decode()
    )
    url = reverse("mentoring:team", args=[world.carrier.pk])
    response = client.post(url, {"membership": member.pk, "scope": str(world.sister_site.pk)})
    assert response.status_code == 302
    grant = RoleGrant.objects.get(membership=member)
    assert grant.scope_id == world.sister_site.pk
    client.post(reverse("mentoring:relieve", args=[world.carrier.pk, grant.pk]))
    assert not RoleGrant.objects.filter(membership=member).exists()
