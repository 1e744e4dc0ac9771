"""Views of keeping offers current: the token page of "Ist das noch richtig?", short links."""

from __future__ import annotations

import hashlib
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from handschlag.core.errors import DomainError
from handschlag.core.qr import qr_svg

from . import keep_selectors, keeping, printing, public_selectors
from .keep_forms import CheckAnswerForm, ReaderReportForm
from .models import PORTAL_LANGUAGES, GuidePage, Offer, Portal, ReaderReport, ShortLink
from .public_forms import OfferFilterForm
from .translation import localize


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


def _over_limit(request: HttpRequest, *, what: str, limit: int, window: int) -> bool:
    """At most `limit` of `what` per `window` seconds per IP and per session (django's cache;
    the session keeps its own); counts this one when it is allowed."""
    now = time.time()
    # the reader's address as the login limits see it: behind a proxy, not the proxy's
    client = get_adapter(request).get_client_ip(request) or ""
    address = hashlib.sha256(client.encode()).hexdigest()
    ip_key = f"directory:{what}:{address}"
    session_key = f"directory_{what}"
    ip_times = [t for t in cache.get(ip_key, []) if now - t < window]
    session_times = [t for t in request.session.get(session_key, []) if now - t < window]
    if max(len(ip_times), len(session_times)) >= limit:
        return True
    cache.set(ip_key, [*ip_times, now], window)
    request.session[session_key] = [*session_times, now]
    return False


def _short_link(request: HttpRequest, portal: Portal, path: str) -> ShortLink | None:
    """The short link of `path`: the one it has, else a new one while this reader has made
    fewer than SHORT_LINK_LIMIT in the last hour (None beyond: no new row)."""
    found = keeping.find_short_link(portal=portal, path=path)
    if found is not None:
        return found
    if _over_limit(
        request, what="short_links", limit=keeping.SHORT_LINK_LIMIT,
        window=keeping.SHORT_LINK_WINDOW,
    ):  # fmt: skip
        return None
    return keeping.short_link_for(portal=portal, path=path)


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, town: str, pk: int) -> HttpResponse:
    """'Das stimmt nicht': a reader's one-tap report on an offer (no login, no JavaScript)."""
    offer = get_object_or_404(
        Offer.objects.public().select_related("portal__municipality"),
        pk=pk,
        portal__municipality__slug=town,
    )
    localize([offer], public_selectors.reading_language())
    form = ReaderReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if _over_limit(
            request, what="reports", limit=keeping.REPORT_LIMIT, window=keeping.REPORT_WINDOW
        ):
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
        link = _short_link(request, portal, path)
    except DomainError:
        return render(request, "directory/keep/bad_share.html", status=400)
    if link is None:
        return render(
            request, "directory/keep/bad_share.html", {"too_many": True, "path": path}, status=429
        )
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
    language = _pdf_language(request)
    data = printing.guide_pdf(page, language=language, path=page.get_absolute_url())
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{page.slug}-{language}.pdf"'
    return response


@require_http_methods(["GET"])
def offers_pdf(request: HttpRequest, town: str) -> HttpResponse:
    """The portal's offer list as a PDF in ?lang= (German by default), with the list page's
    filters (?q=, topic, language, place, radius; invalid ones are left out as on the page)
    and the QR code of the list. Beyond the reader's short-link limit, the QR code holds the
    list's full address instead of a new short link."""
    portal = _portal(town)
    if not portal.is_published:
        raise Http404
    language = _pdf_language(request)
    form = OfferFilterForm(request.GET, languages=public_selectors.spoken_languages(portal))
    filters = form.filters()
    query = form.query()
    path = reverse("directory:offers", args=[town])
    path = f"{path}?{urlencode(query)}" if query else path
    link = _short_link(request, portal, path) if len(path) <= keeping.SHORT_PATH_MAX else None
    link_url = printing.short_url(link) if link else settings.SITE_URL.rstrip("/") + path
    data = printing.offer_list_pdf(
        portal=portal, filters=filters, language=language, link_url=link_url
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="angebote-{town}-{language}.pdf"'
    return response


def _pdf_language(request: HttpRequest) -> str:
    """?lang= if it is a portal language, else German."""
    language = request.GET.get("lang", "de")
    return language if language in PORTAL_LANGUAGES else "de"
