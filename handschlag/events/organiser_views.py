"""Pages of the organiser's side: participants, the door (check-in on a phone), the QR code,
the closing report, the exports and the message to all participants. Thin: every write is a
service call; access is `has_perm` on the event (the organiser team), 404 for events the
visitor may not even see."""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING, Any, cast

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from handschlag.core.errors import DomainError
from handschlag.core.views import run_action

from . import checkin, door, exports, organiser_messages, report
from .models import Event, EventPhoto, Registration
from .organiser_forms import CancelForm, CheckInForm, MessageForm, ReportForm

if TYPE_CHECKING:
    from handschlag.accounts.models import User


def _me(request: HttpRequest) -> User:
    return cast("User", request.user)


def _event(request: HttpRequest, pk: int, perm: str) -> Event:
    """The event if the visitor has `perm` on it: 404 if they may not even see it, else 403."""
    event = get_object_or_404(Event.objects.select_related("organisation"), pk=pk)
    user = request.user
    if not user.has_perm(perm, event):
        if not user.has_perm("events.view_event", event):
            raise Http404
        raise PermissionDenied
    return event


def _registration(event: Event, pk: str | int | None) -> Registration:
    try:
        number = int(pk or "")
    except ValueError:
        raise Http404 from None
    return get_object_or_404(
        Registration.objects.select_related("event", "user"), pk=number, event=event
    )


# --- participants ------------------------------------------------------------------------


@login_required
@require_safe
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk, "events.view_participants")
    rows = door.registrations(event)
    user = request.user
    context = {
        "event": event,
        "groups": door.grouped(rows),
        "needs": door.access_needs(rows),
        "counts": door.counts(event),
        # ticking people off only once the door is open (a day before the start)
        "can_mark": user.has_perm("events.check_in", event) and checkin.door_is_open(event),
        "door_states": door.DOOR_STATES,
        "cancellable_states": Registration.ACTIVE_STATES,
        "can_cancel": user.has_perm("events.close_event", event),
        "can_message": user.has_perm("events.message_participants", event),
        "cancel_form": CancelForm(),
    }
    return render(request, "events/organiser/participants.html", context)


# --- the door ----------------------------------------------------------------------------


def _door_context(event: Event, form: CheckInForm, **extra: Any) -> dict[str, Any]:
    return {
        "event": event,
        "form": form,
        "counts": door.counts(event),
        "people": door.door_list(event),
        **extra,
    }


@login_required
def checkin_page(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the door (code prefilled from ?code= when the QR code was scanned); POST: check in."""
    event = _event(request, pk, "events.check_in")
    result: dict[str, Any] = {}
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            try:
                done = checkin.check_in_by_code(
                    event=event, code=form.cleaned_data["code"], by=_me(request)
                )
            except DomainError as error:
                result = {"ok": False, "text": error.message}
            else:
                result = {"ok": True, "text": _checked_in_text(done)}
                form = CheckInForm()  # empty again for the next person
        else:
            result = {"ok": False, "text": _("Bitte geben Sie den Code ein.")}
    else:
        form = CheckInForm(
            initial={"code": checkin.normalise_code(request.GET.get("code", ""))[:12]}
        )
    context = _door_context(event, form, result=result)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "events/organiser/fragments/door_answer.html", context)
    return render(request, "events/organiser/checkin.html", context)


def _checked_in_text(done: checkin.CheckIn) -> str:
    registration = done.registration
    if done.already:
        return _("%(name)s ist schon eingecheckt.") % {"name": registration.display_name}
    return ngettext(
        "Willkommen, %(name)s! (%(places)d Platz)",
        "Willkommen, %(name)s! (%(places)d Plätze)",
        registration.places,
    ) % {"name": registration.display_name, "places": registration.places}


@login_required
@require_POST
def mark(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    """Tick someone off by name (there / not there) — a plain form, works without JS."""
    event = _event(request, pk, "events.check_in")
    registration = _registration(event, registration_pk)
    name = registration.display_name
    if request.POST.get("action") == "no_show":
        run_action(
            request,
            lambda: checkin.mark_no_show(registration=registration, by=_me(request)),
            _("%(name)s: nicht erschienen.") % {"name": name},
        )
    else:
        run_action(
            request,
            lambda: checkin.mark_attended(registration=registration, by=_me(request)),
            _("%(name)s ist da.") % {"name": name},
        )
    target = (
        "events:participants" if request.POST.get("next") == "participants" else "events:checkin"
    )
    return redirect(reverse(target, args=[event.pk]) + f"#r{registration.pk}")


@require_safe
def checkin_qr(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    """The registration's QR code (SVG): the door's address with the code filled in. For the
    person registered (signed in, or a guest with the link's token) and the organiser team."""
    registration = get_object_or_404(
        Registration.objects.select_related("event__organisation"), pk=registration_pk, event_id=pk
    )
    user = request.user
    token = request.GET.get("token", "")
    allowed = (
        (registration.user_id is not None and registration.user_id == user.pk)
        or (registration.is_guest and token and constant_time_compare(token, registration.token))
        or user.has_perm("events.check_in", registration.event)
    )
    if not allowed or registration.state not in (
        Registration.State.CONFIRMED, Registration.State.ATTENDED
    ):  # fmt: skip
        raise Http404
    url = request.build_absolute_uri(
        reverse("events:checkin", args=[pk]) + f"?code={registration.checkin_code}"
    )
    # a file of its own (for <img>), so with the SVG namespace: without it no browser draws it
    svg = BytesIO()
    segno.make(url, error="m").save(
        svg, kind="svg", scale=4, border=2, title=_("QR-Code für den Einlass"), xmldecl=False
    )
    response = HttpResponse(svg.getvalue(), content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


# --- exports and the message to all -----------------------------------------------------


@login_required
@require_safe
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    event = _event(request, pk, "events.export_registrations")
    if fmt not in exports.FORMATS:
        raise Http404
    data = exports.export_registrations(event=event, by=_me(request), fmt=fmt)
    response = HttpResponse(data, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(event, fmt)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def message_participants(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk, "events.message_participants")
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = organiser_messages.message_participants(
                event=event, by=_me(request), **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Ihre Nachricht ist an %(count)d Person unterwegs.",
                    "Ihre Nachricht ist an %(count)d Personen unterwegs.",
                    sent,
                )
                % {"count": sent},
            )
            return redirect("events:participants", pk=event.pk)
    confirmed = len(organiser_messages.participants(event))
    waiting = len(organiser_messages.participants(event, include_waiting=True)) - confirmed
    context = {"event": event, "form": form, "confirmed": confirmed, "waiting": waiting}
    return render(request, "events/organiser/message.html", context)


# --- the closing report ------------------------------------------------------------------


@login_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser admins write and close; moderators read a submitted report and publish it."""
    event = get_object_or_404(Event.objects.select_related("organisation", "report_post"), pk=pk)
    user = _me(request)
    is_admin = user.has_perm("events.close_event", event)
    may_publish = event.report_post_id is not None and user.has_perm("blog.publish_report")
    if not (is_admin or may_publish):
        if not user.has_perm("events.view_event", event):
            raise Http404
        raise PermissionDenied
    photos = list(report.photos(event))
    form = ReportForm(initial={"outcome": event.outcome}, taken=len(photos))
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "publish" and may_publish:
            run_action(
                request,
                lambda: report.publish_report(event=event, by=user),
                _("Der Bericht ist im Blog veröffentlicht."),
            )
            return redirect("events:report", pk=event.pk)
        if not is_admin:
            raise PermissionDenied
        if action == "remove_photo":
            photo = get_object_or_404(EventPhoto, pk=request.POST.get("photo") or 0, event=event)
            run_action(
                request,
                lambda: report.remove_photo(photo=photo, by=user),
                _("Das Foto ist entfernt."),
            )
            return redirect("events:report", pk=event.pk)
        if action == "submit":
            run_action(
                request,
                lambda: report.submit_report(event=event, by=user),
                _("Danke! Die Moderation prüft den Bericht und veröffentlicht ihn im Blog."),
            )
            return redirect("events:report", pk=event.pk)
        form = ReportForm(request.POST, request.FILES, taken=len(photos))
        if form.is_valid():
            uploads, alts = form.photos()
            close = action == "close"
            try:
                report.save_report(
                    event=event,
                    by=user,
                    outcome=form.cleaned_data["outcome"],
                    new_photos=uploads,
                    alt_texts=alts,
                )
                if close:
                    report.close_event(event=event, by=user)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Gespeichert; die Veranstaltung ist abgeschlossen.")
                    if close
                    else _("Der Bericht ist gespeichert."),
                )
                return redirect("events:report", pk=event.pk)
    context = {
        "event": event,
        "form": form,
        "photos": photos,
        "attendance": report.attendance(event),
        "is_admin": is_admin,
        "moderating": not is_admin and user.has_perm("blog.publish_report"),
        "may_publish": may_publish and event.report_post is not None
        and event.report_post.published_at is None,
        "editable": is_admin and event.report_post_id is None and event.is_past,
    }  # fmt: skip
    return render(request, "events/organiser/report.html", context)
