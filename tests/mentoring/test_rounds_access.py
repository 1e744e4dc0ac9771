"""The access matrix of the round pages: every URL × programme staff, carrier coordinator,
site coordinator, other site's coordinator, mentor, mentee, anonymous. Refused writes change
nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from handschlag.mentoring.models import ExcludedPair, MatchingRound, Proposal, Tandem

from .factories import MentorFactory
from .rounds_helpers import km_east, ready_round

pytestmark = pytest.mark.django_db

ROLES = [
    "staff",
    "carrier_coordinator",
    "site_coordinator",
    "other_site",
    "mentor",
    "mentee",
    "anonymous",
]
SITE_POOL = {"staff", "carrier_coordinator", "site_coordinator"}
CARRIER_POOL = {"staff", "carrier_coordinator"}


def person(world, role: str):
    return {
        "staff": world.staff,
        "carrier_coordinator": world.carrier_coordinator,
        "site_coordinator": world.site_coordinator,
        "other_site": world.other_site_coordinator,
        "mentor": world.mentor.user,
        "mentee": world.mentee.user,
        "anonymous": None,
    }[role]


@dataclass(frozen=True)
class Url:
    name: str
    url: Callable[[Any, MatchingRound, Proposal], str]
    allowed: set[str]
    data: Callable[[Any, Proposal], dict[str, Any]] | None = None  # POST this
    ok: int = 200  # the status for an allowed person


def _round(name: str) -> Callable[[Any, MatchingRound, Proposal], str]:
    return lambda world, r, p: reverse(name, args=[r.pk])


def _proposal(name: str) -> Callable[[Any, MatchingRound, Proposal], str]:
    return lambda world, r, p: reverse(name, args=[p.pk])


SITE = lambda world, r, p: reverse("mentoring:site_rounds", args=[world.site.slug])  # noqa: E731
CARRIER = lambda world, r, p: reverse("mentoring:carrier_rounds", args=[world.carrier.pk])  # noqa: E731

PAGES = [
    Url("round", _round("mentoring:round"), SITE_POOL),
    Url("progress", _round("mentoring:round_progress"), SITE_POOL, ok=302),
    Url("confirm", _round("mentoring:round_confirm"), SITE_POOL),
    Url("discard", _round("mentoring:round_discard"), SITE_POOL),
    Url("reject", _proposal("mentoring:proposal_reject"), SITE_POOL),
    Url("swap", _proposal("mentoring:proposal_swap"), SITE_POOL),
    Url("site_rounds", SITE, SITE_POOL),
    Url("carrier_rounds", CARRIER, CARRIER_POOL),
]
WRITES = [
    Url("accept", _proposal("mentoring:proposal_accept"), SITE_POOL, lambda w, p: {}, 302),
    Url(
        "reject",
        _proposal("mentoring:proposal_reject"),
        SITE_POOL,
        lambda w, p: {f"r{p.pk}-reason": "known"},
        302,
    ),
    Url("reset", _proposal("mentoring:proposal_reset"), SITE_POOL, lambda w, p: {}, 302),
    Url("accept_all", _round("mentoring:round_accept_all"), SITE_POOL, lambda w, p: {}, 302),
    Url("confirm", _round("mentoring:round_confirm"), SITE_POOL, lambda w, p: {}, 302),
    Url("discard", _round("mentoring:round_discard"), SITE_POOL, lambda w, p: {}, 302),
    Url(
        "swap",
        _proposal("mentoring:proposal_swap"),
        SITE_POOL,
        lambda w, p: {"mentor": w.spare.pk, "bestaetigt": "1"},
        302,
    ),
    Url("start_site", SITE, SITE_POOL, lambda w, p: {}, 302),
    Url("start_carrier", CARRIER, CARRIER_POOL, lambda w, p: {}, 302),
]


@pytest.fixture
def scene(world):
    world.spare = MentorFactory(site=world.site, municipality=km_east(3, world.site.municipality))
    matching_round = ready_round(world.site_coordinator, site=world.site)
    proposal = matching_round.proposals.get()
    proposal.state = Proposal.State.ACCEPTED  # so that reset and confirm have work to do
    proposal.save()
    return world, matching_round, proposal


def snapshot() -> tuple:
    return (
        list(MatchingRound.objects.order_by("pk").values_list("pk", "state")),
        list(Proposal.objects.order_by("pk").values_list("pk", "state", "mentor", "manual")),
        list(ExcludedPair.objects.values_list("mentor", "mentee")),
        Tandem.objects.count(),
    )


def login(client, world, role: str) -> None:
    user = person(world, role)
    if user is not None:
        client.force_login(user)


def refused_status(role: str) -> int:
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=lambda u: u.name)
def test_who_sees_the_pages(client, scene, page, role):
    world, matching_round, proposal = scene
    login(client, world, role)
    response = client.get(page.url(world, matching_round, proposal))
    if role in page.allowed:
        assert response.status_code == page.ok
    else:
        assert response.status_code == refused_status(role)
        if role == "anonymous":
            assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", WRITES, ids=lambda u: u.name)
def test_who_may_write_and_refused_writes_change_nothing(
    client, scene, write, role, django_capture_on_commit_callbacks
):
    world, matching_round, proposal = scene
    if write.name in ("accept", "accept_all"):
        Proposal.objects.filter(pk=proposal.pk).update(state=Proposal.State.PROPOSED)
    if write.name in ("start_site", "start_carrier"):
        MatchingRound.objects.filter(pk=matching_round.pk).update(state="discarded")
    login(client, world, role)
    before = snapshot()
    assert write.data is not None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            write.url(world, matching_round, proposal), write.data(world, proposal)
        )
    if role in write.allowed:
        assert response.status_code == write.ok
        assert snapshot() != before, "an allowed write changed nothing"
    else:
        assert response.status_code == refused_status(role)
        assert snapshot() == before
