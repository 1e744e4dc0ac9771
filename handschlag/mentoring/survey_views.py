"""Pages reached by a personal link, without login: the monthly "Wie läuft es?" and the
start and end surveys. They speak the respondent's language (the mentee's language for
messages, the mentor's preferred language), whatever the browser says. A wrong, expired or
closed link is a friendly 404 page, never an error; the pages are not cached and send no
referrer to other sites, so the secret link stays where it was sent.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache

from handschlag.core.errors import DomainError

from . import checkins, surveys, tandem_forms, tandem_messages, tandems

INVALID_PAGE = "mentoring/surveys/link_invalid.html"


def _invalid(request: HttpRequest, problem: str) -> HttpResponse:
    return render(request, INVALID_PAGE, {"problem": problem}, status=404)


def _page(
    request: HttpRequest, language: str, template: str, context: dict[str, Any]
) -> HttpResponse:
    with translation.override(language):
        response = render(request, template, context)
        response["Content-Language"] = language
    return response


@never_cache
def checkin(request: HttpRequest, token: str) -> HttpResponse:
    found, problem = checkins.read_token(token)
    if found is None:
        return _invalid(request, problem)
    language = surveys.respondent_language(found.tandem, found.side)
    context: dict[str, Any] = {
        "token": token,
        "link": found,
        "partner": tandem_messages.partner_name(found.tandem, found.side),
    }
    if request.method == "POST":
        with translation.override(language):
            try:
                answer, first = checkins.answer_checkin(
                    checkin_link=found, mood=request.POST.get("mood", "")
                )
            except DomainError as error:
                context["error"] = error.message
            else:
                context.update(answer=answer, first=first, form=tandem_forms.ProblemForm())
                return _page(request, language, "mentoring/surveys/checkin_thanks.html", context)
    context["answer"] = found.answer()
    return _page(request, language, "mentoring/surveys/checkin.html", context)


@never_cache
def checkin_problem(request: HttpRequest, token: str) -> HttpResponse:
    """ "Möchten Sie mit der Koordination sprechen?": a problem report from the link."""
    found, problem = checkins.read_token(token)
    if found is None:
        return _invalid(request, problem)
    if request.method != "POST":
        return redirect("mentoring:checkin", token=token)
    language = surveys.respondent_language(found.tandem, found.side)
    with translation.override(language):
        form = tandem_forms.ProblemForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    tandems.file_problem(
                        tandem=found.tandem,
                        side=found.side,
                        text=form.cleaned_data["text"],
                        by=request.user if request.user.is_authenticated else None,
                    )
            except DomainError as error:
                form.add_error("text", error.message)
            else:
                return _page(
                    request, language, "mentoring/surveys/problem_thanks.html", {"link": found}
                )
    context = {"token": token, "link": found, "answer": found.answer(), "first": False}
    return _page(
        request, language, "mentoring/surveys/checkin_thanks.html", {**context, "form": form}
    )


@never_cache
def survey(request: HttpRequest, token: str) -> HttpResponse:
    invitation = surveys.open_invitation(token)
    if invitation is None:
        return _invalid(request, checkins.INVALID)
    language = surveys.respondent_language(invitation.tandem, invitation.side)
    done = {"invitation": invitation, "thanks": False}
    if invitation.answered:
        return _page(request, language, "mentoring/surveys/survey_done.html", done)
    with translation.override(language):
        sent = request.POST if request.method == "POST" else None
        form = tandem_forms.SurveyForm(sent, invitation=invitation)
        if request.method == "POST" and form.is_valid():
            try:
                surveys.answer_survey(invitation=invitation, data=form.cleaned_data)
            except DomainError as error:
                if error.code == "done":
                    return _page(request, language, "mentoring/surveys/survey_done.html", done)
                form.add_error(None, error.message)
            else:
                done["thanks"] = True
                return _page(request, language, "mentoring/surveys/survey_done.html", done)
    return _page(
        request,
        language,
        "mentoring/surveys/survey.html",
        {"invitation": invitation, "form": form, "scale": surveys.SCALE},
    )
