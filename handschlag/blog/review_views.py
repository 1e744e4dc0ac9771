"""The moderators' page for the report queue: publish a confirmed report, or send it back."""

from __future__ import annotations

from typing import cast

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from handschlag.accounts.models import User
from handschlag.core.history import state_history
from handschlag.moderation.forms import RequiredCommentForm
from handschlag.moderation.review import bound_form, decide, permission_required, queue_url
from handschlag.promises import services as promise_services
from handschlag.promises.models import Redemption

from . import services
from .models import Post


@permission_required("blog.publish_report")
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    redemption = get_object_or_404(
        Redemption.objects.select_related("promise", "applicant", "organisation"), pk=pk
    )
    me = cast(User, request.user)
    publish_form = bound_form(request, "publish", forms.Form)
    return_form = bound_form(request, "return", RequiredCommentForm)
    if publish_form.is_bound and publish_form.is_valid():
        return decide(
            request,
            lambda: services.publish_report(redemption=redemption, by=me),
            success=_("Der Bericht ist im Blog veröffentlicht."),
            done_url=queue_url("reports"),
        )
    if return_form.is_bound and return_form.is_valid():
        comment = return_form.cleaned_data["comment"]
        return decide(
            request,
            lambda: promise_services.return_report(redemption=redemption, by=me, comment=comment),
            success=_("Der Bericht wurde zurückgegeben."),
            done_url=queue_url("reports"),
        )
    context = {
        "redemption": redemption,
        "photos": redemption.photos.all(),
        "post": Post.objects.filter(redemption=redemption).first(),
        "awaits_publication": redemption.state == Redemption.State.CONFIRMED,
        "return_form": return_form,
        "history": state_history(redemption),
    }
    return render(request, "blog/review/report.html", context)
