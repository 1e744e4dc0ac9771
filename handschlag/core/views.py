import re
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import readability
from .errors import DomainError

# The readability check reads at most this much (a long guide page has ~ 20,000 characters).
READABILITY_MAX_CHARS = 50_000
_SAFE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,80}$")


def run_action(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service call for a page: its refusal (a DomainError) becomes an error message,
    success the `success` message. True if it ran."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def imprint(request: HttpRequest) -> HttpResponse:
    return render(request, "core/imprint.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 403}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 404}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/error.html", {"status": 500}, status=500)


@require_POST
def readability_check(request: HttpRequest) -> HttpResponse:
    """htmx: the readability of the text an editor is writing (includes/readability.html).
    POST `field` (the name of the text field, default "text"), that field, and `target` (the
    id of the include, for the hints' out-of-band swap). Editors only: anonymous is refused."""
    if not request.user.is_authenticated:
        return HttpResponseForbidden(_("Bitte melden Sie sich an, um die Lesbarkeit zu prüfen."))
    name = request.POST.get("field") or "text"
    text = request.POST.get(name, "")
    target = request.POST.get("target", "")
    context: dict[str, Any] = {
        "target": target if _SAFE_ID.match(target) else "",
        "max_chars": number_format(READABILITY_MAX_CHARS, force_grouping=True),
    }
    if len(text) > READABILITY_MAX_CHARS:
        context["too_long"] = True
    else:
        context["report"] = readability.analyse(text)
    return render(request, "core/readability_response.html", context)
