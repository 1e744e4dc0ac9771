"""Pages of the coordination: the entry page, a site's page (to-dos, lists, the other parts'
sections), profile pages with their decisions, a coordinator registering a mentee, the site's
settings, and a carrier's team (admins appoint coordinators). Thin: the services decide."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.core.errors import DomainError
from handschlag.core.history import state_history
from handschlag.core.views import run_action
from handschlag.organisations.models import RoleGrant

from . import access, consent
from . import joining as services
from . import joining_mentees as mentee_services
from . import joining_selectors as selectors
from . import joining_team as team_services
from .coordination_forms import AppointForm, ProfileFilterForm
from .joining_forms import CertificateForm, CoordinatorMenteeForm, ReturnForm, SiteForm
from .joining_views import profile_or_404
from .models import Carrier, Mentee, Mentor, Site, Tandem
from .registry import site_sections

if TYPE_CHECKING:
    from handschlag.accounts.models import User

SITES_PER_PAGE = 50
PROFILES_PER_PAGE = 25
TANDEMS_SHOWN = 20


def _me(request: HttpRequest) -> User:
    return cast("User", request.user)


def _coordinated_site(request: HttpRequest, slug: str, perm: str = "mentoring.view_site") -> Site:
    site = get_object_or_404(
        Site.objects.select_related("municipality", "carrier__organisation", "carrier__programme"),
        slug=slug,
    )
    if not request.user.has_perm(perm, site):
        raise PermissionDenied
    return site


@login_required
def coordination(request: HttpRequest) -> HttpResponse:
    """Every site the person coordinates, with its numbers; the carriers whose team they
    appoint. Nobody else has anything here."""
    administered = selectors.carriers_administered_by(request.user)
    if not request.user.has_perm("mentoring.coordinate") and not administered:
        raise PermissionDenied
    sites = Paginator(selectors.coordination_sites(request.user), SITES_PER_PAGE)
    context = {
        "page_obj": sites.get_page(request.GET.get("page")),
        "administered": administered,
        # the whole programmes and carriers this person coordinates: their dashboards and
        # their carrier-wide rounds
        "programmes": list(access.programmes_visible_to(request.user).order_by("name")),
        "carriers": list(
            access.carriers_visible_to(request.user)
            .select_related("organisation", "programme")
            .order_by("organisation__name")
        ),
    }
    return render(request, "mentoring/joining/coordination.html", context)


@login_required
def site(request: HttpRequest, slug: str) -> HttpResponse:
    """To-dos first, then the mentors and mentees (filtered, paginated), then the sections of
    the other parts of mentoring (rounds, tandems, statistics)."""
    found = _coordinated_site(request, slug)
    counted = selectors.with_counts(Site.objects.filter(pk=found.pk)).get()
    filter_form = ProfileFilterForm(request.GET or None)
    filters = filter_form.filters()
    mentors = Paginator(selectors.site_mentors(found, filters), PROFILES_PER_PAGE)
    mentees = Paginator(selectors.site_mentees(found, filters), PROFILES_PER_PAGE)
    context = {
        "site": found,
        "counts": counted,
        "todos": selectors.site_todos(found),
        "filter_form": filter_form,
        "filtered": any(vars(filters).values()),
        "mentors": mentors.get_page(request.GET.get("mentoren")),
        "mentees": mentees.get_page(request.GET.get("mentees")),
        "sections": site_sections.shown(found, request.user),
        "carrier_rounds": request.user.has_perm("mentoring.run_round_for_carrier", found.carrier),
        "may_manage_site": request.user.has_perm("mentoring.manage_site", found),
    }
    return render(request, "mentoring/joining/site.html", context)


@login_required
def site_edit(request: HttpRequest, slug: str) -> HttpResponse:
    found = _coordinated_site(request, slug, "mentoring.edit_site")
    initial = {
        "contact_email": found.contact_email,
        "contact_phone": found.contact_phone,
        "accepts_registrations": found.accepts_registrations,
        "response_days": found.response_days,
    }
    form = SiteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        mentee_services.update_site(site=found, by=_me(request), **form.cleaned_data)
        messages.success(request, _("Gespeichert."))
        return redirect("mentoring:site", slug=found.slug)
    return render(request, "mentoring/joining/site_edit.html", {"site": found, "form": form})


# --- profiles ------------------------------------------------------------------------------


@login_required
def mentor(request: HttpRequest, pk: int) -> HttpResponse:
    profile: Mentor = profile_or_404(Mentor, request, pk, "mentoring.view_mentor")
    context = {
        "profile": profile,
        "mentor": profile,
        "site": profile.site,
        "coordinating": request.user.has_perm("mentoring.decide_profile", profile),
        "may_accompany_minors": selectors.may_accompany_minors(profile),
        "needs_certificate": selectors.needs_certificate(profile),
        "history": state_history(profile),
        "open_tandems": selectors.open_tandem_count(profile),
        "tandems": _tandems_of(profile),
        "return_form": ReturnForm(auto_id="return_%s"),
        "certificate_form": CertificateForm(auto_id="cert_%s"),
    }
    return render(request, "mentoring/joining/mentor.html", context)


@login_required
def mentee(request: HttpRequest, pk: int) -> HttpResponse:
    profile: Mentee = profile_or_404(Mentee, request, pk, "mentoring.view_mentee")
    context = {
        "profile": profile,
        "mentee": profile,
        "site": profile.site,
        "coordinating": request.user.has_perm("mentoring.decide_profile", profile),
        "consent_text": consent.text_of(profile.consent_version),
        "history": state_history(profile),
        "open_tandems": selectors.open_tandem_count(profile),
        "tandems": _tandems_of(profile),
        "return_form": ReturnForm(auto_id="return_%s"),
    }
    return render(request, "mentoring/joining/mentee.html", context)


def _tandems_of(profile: Mentor | Mentee) -> list[Tandem]:
    """The person's tandems for the profile page: the open ones first, then the newest."""
    return list(
        profile.tandems.select_related("mentor__user", "mentee").order_by(
            F("ended_on").asc(nulls_first=True), "-created_at", "-pk"
        )[:TANDEMS_SHOWN]
    )


def _model(role: str) -> type[Mentor] | type[Mentee]:
    return Mentor if role == "mentor" else Mentee


@login_required
@require_POST
def approve(request: HttpRequest, pk: int, role: str) -> HttpResponse:
    profile = profile_or_404(_model(role), request, pk, f"mentoring.view_{role}")
    run_action(
        request,
        lambda: services.approve_profile(profile=profile, by=_me(request)),
        _("Das Profil ist freigegeben; die Person ist benachrichtigt."),
    )
    return redirect(f"mentoring:{role}", pk=profile.pk)


@login_required
def return_profile(request: HttpRequest, pk: int, role: str) -> HttpResponse:
    profile = profile_or_404(_model(role), request, pk, f"mentoring.view_{role}")
    if not request.user.has_perm("mentoring.decide_profile", profile):
        raise PermissionDenied
    form = ReturnForm(request.POST or None, auto_id="return_%s")
    if request.method == "POST" and form.is_valid():
        try:
            services.return_profile(
                profile=profile, by=_me(request), comment=form.cleaned_data["comment"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Das Profil ist zurückgegeben; die Person ist benachrichtigt.")
            )
            return redirect(f"mentoring:{role}", pk=profile.pk)
    return render(
        request,
        "mentoring/joining/return.html",
        {"profile": profile, "role": role, "form": form, "site": profile.site},
    )


@login_required
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    profile: Mentor = profile_or_404(Mentor, request, pk, "mentoring.view_mentor")
    if not request.user.has_perm("mentoring.record_certificate", profile):
        raise PermissionDenied
    form = CertificateForm(request.POST or None, auto_id="cert_%s")
    if request.method == "POST" and form.is_valid():
        try:
            services.record_certificate(mentor=profile, by=_me(request), **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Vermerkt: Das Führungszeugnis wurde eingesehen."))
            return redirect("mentoring:mentor", pk=profile.pk)
    return render(
        request,
        "mentoring/joining/certificate.html",
        {"profile": profile, "form": form, "site": profile.site},
    )


@login_required
def register_mentee(request: HttpRequest, slug: str) -> HttpResponse:
    found = _coordinated_site(request, slug, "mentoring.register_mentee")
    form = CoordinatorMenteeForm(request.POST or None, site=found)
    if request.method == "POST" and form.is_valid():
        try:
            created = mentee_services.register_mentee(
                site=found,
                by=_me(request),
                data=form.profile_data(),
                consented=form.cleaned_data["consented"],
                by_guardian=form.cleaned_data["by_guardian"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s ist angemeldet und wartet auf eine Begleitung.")
                % {"name": created.first_name},
            )
            return redirect("mentoring:mentee", pk=created.pk)
    return render(
        request,
        "mentoring/joining/mentee_form.html",
        {"site": found, "form": form, "consent": consent.current(), "mentee": None},
    )


@login_required
def edit_mentee(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator changes a mentee's profile (the mentee's own page: edit_own_mentee)."""
    profile: Mentee = profile_or_404(Mentee, request, pk, "mentoring.view_mentee")
    if not request.user.has_perm("mentoring.decide_profile", profile):
        return redirect("mentoring:edit_own_mentee", pk=profile.pk)
    if profile.state == Mentee.State.WITHDRAWN:
        messages.info(request, _("Dieses Profil ist zurückgezogen."))
        return redirect("mentoring:mentee", pk=profile.pk)
    form = CoordinatorMenteeForm(request.POST or None, site=profile.site, profile=profile)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_action(
            request,
            lambda: mentee_services.update_mentee(
                mentee=profile, by=_me(request), data=form.profile_data()
            ),
            _("Gespeichert."),
        )
    ):
        return redirect("mentoring:mentee", pk=profile.pk)
    return render(
        request,
        "mentoring/joining/mentee_form.html",
        {"site": profile.site, "form": form, "mentee": profile},
    )


# --- a carrier's team ------------------------------------------------------------------------


def _carrier(request: HttpRequest, pk: int) -> Carrier:
    carrier = get_object_or_404(Carrier.objects.select_related("organisation", "programme"), pk=pk)
    if not request.user.has_perm("mentoring.appoint_coordinators", carrier):
        raise PermissionDenied
    return carrier


@login_required
def team(request: HttpRequest, pk: int) -> HttpResponse:
    carrier = _carrier(request, pk)
    members = list(selectors.carrier_members(carrier))
    form = AppointForm(request.POST or None, carrier=carrier, members=members)
    if request.method == "POST" and form.is_valid():
        membership = next(m for m in members if m.pk == form.cleaned_data["membership"])
        scope = form.cleaned_data["scope"]
        chosen = None if scope == "carrier" else carrier.sites.get(pk=int(scope))
        if run_action(
            request,
            lambda: team_services.appoint_coordinator(
                carrier=carrier, by=_me(request), membership=membership, site=chosen
            ),
            _("%(name)s koordiniert jetzt %(what)s.")
            % {
                "name": membership.user.get_full_name(),
                "what": chosen.name if chosen else carrier.organisation.name,
            },
        ):
            return redirect("mentoring:team", pk=carrier.pk)
    context = {
        "carrier": carrier,
        "grants": selectors.carrier_team(carrier),
        "form": form,
        "has_members": bool(members),
    }
    return render(request, "mentoring/joining/team.html", context)


@login_required
@require_POST
def relieve(request: HttpRequest, pk: int, grant: int) -> HttpResponse:
    carrier = _carrier(request, pk)
    found = get_object_or_404(
        RoleGrant.objects.select_related("membership__user"),
        pk=grant,
        membership__organisation_id=carrier.organisation_id,
    )
    run_action(
        request,
        lambda: team_services.relieve_coordinator(carrier=carrier, by=_me(request), grant=found),
        _("Die Aufgabe ist beendet."),
    )
    return redirect("mentoring:team", pk=carrier.pk)
