"""Pages of the answering part: a person's rounds, starting a round, a round's overview, its
respondent groups, answering a section (htmx saves each question as it changes; the submit
button saves the whole page without JavaScript), closing, reopening and sharing.

Every page needs a login; a round is seen by its team and its delegates (403 for others),
sections by the team and the delegates of that group and area; writes check their
permission again in the service."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from handschlag.accounts.models import User
from handschlag.core.errors import DomainError

from . import answering as services
from . import answering_selectors as selectors
from .answering_forms import AnswerForm, GroupForm, StartForm
from .models import Area, Assessment, Question, RespondentGroup
from .population_views import population_form
from .views_common import checked_page, load_organisation, load_round


def _me(request: HttpRequest) -> User:
    return cast(User, request.user)


# --- a person's rounds, starting one --------------------------------------------------------


@login_required
@checked_page
def index(request: HttpRequest) -> HttpResponse:
    context = selectors.rounds_of(_me(request))
    return render(request, "assessment/answering/index.html", context)


@login_required
@checked_page
def start(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = load_organisation(request, slug, "assessment.start")
    frameworks = services.newest_frameworks()
    form = StartForm(request.POST or None, frameworks=frameworks)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_assessment(
                organisation=organisation,
                by=_me(request),
                framework=form.cleaned_data["framework"],
                title=form.cleaned_data["title"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Die Runde hat begonnen. Übertragen Sie jetzt Handlungsfelder an Ihr Team "
                    "oder laden Sie Partner ein – oder beginnen Sie selbst zu antworten."
                ),
            )
            return redirect(assessment)
    context = {
        "organisation": organisation,
        "form": form,
        "frameworks": frameworks,
        "running": services.open_round_of(organisation.municipality_id)
        if organisation.municipality_id
        else None,
        "default_title": services.default_title(),
    }
    town = organisation.municipality
    if town is not None and not town.population:  # the comparison will need it
        context |= population_form(town, back=request.path)
    return render(request, "assessment/answering/start.html", context)


# --- a round ------------------------------------------------------------------------------


@login_required
@checked_page
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = load_round(request, pk)
    overview = selectors.overview(assessment, _me(request))
    return render(
        request, "assessment/answering/detail.html", {"assessment": assessment, "o": overview}
    )


@login_required
@checked_page
def add_group(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = load_round(request, pk, "assessment.coordinate")
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.add_group(assessment=assessment, by=_me(request), **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Die Gruppe „%(name)s“ ist angelegt. Übertragen Sie ihr jetzt Handlungsfelder.")
                % {"name": group.name},
            )
            return redirect(assessment)
    return render(
        request, "assessment/answering/group.html", {"assessment": assessment, "form": form}
    )


# --- answering a section -------------------------------------------------------------------


def _section_parts(
    request: HttpRequest, pk: int, group_pk: int, area_pk: int
) -> tuple[Assessment, RespondentGroup, Area]:
    assessment = load_round(request, pk)
    group = get_object_or_404(RespondentGroup, pk=group_pk, assessment=assessment)
    area = get_object_or_404(Area, pk=area_pk, framework_id=assessment.framework_id)
    if not selectors.may_see_section(request.user, assessment, group.pk, area.pk):
        raise PermissionDenied
    return assessment, group, area


def _save(request: HttpRequest, section: selectors.Section, form: AnswerForm) -> str:
    """Save one valid, changed question; the refusal's message, or ""."""
    try:
        services.save_answer(
            assessment=section.assessment,
            group=section.group,
            question=form.question,
            by=_me(request),
            given=form.to_input(),
        )
    except DomainError as error:
        return error.message
    return ""


@login_required
@checked_page
def answer_section(request: HttpRequest, pk: int, group_pk: int, area_pk: int) -> HttpResponse:
    assessment, group, area = _section_parts(request, pk, group_pk, area_pk)
    section = selectors.section(assessment, group, area, _me(request))
    posted = request.method == "POST"
    if posted and not section.can_answer:
        if not assessment.is_open:
            messages.error(
                request, _("Die Runde ist abgeschlossen; Antworten lassen sich nicht mehr ändern.")
            )
            return redirect(request.path)
        raise PermissionDenied
    forms = [
        AnswerForm(
            request.POST if posted else None,
            request.FILES if posted else None,
            question=question,
            answer=section.answers.get(question.pk),
            autosave_url=_autosave_url(section, question) if section.can_answer else "",
        )
        for question in section.questions
    ]
    if posted:
        saved, invalid = 0, 0
        for form in forms:
            if not form.is_valid():
                invalid += 1
            elif form.has_changed():
                refusal = _save(request, section, form)
                if refusal:
                    form.add_error(None, refusal)
                    invalid += 1
                else:
                    saved += 1
        if not invalid:
            messages.success(request, _("Ihre Antworten sind gespeichert."))
            return redirect(request.path)
        messages.error(
            request,
            ngettext(
                "Bitte prüfen Sie %(count)d Frage; die übrigen Antworten sind gespeichert.",
                "Bitte prüfen Sie %(count)d Fragen; die übrigen Antworten sind gespeichert.",
                invalid,
            )
            % {"count": invalid},
        )
        section = selectors.section(assessment, group, area, _me(request))
    return render(request, "assessment/answering/section.html", _section_context(section, forms))


def _autosave_url(section: selectors.Section, question: Question) -> str:
    return reverse(
        "assessment:autosave",
        args=[section.assessment.pk, section.group.pk, section.area.pk, question.pk],
    )


def _section_context(section: selectors.Section, forms: list[AnswerForm]) -> dict[str, Any]:
    by_question = {form.question.pk: form for form in forms}
    return {
        "assessment": section.assessment,
        "section": section,
        "blocks": [
            (indicator, [by_question[q.pk] for q in indicator.questions.all()])
            for indicator in section.indicators
        ],
        "total": len(forms),
    }


@login_required
@checked_page
@require_POST
def autosave(
    request: HttpRequest, pk: int, group_pk: int, area_pk: int, question_pk: int
) -> HttpResponse:
    """One question, saved as it changes (htmx): the status line, and the section's progress
    and the question's file out of band."""
    assessment, group, area = _section_parts(request, pk, group_pk, area_pk)
    question = get_object_or_404(
        Question.objects.prefetch_related("options"), pk=question_pk, indicator__area=area
    )
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect("assessment:answer", pk, group_pk, area_pk)
    section = selectors.section(assessment, group, area, _me(request))
    if not section.can_answer and assessment.is_open:
        raise PermissionDenied
    form = AnswerForm(
        request.POST, request.FILES, question=question, answer=section.answers.get(question.pk)
    )
    saved = file_changed = False
    if form.is_valid():
        refusal = _save(request, section, form) if form.has_changed() else ""
        if refusal:
            form.add_error(None, refusal)
        else:
            saved = True
            file_changed = bool(
                form.cleaned_data["evidence"] or form.cleaned_data.get("remove_evidence")
            )
            section = selectors.section(assessment, group, area, _me(request))
    answer = section.answers.get(question.pk)
    context = {
        "assessment": assessment,
        "section": section,
        "form": AnswerForm(question=question, answer=answer) if saved else form,
        "problems": form.problems(),
        "saved": saved,
        "file_changed": file_changed,
        "oob": True,
    }
    return render(request, "assessment/answering/section.html#saved", context)


# --- closing, reopening, sharing -----------------------------------------------------------


@login_required
@checked_page
def close(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = load_round(request, pk, "assessment.coordinate")
    if request.method == "POST":
        try:
            services.close_assessment(assessment=assessment, by=_me(request))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Die Runde ist abgeschlossen; die Ergebnisse sind berechnet."),
            )
        return redirect(assessment)
    context = {
        "assessment": assessment,
        "unanswered": selectors.unanswered_by_group(assessment),
        "delegates": assessment.delegations.filter(
            revoked_at__isnull=True, user__isnull=False
        ).count(),
    }
    return render(request, "assessment/answering/close.html", context)


@login_required
@checked_page
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = load_round(request, pk, "assessment.coordinate")
    if request.method == "POST":
        try:
            services.reopen_assessment(assessment=assessment, by=_me(request))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Die Runde ist wieder offen; Antworten lassen sich ändern.")
            )
        return redirect(assessment)
    context = {
        "assessment": assessment,
        "running": services.open_round_of(assessment.municipality_id, exclude=assessment.pk),
    }
    return render(request, "assessment/answering/reopen.html", context)


@login_required
@checked_page
def share(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = load_round(request, pk, "assessment.coordinate")
    if request.method == "POST":
        shared = request.POST.get("shared") == "1"
        services.set_shared(assessment=assessment, by=_me(request), shared=shared)
        messages.success(
            request,
            _("Die Ergebnisse werden geteilt.")
            if shared
            else _("Die Ergebnisse werden nicht mehr geteilt."),
        )
        return redirect(assessment)
    return render(request, "assessment/answering/share.html", {"assessment": assessment})
