"""The round pages of the HTML check: a round running, ready (proposals, one swapped by hand,
one rejected; and the people without proposal), confirmed (with people to call), failed; the
questions before confirming and discarding; rejecting; a swap with its preview and a refused
one; the rounds of a site and of a carrier.

The demo world has no mentoring yet: each page's URL builds its own small scene (undone after
the page, like every write of the check) and remembers its coordinator for the page's user."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from handschlag.mentoring import access, rounds, rounds_decisions
from handschlag.mentoring.models import MatchingRound, Proposal
from tests.mentoring import factories
from tests.mentoring.rounds_helpers import km_east, ready_round

from .page import Page, in_english
from .world import PageWorld

_scene: dict[str, Any] = {}


def _coordinator(world: PageWorld) -> Any:
    return _scene["coordinator"]


def _build(state: str = "ready") -> MatchingRound:
    """A site with five mentees and three mentors (one far away, one speaking only Russian)."""
    site = factories.SiteFactory(name="Patenschaften Leipzig-Grünau")
    coordinator = factories.coordinator(access.SITE_COORDINATOR, site)
    _scene.update(coordinator=coordinator, site=site)
    mentor = factories.MentorFactory(site=site, capacity=3, free_places=3)
    factories.MentorFactory(site=site, municipality=km_east(4, site.municipality))
    _scene["russian"] = factories.MentorFactory(
        site=site, languages=[{"code": "ru", "level": "native"}]
    )
    for name, extra in (
        ("Amal", {"email": "amal@example.org"}),
        ("Hiwa", {"phone": "0341 1234567"}),
        ("Olena", {"languages": [{"code": "uk", "level": "native"}]}),
        ("Tesfay", {"languages": [{"code": "ti", "level": "native"}]}),
    ):
        factories.MenteeFactory(site=site, first_name=name, **extra)
    _scene["mentor"] = mentor
    if state in ("queued", "running"):
        # made directly: started through the service, the task would run at once
        return MatchingRound.objects.create(
            carrier=site.carrier,
            site=site,
            started_by=coordinator,
            state=state,
            progress=30 if state == "running" else 0,
            progress_step="matching" if state == "running" else "",
        )
    matching_round = ready_round(coordinator, site=site)
    proposals = list(matching_round.proposals.order_by("pk"))
    rounds_decisions.accept_proposal(proposal=proposals[0], by=coordinator)
    if len(proposals) > 2:
        rounds_decisions.reject_proposal(proposal=proposals[1], by=coordinator, reason="time")
    if state == "confirmed":
        rounds.confirm_round(matching_round=matching_round, by=coordinator)
        Proposal.objects.filter(round=matching_round, state="proposed").update(state="accepted")
    return matching_round


def _round(state: str = "ready", suffix: str = "") -> Any:
    def build(world: PageWorld) -> str:
        return _build(state).get_absolute_url() + suffix

    return build


def _named(name: str, state: str = "ready") -> Any:
    def build(world: PageWorld) -> str:
        return reverse(name, args=[_build(state).pk])

    return build


def _proposal(name: str) -> Any:
    def build(world: PageWorld) -> str:
        proposal = _build().proposals.order_by("pk").first()
        return reverse(name, args=[proposal.pk])

    return build


def _failed(world: PageWorld) -> str:
    matching_round = _build("queued")
    MatchingRound.objects.filter(pk=matching_round.pk).update(
        state="failed", error="ValueError: kaputt"
    )
    return matching_round.get_absolute_url()


def _swap_to(key: str) -> Any:
    def data(world: PageWorld) -> dict[str, Any]:
        return {"mentor": _scene[key].pk}

    return data


def _spare(world: PageWorld) -> dict[str, Any]:
    proposal = MatchingRound.objects.latest("pk").proposals.order_by("pk").first()
    spare = rounds_decisions.swap_options(proposal)[0][0]
    return {"mentor": spare.pk}


def _site_rounds(world: PageWorld) -> str:
    _build()
    return reverse("mentoring:site_rounds", args=[_scene["site"].slug])


def _carrier_rounds(world: PageWorld) -> str:
    matching_round = _build()
    carrier = matching_round.carrier
    _scene["coordinator"] = factories.coordinator(access.CARRIER_COORDINATOR, carrier)
    return reverse("mentoring:carrier_rounds", args=[carrier.pk])


ROUND_PAGES = [
    Page("mentoring_round_queued", _coordinator, _round("queued")),
    Page("mentoring_round_running", _coordinator, _round("running")),
    Page("mentoring_round_ready", _coordinator, _round()),
    Page("mentoring_round_ready_filtered", _coordinator, _round(suffix="?entscheidung=offen")),
    Page("mentoring_round_leftovers", _coordinator, _round(suffix="?ansicht=uebrig")),
    Page("mentoring_round_confirmed", _coordinator, _round("confirmed")),
    Page("mentoring_round_failed", _coordinator, _failed),
    Page("mentoring_round_confirm", _coordinator, _named("mentoring:round_confirm")),
    Page("mentoring_round_discard", _coordinator, _named("mentoring:round_discard")),
    Page("mentoring_proposal_reject", _coordinator, _proposal("mentoring:proposal_reject")),
    Page(
        "mentoring_proposal_reject_errors",
        _coordinator,
        _proposal("mentoring:proposal_reject"),
        data=lambda world: {"sent": ""},
    ),
    Page("mentoring_proposal_swap", _coordinator, _proposal("mentoring:proposal_swap")),
    Page(
        "mentoring_proposal_swap_preview",
        _coordinator,
        _proposal("mentoring:proposal_swap"),
        data=_spare,
    ),
    Page(
        "mentoring_proposal_swap_refused",
        _coordinator,
        _proposal("mentoring:proposal_swap"),
        data=_swap_to("russian"),
    ),
    Page("mentoring_site_rounds", _coordinator, _site_rounds),
    Page("mentoring_carrier_rounds", _coordinator, _carrier_rounds),
]
ROUND_PAGES += in_english(ROUND_PAGES, "mentoring_round_ready", "mentoring_proposal_swap_preview")
