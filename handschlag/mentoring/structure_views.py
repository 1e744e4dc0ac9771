"""Pages of the structure: a programme's carriers and sites for its staff, editing the
programme, adding and changing carriers, a carrier's sites for its coordinators and admins,
adding, editing and removing sites (removing asks first and says whether it deletes or
deactivates). Thin: the services in structure.py decide."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.core.errors import DomainError
from handschlag.core.views import run_action

from . import structure
from .joining_selectors import with_counts
from .models import Carrier, Programme, Site, Tandem
from .structure_forms import CarrierForm, ProgrammeForm, SiteDetailsForm

if TYPE_CHECKING:
    from handschlag.accounts.models import User

# which form field a refusal of the services belongs to (by its code)
FIELD_OF = {
    "name": "name",
    "ends_on": "ends_on",
    "kinds": "kinds",
    "weeks": "inactivity_weeks",
    "organisation": "organisation",
    "response_days": "response_days",
}


def _me(request: HttpRequest) -> User:
    return cast("User", request.user)


def _require(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _programme(request: HttpRequest, slug: str) -> Programme:
    programme = get_object_or_404(Programme.objects.select_related("organisation"), slug=slug)
    _require(request, "mentoring.edit_programme", programme)
    return programme


def _carrier(request: HttpRequest, pk: int, perm: str) -> Carrier:
    carrier = get_object_or_404(Carrier.objects.select_related("organisation", "programme"), pk=pk)
    _require(request, perm, carrier)
    return carrier


def _site(request: HttpRequest, slug: str) -> Site:
    site = get_object_or_404(
        Site.objects.select_related("municipality", "carrier__organisation", "carrier__programme"),
        slug=slug,
    )
    _require(request, "mentoring.manage_site", site)
    return site


def _save(form: Any, run: Any) -> Any:
    """Run the service with the valid form's data; a refusal becomes the form's error."""
    try:
        return run(form.cleaned_data)
    except DomainError as error:
        form.add_error(FIELD_OF.get(error.code), error.message)
        return None


# --- programme -------------------------------------------------------------------------------


@login_required
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme's carriers with their sites' numbers: where staff begin."""
    found = _programme(request, slug)
    holding = Q(sites__tandems__state__in=Tandem.HOLDING)
    carriers = (
        found.carriers.select_related("organisation", "organisation__municipality")
        .annotate(
            site_count=Count("sites", distinct=True),
            active_site_count=Count("sites", filter=Q(sites__is_active=True), distinct=True),
            open_tandems=Count("sites__tandems", filter=holding, distinct=True),
        )
        .order_by("-is_active", "organisation__name")
    )
    return render(
        request,
        "mentoring/structure/programme.html",
        {"programme": found, "carriers": list(carriers)},
    )


@login_required
def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    found = _programme(request, slug)
    form = ProgrammeForm(request.POST or None, initial=ProgrammeForm.initial_from(found))
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            lambda data: structure.update_programme(programme=found, by=_me(request), **data),
        )
    ):
        messages.success(request, _("Das Programm ist gespeichert."))
        return redirect("mentoring:structure_programme", slug=found.slug)
    return render(
        request, "mentoring/structure/programme_form.html", {"programme": found, "form": form}
    )


# --- carriers --------------------------------------------------------------------------------


@login_required
def carrier_add(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Programme, slug=slug)
    _require(request, "mentoring.add_carrier", found)
    organisations = structure.carrier_organisations(found)
    form = CarrierForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        carrier = _save(
            form,
            lambda data: structure.add_carrier(
                programme=found, by=_me(request), organisation=data["organisation"]
            ),
        )
        if carrier is not None:
            messages.success(
                request,
                _(
                    "%(name)s ist jetzt Träger. Legen Sie als Nächstes seine Standorte an; "
                    "die Admins der Organisation setzen dann die Koordination ein."
                )
                % {"name": carrier.organisation.name},
            )
            return redirect("mentoring:structure_carrier", pk=carrier.pk)
    context = {
        "programme": found,
        "form": form,
        "carrier": None,
        "has_choices": organisations.exists(),
    }
    return render(request, "mentoring/structure/carrier_form.html", context)


@login_required
def carrier(request: HttpRequest, pk: int) -> HttpResponse:
    """The carrier's sites with their numbers: where its coordinators and admins begin."""
    found = _carrier(request, pk, "mentoring.manage_sites")
    sites = with_counts(
        found.sites.select_related("municipality").annotate(
            open_tandems=Count("tandems", filter=Q(tandems__state__in=Tandem.HOLDING))
        )
    ).order_by("-is_active", "municipality__name", "name")
    context = {
        "carrier": found,
        "sites": list(sites),
        "may_edit": request.user.has_perm("mentoring.edit_carrier", found),
        "may_appoint": request.user.has_perm("mentoring.appoint_coordinators", found),
    }
    return render(request, "mentoring/structure/carrier.html", context)


@login_required
def carrier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = _carrier(request, pk, "mentoring.edit_carrier")
    form = CarrierForm(
        request.POST or None,
        organisations=structure.carrier_organisations(found.programme, found),
        initial={"organisation": found.organisation_id},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            lambda data: structure.change_carrier_organisation(
                carrier=found, by=_me(request), organisation=data["organisation"]
            ),
        )
    ):
        messages.success(request, _("Gespeichert."))
        return redirect("mentoring:structure_carrier", pk=found.pk)
    context = {
        "programme": found.programme,
        "carrier": found,
        "form": form,
        "has_choices": True,
        "coordinators": structure.coordinators_of_carrier(found),
    }
    return render(request, "mentoring/structure/carrier_form.html", context)


@login_required
def carrier_remove(request: HttpRequest, pk: int) -> HttpResponse:
    found = _carrier(request, pk, "mentoring.edit_carrier")
    footprint = structure.carrier_footprint(found)
    if request.method == "POST":
        try:
            outcome = structure.remove_carrier(carrier=found, by=_me(request))
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("mentoring:structure_carrier", pk=found.pk)
        if outcome == structure.DELETED:
            messages.success(request, _("Der Träger ist gelöscht."))
            return redirect("mentoring:structure_programme", slug=found.programme.slug)
        messages.success(request, _("Der Träger ist deaktiviert."))
        return redirect("mentoring:structure_carrier", pk=found.pk)
    context = {
        "what": "carrier",
        "name": found.organisation.name,
        "footprint": footprint,
        "consequences": footprint.consequences("carrier"),
        "back": reverse("mentoring:structure_carrier", args=[found.pk]),
        "inactive": not found.is_active,
    }
    return render(request, "mentoring/structure/remove.html", context)


@login_required
@require_POST
def carrier_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    found = _carrier(request, pk, "mentoring.edit_carrier")
    run_action(
        request,
        lambda: structure.reactivate_carrier(carrier=found, by=_me(request)),
        _("Der Träger ist wieder aktiv."),
    )
    return redirect("mentoring:structure_carrier", pk=found.pk)


# --- sites -----------------------------------------------------------------------------------


@login_required
def site_add(request: HttpRequest, pk: int) -> HttpResponse:
    found = _carrier(request, pk, "mentoring.manage_sites")
    form = SiteDetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        site = _save(
            form,
            lambda data: structure.add_site(carrier=found, by=_me(request), **data),
        )
        if site is not None:
            messages.success(
                request,
                _(
                    "Der Standort %(name)s ist angelegt und nimmt Anmeldungen an. Setzen Sie "
                    "jetzt seine Koordination ein."
                )
                % {"name": site.name},
            )
            return redirect("mentoring:structure_carrier", pk=found.pk)
    return render(
        request,
        "mentoring/structure/site_form.html",
        {"carrier": found, "site": None, "form": form},
    )


@login_required
def site_details(request: HttpRequest, slug: str) -> HttpResponse:
    found = _site(request, slug)
    form = SiteDetailsForm(request.POST or None, initial=SiteDetailsForm.initial_from(found))
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            lambda data: structure.update_site_details(site=found, by=_me(request), **data),
        )
    ):
        messages.success(request, _("Gespeichert."))
        return redirect("mentoring:structure_carrier", pk=found.carrier_id)
    return render(
        request,
        "mentoring/structure/site_form.html",
        {"carrier": found.carrier, "site": found, "form": form},
    )


@login_required
def site_remove(request: HttpRequest, slug: str) -> HttpResponse:
    found = _site(request, slug)
    footprint = structure.site_footprint(found)
    if request.method == "POST":
        try:
            outcome = structure.remove_site(site=found, by=_me(request))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Der Standort ist gelöscht.")
                if outcome == structure.DELETED
                else _("Der Standort ist deaktiviert."),
            )
        return redirect("mentoring:structure_carrier", pk=found.carrier_id)
    context = {
        "what": "site",
        "name": found.name,
        "footprint": footprint,
        "consequences": footprint.consequences("site"),
        "back": reverse("mentoring:structure_carrier", args=[found.carrier_id]),
        "inactive": not found.is_active,
    }
    return render(request, "mentoring/structure/remove.html", context)


@login_required
@require_POST
def site_reactivate(request: HttpRequest, slug: str) -> HttpResponse:
    found = _site(request, slug)
    run_action(
        request,
        lambda: structure.reactivate_site(site=found, by=_me(request)),
        _("Der Standort ist wieder aktiv.")
        if found.carrier.is_active
        else _(
            "Der Standort ist wieder aktiv; öffentlich erscheint er erst, wenn auch sein Träger "
            "wieder aktiv ist."
        ),
    )
    return redirect("mentoring:structure_carrier", pk=found.carrier_id)
