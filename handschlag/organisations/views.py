"""Pages about organisations. Thin: forms validate, services decide, selectors read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.core.errors import DomainError

from . import selectors, services
from .contacts import public_contacts
from .forms import (
    DecisionForm,
    InvitationForm,
    JoinRequestForm,
    OrganisationFilterForm,
    OrganisationForm,
    RoleForm,
)
from .models import Invitation, JoinRequest, Membership, Organisation
from .registry import organisation_sections

if TYPE_CHECKING:
    from handschlag.accounts.models import User

PER_PAGE = 20


def _me(request: HttpRequest) -> User:
    """The logged-in user (every caller is behind @login_required)."""
    return cast("User", request.user)


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.search_organisations(
        q=filters.get("q", ""),
        kind=filters.get("kind", ""),
        municipality=filters.get("municipality"),
    )
    page_obj = Paginator(organisations, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "organisations/list.html", {"form": form, "page_obj": page_obj})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("municipality"), slug=slug)
    user = request.user
    is_member = user.has_perm("organisations.view_members", organisation)
    is_admin = user.has_perm("organisations.manage_members", organisation)
    context: dict[str, Any] = {
        "organisation": organisation,
        "members": selectors.organisation_members(organisation) if is_member else None,
        "contacts": list(public_contacts(organisation)),
        "sections": organisation_sections.shown(organisation, user),
        "first_steps": _open_first_steps(organisation) if is_admin else [],
        "is_sole_admin": is_admin and selectors.is_sole_admin(organisation, user),
        "join_form": JoinRequestForm(),
        "has_pending_request": user.is_authenticated
        and not is_member
        and organisation.join_requests.filter(user=user, state=JoinRequest.State.PENDING).exists(),
    }
    return render(request, "organisations/detail.html", context)


def _open_first_steps(organisation: Organisation) -> list[selectors.FirstStep]:
    """All steps while any is open (to show what is done too); none once all are done."""
    steps = selectors.first_steps(organisation)
    return [] if all(step.done for step in steps) else steps


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.create_organisation(by=_me(request), **form.cleaned_data)
        messages.success(request, _("Die Organisation wurde angelegt."))
        return redirect(organisation)
    return render(request, "organisations/form.html", {"form": form, "organisation": None})


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("organisations.edit", organisation):
        raise PermissionDenied
    # A copy, so a failed validation does not show unsaved values as the page's title.
    form = OrganisationForm(
        request.POST or None, instance=Organisation.objects.get(pk=organisation.pk)
    )
    if request.method == "POST" and form.is_valid():
        services.update_organisation(
            organisation=organisation, by=_me(request), **form.cleaned_data
        )
        messages.success(request, _("Die Änderungen wurden gespeichert."))
        return redirect(organisation)
    return render(request, "organisations/form.html", {"form": form, "organisation": organisation})


@login_required
@require_POST
def organisation_join(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Die Nachricht ist zu lang."))
        return redirect(organisation)
    try:
        services.request_to_join(
            organisation=organisation, by=_me(request), message=form.cleaned_data["message"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Ihre Anfrage wurde an die Administrator:innen geschickt."))
    return redirect(organisation)


@login_required
def organisation_leave(request: HttpRequest, slug: str) -> HttpResponse:
    """GET asks first and says what leaving means; POST leaves."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("organisations.view_members", organisation):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.leave_organisation(organisation=organisation, by=_me(request))
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("organisations:leave", slug=organisation.slug)
        messages.success(request, _("Sie sind aus der Organisation ausgetreten."))
        return redirect(organisation)
    context = {
        "organisation": organisation,
        "is_sole_admin": selectors.is_sole_admin(organisation, request.user),
    }
    return render(request, "organisations/leave.html", context)


def _admin_organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("organisations.manage_members", organisation):
        raise PermissionDenied
    return organisation


@login_required
def organisation_members(request: HttpRequest, slug: str) -> HttpResponse:
    """Members, open join requests and invitations; a POST here sends an invitation."""
    organisation = _admin_organisation(request, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_member(
                organisation=organisation, by=_me(request), **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Die Einladung an %(email)s wurde verschickt.") % {"email": invitation.email},
            )
            return redirect("organisations:members", slug=organisation.slug)
    members = list(selectors.organisation_members(organisation))
    context = {
        "organisation": organisation,
        "members": [(m, RoleForm(initial={"role": m.role}, prefix=f"m{m.pk}")) for m in members],
        "join_requests": selectors.pending_join_requests(organisation),
        "invitations": selectors.open_invitations(organisation),
        "form": form,
    }
    return render(request, "organisations/members.html", context)


def _membership(request: HttpRequest, slug: str, pk: int) -> Membership:
    organisation = _admin_organisation(request, slug)
    return get_object_or_404(
        Membership.objects.select_related("organisation", "user"), pk=pk, organisation=organisation
    )


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(request, slug, pk)
    form = RoleForm(request.POST, prefix=f"m{membership.pk}")
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine gültige Rolle."))
    else:
        try:
            services.set_member_role(
                membership=membership, by=_me(request), role=form.cleaned_data["role"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Die Rolle wurde geändert."))
    return redirect("organisations:members", slug=slug)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(request, slug, pk)
    try:
        services.remove_member(membership=membership, by=_me(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Die Person wurde aus der Organisation entfernt."))
    return redirect("organisations:members", slug=slug)


@login_required
@require_POST
def join_request_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _admin_organisation(request, slug)
    join_request = get_object_or_404(JoinRequest, pk=pk, organisation=organisation)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte entscheiden Sie: annehmen oder ablehnen."))
        return redirect("organisations:members", slug=slug)
    accept = form.cleaned_data["accept"]
    try:
        services.decide_join_request(join_request=join_request, by=_me(request), accept=accept)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Die Anfrage wurde angenommen.") if accept else _("Die Anfrage wurde abgelehnt."),
        )
    return redirect("organisations:members", slug=slug)


def _moderated_organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("organisations.verify", organisation):
        raise PermissionDenied
    return organisation


@login_required
@require_POST
def organisation_verify(request: HttpRequest, slug: str) -> HttpResponse:
    """A moderator verifies (with a requested kind) or withdraws the verification."""
    organisation = _moderated_organisation(request, slug)
    verified = request.POST.get("verified", "1") != "0"
    services.set_verified(organisation=organisation, by=_me(request), verified=verified)
    if verified:
        messages.success(request, _("Die Organisation ist jetzt verifiziert."))
    else:
        messages.success(request, _("Die Verifizierung wurde entzogen."))
    return redirect(organisation)


@login_required
@require_POST
def organisation_decline_kind(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _moderated_organisation(request, slug)
    try:
        services.decline_requested_kind(organisation=organisation, by=_me(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Die beantragte Art wurde abgelehnt."))
    return redirect(organisation)


@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the invitation, POST accepts it; the services explain every refusal."""
    invitation = get_object_or_404(Invitation.objects.select_related("organisation"), token=token)
    if request.method == "POST":
        try:
            services.accept_invitation(invitation=invitation, by=_me(request))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Willkommen bei %(organisation)s!")
                % {"organisation": invitation.organisation.name},
            )
            return redirect(invitation.organisation)
    return render(request, "organisations/invitation.html", {"invitation": invitation})
