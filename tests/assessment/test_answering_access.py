"""The access matrix of the answering pages: every page and every POST × admin, colleague
(member with a delegated area), member, partner (outside user with a delegated area),
other_admin (another town), moderator, anonymous. A refused write changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from handschlag.assessment.models import Assessment, Delegation

from .answering_helpers import question, snapshot, stored_scores  # noqa: F401

pytestmark = pytest.mark.django_db

ROLES = ["admin", "colleague", "member", "partner", "other_admin", "moderator", "anonymous"]
LOGGED_IN = set(ROLES) - {"anonymous"}
ADMIN = {"admin"}
TEAM = {"admin", "colleague", "member"}
ROUND = TEAM | {"partner"}
ANSWERING = {"admin", "colleague"}  # the section (Verwaltung, first area)


@dataclass(frozen=True)
class Url:
    name: str
    url: Callable[[Any], str]
    allowed: set[str]
    data: Callable[[Any], dict[str, Any]] | None = None  # POST this
    ok: int = 200
    htmx: bool = False
    closed: bool = False  # the round is closed first


def _round(name: str) -> Callable[[Any], str]:
    return lambda w: reverse(name, args=[w.assessment.pk])


def _section(group: str, area: str) -> Callable[[Any], str]:
    return lambda w: reverse(
        "assessment:answer",
        args=[w.assessment.pk, getattr(w, group).pk, getattr(w, area).pk],
    )


def _autosave(w: Any) -> str:
    q1 = question(w.framework, "q1")
    return reverse(
        "assessment:autosave", args=[w.assessment.pk, w.administration.pk, w.first_area.pk, q1.pk]
    )


def _revoke(w: Any) -> str:
    delegation = Delegation.objects.get(user=w.partner)
    return reverse("assessment:revoke", args=[w.assessment.pk, delegation.pk])


def _q1_answer(w: Any) -> dict[str, Any]:
    q1 = question(w.framework, "q1")
    return {f"q{q1.pk}-value": str(q1.options.get(key="yes").pk)}


START = lambda w: reverse("assessment:start", args=[w.organisation.slug])  # noqa: E731
INDEX = lambda w: reverse("assessment:index")  # noqa: E731

PAGES = [
    Url("index", INDEX, LOGGED_IN),
    Url("start", START, ADMIN),
    Url("detail", _round("assessment:detail"), ROUND),
    Url("add_group", _round("assessment:add_group"), ADMIN),
    Url("delegate", _round("assessment:delegate"), ADMIN),
    Url("revoke", _revoke, ADMIN),
    Url("section_admin_first", _section("administration", "first_area"), TEAM),
    Url("section_civil_second", _section("civil_society", "second_area"), ROUND),
    Url("close", _round("assessment:close"), ADMIN),
    Url("reopen", _round("assessment:reopen"), ADMIN),
    Url("share", _round("assessment:share"), ADMIN),
]  # fmt: skip
WRITES = [
    Url("start", START, ADMIN, lambda w: {"framework": w.framework.pk}, 302, closed=True),
    Url("add_group", _round("assessment:add_group"), ADMIN,
        lambda w: {"name": "Beirat", "kind": "other"}, 302),
    Url("delegate", _round("assessment:delegate"), ADMIN,
        lambda w: {"group": w.administration.pk, "areas": [w.second_area.pk],
                   "colleague": w.member.pk}, 302),
    Url("invite", _round("assessment:delegate"), ADMIN,
        lambda w: {"group": w.civil_society.pk, "areas": [w.first_area.pk],
                   "email": "beirat@example.org"}, 302),
    Url("revoke", _revoke, ADMIN, lambda w: {}, 302),
    Url("answer", _section("administration", "first_area"), ANSWERING, _q1_answer, 302),
    Url("autosave", _autosave, ANSWERING, _q1_answer, 200, htmx=True),
    Url("close", _round("assessment:close"), ADMIN, lambda w: {}, 302),
    Url("reopen", _round("assessment:reopen"), ADMIN, lambda w: {}, 302, closed=True),
    Url("share", _round("assessment:share"), ADMIN, lambda w: {"shared": "1"}, 302),
]  # fmt: skip


def login(client, world, role: str) -> None:
    if role != "anonymous":
        client.force_login(getattr(world, role))


def refused_status(role: str) -> int:
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=lambda u: u.name)
def test_who_sees_the_pages(client, world, page, role):
    login(client, world, role)
    response = client.get(page.url(world))
    if role in page.allowed:
        assert response.status_code == page.ok
    else:
        assert response.status_code == refused_status(role)
        if role == "anonymous":
            assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", WRITES, ids=lambda u: u.name)
def test_who_may_write_and_refused_writes_change_nothing(
    client,
    world,
    write,
    role,
    stored_scores,  # noqa: F811
):
    if write.closed:
        Assessment.objects.filter(pk=world.assessment.pk).update(state="closed")
    login(client, world, role)
    before = snapshot()
    extra = {"HTTP_HX_REQUEST": "true"} if write.htmx else {}
    response = client.post(write.url(world), write.data(world), **extra)
    if role in write.allowed:
        assert response.status_code == write.ok
        assert snapshot() != before, f"{write.name} by {role} changed nothing"
    else:
        assert response.status_code == refused_status(role)
        assert snapshot() == before


def test_an_unknown_round_section_or_question_is_404(client, world):
    client.force_login(world.admin)
    w = world
    foreign_group = w.other_assessment.groups.create(name="Fremd", kind="other")
    for url in (
        reverse("assessment:detail", args=[999999]),
        reverse("assessment:answer", args=[w.assessment.pk, 999999, w.first_area.pk]),
        # a group of another round, an area of another framework
        reverse("assessment:answer", args=[w.assessment.pk, foreign_group.pk, w.first_area.pk]),
        reverse(
            "assessment:answer",
            args=[
                w.assessment.pk,
                w.administration.pk,
                w.other_assessment.framework.areas.first().pk,
            ],
        ),
        reverse("assessment:revoke", args=[w.assessment.pk, 999999]),
        reverse("assessment:start", args=["gibt-es-nicht"]),
    ):
        assert client.get(url).status_code == 404, url
    q_elsewhere = question(w.framework, "q5")  # in the second area
    url = reverse(
        "assessment:autosave",
        args=[w.assessment.pk, w.administration.pk, w.first_area.pk, q_elsewhere.pk],
    )
    assert client.post(url, {}, HTTP_HX_REQUEST="true").status_code == 404


def test_a_revoked_delegate_loses_the_pages_at_once(client, world):
    Delegation.objects.filter(user=world.partner).update(revoked_at="2026-01-01T00:00Z")
    client.force_login(world.partner)
    assert client.get(world.assessment.get_absolute_url()).status_code == 403
    assert client.get(_section("civil_society", "second_area")(world)).status_code == 403
