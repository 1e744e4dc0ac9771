"""Helpers for the review pages that feature apps build on their queues' items."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from handschlag.core.errors import DomainError

from .forms import OptionalCommentForm, RequiredCommentForm

View = Callable[..., HttpResponse]


def permission_required(perm: str) -> Callable[[View], View]:
    """Anonymous visitors go to the login page; signed-in people without `perm` get 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapper)

    return decorator


def queue_url(key: str) -> str:
    return f"{reverse('moderation:dashboard')}?queue={key}"


def decide(
    request: HttpRequest, action: Callable[[], Any], *, success: str, done_url: str
) -> HttpResponse:
    """Run one moderation decision; a refused decision comes back as a message on the page."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(request.path)
    messages.success(request, success)
    return redirect(done_url)


def bound_form(request: HttpRequest, decision: str, form_class: type[forms.Form]) -> forms.Form:
    """The form for `decision`, bound to the POST data if that is the decision being made."""
    if request.method == "POST" and request.POST.get("decision") == decision:
        return form_class(request.POST, prefix=decision)
    return form_class(prefix=decision)


def publish_or_return(
    request: HttpRequest,
    *,
    publish: Callable[[str], Any],
    give_back: Callable[[str], Any],
    published: str,
    returned: str,
    queue: str,
) -> tuple[HttpResponse | None, dict[str, forms.Form]]:
    """The usual review of a queue item: publish (optional comment) or return (comment
    required). The response once a decision was made, else None; and the two forms."""
    approve_form = bound_form(request, "approve", OptionalCommentForm)
    return_form = bound_form(request, "return", RequiredCommentForm)
    for form, action, success in (
        (approve_form, publish, published),
        (return_form, give_back, returned),
    ):
        if form.is_bound and form.is_valid():
            comment = form.cleaned_data["comment"]
            done = decide(
                request, partial(action, comment), success=success, done_url=queue_url(queue)
            )
            return done, {}
    return None, {"approve_form": approve_form, "return_form": return_form}
