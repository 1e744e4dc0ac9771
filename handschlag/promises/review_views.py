"""The moderators' pages for the promise queues: review a promise, decide a dispute."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from handschlag.accounts.models import User
from handschlag.core.history import state_history
from handschlag.moderation.forms import OptionalCommentForm, RequiredCommentForm
from handschlag.moderation.review import bound_form, decide, permission_required, queue_url

from . import services
from .forms import DisputeForm
from .models import Promise, Redemption


@permission_required("promises.review_promise")
def promise_review(request: HttpRequest, pk: int) -> HttpResponse:
    promise = get_object_or_404(
        Promise.objects.select_related("owner", "organisation", "municipality", "inspired_by"),
        pk=pk,
    )
    me = cast(User, request.user)
    approve_form = bound_form(request, "approve", OptionalCommentForm)
    return_form = bound_form(request, "return", RequiredCommentForm)
    if approve_form.is_bound and approve_form.is_valid():
        comment = approve_form.cleaned_data["comment"]
        return decide(
            request,
            lambda: services.approve_promise(promise=promise, by=me, comment=comment),
            success=_("Das Versprechen ist veröffentlicht."),
            done_url=queue_url("promises"),
        )
    if return_form.is_bound and return_form.is_valid():
        comment = return_form.cleaned_data["comment"]
        return decide(
            request,
            lambda: services.return_promise(promise=promise, by=me, comment=comment),
            success=_("Das Versprechen wurde zurückgegeben."),
            done_url=queue_url("promises"),
        )
    context = {
        "promise": promise,
        "approve_form": approve_form,
        "return_form": return_form,
        "can_approve": promise.state == Promise.State.PENDING,
        "can_return": promise.state in services.RETURNABLE_STATES,
        "history": state_history(promise),
    }
    return render(request, "promises/review/promise.html", context)


@permission_required("promises.resolve_dispute")
def dispute_review(request: HttpRequest, pk: int) -> HttpResponse:
    redemption = get_object_or_404(
        Redemption.objects.select_related(
            "promise", "promise__owner", "promise__organisation", "applicant", "organisation"
        ),
        pk=pk,
    )
    form = DisputeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome, comment = form.cleaned_data["outcome"], form.cleaned_data["comment"]
        return decide(
            request,
            lambda: services.resolve_dispute(
                redemption=redemption,
                by=cast(User, request.user),
                outcome=outcome,
                comment=comment,
            ),
            success=_("Der Streitfall ist entschieden."),
            done_url=queue_url("disputes"),
        )
    history = state_history(redemption)
    dispute = next((c for c in reversed(history) if c.to_state == Redemption.State.DISPUTED), None)
    context = {
        "redemption": redemption,
        "photos": redemption.photos.all(),
        "dispute": dispute,
        "form": form,
        "history": history,
    }
    return render(request, "promises/review/dispute.html", context)
