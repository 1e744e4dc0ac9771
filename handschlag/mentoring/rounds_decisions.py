"""The coordinator's decisions on the proposals of a ready round: accept, reject (with a
reason: the pair is excluded from every later round), take back a decision, accept all open
ones, and swaps by hand — another mentor for a mentee, or the mentors of two proposals
exchanged. A swap is planned first (`plan_swap`, `plan_exchange`: the new pairs scored by the
engine, what it costs in points, which hard rule a pair breaks) and refused if a new pair
breaks one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError

from . import pool
from .models import ExcludedPair, MatchingRound, Mentor, Proposal
from .pool_checks import Scored, score_pairs, table
from .rounds import pool_sites, require_manage, round_day

ACCEPTED = "mentoring.proposal_accepted"
ACCEPTED_ALL = "mentoring.proposals_accepted"
REJECTED = "mentoring.proposal_rejected"
RESET = "mentoring.proposal_reset"
SWAPPED = "mentoring.proposal_swapped"
State = Proposal.State


def _lock_ready(matching_round: MatchingRound, by: Any) -> None:
    """Permission, and the round still ready: read under a row lock, so a decision never
    slips in after a concurrent confirm or discard."""
    require_manage(by, matching_round)
    current = MatchingRound.objects.select_for_update().get(pk=matching_round.pk)
    matching_round.state = current.state
    matching_round.require_state(MatchingRound.State.READY)


def _move(proposal: Proposal, from_states: Sequence[str], to_state: str) -> None:
    moved = Proposal.objects.filter(pk=proposal.pk, state__in=from_states).update(state=to_state)
    if not moved:
        raise DomainError(_("Über diesen Vorschlag ist schon entschieden."), code="decided")
    proposal.state = to_state


@transaction.atomic
def accept_proposal(*, proposal: Proposal, by: Any) -> Proposal:
    _lock_ready(proposal.round, by)
    _move(proposal, [State.PROPOSED], State.ACCEPTED)
    record(actor=by, verb=ACCEPTED, target=proposal.round, proposal=proposal.pk)
    return proposal


@transaction.atomic
def accept_all(*, matching_round: MatchingRound, by: Any, site_id: int | None = None) -> int:
    """Accept every undecided proposal (of one site's mentees, if given); returns how many."""
    _lock_ready(matching_round, by)
    undecided = matching_round.proposals.filter(state=State.PROPOSED)
    if site_id is not None:
        undecided = undecided.filter(mentee__site_id=site_id)
    count = undecided.update(state=State.ACCEPTED)
    if not count:
        raise DomainError(_("Es gibt keine offenen Vorschläge mehr."), code="none_open")
    record(actor=by, verb=ACCEPTED_ALL, target=matching_round, count=count, site=site_id)
    return count


@transaction.atomic
def reject_proposal(*, proposal: Proposal, by: Any, reason: str, comment: str = "") -> Proposal:
    """Reject the pair; it is excluded from every later round (ExcludedPair)."""
    _lock_ready(proposal.round, by)
    if reason not in ExcludedPair.Reason.values:
        raise DomainError(_("Bitte wählen Sie einen Grund."), code="reason")
    _move(proposal, [State.PROPOSED, State.ACCEPTED], State.REJECTED)
    ExcludedPair.objects.get_or_create(
        mentor_id=proposal.mentor_id,
        mentee_id=proposal.mentee_id,
        defaults={"reason": reason, "comment": comment[:300], "by": by},
    )
    record(
        actor=by,
        verb=REJECTED,
        target=proposal.round,
        comment=comment,
        proposal=proposal.pk,
        reason=reason,
    )
    return proposal


@transaction.atomic
def reset_proposal(*, proposal: Proposal, by: Any) -> Proposal:
    """Take a decision back; a rejected pair is no longer excluded."""
    _lock_ready(proposal.round, by)
    was = Proposal.objects.filter(pk=proposal.pk).values_list("state", flat=True).first()
    _move(proposal, [State.ACCEPTED, State.REJECTED], State.PROPOSED)
    if was == State.REJECTED:
        ExcludedPair.objects.filter(
            mentor_id=proposal.mentor_id, mentee_id=proposal.mentee_id
        ).delete()
    record(actor=by, verb=RESET, target=proposal.round, proposal=proposal.pk)
    return proposal


# --- swaps by hand -----------------------------------------------------------------------


@dataclass
class Plan:
    """A swap: each proposal and the pair it would become, scored by the engine."""

    changes: list[tuple[Proposal, Scored]]
    problems: list[str]
    before: int = 0  # the proposals' points when planned

    def __post_init__(self) -> None:
        self.before = sum(p.points for p, _new in self.changes)

    @property
    def after(self) -> int:
        return sum(new.points for _p, new in self.changes)

    @property
    def cost(self) -> int:
        """Points lost against the proposals as they are (negative: a gain)."""
        return self.before - self.after

    @property
    def ok(self) -> bool:
        return not self.problems


def _score(matching_round: MatchingRound, pairs: list[tuple[Mentor, Any]]) -> list[Scored]:
    return score_pairs(
        pairs, programme=matching_round.carrier.programme, today=round_day(matching_round)
    )


def places_left(matching_round: MatchingRound, mentors: Sequence[Mentor]) -> dict[int, int]:
    """Each mentor's free places minus the round's proposals that are not rejected."""
    used = dict(
        matching_round.proposals.exclude(state=State.REJECTED)
        .filter(mentor__in=[m.pk for m in mentors])
        .values_list("mentor")
        .annotate(n=Count("pk"))
        .values_list("mentor", "n")
    )
    return {m.pk: m.free_places - used.get(m.pk, 0) for m in mentors}


def plan_swap(*, proposal: Proposal, mentor: Mentor) -> Plan:
    """The proposal's mentee with `mentor` instead."""
    matching_round = proposal.round
    names = {"mentor": mentor.display_name}
    problems = []
    in_pool = pool.pool_mentors(pool_sites(matching_round)).filter(pk=mentor.pk).exists()
    if mentor.pk == proposal.mentor_id:
        problems.append(_("%(mentor)s ist schon für diesen Vorschlag eingeplant.") % names)
    elif not in_pool:
        problems.append(_("%(mentor)s gehört nicht zum Pool dieser Runde.") % names)
    elif places_left(matching_round, [mentor])[mentor.pk] < 1:
        problems.append(
            _(
                "%(mentor)s hat in dieser Runde keinen freien Platz mehr. Tauschen Sie "
                "stattdessen die Mentor:innen zweier Vorschläge."
            )
            % names
        )
    (scored,) = _score(matching_round, [(mentor, proposal.mentee)])
    problems += list(scored.problems)
    return Plan([(proposal, scored)], problems)


def plan_exchange(*, proposal: Proposal, other: Proposal) -> Plan:
    """The mentors of two proposals of the same round exchanged."""
    matching_round = proposal.round
    problems = []
    if other.round_id != proposal.round_id or other.pk == proposal.pk:
        raise DomainError(_("Wählen Sie einen anderen Vorschlag dieser Runde."), code="other")
    if other.mentor_id == proposal.mentor_id:
        problems.append(_("Beide Vorschläge haben dieselbe Mentor:in."))
    first, second = _score(
        matching_round, [(other.mentor, proposal.mentee), (proposal.mentor, other.mentee)]
    )
    problems += list(first.problems) + list(second.problems)
    return Plan([(proposal, first), (other, second)], problems)


@transaction.atomic
def carry_out(*, plan: Plan, by: Any) -> Plan:
    """Apply a planned swap: the proposals take the new pairs, marked as set by hand and
    accepted (the coordinator chose them). Refused, changing nothing, if a pair breaks a
    hard rule."""
    proposals = [p for p, _new in plan.changes]
    _lock_ready(proposals[0].round, by)
    if not plan.ok:
        raise DomainError(" ".join(plan.problems), code="incompatible")
    for proposal, new in plan.changes:
        fields = {**new.fields, "mentor": new.mentor, "manual": True, "state": State.ACCEPTED}
        for name, value in fields.items():
            setattr(proposal, name, value)
        proposal.save(update_fields=[*new.fields, "mentor", "manual", "state"])
    record(
        actor=by,
        verb=SWAPPED,
        target=proposals[0].round,
        proposals=[p.pk for p in proposals],
        before=plan.before,
        after=plan.after,
    )
    return plan


# --- what a swap could be ----------------------------------------------------------------


def swap_options(proposal: Proposal, *, limit: int = 30) -> list[tuple[Mentor, int]]:
    """Mentors of the pool with a place left in this round who fit the proposal's mentee,
    best points first: (mentor, points)."""
    matching_round = proposal.round
    mentors = [
        m
        for m in pool.pool_mentors(pool_sites(matching_round)).exclude(pk=proposal.mentor_id)
        if m.free_places > 0
    ]
    left = places_left(matching_round, mentors)
    mentors = [m for m in mentors if left[m.pk] > 0]
    ok, pts = table(
        mentors,
        [proposal.mentee],
        programme=matching_round.carrier.programme,
        today=round_day(matching_round),
    )
    options = [(m, int(pts[i, 0])) for i, m in enumerate(mentors) if ok[i, 0]]
    options.sort(key=lambda option: (-option[1], option[0].pk))
    return options[:limit]


def exchange_options(proposal: Proposal, *, limit: int = 30) -> list[tuple[Proposal, int]]:
    """Other proposals of the round whose mentor fits this mentee and whose mentee fits this
    mentor: (proposal, cost in points), cheapest first."""
    matching_round = proposal.round
    others = list(
        matching_round.proposals.exclude(pk=proposal.pk)
        .exclude(mentor_id=proposal.mentor_id)
        .exclude(state=State.REJECTED)
        .select_related("mentor__user", "mentor__municipality", "mentee__municipality")
    )
    programme, today = matching_round.carrier.programme, round_day(matching_round)
    mine_ok, mine_pts = table(
        [o.mentor for o in others], [proposal.mentee], programme=programme, today=today
    )
    theirs_ok, theirs_pts = table(
        [proposal.mentor], [o.mentee for o in others], programme=programme, today=today
    )
    options = []
    for i, other in enumerate(others):
        if mine_ok[i, 0] and theirs_ok[0, i]:
            gained = int(mine_pts[i, 0]) + int(theirs_pts[0, i])
            options.append((other, proposal.points + other.points - gained))
    options.sort(key=lambda option: (option[1], option[0].pk))
    return options[:limit]
