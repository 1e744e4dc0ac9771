"""A town tells how a measure went (members of a verified municipality organisation)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from handschlag.accounts.models import User
from handschlag.core.errors import DomainError

from . import reports, selectors
from .forms import ReportForm


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
            messages.success(request, _("Danke! Ihr Bericht steht jetzt bei der Maßnahme."))
            return redirect(report.get_absolute_url())
    return render(request, "measures/report_form.html", {"measure": measure, "form": form})
