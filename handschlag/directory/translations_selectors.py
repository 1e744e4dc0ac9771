"""The translation workspace: statuses of every section of a portal, computed in Python from
one query of translations per model (plus the objects), and the word diff of an outdated
section's German source."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .machine import portal_objects
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
    Translation,
)
from .translation import Status, status_of, translations_for

KINDS = {
    "offer": _("Angebot"),
    "guide": _("Wegweiser"),
    "place": _("Ort"),
    "provider": _("Anbieter"),
    "portal": _("Portal"),
}


def kind_of(obj: Translatable) -> str:
    if isinstance(obj, Offer):
        return "offer"
    if isinstance(obj, GuideTopic | GuidePage | GuideSection):
        return "guide"
    if isinstance(obj, Location):
        return "place"
    if isinstance(obj, Provider):
        return "provider"
    return "portal"


@dataclass(frozen=True)
class Row:
    """One section of one object in one language."""

    obj: Translatable
    kind: str
    field: str
    language: str
    status: Status
    translation: Translation | None


def workspace_rows(portal: Portal, languages: list[str] | None = None) -> list[Row]:
    languages = languages or list(TARGET_LANGUAGES)
    objects = list(portal_objects(portal))
    found = translations_for(objects, languages)
    rows = []
    for obj in objects:
        content_type = ContentType.objects.get_for_model(type(obj))
        for field, source in obj.source_sections().items():
            if not source.strip():
                continue
            for language in languages:
                row = found.get((content_type.pk, obj.pk, field, language))
                rows.append(Row(obj, kind_of(obj), field, language, status_of(source, row), row))
    return rows


def counts(rows: list[Row]) -> dict[str, dict[str, int]]:
    """{language: {status: number}} with every status present (0 when none)."""
    result: dict[str, dict[str, int]] = {}
    for row in rows:
        per = result.setdefault(row.language, {status.value: 0 for status in Status})
        per[row.status.value] += 1
    return result


def needing_work(
    rows: list[Row], *, status: str = "", kind: str = "", language: str = ""
) -> list[Row]:
    return [
        row for row in rows
        if row.status != Status.CURRENT
        and (not status or row.status == status)
        and (not kind or row.kind == kind)
        and (not language or row.language == language)
    ]  # fmt: skip


_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> SafeString:
    """The German text as it is now, with words removed since `before` in <del> and words
    added in <ins> (both escaped); screen readers hear "gelöscht:" / "neu:"."""
    old = _TOKENS.findall(before)
    new = _TOKENS.findall(after)
    parts: list[str] = []
    removed = escape(_("gelöscht:"))
    added = escape(_("neu:"))
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(new[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(
                f'<del><span class="visually-hidden">{removed} </span>'
                f"{escape(''.join(old[i1:i2]))}</del>"
            )
        if tag in ("insert", "replace"):
            parts.append(
                f'<ins><span class="visually-hidden">{added} </span>'
                f"{escape(''.join(new[j1:j2]))}</ins>"
            )
    return mark_safe("".join(parts))


def status_summary(objects: list[Translatable]) -> dict[str, Status]:
    """{language: worst status over the objects' sections} for the badge row of editors (a guide
    page with its sections, an offer): one query of translations per model."""
    order = [Status.MISSING, Status.OUTDATED, Status.MACHINE, Status.CURRENT]
    found = translations_for(objects, TARGET_LANGUAGES)
    seen: dict[str, set[Status]] = {language: set() for language in TARGET_LANGUAGES}
    for obj in objects:
        content_type = ContentType.objects.get_for_model(type(obj))
        for field, source in obj.source_sections().items():
            if not source.strip():
                continue
            for language in TARGET_LANGUAGES:
                row = found.get((content_type.pk, obj.pk, field, language))
                seen[language].add(status_of(source, row))
    return {
        language: next((s for s in order if s in statuses), Status.CURRENT)
        for language, statuses in seen.items()
    }
