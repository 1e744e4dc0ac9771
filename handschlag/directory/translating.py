"""Writing translations: a person translates or reviews one section; the German source it was
made from is stored with it (hash and text), which is what makes its status computable."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError

from .editing import SEARCHED_FIELDS, offer_search_text
from .models import TARGET_LANGUAGES, Offer, Translatable, Translation
from .translation import Status, source_hash, status_of

TRANSLATED = "directory.translated"
REVIEWED = "directory.translation_reviewed"


def _require_section(obj: Translatable, field: str, language: str) -> str:
    if field not in obj.TRANSLATABLE:
        raise DomainError(_("Dieser Abschnitt wird nicht übersetzt."))
    if language not in TARGET_LANGUAGES:
        raise DomainError(_("In diese Sprache wird das Portal nicht übersetzt."))
    source = obj.source_sections()[field]
    if not source.strip():
        raise DomainError(_("Der deutsche Abschnitt ist leer; es gibt nichts zu übersetzen."))
    return source


@transaction.atomic
def translate(
    *, obj: Translatable, field: str, language: str, text: str, by: Any,
    origin: str = Translation.Origin.HUMAN,
) -> Translation:  # fmt: skip
    """Save the translation of one section of `obj`, made from its current German text. A
    person's translation counts as reviewed; a machine's waits for a person."""
    if by is not None and not by.has_perm("directory.translate", obj):
        raise PermissionDenied
    source = _require_section(obj, field, language)
    text = text.strip()
    if not text:
        raise DomainError(_("Bitte geben Sie eine Übersetzung ein."))
    human = origin == Translation.Origin.HUMAN
    translation, _created = Translation.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk,
        field=field, language=language,
        defaults={
            "text": text, "source_hash": source_hash(source), "source_text": source,
            "origin": origin, "translated_by": by if human else None,
            "reviewed_at": timezone.now() if human else None, "reviewed_by": by if human else None,
        },
    )  # fmt: skip
    if isinstance(obj, Offer) and field in SEARCHED_FIELDS:
        refresh_search_text(obj)
    record(actor=by, verb=TRANSLATED, target=obj, field=field, language=language, origin=origin)
    return translation


@transaction.atomic
def review(*, translation: Translation, by: Any) -> Translation:
    """A person confirms a machine translation as it stands (only while its source is current)."""
    obj = translation.target
    if obj is None:  # its object is gone; the translation goes with it
        raise DomainError(_("Dieser Abschnitt existiert nicht mehr."))
    if not by.has_perm("directory.translate", obj):
        raise PermissionDenied
    source = obj.source_sections().get(translation.field, "")
    if status_of(source, translation) == Status.OUTDATED:
        raise DomainError(
            _("Der deutsche Text hat sich seither geändert. Bitte übersetzen Sie neu.")
        )
    translation.reviewed_at = timezone.now()
    translation.reviewed_by = by
    translation.save(update_fields=["reviewed_at", "reviewed_by", "updated_at"])
    record(actor=by, verb=REVIEWED, target=obj, field=translation.field,
           language=translation.language)  # fmt: skip
    return translation


def refresh_search_text(offer: Offer) -> None:
    """The offer's search text: German plus every translation of its name and description, so a
    reader finds it with words of their own language."""
    text = offer_search_text(offer)
    Offer.objects.filter(pk=offer.pk).update(search_text=text)
    offer.search_text = text
