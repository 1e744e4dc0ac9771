"""Reporting abuse (any logged-in person) and deciding on reports (moderators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from handschlag.core.errors import DomainError

from . import selectors, services
from .access import AuthenticatedRequest, moderator_required
from .forms import AbuseDecisionForm, AbuseReportForm
from .models import AbuseReport


@login_required
def report_abuse(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    target = selectors.reportable_target(kind=kind, pk=pk)
    form = AbuseReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.file_abuse_report(reporter=request.user, target=target, **form.cleaned_data)
        except DomainError as error:
            messages.info(request, error.message)
        else:
            messages.success(
                request, _("Danke für Ihre Meldung. Die Moderation sieht sie sich an.")
            )
        return redirect(target.get_absolute_url())
    return render(
        request, "moderation/report_abuse.html", {"form": form, "target": target, "kind": kind}
    )


@moderator_required
def abuse_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        AbuseReport.objects.select_related("content_type", "reporter", "resolved_by"), pk=pk
    )
    decision = request.POST.get("decision")
    form = AbuseDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and decision in ("resolve", "dismiss") and form.is_valid():
        decide = (
            services.resolve_abuse_report
            if decision == "resolve"
            else services.dismiss_abuse_report
        )
        try:
            decide(report=report, by=request.user, comment=form.cleaned_data["comment"])
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, _("Die Meldung ist bearbeitet."))
        return redirect(f"{reverse('moderation:dashboard')}?queue=abuse")
    context = {"report": report, "target": report.target, "form": form}
    return render(request, "moderation/abuse.html", context)
