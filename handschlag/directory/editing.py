"""Changing a portal object: the shared last step of every editing service.

Each change is written with what it changed (field: [before, after]) in the audit log, so the
history of an offer or a guide page can be read back; a change of German text moves
`content_changed_at`, which readers of a now outdated translation see as the original's date.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from handschlag.audit.services import record

from .models import Offer, Translatable, Translation

# one verb per kind of object, so the log reads "Angebot geändert", "Abschnitt geändert"
CHANGED = {
    "Portal": "directory.portal_changed",
    "Provider": "directory.provider_changed",
    "Location": "directory.location_changed",
    "Offer": "directory.offer_changed",
    "GuideTopic": "directory.guide_topic_changed",
    "GuidePage": "directory.guide_page_changed",
    "GuideSection": "directory.guide_section_changed",
}


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def apply_changes(
    obj: Translatable, values: dict[str, Any], *, by: Any, also: dict[str, list[Any]] | None = None
) -> dict[str, list[Any]]:
    """Set `values` on `obj`, save, and record what changed (nothing recorded if nothing did).
    `also` holds changes the caller made to rows that hang on `obj` (an offer's topics,
    languages, places, opening hours) as {name: [before, after]}: they are recorded in the same
    entry. Returns {field: [before, after]} of everything changed."""
    changed: dict[str, list[Any]] = {}
    for name, value in values.items():
        before = getattr(obj, name)
        if _plain(before) != _plain(value):
            changed[name] = [_plain(before), _plain(value)]
            setattr(obj, name, value)
    changed.update({name: list(pair) for name, pair in (also or {}).items() if pair[0] != pair[1]})
    if not changed:
        return changed
    if obj.pk is not None and set(changed) & set(obj.TRANSLATABLE):
        obj.content_changed_at = timezone.now()
    if isinstance(obj, Offer):
        obj.search_text = offer_search_text(obj)
    obj.save()
    record(actor=by, verb=CHANGED[type(obj).__name__], target=obj, changed=changed)
    return changed


# the offer's sections whose translations the free text search reads too
SEARCHED_FIELDS = ("name", "summary", "description")


def offer_search_text(offer: Offer) -> str:
    """What the free text search reads: the German name, summary and description, the
    provider's name, and every translation of the three sections (so that a German typo fixed
    does not take the readers' words out of the search)."""
    parts = [offer.name, offer.summary, offer.description, offer.provider.name]
    if offer.pk is not None:
        parts += Translation.objects.filter(
            content_type=ContentType.objects.get_for_model(Offer), object_id=offer.pk,
            field__in=SEARCHED_FIELDS,
        ).order_by("pk").values_list("text", flat=True)  # fmt: skip
    return " ".join(part for part in parts if part).lower()
