"""A swap by hand: another mentor for a proposal's mentee, or the mentors of two proposals
exchanged. The page lists what fits (best points first), previews the choice — what it costs
in points, or which hard rule a new pair breaks — and carries it out once confirmed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from handschlag.core.errors import DomainError

from . import pool, rounds_decisions
from .models import Mentor, Proposal
from .rounds_forms import SwapForm
from .rounds_views import _back, _proposal

MORE_AT_SITE = 100


def points(value: int) -> str:
    return number_format(value, force_grouping=True)


def _mentor_label(mentor: Mentor, score: int | None = None) -> str:
    label = f"{mentor.display_name} ({mentor.site.name})"
    if score is None:
        return label
    return _("%(mentor)s · %(points)s Punkte") % {"mentor": label, "points": points(score)}


def _exchange_label(other: Proposal, cost: int) -> str:
    return _("%(mentor)s (jetzt mit %(mentee)s) · kostet %(points)s Punkte") % {
        "mentor": other.mentor.display_name,
        "mentee": other.mentee.display_name,
        "points": points(cost),
    }


@login_required
def swap(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    fitting = rounds_decisions.swap_options(proposal)
    shown = {m.pk for m, _score in fitting} | {proposal.mentor_id}
    more = list(pool.pool_mentors([proposal.mentee.site_id]).exclude(pk__in=shown)[:MORE_AT_SITE])
    mentors: dict[int, Mentor] = {m.pk: m for m, _score in fitting} | {m.pk: m for m in more}
    exchanges = rounds_decisions.exchange_options(proposal)
    others = {other.pk: other for other, _cost in exchanges}
    groups = [
        (
            _("Passend, die meisten Punkte zuerst"),
            [(m.pk, _mentor_label(m, s)) for m, s in fitting],
        ),
        (_("Weitere Mentor:innen am Standort"), [(m.pk, _mentor_label(m)) for m in more]),
    ]
    form = SwapForm(
        request.POST or None,
        mentors=[(label, choices) for label, choices in groups if choices],
        others=[(o.pk, _exchange_label(o, cost)) for o, cost in exchanges],
    )
    plan = None
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["mentor"] is not None:
            plan = rounds_decisions.plan_swap(
                proposal=proposal, mentor=mentors[form.cleaned_data["mentor"]]
            )
        else:
            plan = rounds_decisions.plan_exchange(
                proposal=proposal, other=others[form.cleaned_data["other"]]
            )
        if plan.ok and request.POST.get("bestaetigt"):
            try:
                rounds_decisions.carry_out(plan=plan, by=request.user)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _done(plan))
            return _back(proposal)
    context: dict[str, Any] = {
        "proposal": proposal,
        "round": proposal.round,
        "form": form,
        "plan": plan,
        "cost": points(abs(plan.cost)) if plan else "",
        "fitting": len(fitting),
    }
    return render(request, "mentoring/rounds/swap.html", context)


def _done(plan: rounds_decisions.Plan) -> str:
    if plan.cost > 0:
        return _("Getauscht. Das kostet %(points)s Punkte.") % {"points": points(plan.cost)}
    if plan.cost < 0:
        return _("Getauscht. Das bringt %(points)s Punkte.") % {"points": points(-plan.cost)}
    return _("Getauscht, ohne Punkte zu verlieren.")
