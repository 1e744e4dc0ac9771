"""Pages of the registration part: register (with an account or as a guest), a guest's page
for their registration (by its secret token), accept an offer, cancel (asks first), an
organiser cancelling one registration, and "Meine Anmeldungen". Thin: the services decide."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.core.errors import DomainError
from handschlag.core.languages import reader_language
from handschlag.core.views import run_action

from . import registration as services
from . import registration_selectors as selectors
from .models import Event, Registration
from .registration_forms import GuestRegistrationForm, OrganiserCancelForm, RegistrationForm

if TYPE_CHECKING:
    from handschlag.accounts.models import User

State = Registration.State


def _me(request: HttpRequest) -> User:
    return cast("User", request.user)


def _visible_event(request: HttpRequest, pk: int) -> Event:
    event = get_object_or_404(Event.objects.select_related("organisation"), pk=pk)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    return event


def _placed_message(registration: Registration) -> str:
    if registration.state == State.CONFIRMED:
        return _("Sie sind angemeldet. Die Bestätigung ist unterwegs per E-Mail.")
    return _(
        "Die Veranstaltung ist im Moment ausgebucht. Sie stehen auf Platz %(n)d der Warteliste. "
        "Wird ein Platz frei, bekommen Sie ihn per E-Mail angeboten."
    ) % {"n": services.position_in_line(registration) or 1}


def register(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the registration page (the box on its own); POST: register."""
    event = _visible_event(request, pk)
    context = selectors.box_context(request.user, event)
    if request.method != "POST" or "form" not in context:
        if request.method == "POST":  # closed or already registered: the box says why
            messages.error(request, context["closed_reason"] or _("Sie sind bereits angemeldet."))
            return redirect(event)
        return render(request, "events/registration/register.html", context)
    if request.user.is_authenticated:
        form: RegistrationForm = RegistrationForm(request.POST, event=event, auto_id="reg_%s")
    else:
        form = GuestRegistrationForm(request.POST, event=event, auto_id="reg_%s")
    if form.is_valid():
        try:
            if request.user.is_authenticated:
                registration = services.register(
                    event=event,
                    by=_me(request),
                    places=form.cleaned_data["places"],
                    needs=form.needs(),
                )
                messages.success(request, _placed_message(registration))
            else:
                registration = services.register_guest(
                    event=event,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    places=form.cleaned_data["places"],
                    needs=form.needs(),
                    language=get_language() or "de",
                )
                messages.success(
                    request,
                    _(
                        "Fast geschafft: Wir haben Ihnen eine E-Mail an %(email)s geschickt. "
                        "Bitte bestätigen Sie Ihre Anmeldung über den Link darin."
                    )
                    % {"email": registration.guest_email},
                )
            return redirect(event)
        except DomainError as error:
            form.add_error(None, error.message)
    context["form"] = form
    return render(request, "events/registration/register.html", context)


# ---------------------------------------------------------------- a guest, by token


def _by_token(token: str) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event", "event__organisation"),
        token=token,
        user__isnull=True,
    )


def _in_guest_language(
    view: Callable[[HttpRequest, Registration, str], HttpResponse],
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A guest's pages speak the language they registered in (the link may be opened on
    another device), unless this browser chose one in the switcher."""

    @wraps(view)
    def in_language(request: HttpRequest, token: str) -> HttpResponse:
        registration = _by_token(token)
        language = reader_language(request, registration.language)
        with translation.override(language):
            response = view(request, registration, token)
        response.headers.setdefault("Content-Language", language)
        return response

    return in_language


@_in_guest_language
def manage(request: HttpRequest, registration: Registration, token: str) -> HttpResponse:
    """A guest's page for their registration: state, next step, actions."""
    context = selectors.state_context(registration)
    context["event"] = registration.event
    return render(request, "events/registration/manage.html", context)


@require_POST
@_in_guest_language
def confirm_email(request: HttpRequest, registration: Registration, token: str) -> HttpResponse:
    try:
        services.confirm_guest_email(registration=registration, token=token)
        registration.refresh_from_db()
        messages.success(request, _placed_message(registration))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("events:registration", token=token)


@require_POST
@_in_guest_language
def accept_offer_by_token(
    request: HttpRequest, registration: Registration, token: str
) -> HttpResponse:
    run_action(
        request,
        lambda: services.accept_offer(registration=registration, token=token),
        _("Der Platz gehört Ihnen. Die Bestätigung ist unterwegs per E-Mail."),
    )
    return redirect("events:registration", token=token)


@_in_guest_language
def cancel_by_token(request: HttpRequest, registration: Registration, token: str) -> HttpResponse:
    if request.method == "POST" and run_action(
        request,
        lambda: services.cancel_registration(registration=registration, token=token),
        _("Sie sind abgemeldet."),
    ):
        return redirect("events:registration", token=token)
    return _cancel_page(request, registration, back=reverse("events:registration", args=[token]))


def _cancel_page(request: HttpRequest, registration: Registration, *, back: str) -> HttpResponse:
    if registration.state not in (State.REQUESTED, State.CONFIRMED, State.WAITING, State.OFFERED):
        messages.info(request, _("Diese Anmeldung ist nicht mehr aktiv."))
        return redirect(back)
    return render(
        request,
        "events/registration/cancel.html",
        {"registration": registration, "event": registration.event, "back": back},
    )


# ---------------------------------------------------------------- a person with an account


def _own(request: HttpRequest, pk: int) -> Registration:
    registration = get_object_or_404(
        Registration.objects.select_related("event", "event__organisation"), pk=pk
    )
    if registration.user_id != request.user.pk:
        raise Http404  # someone else's registration: not even that it exists
    return registration


@login_required
@require_POST
def accept_offer(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own(request, pk)
    run_action(
        request,
        lambda: services.accept_offer(registration=registration, by=_me(request)),
        _("Der Platz gehört Ihnen. Die Bestätigung ist unterwegs per E-Mail."),
    )
    return redirect(registration.event)


@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own(request, pk)
    back = registration.event.get_absolute_url()
    if request.method == "POST":
        run_action(
            request,
            lambda: services.cancel_registration(registration=registration, by=_me(request)),
            _("Sie sind abgemeldet."),
        )
        return redirect(registration.event)
    return _cancel_page(request, registration, back=back)


@login_required
def cancel_by_organiser(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("event", "event__organisation", "user"), pk=pk
    )
    if not request.user.has_perm("events.cancel_registration_as_organiser", registration):
        raise PermissionDenied
    form = OrganiserCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if run_action(
            request,
            lambda: services.cancel_by_organiser(
                registration=registration, by=_me(request), reason=reason
            ),
            _("Die Anmeldung ist abgesagt; die Person ist benachrichtigt."),
        ):
            return redirect("events:participants", pk=registration.event_id)
    return render(
        request,
        "events/registration/organiser_cancel.html",
        {"registration": registration, "event": registration.event, "form": form},
    )


@login_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    mine = selectors.my_registrations(_me(request))
    return render(
        request,
        "events/registration/mine.html",
        {"upcoming": mine.upcoming, "past": mine.past},
    )
