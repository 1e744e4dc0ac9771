"""The round pages: a round (progress while it runs; then its proposals, with reasons and
points, and everyone without one, with why), the decisions on proposals, confirming and
discarding, and the rounds of a site and of a carrier (where a round is started).

Every page and action needs `mentoring.manage_round` on the round (its site, or its carrier
for a carrier-wide round); anonymous visitors are sent to log in, others get 403."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from handschlag.core.errors import DomainError

from . import rounds, rounds_decisions
from .explanations import pair_text, unmatched_text
from .models import MatchingRound, Mentee, Proposal, Site, Tandem
from .rounds_forms import DECISION_FILTERS, RejectForm, RoundFilterForm

PER_PAGE = 50
State = MatchingRound.State


def _round(request: HttpRequest, pk: int) -> MatchingRound:
    matching_round = get_object_or_404(
        MatchingRound.objects.select_related("carrier__organisation", "carrier__programme", "site"),
        pk=pk,
    )
    if not request.user.has_perm("mentoring.manage_round", matching_round):
        raise PermissionDenied
    return matching_round


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related(
            "round__carrier__programme",
            "round__site",
            "mentor__user",
            "mentor__site",
            "mentor__municipality",
            "mentee__site",
            "mentee__municipality",
        ),
        pk=pk,
    )
    if not request.user.has_perm("mentoring.manage_round", proposal.round):
        raise PermissionDenied
    return proposal


def _back(proposal: Proposal) -> HttpResponse:
    return redirect(f"{proposal.round.get_absolute_url()}#p{proposal.pk}")


# --- the round page ------------------------------------------------------------------------


@login_required
def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    matching_round = _round(request, pk)
    context = _progress_context(matching_round)
    if matching_round.state in (State.QUEUED, State.RUNNING):
        return render(request, "mentoring/rounds/round.html", context)
    sites = list(Site.objects.filter(pk__in=rounds.pool_sites(matching_round)).order_by("name"))
    form = RoundFilterForm(request.GET, sites=sites)
    form.is_valid()
    context["form"] = form
    context["leftover_view"] = form.value("ansicht") == "uebrig"
    site_id = form.value("standort")
    context |= _summary(matching_round)
    if context["leftover_view"]:
        context |= _leftovers(request, matching_round, site_id)
    else:
        context |= _proposals(request, matching_round, site_id, form.value("entscheidung"))
    if matching_round.state == State.CONFIRMED:
        context |= _confirmed(matching_round)
    return render(request, "mentoring/rounds/round.html", context)


@login_required
def round_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress part, polled by htmx while the round runs; once it is done, the whole
    page is loaded again."""
    matching_round = _round(request, pk)
    if matching_round.state not in (State.QUEUED, State.RUNNING):
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponseClientRefresh()
        return redirect(matching_round)
    context = _progress_context(matching_round)
    return render(request, "mentoring/rounds/round.html#progress", context)


def _progress_context(matching_round: MatchingRound) -> dict[str, Any]:
    step = rounds.STEPS.get(matching_round.progress_step)
    return {"round": matching_round, "step_label": step or _("Fortschritt")}


def _summary(matching_round: MatchingRound) -> dict[str, Any]:
    counts = matching_round.proposals.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(state=Proposal.State.PROPOSED)),
        accepted=Count("pk", filter=Q(state=Proposal.State.ACCEPTED)),
        rejected=Count("pk", filter=Q(state=Proposal.State.REJECTED)),
        manual=Count("pk", filter=Q(manual=True)),
        points=Coalesce(Sum("points"), 0),
    )
    leftovers = matching_round.leftovers.aggregate(
        mentors=Count("pk", filter=Q(mentor__isnull=False)),
        mentees=Count("pk", filter=Q(mentee__isnull=False)),
    )
    return {
        "counts": counts,
        "left": leftovers,
        "swap_cost": matching_round.objective - counts["points"],
        "can_decide": matching_round.state == State.READY,
    }


def _proposals(
    request: HttpRequest, matching_round: MatchingRound, site_id: int | None, decision: str | None
) -> dict[str, Any]:
    proposals = matching_round.proposals.select_related(
        "mentor__user", "mentor__site", "mentee__site"
    )
    if site_id:
        proposals = proposals.filter(mentee__site_id=site_id)
    if decision:
        proposals = proposals.filter(**DECISION_FILTERS[decision])
    if matching_round.state == State.CONFIRMED:
        # the tandem each accepted pair became, so the page leads on to it
        made = Tandem.objects.filter(
            round=matching_round, mentor=OuterRef("mentor"), mentee=OuterRef("mentee")
        ).values("pk")
        proposals = proposals.annotate(tandem_id=Subquery(made[:1]))
    page = Paginator(proposals.order_by("-points", "pk"), PER_PAGE).get_page(
        request.GET.get("seite")
    )
    rows = [
        {
            "proposal": p,
            "reasons": pair_text(p.reasons, partner=p.mentee.display_name),
        }
        for p in page
    ]
    return {"page_obj": page, "rows": rows}


def _leftovers(
    request: HttpRequest, matching_round: MatchingRound, site_id: int | None
) -> dict[str, Any]:
    leftovers = matching_round.leftovers.select_related(
        "mentor__user", "mentor__site", "mentee__site"
    )
    if site_id:
        leftovers = leftovers.filter(Q(mentor__site_id=site_id) | Q(mentee__site_id=site_id))
    page = Paginator(leftovers.order_by("mentee", "pk"), PER_PAGE).get_page(
        request.GET.get("seite")
    )
    rows = [{"leftover": left, "why": unmatched_text(left)} for left in page]
    return {"page_obj": page, "rows": rows}


def _confirmed(matching_round: MatchingRound) -> dict[str, Any]:
    """After confirming: how many tandems, whom the coordination calls (mentees without email
    or account), which accepted proposals did not become a tandem."""
    tandems = Tandem.objects.filter(round=matching_round)
    to_call = (
        Mentee.objects.filter(tandems__round=matching_round, user__isnull=True, email="")
        .select_related("site")
        .order_by("first_name", "pk")
    )
    made = tandems.filter(mentor=OuterRef("mentor"), mentee=OuterRef("mentee")).values("pk")
    missing = (
        matching_round.proposals.filter(state=Proposal.State.ACCEPTED)
        .annotate(tandem=Subquery(made[:1]))
        .filter(tandem__isnull=True)
        .select_related("mentor__user", "mentee")
    )
    return {"tandem_count": tandems.count(), "to_call": list(to_call), "missing": list(missing)}


# --- decisions ---------------------------------------------------------------------------


def _decide(request: HttpRequest, action: Any, done: str, **kwargs: Any) -> bool:
    try:
        action(by=request.user, **kwargs)
    except DomainError as error:
        messages.error(request, error.message)
        return False
    if done:
        messages.success(request, done)
    return True


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _decide(request, rounds_decisions.accept_proposal, "", proposal=proposal)
    return _back(proposal)


@login_required
@require_POST
def reset(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    _decide(request, rounds_decisions.reset_proposal, "", proposal=proposal)
    return _back(proposal)


@login_required
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    form = RejectForm(request.POST if request.method == "POST" else None, prefix=f"r{proposal.pk}")
    if request.method == "POST" and form.is_valid():
        names = {"mentor": proposal.mentor.display_name, "mentee": proposal.mentee.display_name}
        done = (
            _(
                "Abgelehnt: %(mentor)s und %(mentee)s werden sich in keiner späteren Runde "
                "vorgeschlagen."
            )
            % names
        )
        _decide(
            request,
            rounds_decisions.reject_proposal,
            done,
            proposal=proposal,
            reason=form.cleaned_data["reason"],
            comment=form.cleaned_data["comment"],
        )
        return _back(proposal)
    context = {"proposal": proposal, "form": form, "round": proposal.round}
    return render(request, "mentoring/rounds/reject.html", context)


@login_required
@require_POST
def accept_all(request: HttpRequest, pk: int) -> HttpResponse:
    matching_round = _round(request, pk)
    try:
        count = rounds_decisions.accept_all(matching_round=matching_round, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext("%(count)s Vorschlag angenommen.", "%(count)s Vorschläge angenommen.", count)
            % {"count": count},
        )
    return redirect(matching_round)


# --- confirm and discard -----------------------------------------------------------------


@login_required
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (how many tandems, how many people are told, whom to call), then confirms."""
    matching_round = _round(request, pk)
    if request.method == "POST":
        try:
            outcome = rounds.confirm_round(matching_round=matching_round, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            _report(request, outcome)
        return redirect(matching_round)
    accepted = rounds.accepted_proposals(matching_round)
    mentees = [p.mentee for p in accepted]
    by_mail = sum(rounds.reaches_by_mail(m) for m in mentees)
    context = {
        "round": matching_round,
        "tandems": len(mentees),
        "told": len(mentees) + by_mail,
        "to_call": len(mentees) - by_mail,
        "undecided": matching_round.proposals.filter(state=Proposal.State.PROPOSED).count(),
    }
    return render(request, "mentoring/rounds/confirm.html", context)


def _report(request: HttpRequest, outcome: rounds.Confirmation) -> None:
    made = len(outcome.tandems)
    messages.success(
        request,
        ngettext("%(count)s Tandem angelegt.", "%(count)s Tandems angelegt.", made)
        % {"count": made},
    )
    for proposal, why in outcome.skipped:
        messages.warning(
            request,
            _("Kein Tandem für %(mentor)s und %(mentee)s: %(why)s")
            % {
                "mentor": proposal.mentor.display_name,
                "mentee": proposal.mentee.display_name,
                "why": why,
            },
        )
    if outcome.to_call:
        messages.info(
            request,
            _("Bitte sagen Sie telefonisch oder persönlich Bescheid: %(names)s")
            % {"names": ", ".join(m.display_name for m in outcome.to_call)},
        )


@login_required
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    matching_round = _round(request, pk)
    if request.method == "POST":
        try:
            rounds.discard_round(matching_round=matching_round, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(matching_round)
        messages.success(request, _("Die Runde ist verworfen."))
        return redirect(_pool_url(matching_round))
    context = {"round": matching_round, "proposals": matching_round.proposals.count()}
    return render(request, "mentoring/rounds/discard.html", context)


def _pool_url(matching_round: MatchingRound) -> str:
    if matching_round.site is not None:
        return reverse("mentoring:site_rounds", args=[matching_round.site.slug])
    return reverse("mentoring:carrier_rounds", args=[matching_round.carrier_id])
