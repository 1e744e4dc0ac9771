"""Pages of handing areas to others: the coordinator's form (a colleague or a partner by
email), taking a delegation back (asked first), and the invitation link (a clear page for
every state of the link; accepting needs a login)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from handschlag.accounts.models import User
from handschlag.core.errors import DomainError

from . import answering_delegations as delegations
from .answering_forms import DelegationForm
from .models import Delegation
from .views_common import checked_page, load_round


def _me(request: HttpRequest) -> User:
    return cast(User, request.user)


@login_required
@checked_page
def delegate(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = load_round(request, pk, "assessment.coordinate")
    if not assessment.is_open:
        messages.error(request, _("Die Runde ist abgeschlossen; öffnen Sie sie zuerst wieder."))
        return redirect(assessment)
    initial = {"group": request.GET.get("gruppe"), "areas": request.GET.getlist("feld")}
    form = DelegationForm(
        request.POST or None,
        assessment=assessment,
        initial={k: v for k, v in initial.items() if v},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "assessment": assessment,
            "by": _me(request),
            "group": data["group"],
            "areas": list(data["areas"]),
        }
        try:
            if data["colleague"]:
                delegations.delegate_to_colleague(**common, user=data["colleague"])
                done = _("%(person)s ist benachrichtigt und kann jetzt antworten.") % {
                    "person": data["colleague"].get_full_name()
                }
            else:
                delegations.invite_partner(
                    **common, email=data["email"], language=translation.get_language() or "de"
                )
                done = _(
                    "Die Einladung an %(email)s ist unterwegs. Der Link gilt %(days)s Tage."
                ) % {"email": data["email"], "days": delegations.INVITATION_DAYS}
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, done)
            return redirect(assessment)
    return render(
        request, "assessment/answering/delegate.html", {"assessment": assessment, "form": form}
    )


@login_required
@checked_page
def revoke(request: HttpRequest, pk: int, delegation_pk: int) -> HttpResponse:
    assessment = load_round(request, pk, "assessment.coordinate")
    delegation = get_object_or_404(
        Delegation.objects.select_related("user", "group").prefetch_related("areas"),
        pk=delegation_pk,
        assessment=assessment,
    )
    if request.method == "POST":
        try:
            delegations.revoke_delegation(delegation=delegation, by=_me(request))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Die Übertragung ist zurückgenommen."))
        return redirect(assessment)
    return render(
        request,
        "assessment/answering/revoke.html",
        {"assessment": assessment, "delegation": delegation},
    )


@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the invitation mail: what it is and who sends it; log in or sign up,
    then accept. Unknown links are 404, revoked, used or expired ones 410 — each with a
    page that says so."""
    found = delegations.find_invitation(token)
    user = _me(request) if request.user.is_authenticated else None
    problem = delegations.invitation_problem(found, user)
    if problem == "mine" and found is not None:
        return redirect(found.assessment)
    if request.method == "POST" and not problem:
        if user is None:
            return redirect(f"{_login_url()}?next={request.path}")
        try:
            delegation = delegations.accept_invitation(token=token, by=user)
        except DomainError as error:
            problem = error.code
        else:
            messages.success(
                request,
                _("Willkommen! Sie können jetzt für die Gruppe „%(group)s“ antworten.")
                % {"group": delegation.group.name},
            )
            return redirect(delegation.assessment)
    context = {
        "delegation": None if problem == "unknown" else found,
        "problem": problem,
        "problem_text": delegations.INVITATION_PROBLEMS[problem]() if problem else "",
        "expires_at": delegations.expires_at(found) if found else None,
    }
    status = {"": 200, "unknown": 404}.get(problem, 410)
    response = render(request, "assessment/answering/invitation.html", context, status=status)
    response["Referrer-Policy"] = "no-referrer"  # the token stays on this page
    return response


def _login_url() -> str:
    return reverse("account_login")
