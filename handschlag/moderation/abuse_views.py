"""Reporting abuse (anyone signed in) and deciding on reports (moderators)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from handschlag.accounts.models import User
from handschlag.core.errors import DomainError

from . import selectors, services
from .forms import AbuseDecisionForm, AbuseReportForm
from .models import AbuseReport
from .review import permission_required, queue_url


@login_required
def report_abuse(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    target = selectors.reportable_target(kind=kind, pk=pk, user=request.user)
    form = AbuseReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.file_abuse_report(
                reporter=cast(User, request.user), target=target, **form.cleaned_data
            )
        except DomainError as error:
            messages.info(request, error.message)
        else:
            messages.success(
                request, _("Danke für Ihre Meldung. Die Moderation sieht sie sich an.")
            )
        return redirect(target.get_absolute_url())  # type: ignore[attr-defined]
    return render(
        request, "moderation/report_abuse.html", {"form": form, "target": target, "kind": kind}
    )


def _decide(request: HttpRequest, report: AbuseReport, form: AbuseDecisionForm) -> None:
    """Close the report as the pressed button says: resolve, dismiss, or a registered decision
    on the reported object (button value "do:<key>")."""
    decision = request.POST.get("decision", "")
    by, comment = cast(User, request.user), form.cleaned_data["comment"]
    if decision == "dismiss":
        services.dismiss_abuse_report(report=report, by=by, comment=comment)
    else:
        action = decision.removeprefix("do:") if decision.startswith("do:") else ""
        services.resolve_abuse_report(report=report, by=by, comment=comment, decision=action)


@permission_required("moderation.decide_abuse_report")
def abuse_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        AbuseReport.objects.select_related("content_type", "reporter", "resolved_by"), pk=pk
    )
    form = AbuseDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            _decide(request, report, form)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, _("Die Meldung ist bearbeitet."))
        return redirect(queue_url("abuse"))
    context = {
        "report": report,
        "target": report.target,
        "form": form,
        "decisions": services.decisions_for(report),
    }
    return render(request, "moderation/abuse.html", context)
