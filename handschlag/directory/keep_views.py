"""Views of keeping offers current: the token page of "Ist das noch richtig?", short links."""

from __future__ import annotations

import hashlib
import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from handschlag.core.errors import DomainError
from handschlag.core.qr import qr_svg

from . import keep_selectors, keeping, printing
from .keep_forms import CheckAnswerForm, ReaderReportForm
from .models import PORTAL_LANGUAGES, GuidePage, Offer, Portal, ReaderReport, ShortLink


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, token: str) -> HttpResponse:
    """No login: the token alone lets its holder answer for this one offer, once."""
    found = keeping.find_check(token)
    if found is None:
        return render(request, "directory/keep/check_gone.html", {"state": "unknown"}, status=404)
    state = keeping.check_state(found)
    if state != "open":
        return render(request, "directory/keep/check_gone.html", {"state": state}, status=410)
    form = CheckAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            answered = keeping.answer_check(
                token=token,
                answer=form.cleaned_data["answer"],
                correction=form.cleaned_data["correction"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return render(request, "directory/keep/check_done.html", {"check": answered})
    return render(
        request, "directory/keep/check.html", {"check": found, "offer": found.offer, "form": form}
    )


def short_link(request: HttpRequest, code: str) -> HttpResponse:
    link = get_object_or_404(ShortLink, code=code)
    path = keeping.safe_path(link.path)
    if path is None:
        raise Http404
    return HttpResponseRedirect(path)


def _portal(town: str) -> Portal:
    return get_object_or_404(Portal.objects.select_related("municipality"), municipality__slug=town)


def _over_limit(request: HttpRequest) -> bool:
    """A few reports per hour per IP and per session (django's cache; the session keeps its own)."""
    now = time.time()
    ip_key = (
        "directory:reports:"
        + hashlib.sha256(request.META.get("REMOTE_ADDR", "").encode()).hexdigest()
    )
    ip_times = [t for t in cache.get(ip_key, []) if now - t < keeping.REPORT_WINDOW]
    session_times = [
        t for t in request.session.get("directory_reports", []) if now - t < keeping.REPORT_WINDOW
    ]
    if max(len(ip_times), len(session_times)) >= keeping.REPORT_LIMIT:
        return True
    cache.set(ip_key, [*ip_times, now], keeping.REPORT_WINDOW)
    request.session["directory_reports"] = [*session_times, now]
    return False


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, town: str, pk: int) -> HttpResponse:
    """'Das stimmt nicht': a reader's one-tap report on an offer (no login, no JavaScript)."""
    offer = get_object_or_404(
        Offer.objects.public().select_related("portal__municipality"),
        pk=pk,
        portal__municipality__slug=town,
    )
    form = ReaderReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if _over_limit(request):
            form.add_error(
                None,
                _("Sie haben schon mehrere Hinweise geschickt. Bitte versuchen Sie es später."),
            )
            status = 429
        else:
            try:
                keeping.report_offer(
                    offer=offer,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                    language=translation.get_language() or "",
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Danke! Das Portal-Team prüft Ihren Hinweis."))
                return redirect(reverse("directory:report", args=[town, offer.pk]) + "?danke=1")
    return render(
        request,
        "directory/keep/report.html",
        {"offer": offer, "form": form, "thanked": "danke" in request.GET},
        status=status,
    )


@login_required
def reports(request: HttpRequest, town: str) -> HttpResponse:
    """The editors' list of readers' reports, open ones first; never shown to the public."""
    portal = _portal(town)
    if not request.user.has_perm("directory.handle_reports", portal):
        raise PermissionDenied
    page = Paginator(keep_selectors.open_reports(portal), 50).get_page(request.GET.get("seite"))
    return render(request, "directory/keep/reports.html", {"portal": portal, "page": page})


@login_required
@require_POST
def report_done(request: HttpRequest, town: str, pk: int) -> HttpResponse:
    portal = _portal(town)
    found = get_object_or_404(
        ReaderReport.objects.select_related("offer__portal"), pk=pk, offer__portal=portal
    )
    keeping.handle_report(report=found, by=request.user)
    messages.success(request, _("Als erledigt markiert."))
    return redirect("directory:reports", town)


@require_http_methods(["GET"])
def share(request: HttpRequest, town: str) -> HttpResponse:
    """'Teilen und drucken' for a page of this portal (?pfad=, filters kept in its query):
    the short link and its QR code, with a print stylesheet."""
    portal = _portal(town)
    if not portal.is_published:
        raise Http404
    path = request.GET.get("pfad", "")
    if keeping.safe_path(path) is None or not path.startswith(f"/portal/{town}/"):
        return render(request, "directory/keep/bad_share.html", status=400)
    try:
        link = keeping.short_link_for(portal=portal, path=path)
    except DomainError:
        return render(request, "directory/keep/bad_share.html", status=400)
    url = printing.short_url(link)
    return render(
        request,
        "directory/print/share.html",
        {"qr": qr_svg(url), "short_url": url, "path": path, "portal": portal},
    )


@require_http_methods(["GET"])
def guide_pdf(request: HttpRequest, town: str, pk: int) -> HttpResponse:
    """A guide page as a PDF in ?lang= (any portal language; German by default)."""
    page = get_object_or_404(
        GuidePage.objects.select_related("topic__portal__municipality"),
        pk=pk,
        topic__portal__municipality__slug=town,
        topic__portal__published_at__isnull=False,
        published_at__isnull=False,
    )
    language = request.GET.get("lang", "de")
    if language not in PORTAL_LANGUAGES:
        language = "de"
    try:
        path = page.get_absolute_url()
    except NoReverseMatch:  # the reader's guide page is not mounted (yet): the PDF itself
        path = request.path
    data = printing.guide_pdf(page, language=language, path=path)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{page.slug}-{language}.pdf"'
    return response
