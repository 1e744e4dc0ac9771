"""Correcting and deleting a meeting (logging one: tandem_views.log_meeting). Thin: the
services in tandem_meetings.py decide. Whoever may not change the meeting gets 403 (404 for
an unknown one); deleting asks first."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from handschlag.core.errors import DomainError

from . import tandem_forms, tandem_meetings
from .models import Meeting
from .tandem_views import site_url

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "tandem__site__carrier__programme", "tandem__mentor__user", "tandem__mentee__user"
        ),
        pk=pk,
    )
    if not rules.has_perm("mentoring.change_meeting", request.user, meeting):
        raise PermissionDenied
    return meeting


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    tandem = meeting.tandem
    initial = {
        "date": meeting.date,
        "duration_minutes": meeting.duration_minutes,
        "kind": meeting.kind,
        "note": meeting.note,
    }
    form = tandem_forms.MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            tandem_meetings.update_meeting(
                meeting=meeting, by=cast("User", request.user), **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(error.code if error.code in form.fields else None, error.message)
        else:
            messages.success(request, _("Das Treffen ist korrigiert."))
            return redirect(tandem.get_absolute_url())
    return render(
        request,
        "mentoring/tandems/meeting.html",
        {"tandem": tandem, "meeting": meeting, "form": form, "site_url": site_url(tandem.site)},
    )


@login_required
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    tandem = meeting.tandem
    if request.method == "POST":
        tandem_meetings.delete_meeting(meeting=meeting, by=cast("User", request.user))
        messages.success(request, _("Das Treffen ist gelöscht."))
        return redirect(tandem.get_absolute_url())
    return render(
        request,
        "mentoring/tandems/meeting_delete.html",
        {"tandem": tandem, "meeting": meeting, "site_url": site_url(tandem.site)},
    )
