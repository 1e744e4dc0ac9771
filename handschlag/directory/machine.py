"""Machine translation: a pluggable backend fills sections that have no translation yet, marked
"machine-translated" until a person reviews them (translation.Status.MACHINE).

None by default. Settings choose one (environment, see config/settings.py):
DIRECTORY_MT_BACKEND = "" (none) | "libretranslate" | "deepl" | a dotted path to a class,
DIRECTORY_MT_URL and DIRECTORY_MT_KEY. A backend that cannot translate into a language says so
in `languages`, and those sections stay missing rather than being filled with something wrong.
Only missing sections are filled: an outdated human translation is left for a person, because
readers are told it is outdated and can switch to the original.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.module_loading import import_string

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
from .translating import translate
from .translation import SOURCE_LANGUAGE

TIMEOUT_SECONDS = 30
BATCH = 50


class Backend(Protocol):
    languages: frozenset[str]

    def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        """`texts` translated from `source` into `target`, in the same order."""
        ...


def _post_json(url: str, payload: dict[str, Any], headers: dict[str, str]) -> Any:
    if not url.startswith(("https://", "http://")):  # never file: or other schemes
        raise ValueError(url)
    request = urllib.request.Request(  # noqa: S310 (checked above)
        url, data=json.dumps(payload).encode(), method="POST",
        headers={"Content-Type": "application/json", **headers},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        return json.load(response)


class LibreTranslate:
    """A LibreTranslate server (self-hostable, so texts need not leave the town's servers)."""

    languages = frozenset(TARGET_LANGUAGES)

    def __init__(self, url: str, key: str = "") -> None:
        self.url = url.rstrip("/") + "/translate"
        self.key = key

    def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        payload: dict[str, Any] = {"q": list(texts), "source": source, "target": target,
                                   "format": "text"}  # fmt: skip
        if self.key:
            payload["api_key"] = self.key
        answer = _post_json(self.url, payload, {})
        return [str(text) for text in answer["translatedText"]]


class DeepL:
    """DeepL's API (v2). It has no Persian (Farsi) today, so Farsi stays for people."""

    languages = frozenset({"en", "ar", "uk", "tr", "ru"})
    CODES = {"en": "EN-GB", "ar": "AR", "uk": "UK", "tr": "TR", "ru": "RU", "de": "DE"}

    def __init__(self, url: str, key: str) -> None:
        self.url = (url or "https://api-free.deepl.com").rstrip("/") + "/v2/translate"
        self.key = key

    def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        payload = {"text": list(texts), "source_lang": self.CODES[source],
                   "target_lang": self.CODES[target]}  # fmt: skip
        answer = _post_json(self.url, payload, {"Authorization": f"DeepL-Auth-Key {self.key}"})
        return [str(item["text"]) for item in answer["translations"]]


BACKENDS = {"libretranslate": LibreTranslate, "deepl": DeepL}


def configured_backend() -> Backend | None:
    name = getattr(settings, "DIRECTORY_MT_BACKEND", "")
    if not name:
        return None
    backend_class = BACKENDS.get(name) or import_string(name)
    return backend_class(url=settings.DIRECTORY_MT_URL, key=settings.DIRECTORY_MT_KEY)  # type: ignore[no-any-return]


def portal_objects(portal: Portal) -> Iterator[Translatable]:
    """Everything of `portal` that has translatable sections."""
    yield portal
    yield from Provider.objects.filter(portal=portal)
    yield from Location.objects.filter(portal=portal)
    yield from Offer.objects.filter(portal=portal).select_related("provider")
    yield from GuideTopic.objects.filter(portal=portal)
    yield from GuidePage.objects.filter(topic__portal=portal)
    yield from GuideSection.objects.filter(page__topic__portal=portal)


def missing_sections(
    objects: Iterable[Translatable], language: str
) -> list[tuple[Translatable, str]]:
    """(object, field) of every non-empty German section without any translation in `language`."""
    objects = list(objects)
    have: set[tuple[int, int, str]] = set()
    by_model: dict[type, list[int]] = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj.pk)
    for model, pks in by_model.items():
        content_type = ContentType.objects.get_for_model(model)
        rows = Translation.objects.filter(
            content_type=content_type, object_id__in=pks, language=language
        ).values_list("object_id", "field")
        have.update((content_type.pk, pk, field) for pk, field in rows)
    missing = []
    for obj in objects:
        content_type_id = ContentType.objects.get_for_model(type(obj)).pk
        for field, source in obj.source_sections().items():
            if source.strip() and (content_type_id, obj.pk, field) not in have:
                missing.append((obj, field))
    return missing


def fill_missing(
    *, objects: Iterable[Translatable], languages: Iterable[str] = TARGET_LANGUAGES,
    backend: Backend | None = None,
) -> int:  # fmt: skip
    """Machine-translate every missing section of `objects`; returns how many were filled."""
    backend = backend or configured_backend()
    if backend is None:
        return 0
    objects = list(objects)
    filled = 0
    for language in languages:
        if language == SOURCE_LANGUAGE or language not in backend.languages:
            continue
        missing = missing_sections(objects, language)
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            texts = backend.translate(
                [obj.source_sections()[field] for obj, field in batch],
                source=SOURCE_LANGUAGE, target=language,
            )  # fmt: skip
            for (obj, field), text in zip(batch, texts, strict=True):
                if text.strip():
                    translate(obj=obj, field=field, language=language, text=text, by=None,
                              origin=Translation.Origin.MACHINE)  # fmt: skip
                    filled += 1
    return filled
