"""Calendar files: one event's .ics, the feeds of an organisation and a town, a person's own
feed (secret token URL) and the page where they find, renew or revoke it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from handschlag.core.versions import FRAGMENT_SECONDS, content_version
from handschlag.organisations.models import Organisation
from handschlag.places.models import Municipality

from . import calendar_tokens, ical, selectors
from .models import CalendarToken, Registration

if TYPE_CHECKING:
    from handschlag.accounts.models import User

FEED_CACHE = "public, max-age=900"


def _ics(body: bytes, *, filename: str, attachment: bool, cache: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = cache
    return response


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One event as a download; its online link only for those who may see it."""
    event = selectors.event_detail(pk=pk, user=request.user)
    if event is None:
        raise Http404
    with_link = request.user.has_perm("events.see_online_link", event)
    body = ical.build_calendar([(event, with_link)], method="PUBLISH")
    return _ics(
        body, filename=f"veranstaltung-{event.pk}.ics", attachment=True, cache="private, no-cache"
    )


def _public_feed(key: str, build: Callable[[], bytes]) -> bytes:
    """A public feed's body, kept under the content version (any change to an event renews
    it): calendar clients poll feeds often, and the same for everyone."""
    key = f"event-feed:{key}:{get_language()}:{content_version()}"
    body = cache.get(key)
    if not isinstance(body, bytes):
        body = build()
        cache.set(key, body, timeout=FRAGMENT_SECONDS)
    return body


def organisation_feed(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.only("pk", "name", "slug"), slug=slug)
    name = _("%(name)s – Veranstaltungen") % {"name": organisation.name}
    body = _public_feed(
        f"organisation:{organisation.pk}",
        lambda: ical.build_calendar(
            [(e, False) for e in selectors.organisation_feed(slug=slug)], name=name
        ),
    )
    return _ics(body, filename=f"{slug}.ics", attachment=False, cache=FEED_CACHE)


def municipality_feed(request: HttpRequest, slug: str) -> HttpResponse:
    town = get_object_or_404(Municipality.objects.only("pk", "name", "slug"), slug=slug)
    name = _("Veranstaltungen in %(name)s") % {"name": town.name}
    body = _public_feed(
        f"town:{town.pk}",
        lambda: ical.build_calendar(
            [(e, False) for e in selectors.municipality_feed(slug=slug)], name=name
        ),
    )
    return _ics(body, filename=f"{slug}.ics", attachment=False, cache=FEED_CACHE)


def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's registrations; the online link where they are confirmed. 404 for a token
    that does not exist (any more) or a deactivated account."""
    found = CalendarToken.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    registrations = selectors.personal_feed(user=found.user)
    items = [
        (r.event, r.state == Registration.State.CONFIRMED and bool(r.event.online_url))
        for r in registrations
    ]
    body = ical.build_calendar(items, name=_("Meine Veranstaltungen (Handschlag)"))
    return _ics(
        body, filename="meine-veranstaltungen.ics", attachment=False, cache="private, no-store"
    )


def _feed_urls(request: HttpRequest, token: CalendarToken | None) -> dict[str, Any]:
    if token is None:
        return {"https_url": "", "webcal_url": ""}
    url = request.build_absolute_uri(reverse("events:feed_personal", args=[token.token]))
    return {"https_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}


@login_required
def calendar_subscription(request: HttpRequest) -> HttpResponse:
    """GET: the person's subscription address (if any). POST `action=renew`: a new address (the
    old one stops working at once); `action=revoke`: no address any more."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "renew":
            calendar_tokens.renew(user=request.user)
            messages.success(
                request,
                _("Ihre neue Abo-Adresse ist bereit. Die alte Adresse funktioniert nicht mehr."),
            )
        elif action == "revoke":
            calendar_tokens.revoke(user=request.user)
            messages.success(request, _("Ihr Kalender-Abo ist aufgehoben."))
        return redirect("events:calendar_subscription")
    me = cast("User", request.user)
    token = CalendarToken.objects.filter(user=me).first()
    return render(
        request, "events/calendar_subscription.html", {"token": token, **_feed_urls(request, token)}
    )
