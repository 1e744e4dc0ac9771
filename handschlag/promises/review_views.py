"""The moderators' pages for the promise queues: review a promise, decide a dispute."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from handschlag.accounts.models import User
from handschlag.core.history import state_history
from handschlag.moderation.review import decide, permission_required, publish_or_return, queue_url

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
    done, forms = publish_or_return(
        request,
        publish=lambda comment: services.approve_promise(promise=promise, by=me, comment=comment),
        give_back=lambda comment: services.return_promise(promise=promise, by=me, comment=comment),
        published=_("Das Versprechen ist veröffentlicht."),
        returned=_("Das Versprechen wurde zurückgegeben."),
        queue="promises",
    )
    if done is not None:
        return done
    context = {
        "promise": promise,
        **forms,
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
