"""Public pages of mentoring and a person's own: what mentoring is, a programme, the site
finder and a site's page, registering as mentor or (without account) as mentee, "Mein
Mentoring", editing and withdrawing one's own profile. Thin: the services decide."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from handschlag.core.errors import DomainError
from handschlag.core.views import run_action

from . import consent
from . import joining as services
from . import joining_mentees as mentee_services
from . import joining_selectors as selectors
from .coordination_forms import SiteFinderForm
from .joining_forms import MentorForm, SelfMenteeForm, WithdrawForm
from .joining_limits import allow_self_registration
from .models import Mentee, Mentor, Programme, Site
from .registry import my_sections

if TYPE_CHECKING:
    from handschlag.accounts.models import User

PER_PAGE = 20
# how soon a site's coordination answers a new registration (a promise the page makes)


def _me(request: HttpRequest) -> User:
    return cast("User", request.user)


def _site(slug: str) -> Site:
    site = selectors.public_site(slug)
    if site is None:
        raise Http404
    return site


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "mentoring/joining/index.html",
        {"programmes": list(selectors.public_programmes())},
    )


def programme(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Programme.objects.select_related("organisation"), slug=slug)
    return render(
        request,
        "mentoring/joining/programme.html",
        {
            "programme": found,
            "carriers": selectors.programme_carriers(found),
            "may_edit": request.user.has_perm("mentoring.edit_programme", found),
        },
    )


def find_site(request: HttpRequest) -> HttpResponse:
    form = SiteFinderForm(request.GET or None)
    search = form.search() if request.GET else {}
    page = Paginator(selectors.find_sites(**search), PER_PAGE).get_page(request.GET.get("page"))
    purpose = request.GET.get("zweck", "")
    context = {
        "form": form,
        "page_obj": page,
        "searched": bool(search.get("place")),
        "purpose": purpose if purpose in ("mentor", "mentee") else "",
    }
    return render(request, "mentoring/joining/find_site.html", context)


def site_info(request: HttpRequest, slug: str) -> HttpResponse:
    site = _site(slug)
    mine = None
    if request.user.is_authenticated:
        mine = Mentor.objects.filter(site=site, user=_me(request)).first()
    return render(
        request,
        "mentoring/joining/site_info.html",
        {
            "site": site,
            "my_mentor_profile": mine,
            "may_coordinate": request.user.has_perm("mentoring.view_site", site),
        },
    )


# --- mentors ---------------------------------------------------------------------------------


@login_required
def register_mentor(request: HttpRequest, slug: str) -> HttpResponse:
    site = _site(slug)
    existing = Mentor.objects.filter(site=site, user=_me(request)).first()
    if existing is not None and existing.state != Mentor.State.WITHDRAWN:
        messages.info(request, _("Sie sind hier schon angemeldet. Hier ist Ihr Profil."))
        return redirect("mentoring:mentor", pk=existing.pk)
    if not site.accepts_registrations:
        return render(request, "mentoring/joining/closed.html", {"site": site})
    form = MentorForm(request.POST or None, site=site)
    if request.method == "POST" and form.is_valid():
        try:
            mentor = services.register_mentor(
                site=site,
                by=_me(request),
                data=form.profile_data(),
                capacity=form.cleaned_data["capacity"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Danke! Ihr Profil ist eingereicht. Die Koordination in %(site)s prüft es und "
                    "meldet sich bei Ihnen."
                )
                % {"site": site.name},
            )
            return redirect("mentoring:mentor", pk=mentor.pk)
    return render(
        request, "mentoring/joining/mentor_form.html", {"site": site, "form": form, "new": True}
    )


def profile_or_404(
    model: type[Mentor] | type[Mentee], request: HttpRequest, pk: int, perm: str
) -> Any:
    """The profile if the person may `perm` it; 404 otherwise (not even that it exists)."""
    related = ("site__carrier__programme", "site__carrier__organisation", "site__municipality")
    profile = get_object_or_404(model.objects.select_related(*related, "municipality"), pk=pk)
    if not request.user.has_perm(perm, profile):
        raise Http404
    return profile


@login_required
def edit_mentor(request: HttpRequest, pk: int) -> HttpResponse:
    mentor: Mentor = profile_or_404(Mentor, request, pk, "mentoring.edit_mentor")
    if mentor.state == Mentor.State.WITHDRAWN:
        messages.info(request, _("Dieses Profil ist zurückgezogen."))
        return redirect("mentoring:mentor", pk=mentor.pk)
    form = MentorForm(request.POST or None, site=mentor.site, profile=mentor)
    if request.method == "POST" and form.is_valid():
        was_returned = mentor.state == Mentor.State.RETURNED
        try:
            services.update_mentor(
                mentor=mentor,
                by=_me(request),
                data=form.profile_data(),
                capacity=form.cleaned_data["capacity"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            resubmitted = was_returned and mentor.user_id == request.user.pk
            messages.success(
                request,
                _("Gespeichert und erneut eingereicht. Die Koordination prüft es.")
                if resubmitted
                else _("Gespeichert."),
            )
            return redirect("mentoring:mentor", pk=mentor.pk)
    return render(
        request,
        "mentoring/joining/mentor_form.html",
        {"site": mentor.site, "form": form, "mentor": mentor, "new": False},
    )


def _withdraw(request: HttpRequest, profile: Mentor | Mentee, back: str) -> HttpResponse:
    if profile.state == Mentor.State.WITHDRAWN:
        messages.info(request, _("Dieses Profil ist bereits zurückgezogen."))
        return redirect(back)
    tandems = services.open_tandems_of(profile)
    form = WithdrawForm(request.POST or None) if tandems else None
    if request.method == "POST" and (form is None or form.is_valid()):
        reason = form.cleaned_data["reason"] if form is not None else ""
        done = (
            _("Die Tandems sind beendet und das Profil ist zurückgezogen.")
            if tandems
            else _("Das Profil ist zurückgezogen.")
        )
        if run_action(
            request,
            lambda: services.withdraw_profile(
                profile=profile, by=_me(request), end_tandems_with=reason
            ),
            done,
        ):
            return redirect("mentoring:mine" if profile.user_id == request.user.pk else back)
    context = {
        "profile": profile,
        "open_tandems": len(tandems),
        "tandems": tandems,
        "may_end_all": services.may_end_all(tandems, _me(request)),
        "form": form,
        "back": back,
    }
    return render(request, "mentoring/joining/withdraw.html", context)


@login_required
def withdraw_mentor(request: HttpRequest, pk: int) -> HttpResponse:
    mentor = profile_or_404(Mentor, request, pk, "mentoring.withdraw_mentor")
    return _withdraw(request, mentor, reverse("mentoring:mentor", args=[mentor.pk]))


@login_required
def withdraw_mentee(request: HttpRequest, pk: int) -> HttpResponse:
    mentee = profile_or_404(Mentee, request, pk, "mentoring.withdraw_mentee")
    return _withdraw(request, mentee, reverse("mentoring:mentee", args=[mentee.pk]))


# --- mentees ---------------------------------------------------------------------------------


def register_mentee_self(request: HttpRequest, slug: str) -> HttpResponse:
    """The short form; works without an account. Robots fill the hidden field and are sent
    to the same thank-you page without anything stored; floods are slowed by a rate limit."""
    site = _site(slug)
    if not site.accepts_registrations:
        return render(request, "mentoring/joining/closed.html", {"site": site})
    form = SelfMenteeForm(request.POST or None, site=site)
    if request.method == "POST":
        if form.is_robot():
            return redirect("mentoring:mentee_registered", slug=site.slug)
        if not allow_self_registration(request):
            return render(request, "mentoring/joining/too_many.html", {"site": site}, status=429)
        if form.is_valid():
            try:
                mentee_services.self_register_mentee(
                    site=site,
                    by=request.user,
                    data=form.profile_data(),
                    consented=form.cleaned_data["consented"],
                    by_guardian=form.cleaned_data["by_guardian"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return redirect("mentoring:mentee_registered", slug=site.slug)
    return render(
        request,
        "mentoring/joining/mentee_self_form.html",
        {"site": site, "form": form, "consent": consent.current()},
    )


def mentee_registered(request: HttpRequest, slug: str) -> HttpResponse:
    return render(
        request,
        "mentoring/joining/mentee_registered.html",
        {"site": (site := _site(slug)), "days": site.response_days},
    )


@login_required
def edit_own_mentee(request: HttpRequest, pk: int) -> HttpResponse:
    """A mentee with an account changes their own profile (the short form's fields)."""
    mentee: Mentee = profile_or_404(Mentee, request, pk, "mentoring.edit_mentee")
    if mentee.user_id != request.user.pk:
        return redirect("mentoring:edit_mentee", pk=mentee.pk)
    if mentee.state == Mentee.State.WITHDRAWN:
        messages.info(request, _("Dieses Profil ist zurückgezogen."))
        return redirect("mentoring:mentee", pk=mentee.pk)
    form = SelfMenteeForm(request.POST or None, site=mentee.site, profile=mentee)
    if request.method == "POST" and form.is_valid():
        was_returned = mentee.state == Mentee.State.RETURNED
        try:
            mentee_services.update_mentee(mentee=mentee, by=_me(request), data=form.profile_data())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Gespeichert und erneut eingereicht. Die Koordination prüft es.")
                if was_returned
                else _("Gespeichert."),
            )
            return redirect("mentoring:mentee", pk=mentee.pk)
    return render(
        request,
        "mentoring/joining/mentee_own_form.html",
        {"site": mentee.site, "form": form, "mentee": mentee},
    )


# --- mine ------------------------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "mentoring/joining/mine.html",
        {
            "profiles": selectors.my_profiles(request.user),
            "sections": my_sections.shown(request.user, request.user),
            "coordinates": request.user.has_perm("mentoring.coordinate"),
        },
    )
