"""A town tells how a measure went (members of a verified municipality organisation); its
author changes the report later; moderation publishes or returns it."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from handschlag.accounts.models import User
from handschlag.core.errors import DomainError
from handschlag.core.history import state_history
from handschlag.moderation.review import permission_required, publish_or_return
from handschlag.organisations.models import Organisation

from . import reports, selectors
from .forms import ReportForm
from .models import Report

QUEUE = "measure_reports"


@login_required
def add_report(request: HttpRequest, slug: str) -> HttpResponse:
    measure = selectors.measure_for_reader(slug=slug, user=request.user)
    me = cast(User, request.user)
    organisations = selectors.reporting_organisations(me)
    if not organisations.exists() or measure.state != measure.State.PUBLISHED:
        return render(
            request, "measures/report_form.html", {"measure": measure, "form": None}, status=403
        )
    form = ReportForm(
        request.POST or None,
        organisations=organisations,
        posts=selectors.posts_of(*organisations),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = reports.add_report(
                measure=measure,
                organisation=data["organisation"],
                by=me,
                note=data["note"],
                post=data.get("post"),
                url=data.get("url") or "",
            )
        except DomainError as error:
            form.add_error(error.code if error.code in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Danke! Ihr Bericht geht jetzt an die Moderation. Sobald sie ihn freigibt, "
                    "lesen ihn alle bei der Maßnahme; bis dahin können Sie ihn noch ändern."
                ),
            )
            return redirect(report.get_absolute_url())
    return render(request, "measures/report_form.html", {"measure": measure, "form": form})


@login_required
def edit_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Its author changes the report (404 for anyone else)."""
    report = selectors.report_for_author(slug=slug, pk=pk, user=request.user)
    organisation = report.organisation
    form = ReportForm(
        request.POST or None,
        organisations=Organisation.objects.filter(pk=organisation.pk),
        posts=selectors.posts_of(organisation),
        initial={"note": report.note, "post": report.post_id, "url": report.url},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        was_published = report.state == Report.State.PUBLISHED
        try:
            reports.edit_report(
                report=report,
                by=cast(User, request.user),
                note=data["note"],
                post=data.get("post"),
                url=data.get("url") or "",
            )
        except DomainError as error:
            form.add_error(error.code if error.code in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Gespeichert. Die Moderation liest den Bericht noch einmal; bis sie ihn "
                    "freigibt, ist er nicht öffentlich zu sehen."
                )
                if was_published
                else _("Gespeichert. Der Bericht geht an die Moderation."),
            )
            return redirect(report.get_absolute_url())
    return render(
        request,
        "measures/report_form.html",
        {"measure": report.measure, "form": form, "report": report},
    )


@permission_required("measures.review_report")
def review_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The moderators' page for a town's report: publish it or return it with a comment."""
    report = get_object_or_404(
        Report.objects.select_related("measure", "municipality", "organisation", "post"),
        pk=pk,
        measure__slug=slug,
    )
    me = cast(User, request.user)
    done, forms = publish_or_return(
        request,
        publish=lambda comment: reports.publish_report(report=report, by=me, comment=comment),
        give_back=lambda comment: reports.return_report(report=report, by=me, comment=comment),
        published=_("Der Bericht steht jetzt bei der Maßnahme."),
        returned=_("Der Bericht wurde zurückgegeben."),
        queue=QUEUE,
    )
    if done is not None:
        return done
    context = {
        "report": report,
        "measure": report.measure,
        **forms,
        "can_decide": report.state == Report.State.PENDING,
        "history": state_history(report),
    }
    return render(request, "measures/report_review.html", context)
