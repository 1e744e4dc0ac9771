"""Open data: each published portal's offers in HSDS 3.0 (JSON and a tabular data package),
all portals' in one package, a page that says what is in them, and the import for a portal's
editors. Downloads are public, cacheable and answer conditional requests (ETag)."""

from __future__ import annotations

import hashlib
import io
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from . import hsds_nationwide, hsds_tabular
from .data_forms import HsdsImportForm
from .hsds import DATA_LICENSE
from .hsds_export import hsds_document, portal_services
from .hsds_import import import_hsds, summary
from .hsds_input import ImportInvalid
from .models import Offer, Portal

CACHE_SECONDS = 5 * 60
MAX_WARNINGS_SHOWN = 20


def _published_portal(slug: str) -> Portal:
    portal = (
        Portal.objects.select_related("municipality")
        .filter(municipality__slug=slug, published_at__isnull=False)
        .first()
    )
    if portal is None:
        raise Http404
    return portal


def _open_data(
    response: HttpResponseBase, *, etag: str, last_modified: float | None = None
) -> HttpResponseBase:
    """Open data: anyone may fetch it (CORS), and caches may keep it a while."""
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def _unchanged(
    request: HttpRequest, *, etag: str, last_modified: float | None = None
) -> HttpResponseBase | None:
    """A 304 when the client has this version already (If-None-Match / If-Modified-Since)."""
    since = int(last_modified) if last_modified is not None else None
    answer = get_conditional_response(request, etag=etag, last_modified=since)
    return _open_data(answer, etag=etag, last_modified=last_modified) if answer else None


def _download(request: HttpRequest, response: HttpResponse, *, etag: str) -> HttpResponseBase:
    return _unchanged(request, etag=etag) or _open_data(response, etag=etag)


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _data_url(request: HttpRequest, portal: Portal) -> str:
    return request.build_absolute_uri(reverse("directory:data", args=[portal.municipality.slug]))


@require_safe
def portal_json(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The portal's published offers as one page of HSDS 3.0 services."""
    portal = _published_portal(slug)
    document = hsds_document(portal, url=_data_url(request, portal))
    body = json.dumps(document, ensure_ascii=False).encode()
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    return _download(request, response, etag=_etag(body))


@require_safe
def portal_zip(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The portal's published offers as an HSDS 3.0 tabular data package (zip of CSVs)."""
    portal = _published_portal(slug)
    package = hsds_tabular.datapackage(
        name=f"handschlag-{portal.municipality.slug}",
        title=f"Angebote für Neuzugewanderte in {portal.municipality.name} (HSDS 3.0)",
        homepage=_data_url(request, portal),
    )
    out = io.BytesIO()
    hsds_tabular.write_package(out, portal_services(portal), package=package)
    body = out.getvalue()
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="hsds-{portal.municipality.slug}.zip"'
    return _download(request, response, etag=_etag(body))


@require_safe
def nationwide_zip(request: HttpRequest) -> HttpResponseBase:
    """Every published portal in one package: the newest one built (see hsds_nationwide)."""
    found = hsds_nationwide.current()
    if found is not None:
        name, made = found
        etag, made_at = '"' + name.rsplit("/", 1)[-1] + '"', made.timestamp()
        unchanged = _unchanged(request, etag=etag, last_modified=made_at)
        if unchanged is not None:
            return unchanged
        try:
            file = default_storage.open(name, "rb")
        except FileNotFoundError:  # replaced just now: the next request gets the new one
            found = None
    if found is None:
        preparing = render(request, "directory/data/preparing.html", status=503)
        preparing["Retry-After"] = "120"
        return preparing
    response = FileResponse(
        file, as_attachment=True, filename="hsds-deutschland.zip", content_type="application/zip"
    )
    return _open_data(response, etag=etag, last_modified=made_at)


def _format_context() -> dict[str, object]:
    return {"license": DATA_LICENSE, "api_docs": reverse("api:openapi-view")}


def portal_data(request: HttpRequest, slug: str) -> HttpResponse:
    """What a town's open data hold and where to get them; editors also find the import."""
    portal = get_object_or_404(
        Portal.objects.select_related("municipality"), municipality__slug=slug
    )
    may_import = request.user.has_perm("directory.edit_portal", portal)
    if not portal.is_published and not may_import:
        raise Http404
    context = {
        "portal": portal,
        "offer_count": Offer.objects.filter(portal=portal, published_at__isnull=False).count(),
        "may_import": may_import,
        **_format_context(),
    }
    return render(request, "directory/data/portal.html", context)


def data_index(request: HttpRequest) -> HttpResponse:
    """All portals' open data: the nationwide package and each town's downloads."""
    context = {
        "portals": hsds_nationwide.published_portals(),
        "nationwide": hsds_nationwide.latest(),
        **_format_context(),
    }
    return render(request, "directory/data/index.html", context)


@login_required
def portal_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Editors take in offers from an HSDS file: checked first (nothing saved), then for real;
    every problem is listed with where it is, and nothing is half-imported."""
    portal = get_object_or_404(
        Portal.objects.select_related("municipality"), municipality__slug=slug
    )
    if not request.user.has_perm("directory.edit_portal", portal):
        raise PermissionDenied
    form = HsdsImportForm(request.POST or None, request.FILES or None)
    result, problems = None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_hsds(
                portal=portal, content=upload.read(), name=upload.name, by=request.user,
                publish=form.cleaned_data["publish"], dry_run=form.cleaned_data["check_only"],
            )  # fmt: skip
        except ImportInvalid as error:
            problems = error.problems
        else:
            if not result.dry_run:
                messages.success(request, summary(result))
                for warning in result.warnings[:MAX_WARNINGS_SHOWN]:
                    messages.warning(request, warning)
                return redirect("directory:hsds_import", portal.municipality.slug)
    context = {
        "portal": portal,
        "form": form,
        "result": result,
        "summary": summary(result) if result else "",
        "warnings": result.warnings[:MAX_WARNINGS_SHOWN] if result else [],
        "problems": problems,
        "max_mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "directory/data/import.html", context)
