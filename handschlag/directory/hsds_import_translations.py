"""HSDS import, the translations ("x-translations", see hsds.py) of the imported objects."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from handschlag.audit.services import record

from .hsds import TRANSLATED_FIELDS
from .hsds_input import Translations
from .models import TARGET_LANGUAGES, Translatable, Translation
from .translating import TRANSLATED
from .translation import source_hash, translations_for


def write_translations(
    translated: list[tuple[Translatable, Translations, str]],
    *,
    by: Any,
    now: datetime.datetime,
    warnings: list[str],
) -> None:
    """Write the "x-translations" of the imported objects: made from the German they name
    (the file's, or "source" for an outdated one), so their status comes out as exported. A
    translation with the same words as the one here is left alone: it was not translated
    again, so it stays made from the German it was made from."""
    objects = [obj for obj, given, _where in translated if given]
    existing = translations_for(objects, TARGET_LANGUAGES)
    create: list[Translation] = []
    update: list[Translation] = []
    for obj, given, where in translated:
        if not given:
            continue
        fields = {key: name for name, key in TRANSLATED_FIELDS[type(obj)].items()}
        content_type = ContentType.objects.get_for_model(type(obj))
        sections: list[str] = []
        for language, entries in given.items():
            if language not in TARGET_LANGUAGES:
                warnings.append(
                    _("%(where)s: Übersetzungen in „%(language)s“ übergangen (keine Sprache "
                      "des Portals)") % {"where": where, "language": language}
                )  # fmt: skip
                continue
            for key, entry in entries.items():
                name = fields.get(key)
                if name is None:
                    warnings.append(
                        _("%(where)s: Übersetzung von „%(field)s“ übergangen (kein "
                          "übersetzbares Feld)") % {"where": where, "field": key}
                    )  # fmt: skip
                    continue
                source = getattr(obj, name)
                if not source.strip():
                    continue
                made_from = entry.source if entry.status == "outdated" else source
                machine = entry.status == "machine"
                origin = Translation.Origin.MACHINE if machine else Translation.Origin.HUMAN
                values = {
                    "text": entry.text,
                    "source_hash": source_hash(made_from),
                    "source_text": made_from,
                    "origin": origin,
                }
                row = existing.get((content_type.pk, obj.pk, name, language))
                if row is None:
                    row = Translation(content_type=content_type, object_id=obj.pk,
                                      field=name, language=language)  # fmt: skip
                    create.append(row)
                elif row.text == entry.text and row.source_hash != values["source_hash"]:
                    continue  # the same words, not translated again: made from older German
                elif all(getattr(row, k) == v for k, v in values.items()) and (
                    (row.reviewed_at is None) == machine
                ):
                    continue
                else:
                    update.append(row)
                for k, v in values.items():
                    setattr(row, k, v)
                row.translated_by = None if machine else by
                row.reviewed_at = None if machine else now
                row.reviewed_by = None if machine else by
                row.updated_at = now
                sections.append(f"{name}/{language}")
        if sections:
            record(actor=by, verb=TRANSLATED, target=obj, sections=sections,
                   origin="hsds")  # fmt: skip
    Translation.objects.bulk_create(create)
    Translation.objects.bulk_update(
        update,
        ["text", "source_hash", "source_text", "origin", "translated_by", "reviewed_at",
         "reviewed_by", "updated_at"],
    )  # fmt: skip
