"""Pages for publishing events: the event page, create/edit, submit, cancel (asks first),
"Meine Veranstaltungen" and the moderators' review. Registration, calendars and the door have
their own views."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.core.errors import DomainError
from handschlag.core.history import state_history
from handschlag.core.views import run_action
from handschlag.moderation.review import permission_required, publish_or_return

from . import actions, display, event_pages, services
from .forms import CancelForm, EventForm, admin_organisations
from .models import Audience, Event

if TYPE_CHECKING:
    from handschlag.accounts.models import User
    from handschlag.blog.models import Post


def _me(request: HttpRequest) -> User:
    return cast("User", request.user)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_pages.event_for_page(pk=pk, user=request.user)
    user = request.user
    context = {
        "event": event,
        "facts": display.facts(event),
        "actions": actions.available_actions(event, user),
        "next_step": actions.next_step(event)
        if user.has_perm("events.edit_event", event) or user.has_perm("events.review_event", event)
        else "",
        "can_see_link": user.has_perm("events.see_online_link", event),
        "report_post": _published_report(event),
    }
    return render(request, "events/detail.html", context)


def _published_report(event: Event) -> Post | None:
    """The closing report in the blog, once the moderation has published it."""
    post = event.report_post
    if post is None or post.published_at is None or post.published_at > timezone.now():
        return None
    return post


def _submitted_message(event: Event) -> str:
    if event.state == Event.State.PUBLISHED:
        return _(
            "Die Veranstaltung ist veröffentlicht – sichtbar für die Mitglieder Ihrer Organisation."
        )
    return _("Danke! Die Moderation prüft Ihre Veranstaltung; Sie bekommen Bescheid.")


def _save(request: HttpRequest, form: EventForm, event: Event | None) -> HttpResponse:
    me = _me(request)
    fields = form.event_fields()
    if event is None:
        event = services.create_event(
            by=me, organisation=form.cleaned_data["organisation"], **fields
        )
    else:
        event = services.update_event(event=event, by=me, **fields)
    if request.POST.get("action") == "submit" and event.state in (
        Event.State.DRAFT,
        Event.State.RETURNED,
    ):
        event = services.submit_event(event=event, by=me)
        messages.success(request, _submitted_message(event))
    elif event.state == Event.State.PUBLISHED:
        messages.success(request, _("Die Änderungen sind gespeichert."))
    else:
        messages.success(request, _("Ihr Entwurf ist gespeichert."))
    return redirect(event)


def _form_flow(request: HttpRequest, event: Event | None) -> HttpResponse:
    me = _me(request)
    form = EventForm(request.POST or None, user=me, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            return _save(request, form, event)
        except DomainError as error:
            form.add_domain_error(error)
    context = {
        "form": form,
        "event": event,
        "can_organise": event is not None or admin_organisations(me).exists(),
        "consequence": actions.change_consequence(event) if event is not None else "",
    }
    return render(request, "events/form.html", context)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    return _form_flow(request, None)


def _event_to_change(request: HttpRequest, pk: int, perm: str = "events.edit_event") -> Event:
    """The event if the signed-in user may `perm` it: 404 if they may not even see it, 403 if
    they see it but may not act."""
    event = event_pages.event_for_page(pk=pk, user=request.user)
    if not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_to_change(request, pk)
    if event.state not in Event.EDITABLE_STATES:
        messages.error(
            request, _("In diesem Zustand kann die Veranstaltung nicht geändert werden.")
        )
        return redirect(event)
    return _form_flow(request, event)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_to_change(request, pk)
    try:
        event = services.submit_event(event=event, by=_me(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _submitted_message(event))
    return redirect(event)


@login_required
@require_POST
def retract(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_to_change(request, pk)
    done = run_action(
        request,
        lambda: services.retract_event(event=event, by=_me(request)),
        _(
            "Die Veranstaltung ist wieder ein Entwurf. Reichen Sie sie nach Ihren Änderungen "
            "erneut ein."
        ),
    )
    return redirect("events:edit", pk=event.pk) if done else redirect(event)


@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first and says what happens; POST cancels."""
    event = _event_to_change(request, pk, "events.cancel_event")
    if event.state != Event.State.PUBLISHED:
        messages.error(request, _("Nur veröffentlichte Veranstaltungen können abgesagt werden."))
        return redirect(event)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.cancel_event(
                event=event, by=_me(request), reason=form.cleaned_data["reason"]
            ),
            _("Die Veranstaltung ist abgesagt. Alle Angemeldeten werden benachrichtigt."),
        )
        if done:
            return redirect(event)
    context = {
        "event": event,
        "form": form,
        "consequence": actions.cancel_consequence(event.active_registrations),  # type: ignore[attr-defined]
        "facts": display.facts(event),
    }
    return render(request, "events/cancel.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    sections = event_pages.my_events(user=me)
    context = {
        "sections": sections,
        "has_events": any(sections.values()),
        "can_organise": admin_organisations(me).exists(),
    }
    return render(request, "events/mine.html", context)


@permission_required("events.review_event")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(
        Event.objects.select_related("organisation", "municipality", "author"), pk=pk
    )
    me = _me(request)
    done, forms = publish_or_return(
        request,
        publish=lambda comment: services.publish_event(event=event, by=me, comment=comment),
        give_back=lambda comment: services.return_event(event=event, by=me, comment=comment),
        published=_("Die Veranstaltung ist veröffentlicht."),
        returned=_("Die Veranstaltung wurde zurückgegeben."),
        queue="events",
    )
    if done is not None:
        return done
    context = {
        "event": event,
        "facts": display.facts(event),
        **forms,
        "can_decide": event.state == Event.State.PENDING,
        "members_only": event.audience == Audience.MEMBERS,
        # the link itself is for participants only; the host is enough to judge it
        "link_host": urlsplit(event.online_url).hostname or "" if event.online_url else "",
        "history": state_history(event),
    }
    return render(request, "events/review.html", context)
