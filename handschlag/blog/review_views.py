"""The moderators' page for the report queue: edit a confirmed report (title, lead, sections,
photo descriptions), preview it as the blog will show it, publish it, or send it back."""

from __future__ import annotations

import copy
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from handschlag.accounts.models import User
from handschlag.core.history import state_history
from handschlag.moderation.forms import RequiredCommentForm
from handschlag.moderation.review import bound_form, decide, permission_required, queue_url
from handschlag.promises import services as promise_services
from handschlag.promises.models import Redemption, ReportPhoto

from . import services
from .forms import ReportEditForm
from .models import Post

EDIT_DECISIONS = ("preview", "save", "publish")


def _previewed_photos(form: ReportEditForm) -> list[ReportPhoto]:
    """The photos with the descriptions as edited (copies: nothing is saved)."""
    photos = []
    for photo, alt_text in zip(form.photos, form.alt_texts().values(), strict=True):
        shown = copy.copy(photo)
        shown.alt_text = alt_text
        photos.append(shown)
    return photos


@permission_required("blog.publish_report")
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    redemption = get_object_or_404(
        Redemption.objects.select_related("promise", "applicant", "organisation"), pk=pk
    )
    me = cast(User, request.user)
    photos = list(redemption.photos.all())
    awaits_publication = redemption.state == Redemption.State.CONFIRMED
    decision = request.POST.get("decision", "") if request.method == "POST" else ""
    edit_form = ReportEditForm(
        request.POST if decision in EDIT_DECISIONS else None,
        photos=photos,
        initial=ReportEditForm.initial_of(redemption),
    )
    return_form = bound_form(request, "return", RequiredCommentForm)
    preview = None
    if edit_form.is_bound and edit_form.is_valid():
        content, alt_texts = edit_form.content(), edit_form.alt_texts()
        if decision == "publish":
            return decide(
                request,
                lambda: services.publish_report(
                    redemption=redemption, by=me, content=content, alt_texts=alt_texts
                ),
                success=_("Der Bericht ist im Blog veröffentlicht."),
                done_url=queue_url("reports"),
            )
        if decision == "save":
            return decide(
                request,
                lambda: promise_services.edit_report(
                    redemption=redemption, by=me, content=content, alt_texts=alt_texts
                ),
                success=_("Ihre Änderungen am Bericht sind gespeichert."),
                done_url=request.path,
            )
        if awaits_publication:
            preview = services.preview_report(redemption, content=content)
            photos = _previewed_photos(edit_form)
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
        "photos": photos,
        "post": Post.objects.filter(redemption=redemption).first(),
        "awaits_publication": awaits_publication,
        "edit_form": edit_form,
        "preview": preview,
        "return_form": return_form,
        "history": state_history(redemption),
    }
    return render(request, "blog/review/report.html", context)
