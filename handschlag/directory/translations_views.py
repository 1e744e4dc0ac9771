"""The translation workspace of a portal (/portal/<slug>/redaktion/uebersetzungen/): counts per
language and status, the sections that need work, and translating one object section by
section beside its German source (with a word diff for an outdated section)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handschlag.core.errors import DomainError

from . import translating
from .guides_views import portal_for
from .machine import configured_backend
from .models import (
    TARGET_LANGUAGES,
    GuidePage,
    GuideSection,
    GuideTopic,
    Location,
    Offer,
    Portal,
    Provider,
    Translatable,
)
from .tasks import machine_translate_portal
from .translation import Status, status_of, translations_for
from .translations_selectors import KINDS, Row, counts, needing_work, word_diff, workspace_rows

if TYPE_CHECKING:
    from handschlag.accounts.models import User

DOCUMENTS: dict[str, type[Translatable]] = {
    "offer": Offer, "page": GuidePage, "topic": GuideTopic, "place": Location,
    "provider": Provider, "portal": Portal,
}  # fmt: skip
PER_PAGE = 50


def document_of(obj: Translatable) -> tuple[str, int]:
    """The page a section is translated on: (document kind, pk)."""
    if isinstance(obj, GuideSection):
        return "page", obj.page_id
    for key, model in DOCUMENTS.items():
        if isinstance(obj, model):
            return key, obj.pk
    raise ValueError(obj)


def field_label(obj: Any, field: str) -> str:
    """The German name of a translated field ("Beschreibung"), never its code name."""
    return str(getattr(type(obj)._meta.get_field(field), "verbose_name", field))


def language_info(code: str) -> dict[str, Any]:
    info = get_language_info(code)
    return {"code": code, "name": info["name_local"], "rtl": info["bidi"]}


def _visible_rows(request: HttpRequest, portal: Portal, rows: list[Row]) -> list[Row]:
    """Editors and translators see every section; provider members those of their providers."""
    if request.user.has_perm("directory.translate", portal):
        return rows
    providers = set(
        Provider.objects.filter(
            portal=portal, organisation__is_verified=True,
            organisation__memberships__user=cast("User", request.user),
        ).values_list("pk", flat=True)
    )  # fmt: skip
    return [
        row for row in rows
        if (isinstance(row.obj, Offer) and row.obj.provider_id in providers)
        or (isinstance(row.obj, Provider) and row.obj.pk in providers)
    ]  # fmt: skip


@login_required
def workspace(request: HttpRequest, slug: str) -> HttpResponse:
    portal = portal_for(request, slug, "directory.work_in_portal")
    rows = _visible_rows(request, portal, workspace_rows(portal))
    status = request.GET.get("status", "")
    status = status if status in Status.values and status != Status.CURRENT else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in KINDS else ""
    language = request.GET.get("language", "")
    language = language if language in TARGET_LANGUAGES else ""
    work = needing_work(rows, status=status, kind=kind, language=language)
    page = Paginator(work, PER_PAGE).get_page(request.GET.get("page"))
    links = []
    for row in page.object_list:
        document, pk = document_of(row.obj)
        address = reverse("directory:translate", args=[slug, document, pk, row.language])
        links.append((row, address, field_label(row.obj, row.field)))
    per_language = counts(rows)
    return render(request, "directory/translations/workspace.html", {
        "portal": portal, "page": page, "links": links,
        "counts": [(language_info(code), per_language.get(code, {})) for code in TARGET_LANGUAGES],
        "statuses": [s for s in Status if s != Status.CURRENT], "kinds": KINDS.items(),
        "languages": [language_info(code) for code in TARGET_LANGUAGES],
        "status": status, "kind": kind, "language": language,
        "can_machine": request.user.has_perm("directory.edit_portal", portal),
        "machine_configured": configured_backend() is not None,
    })  # fmt: skip


@login_required
@require_POST
def machine(request: HttpRequest, slug: str) -> HttpResponse:
    portal = portal_for(request, slug, "directory.edit_portal")
    if configured_backend() is None:
        messages.error(request, _("Es ist keine maschinelle Übersetzung eingerichtet."))
    else:
        machine_translate_portal.enqueue(portal.pk)
        messages.success(request, _(
            "Die fehlenden Abschnitte werden maschinell übersetzt. Bitte prüfen Sie sie danach."
        ))  # fmt: skip
    return redirect(reverse("directory:translations", args=[slug]))


def _objects(portal: Portal, kind: str, pk: int) -> list[Translatable]:
    model = DOCUMENTS.get(kind)
    if model is None:
        raise Http404
    if model is Portal:
        if pk != portal.pk:
            raise Http404
        return [portal]
    scope = {"topic__portal": portal} if model is GuidePage else {"portal": portal}
    obj = model.objects.filter(pk=pk, **scope).first()  # type: ignore[attr-defined]
    if obj is None:
        raise Http404
    if isinstance(obj, GuidePage):
        return [obj, *obj.sections.all()]
    return [obj]


def _key(obj: Translatable) -> str:
    return f"{type(obj).__name__.lower()}-{obj.pk}"


@login_required
def translate_object(
    request: HttpRequest, slug: str, kind: str, pk: int, language: str
) -> HttpResponse:
    portal = portal_for(request, slug, "directory.work_in_portal")
    if language not in TARGET_LANGUAGES:
        raise Http404
    objects = _objects(portal, kind, pk)
    if not request.user.has_perm("directory.translate", objects[0]):
        raise PermissionDenied
    here = reverse("directory:translate", args=[slug, kind, pk, language])
    if request.method == "POST":
        return _save(request, objects, language, here)
    found = translations_for(objects, [language])

    items = []
    for obj in objects:
        content_type = ContentType.objects.get_for_model(type(obj))
        for field, source in obj.source_sections().items():
            if not source.strip():
                continue
            row = found.get((content_type.pk, obj.pk, field, language))
            status = status_of(source, row)
            items.append({
                "id": f"{_key(obj)}-{field}", "key": _key(obj), "field": field,
                "label": field_label(obj, field),
                "source": source, "translation": row, "status": status,
                "diff": word_diff(row.source_text, source)
                if row is not None and status == Status.OUTDATED and row.source_text else "",
            })  # fmt: skip
    return render(request, "directory/translations/translate.html", {
        "portal": portal, "document": objects[0], "items": items,
        "language": language_info(language), "here": here,
    })  # fmt: skip


def _save(
    request: HttpRequest, objects: list[Translatable], language: str, here: str
) -> HttpResponse:
    by_key = {_key(obj): obj for obj in objects}
    obj = by_key.get(request.POST.get("object", ""))
    field = request.POST.get("field", "")
    if obj is None or field not in obj.TRANSLATABLE:
        messages.error(request, _("Dieser Abschnitt existiert nicht mehr."))
        return redirect(here)
    try:
        if request.POST.get("action") == "review":
            found = translations_for([obj], [language])

            row = found.get(
                (ContentType.objects.get_for_model(type(obj)).pk, obj.pk, field, language)
            )
            if row is None:
                raise DomainError(_("Es gibt noch keine Übersetzung zum Übernehmen."))
            translating.review(translation=row, by=request.user)
            messages.success(request, _("Die maschinelle Übersetzung ist übernommen."))
        else:
            translating.translate(
                obj=obj, field=field, language=language,
                text=request.POST.get("text", ""), by=request.user,
            )  # fmt: skip
            messages.success(request, _("Die Übersetzung ist gespeichert."))
    except DomainError as error:
        messages.error(request, str(error))
    return redirect(f"{here}#{_key(obj)}-{field}")
