"""An organisation proposes a measure: write it (a draft), add materials, submit it; see one's
proposals. Moderators use the same edit and materials pages to curate the library."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.accounts.models import User
from handschlag.core.errors import DomainError
from handschlag.core.localized import pick

from . import materials, selectors, services
from .actions import next_step
from .forms import MaterialForm, ProposalForm
from .models import Material, Measure


def _measure(request: HttpRequest, slug: str, perm: str) -> Measure:
    """The measure if `request.user` has `perm` on it: 404 when they may not even see it,
    403 when they see it but may not do this."""
    measure = get_object_or_404(Measure.objects.select_related("organisation"), slug=slug)
    if not request.user.has_perm("measures.view", measure):
        raise Http404
    if not request.user.has_perm(perm, measure):
        raise PermissionDenied
    return measure


def _form_error(form: Any, error: DomainError) -> None:
    """A refusal of the service, shown on the field it concerns (or above the form)."""
    field = error.code if error.code in form.fields else None
    form.add_error(field, error.message)


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    me = cast(User, request.user)
    organisations = selectors.proposing_organisations(me)
    if not organisations.exists():
        return render(request, "measures/form.html", {"form": None}, status=403)
    form = ProposalForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.propose_measure(
                by=me,
                organisation=form.cleaned_data["organisation"],
                **form.fields_for_service(),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Ihr Entwurf ist gespeichert. Ergänzen Sie Materialien oder reichen Sie ihn "
                    "zur Prüfung ein."
                ),
            )
            return redirect(measure)
    return render(request, "measures/form.html", {"form": form})


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    measure = _measure(request, slug, "measures.edit")
    form = ProposalForm(request.POST or None, initial=ProposalForm.initial_of(measure))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_measure(
                measure=measure, by=cast(User, request.user), **form.fields_for_service()
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Ihre Änderungen sind gespeichert."))
            return redirect(measure)
    return render(request, "measures/form.html", {"form": form, "measure": measure})


@login_required
@require_POST
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    measure = _measure(request, slug, "measures.submit")
    try:
        services.submit_measure(measure=measure, by=cast(User, request.user))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Eingereicht. Die Moderation prüft Ihren Vorschlag; Sie bekommen Bescheid."),
        )
    return redirect(measure)


@login_required
def delete(request: HttpRequest, slug: str) -> HttpResponse:
    """GET asks first (and says what goes with the draft); POST deletes."""
    measure = _measure(request, slug, "measures.delete")
    if request.method == "POST":
        try:
            services.delete_draft(measure=measure, by=cast(User, request.user))
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(measure)
        messages.success(
            request, _("Der Entwurf „%(title)s“ ist gelöscht.") % {"title": pick(measure.title)}
        )
        return redirect("measures:mine")
    count = measure.materials.count()
    return render(request, "measures/delete.html", {"measure": measure, "material_count": count})


@login_required
def material_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The measure's materials, each with a remove button, and the upload form."""
    measure = _measure(request, slug, "measures.edit")
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            materials.add_material(
                measure=measure,
                by=cast(User, request.user),
                title=form.title(),
                upload=form.cleaned_data["file"],
            )
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("Das Material ist hinzugefügt."))
            return redirect("measures:materials", slug=measure.slug)
    context = {
        "measure": measure,
        "form": form,
        "materials": measure.materials.order_by("position", "pk"),
        "max_materials": materials.MAX_MATERIALS,
    }
    return render(request, "measures/materials.html", context)


@login_required
@require_POST
def remove_material(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    measure = _measure(request, slug, "measures.edit")
    material = get_object_or_404(Material, pk=pk, measure=measure)
    materials.remove_material(material=material, by=cast(User, request.user))
    messages.success(request, _("„%(title)s“ ist entfernt.") % {"title": pick(material.title)})
    return redirect("measures:materials", slug=measure.slug)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The proposals of the organisations the person administers, with what happens next."""
    user = request.user
    proposals = list(selectors.proposals_of(user))
    for measure in proposals:
        measure.next_step = next_step(measure, user)  # type: ignore[attr-defined]
    context = {
        "proposals": proposals,
        "may_propose": selectors.proposing_organisations(user).exists(),
    }
    return render(request, "measures/mine.html", context)
