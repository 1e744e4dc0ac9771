"""The tandem page and its actions (thin: the services in tandems.py decide).

Anonymous visitors are sent to the login; a signed-in person who is neither a party nor a
coordinator of the site gets 403; unknown ids 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.conversations.views import thread_context
from handschlag.core.errors import DomainError

from . import privacy, tandem_conversation, tandem_forms, tandem_pages, tandems
from .models import Mentee, ProblemReport, Tandem

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def _me(request: HttpRequest) -> User:
    """The signed-in person (every view here is behind login_required)."""
    return cast("User", request.user)


def _tandem(pk: int, user: Any, perm: str = "mentoring.view_tandem") -> Tandem:
    tandem = get_object_or_404(
        Tandem.objects.select_related("site__carrier__programme", "mentor__user", "mentee__user"),
        pk=pk,
    )
    if not rules.has_perm(perm, user, tandem):
        raise PermissionDenied
    return tandem


def site_url(site: Any) -> str:
    """The site's coordination page (built by the joining part), or "" while it has none."""
    try:
        return str(site.get_absolute_url())
    except NoReverseMatch:
        return ""


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    tandem = _tandem(pk, request.user)
    context = tandem_pages.detail_context(tandem, request.user)
    return render(
        request,
        "mentoring/tandems/detail.html",
        {**context, **_thread(request, tandem), "site_url": site_url(tandem.site)},
    )


def _thread(request: HttpRequest, tandem: Tandem) -> dict[str, Any]:
    """The messages between mentor and mentee, for the two of them only (never for the
    coordination); an ended tandem shows its thread only if something was written."""
    context = thread_context(subject_key=tandem_conversation.SUBJECT, obj=tandem, request=request)
    view = context["conversation"]
    if view is not None and not (view.messages or view.state.writable):
        context["conversation"] = None
    context["without_thread"] = (
        tandem.state in Tandem.HOLDING
        and tandems.side_of(tandem, request.user) is not None
        and not tandem_conversation.has_thread(tandem)
    )
    return context


def _form_page(
    request: HttpRequest,
    tandem: Tandem,
    *,
    template: str,
    form: Any,
    run: Any,
    success: str,
    errors_to: dict[str, str] | None = None,
    **context: Any,
) -> HttpResponse:
    """Show `form`; when it is sent and valid, `run(cleaned_data)` the service and go back to
    the tandem. A refusal becomes a form error (on the field named for its code)."""
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except DomainError as error:
            form.add_error((errors_to or {}).get(error.code), error.message)
        else:
            messages.success(request, success)
            return redirect(tandem.get_absolute_url())
    return render(
        request,
        template,
        {"tandem": tandem, "form": form, "site_url": site_url(tandem.site), **context},
    )


@login_required
def activate(request: HttpRequest, pk: int) -> HttpResponse:
    tandem = _tandem(pk, request.user, "mentoring.manage_tandem")
    form = tandem_forms.ActivateForm(
        request.POST or None, initial={"started_on": timezone.localdate()}
    )
    return _form_page(
        request,
        tandem,
        template="mentoring/tandems/activate.html",
        form=form,
        run=lambda data: tandems.activate_tandem(
            tandem=tandem, by=_me(request), started_on=data["started_on"]
        ),
        success=_("Das Tandem hat begonnen. Beide Seiten sind zur Start-Umfrage eingeladen."),
        errors_to={"invalid": "started_on"},
    )


@login_required
def pause(request: HttpRequest, pk: int) -> HttpResponse:
    tandem = _tandem(pk, request.user, "mentoring.manage_tandem")
    return _form_page(
        request,
        tandem,
        template="mentoring/tandems/pause.html",
        form=tandem_forms.PauseForm(request.POST or None),
        run=lambda data: tandems.pause_tandem(
            tandem=tandem, by=_me(request), comment=data["comment"]
        ),
        success=_("Das Tandem ist pausiert."),
    )


@login_required
@require_POST
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    tandem = _tandem(pk, request.user, "mentoring.manage_tandem")
    try:
        tandems.resume_tandem(tandem=tandem, by=_me(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Das Tandem geht weiter."))
    return redirect(tandem.get_absolute_url())


@login_required
def end(request: HttpRequest, pk: int) -> HttpResponse:
    tandem = _tandem(pk, request.user, "mentoring.end_tandem")
    return _form_page(
        request,
        tandem,
        template="mentoring/tandems/end.html",
        form=tandem_forms.EndForm(request.POST or None, tandem=tandem),
        run=lambda data: tandems.end_tandem(
            tandem=tandem, by=_me(request), reason=data["reason"], comment=data["comment"]
        ),
        success=_("Das Tandem ist beendet."),
        errors_to={"reason": "reason"},
        consequence=tandem_pages.end_consequence(tandem, request.user),
    )


@login_required
def log_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    tandem = _tandem(pk, request.user, "mentoring.log_meeting")
    form = tandem_forms.MeetingForm(request.POST or None, initial={"date": timezone.localdate()})
    return _form_page(
        request,
        tandem,
        template="mentoring/tandems/meeting.html",
        form=form,
        run=lambda data: tandems.log_meeting(tandem=tandem, by=_me(request), **data),
        success=_("Das Treffen ist eingetragen."),
        errors_to={"date": "date"},
    )


@login_required
def report_problem(request: HttpRequest, pk: int) -> HttpResponse:
    tandem = _tandem(pk, request.user, "mentoring.report_problem")
    return _form_page(
        request,
        tandem,
        template="mentoring/tandems/problem.html",
        form=tandem_forms.ProblemForm(request.POST or None),
        run=lambda data: tandems.report_problem(tandem=tandem, by=_me(request), text=data["text"]),
        success=_("Danke. Die Koordination hat Ihre Meldung bekommen und meldet sich bei Ihnen."),
        errors_to={"text": "text"},
    )


@login_required
@require_POST
def problem_handled(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(ProblemReport.objects.select_related("tandem__site"), pk=pk)
    if not rules.has_perm("mentoring.handle_problem", request.user, problem.tandem):
        raise PermissionDenied
    try:
        tandems.mark_problem_handled(problem=problem, by=_me(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Die Meldung ist als erledigt markiert."))
    return redirect(problem.tandem.get_absolute_url())


@login_required
def erase_mentee(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (with the consequences), then erases the mentee's data."""
    mentee = get_object_or_404(Mentee.objects.select_related("site"), pk=pk)
    if not rules.has_perm("mentoring.erase_mentee", request.user, mentee):
        raise PermissionDenied
    site = mentee.site
    if request.method == "POST":
        ended = privacy.erase_mentee(mentee=mentee, by=_me(request))
        messages.success(request, tandem_pages.erased_message(ended))
        return redirect(site_url(site) or "home")
    return render(
        request,
        "mentoring/tandems/erase_mentee.html",
        {"mentee": mentee, **tandem_pages.erase_consequences(mentee), "site_url": site_url(site)},
    )
