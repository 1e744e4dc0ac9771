"""The role × URL matrix of joining: every page for programme staff, carrier coordinator, site
coordinator, other site's coordinator, mentor, mentee and anonymous; every write refused to a
role leaves the database as it was."""

import pytest
from django.urls import reverse
from django.utils import timezone

from handschlag.mentoring.models import Mentee, Mentor, Site
from handschlag.organisations.models import RoleGrant

from . import factories
from .joining_helpers import COORDINATING, ROLES, client_as, mentor_post, snapshot

pytestmark = pytest.mark.django_db

OK, GONE, FORBIDDEN, MOVED = 200, 404, 403, 302

PUBLIC = dict.fromkeys(ROLES, OK)
SIGNED_IN = {**dict.fromkeys(ROLES, OK), "anonymous": MOVED}
COORDINATION = {
    **dict.fromkeys(ROLES, FORBIDDEN),
    **dict.fromkeys(COORDINATING, OK),
    "anonymous": MOVED,
}
ANY_COORDINATOR = {**COORDINATION, "other_site_coordinator": OK}
MENTOR_PAGE = {**dict.fromkeys(ROLES, GONE), **dict.fromkeys(COORDINATING, OK), "mentor": OK}
MENTOR_PAGE["anonymous"] = MOVED
MENTOR_DECISION = {**MENTOR_PAGE, "mentor": FORBIDDEN}
MENTEE_PAGE = {**MENTOR_PAGE, "mentor": GONE, "mentee": OK}
MENTEE_DECISION = {**MENTEE_PAGE, "mentee": FORBIDDEN}

PAGES = {
    "index": (lambda w: reverse("mentoring:index"), PUBLIC),
    "programme": (lambda w: reverse("mentoring:programme", args=[w.programme.slug]), PUBLIC),
    "find_site": (lambda w: reverse("mentoring:find_site"), PUBLIC),
    "site_info": (lambda w: reverse("mentoring:site_info", args=[w.site.slug]), PUBLIC),
    "register_mentor": (
        lambda w: reverse("mentoring:register_mentor", args=[w.site.slug]),
        {**SIGNED_IN, "mentor": MOVED},  # the mentor is registered there: to their profile
    ),
    "register_mentee_self": (
        lambda w: reverse("mentoring:register_mentee_self", args=[w.site.slug]),
        PUBLIC,
    ),
    "mentee_registered": (
        lambda w: reverse("mentoring:mentee_registered", args=[w.site.slug]),
        PUBLIC,
    ),
    "mine": (lambda w: reverse("mentoring:mine"), SIGNED_IN),
    "coordination": (lambda w: reverse("mentoring:coordination"), ANY_COORDINATOR),
    "site": (lambda w: reverse("mentoring:site", args=[w.site.slug]), COORDINATION),
    "site_edit": (lambda w: reverse("mentoring:site_edit", args=[w.site.slug]), COORDINATION),
    "register_mentee": (
        lambda w: reverse("mentoring:register_mentee", args=[w.site.slug]),
        COORDINATION,
    ),
    "mentor": (lambda w: reverse("mentoring:mentor", args=[w.mentor.pk]), MENTOR_PAGE),
    "edit_mentor": (lambda w: reverse("mentoring:edit_mentor", args=[w.mentor.pk]), MENTOR_PAGE),
    "withdraw_mentor": (
        lambda w: reverse("mentoring:withdraw_mentor", args=[w.mentor.pk]),
        MENTOR_PAGE,
    ),
    "return_mentor": (
        lambda w: reverse("mentoring:return_mentor", args=[w.mentor.pk]),
        MENTOR_DECISION,
    ),
    "certificate": (
        lambda w: reverse("mentoring:certificate", args=[w.mentor.pk]),
        MENTOR_DECISION,
    ),
    "mentee": (lambda w: reverse("mentoring:mentee", args=[w.mentee.pk]), MENTEE_PAGE),
    "edit_mentee": (
        lambda w: reverse("mentoring:edit_mentee", args=[w.mentee.pk]),
        {**MENTEE_PAGE, "mentee": MOVED},  # to the mentee's own form
    ),
    "edit_own_mentee": (
        lambda w: reverse("mentoring:edit_own_mentee", args=[w.mentee.pk]),
        {**MENTEE_PAGE, **dict.fromkeys(COORDINATING, MOVED)},  # to the coordination's form
    ),
    "withdraw_mentee": (
        lambda w: reverse("mentoring:withdraw_mentee", args=[w.mentee.pk]),
        MENTEE_PAGE,
    ),
    "return_mentee": (
        lambda w: reverse("mentoring:return_mentee", args=[w.mentee.pk]),
        MENTEE_DECISION,
    ),
    "team": (
        lambda w: reverse("mentoring:team", args=[w.carrier.pk]),
        {**dict.fromkeys(ROLES, FORBIDDEN), "anonymous": MOVED},
    ),
}
MATRIX = [(page, role) for page in PAGES for role in ROLES]


@pytest.mark.parametrize(("page", "role"), MATRIX, ids=[f"{p}-{r}" for p, r in MATRIX])
def test_who_sees_which_page(world, page, role):
    url, expected = PAGES[page]
    response = client_as(world, role).get(url(world))
    assert response.status_code == expected[role]
    if role == "anonymous" and expected[role] == MOVED:
        assert response["Location"].startswith(reverse("account_login"))


# --- writes: refused ones change nothing -----------------------------------------------------


def _submitted_mentor(world):
    return factories.MentorFactory(site=world.site, state=Mentor.State.SUBMITTED)


def _may_decide(role):
    return role in COORDINATING


@pytest.mark.parametrize("role", ROLES)
def test_approving_a_mentor(world, role):
    mentor = _submitted_mentor(world)
    before = snapshot(mentor)
    response = client_as(world, role).post(reverse("mentoring:approve_mentor", args=[mentor.pk]))
    if _may_decide(role):
        assert response.status_code == MOVED
        assert Mentor.objects.get(pk=mentor.pk).state == Mentor.State.APPROVED
    else:
        assert response.status_code in (GONE, MOVED)
        assert snapshot(mentor) == before


def test_a_mentor_cannot_approve_their_own_profile(world):
    mentor = _submitted_mentor(world)
    before = snapshot(mentor)
    client = client_as(world, "anonymous")
    client.force_login(mentor.user)
    response = client.post(reverse("mentoring:approve_mentor", args=[mentor.pk]))
    assert response.status_code == FORBIDDEN and snapshot(mentor) == before


@pytest.mark.parametrize("role", ROLES)
def test_returning_a_mentee(world, role):
    Mentee.objects.filter(pk=world.mentee.pk).update(state=Mentee.State.SUBMITTED)
    before = snapshot(world.mentee)
    response = client_as(world, role).post(
        reverse("mentoring:return_mentee", args=[world.mentee.pk]), {"comment": "Bitte Ort"}
    )
    if _may_decide(role):
        assert response.status_code == MOVED
        assert Mentee.objects.get(pk=world.mentee.pk).state == Mentee.State.RETURNED
    else:
        assert response.status_code in (GONE, FORBIDDEN, MOVED)
        assert snapshot(world.mentee) == before


@pytest.mark.parametrize("role", ROLES)
def test_recording_a_certificate(world, role):
    before = snapshot(world.mentor)
    today = timezone.localdate().isoformat()
    response = client_as(world, role).post(
        reverse("mentoring:certificate", args=[world.mentor.pk]),
        {"seen_on": today, "issued_on": today},
    )
    if _may_decide(role):
        assert response.status_code == MOVED
        assert Mentor.objects.get(pk=world.mentor.pk).has_valid_certificate()
    else:
        assert response.status_code in (GONE, FORBIDDEN, MOVED)
        assert snapshot(world.mentor) == before


@pytest.mark.parametrize("role", ROLES)
def test_editing_a_mentor(world, role):
    before = snapshot(world.mentor)
    response = client_as(world, role).post(
        reverse("mentoring:edit_mentor", args=[world.mentor.pk]),
        mentor_post(world.site, interests="Schach"),
    )
    if _may_decide(role) or role == "mentor":
        assert response.status_code == MOVED
        assert Mentor.objects.get(pk=world.mentor.pk).interests == "Schach"
    else:
        assert response.status_code in (GONE, MOVED)
        assert snapshot(world.mentor) == before


@pytest.mark.parametrize("role", ROLES)
def test_withdrawing_a_mentor(world, role):
    before = snapshot(world.mentor)
    response = client_as(world, role).post(
        reverse("mentoring:withdraw_mentor", args=[world.mentor.pk])
    )
    if _may_decide(role) or role == "mentor":
        assert response.status_code == MOVED
        assert Mentor.objects.get(pk=world.mentor.pk).state == Mentor.State.WITHDRAWN
    else:
        assert response.status_code in (GONE, MOVED)
        assert snapshot(world.mentor) == before


@pytest.mark.parametrize("role", ROLES)
def test_withdrawing_a_mentee(world, role):
    before = snapshot(world.mentee)
    response = client_as(world, role).post(
        reverse("mentoring:withdraw_mentee", args=[world.mentee.pk])
    )
    if _may_decide(role) or role == "mentee":
        assert response.status_code == MOVED
        assert Mentee.objects.get(pk=world.mentee.pk).state == Mentee.State.WITHDRAWN
    else:
        assert response.status_code in (GONE, MOVED)
        assert snapshot(world.mentee) == before


@pytest.mark.parametrize("role", ROLES)
def test_registering_a_mentee_for_the_site(world, role):
    data = {
        "first_name": "Noor", "age_group": "adult", "lang_0": "fa", "level_0": "native",
        "municipality": world.site.municipality.slug, "max_km": "10", "kinds": ["everyday"],
        "language": "de", "consented": "on",
    }  # fmt: skip
    response = client_as(world, role).post(
        reverse("mentoring:register_mentee", args=[world.site.slug]), data
    )
    created = Mentee.objects.filter(first_name="Noor")
    if _may_decide(role):
        assert response.status_code == MOVED and created.get().state == Mentee.State.APPROVED
    else:
        assert response.status_code in (FORBIDDEN, MOVED) and not created.exists()


@pytest.mark.parametrize("role", ROLES)
def test_changing_the_sites_settings(world, role):
    response = client_as(world, role).post(
        reverse("mentoring:site_edit", args=[world.site.slug]),
        {"contact_email": "", "contact_phone": "", "accepts_registrations": "",
         "response_days": "7"},
    )  # fmt: skip
    site = Site.objects.get(pk=world.site.pk)
    if _may_decide(role):
        assert response.status_code == MOVED and not site.accepts_registrations
        assert site.response_days == 7
    else:
        assert response.status_code in (FORBIDDEN, MOVED)
        assert site.accepts_registrations and site.contact_email == "paten@example.org"
        assert site.response_days == 14


@pytest.mark.parametrize("role", ROLES)
def test_nobody_but_the_carriers_admins_appoints_or_relieves(world, role):
    grants = set(RoleGrant.objects.values_list("pk", "membership_id", "role", "scope_id"))
    membership = RoleGrant.objects.get(membership__user=world.site_coordinator).membership
    client = client_as(world, role)
    appoint = client.post(
        reverse("mentoring:team", args=[world.carrier.pk]),
        {"membership": membership.pk, "scope": "carrier"},
    )
    grant = RoleGrant.objects.get(membership=membership)
    relieve = client.post(reverse("mentoring:relieve", args=[world.carrier.pk, grant.pk]))
    assert {appoint.status_code, relieve.status_code} <= {FORBIDDEN, MOVED}
    if role != "anonymous":
        assert appoint.status_code == relieve.status_code == FORBIDDEN
    assert set(RoleGrant.objects.values_list("pk", "membership_id", "role", "scope_id")) == grants
