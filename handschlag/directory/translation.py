"""Section translations: the hash of a German source section, the status of a translation
computed from it, and reading an object in the reader's language with the German fallback.

The status is never stored. A translation is up to date exactly while the hash it was made
from equals the hash of today's German text: a typo fixed in one section outdates that section
only, a new section starts "missing", a removed section takes its translations with it, and a
German text reverted to what was translated makes the translation current again.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Translatable, Translation

SOURCE_LANGUAGE = "de"


class Status(models.TextChoices):
    CURRENT = "current", _("aktuell")
    OUTDATED = "outdated", _("veraltet")
    MISSING = "missing", _("fehlt")
    MACHINE = "machine", _("maschinell, ungeprüft")


def source_hash(text: str) -> str:
    """The hash of a German section. Only changes a reader could see count: line endings,
    Unicode normal form and whitespace at the ends and between words do not."""
    normal = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    normal = "\n".join(" ".join(line.split()) for line in normal.strip().split("\n"))
    return hashlib.sha256(normal.encode()).hexdigest()


def status_of(source: str, translation: Translation | None) -> Status:
    """The status of `translation` (or its absence) for the German `source` text."""
    if translation is None:
        return Status.MISSING
    if translation.source_hash != source_hash(source):
        return Status.OUTDATED
    if translation.origin == Translation.Origin.MACHINE and translation.reviewed_at is None:
        return Status.MACHINE
    return Status.CURRENT


@dataclass(frozen=True)
class Section:
    """What a reader sees of one section: the text, in which language, and whether it is stale."""

    text: str
    language: str
    status: Status
    source_changed_at: datetime

    @property
    def is_translation(self) -> bool:
        return self.language != SOURCE_LANGUAGE

    @property
    def is_outdated(self) -> bool:
        return self.status == Status.OUTDATED

    @property
    def is_machine(self) -> bool:
        return self.status == Status.MACHINE


def translations_for(
    objects: Iterable[Translatable], languages: Iterable[str]
) -> dict[tuple[int, int, str, str], Translation]:
    """Every translation of `objects` in `languages`, keyed by (content type, pk, field,
    language): one query, however many models the objects are of (a page that shows a guide,
    its sections and the offers it links reads all their translations at once)."""
    by_model: dict[type[Translatable], list[int]] = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj.pk)
    wanted = [language for language in languages if language != SOURCE_LANGUAGE]
    found: dict[tuple[int, int, str, str], Translation] = {}
    if not wanted or not by_model:
        return found
    condition = models.Q()
    for model, pks in by_model.items():
        content_type = ContentType.objects.get_for_model(model)
        condition |= models.Q(content_type=content_type, object_id__in=pks)
    for row in Translation.objects.filter(condition, language__in=wanted):
        found[(row.content_type_id, row.object_id, row.field, row.language)] = row
    return found


def localize(objects: Iterable[Translatable], language: str) -> None:
    """Attach `obj.localized[field]` (a Section) to each object for `language`: the translation
    when there is one (current, machine-made or outdated — readers are told which), else the
    German original."""
    objects = list(objects)
    found = translations_for(objects, [language])
    for obj in objects:
        content_type = ContentType.objects.get_for_model(type(obj))
        localized: dict[str, Section] = {}
        for field, source in obj.source_sections().items():
            row = found.get((content_type.pk, obj.pk, field, language))
            if row is None or not source:
                localized[field] = Section(
                    source, SOURCE_LANGUAGE, Status.CURRENT, obj.content_changed_at
                )
            else:
                localized[field] = Section(
                    row.text, language, status_of(source, row), obj.content_changed_at
                )
        obj.localized = localized  # type: ignore[attr-defined]


def section_statuses(obj: Translatable, languages: Iterable[str]) -> dict[str, dict[str, Status]]:
    """{language: {field: status}} of one object's non-empty sections (for editors)."""
    languages = [language for language in languages if language != SOURCE_LANGUAGE]
    found = translations_for([obj], languages)
    content_type = ContentType.objects.get_for_model(type(obj))
    return {
        language: {
            field: status_of(source, found.get((content_type.pk, obj.pk, field, language)))
            for field, source in obj.source_sections().items()
            if source.strip()
        }
        for language in languages
    }
