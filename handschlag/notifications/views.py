from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import services
from .forms import EmailPreferencesForm
from .models import EmailOptOut, Notification

if TYPE_CHECKING:
    from handschlag.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User


PER_PAGE = 20


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    notifications = Notification.objects.filter(recipient=request.user)
    page_obj = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    has_unread = notifications.filter(read_at__isnull=True).exists()
    return render(
        request, "notifications/list.html", {"page_obj": page_obj, "has_unread": has_unread}
    )


def _back_to_list(request: HttpRequest) -> HttpResponse:
    """Back to where the person came from: only a path on this site (a bare word would be
    taken for a view name, another host is an open redirect), else the list."""
    target = request.POST.get("next", "")
    is_local_path = target.startswith("/") and not target.startswith("//")
    if is_local_path and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    # Only the user's own notifications are touched; someone else's id changes nothing.
    services.mark_read(user=request.user, ids=[pk])
    if request.htmx:  # type: ignore[attr-defined]
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        return render(
            request, "notifications/list.html#notification", {"notification": notification}
        )
    return _back_to_list(request)


@login_required
@require_POST
def mark_all_read(request: AuthenticatedRequest) -> HttpResponse:
    count = services.mark_read(user=request.user)
    text = ngettext(
        "%(count)d Benachrichtigung als gelesen markiert.",
        "%(count)d Benachrichtigungen als gelesen markiert.",
        count,
    )
    messages.success(request, text % {"count": count})
    return redirect("notifications:list")


@login_required
def email_settings(request: AuthenticatedRequest) -> HttpResponse:
    disabled = set(EmailOptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    form = EmailPreferencesForm(
        request.POST if request.method == "POST" else None, disabled_kinds=disabled
    )
    if request.method == "POST" and form.is_valid():
        services.set_email_preferences(user=request.user, enabled_kinds=form.enabled_kinds())
        messages.success(request, _("Ihre E-Mail-Einstellungen wurden gespeichert."))
        return redirect(reverse("notifications:settings"))
    return render(request, "notifications/settings.html", {"form": form})
