"""Queue item pages: review a promise, a report, a dispute. They call the promise services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from handschlag.blog.models import Post
from handschlag.core.errors import DomainError
from handschlag.promises import services as promise_services
from handschlag.promises.models import Promise, Redemption

from . import selectors
from .access import AuthenticatedRequest, moderator_required
from .forms import DisputeForm, OptionalCommentForm, RequiredCommentForm


def _queue_url(queue: str) -> str:
    return f"{reverse('moderation:dashboard')}?queue={queue}"


def _decide(
    request: AuthenticatedRequest, action: Callable[[], Any], *, success: str, done_url: str
) -> HttpResponse:
    """Run one moderation decision; a refused decision comes back as a message on the page."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(request.path)
    messages.success(request, success)
    return redirect(done_url)


def _bound(
    request: AuthenticatedRequest, decision: str, form_class: type[forms.Form]
) -> forms.Form:
    """The form for `decision`, bound to the POST data if that is the decision being made."""
    if request.method == "POST" and request.POST.get("decision") == decision:
        return form_class(request.POST, prefix=decision)
    return form_class(prefix=decision)


@moderator_required
def promise_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    promise = get_object_or_404(
        Promise.objects.select_related("owner", "organisation", "municipality", "inspired_by"),
        pk=pk,
    )
    approve_form = _bound(request, "approve", OptionalCommentForm)
    return_form = _bound(request, "return", RequiredCommentForm)
    if approve_form.is_bound and approve_form.is_valid():
        comment = approve_form.cleaned_data["comment"]
        return _decide(
            request,
            lambda: promise_services.approve_promise(
                promise=promise, by=request.user, comment=comment
            ),
            success=_("Das Versprechen ist veröffentlicht."),
            done_url=_queue_url("promises"),
        )
    if return_form.is_bound and return_form.is_valid():
        comment = return_form.cleaned_data["comment"]
        return _decide(
            request,
            lambda: promise_services.return_promise(
                promise=promise, by=request.user, comment=comment
            ),
            success=_("Das Versprechen wurde zurückgegeben."),
            done_url=_queue_url("promises"),
        )
    context = {
        "promise": promise,
        "approve_form": approve_form,
        "return_form": return_form,
        "history": selectors.history(promise),
    }
    return render(request, "moderation/promise.html", context)


@moderator_required
def report_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    redemption = get_object_or_404(
        Redemption.objects.select_related("promise", "applicant", "organisation"), pk=pk
    )
    publish_form = _bound(request, "publish", forms.Form)
    return_form = _bound(request, "return", RequiredCommentForm)
    if publish_form.is_bound and publish_form.is_valid():
        return _decide(
            request,
            lambda: promise_services.publish_report(redemption=redemption, by=request.user),
            success=_("Der Bericht ist im Blog veröffentlicht."),
            done_url=_queue_url("reports"),
        )
    if return_form.is_bound and return_form.is_valid():
        comment = return_form.cleaned_data["comment"]
        return _decide(
            request,
            lambda: promise_services.return_report(
                redemption=redemption, by=request.user, comment=comment
            ),
            success=_("Der Bericht wurde zurückgegeben."),
            done_url=_queue_url("reports"),
        )
    context = {
        "redemption": redemption,
        "photos": redemption.photos.all(),
        "post": Post.objects.filter(redemption=redemption).first(),
        "return_form": return_form,
        "history": selectors.history(redemption),
    }
    return render(request, "moderation/report.html", context)


@moderator_required
def dispute_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    redemption = get_object_or_404(
        Redemption.objects.select_related(
            "promise", "promise__owner", "promise__organisation", "applicant", "organisation"
        ),
        pk=pk,
    )
    form = DisputeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome, comment = form.cleaned_data["outcome"], form.cleaned_data["comment"]
        return _decide(
            request,
            lambda: promise_services.resolve_dispute(
                redemption=redemption, by=request.user, outcome=outcome, comment=comment
            ),
            success=_("Der Streitfall ist entschieden."),
            done_url=_queue_url("disputes"),
        )
    history = selectors.history(redemption)
    dispute = next((c for c in reversed(history) if c.to_state == Redemption.State.DISPUTED), None)
    context = {
        "redemption": redemption,
        "photos": redemption.photos.all(),
        "dispute": dispute,
        "form": form,
        "history": history,
    }
    return render(request, "moderation/dispute.html", context)
