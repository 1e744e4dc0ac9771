"""Editing the portal's guides: topics → pages → sections (for portal editors).

Every write checks `directory.edit_guides`, runs in one transaction and is recorded: changes
through editing.apply_changes (field: [before, after]), creations and deletions with their own
verb. A refused write changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.core.images import reencode_image

from .editing import apply_changes
from .models import GuidePage, GuideSection, GuideTopic, Offer, Portal, Translation

TOPIC_CREATED = "directory.guide_topic_created"
TOPIC_DELETED = "directory.guide_topic_deleted"
PAGE_CREATED = "directory.guide_page_created"
SECTION_CREATED = "directory.guide_section_created"
SECTION_DELETED = "directory.guide_section_deleted"


def _require(by: Any, obj: Any) -> None:
    if by is None or not by.has_perm("directory.edit_guides", obj):
        raise PermissionDenied


def _text(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message)
    return value


# topics


@transaction.atomic
def create_topic(*, portal: Portal, title: str, summary: str = "", by: Any) -> GuideTopic:
    _require(by, portal)
    title = _text(title, _("Bitte geben Sie einen Titel ein."))
    last = portal.guide_topics.order_by("-position").values_list("position", flat=True).first()
    topic = GuideTopic.objects.create(
        portal=portal, title=title, summary=summary.strip(), position=(last or 0) + 1
    )
    record(actor=by, verb=TOPIC_CREATED, target=topic, title=title)
    return topic


@transaction.atomic
def change_topic(*, topic: GuideTopic, values: dict[str, Any], by: Any) -> dict[str, list[Any]]:
    _require(by, topic)
    values = {key: values[key] for key in ("title", "summary") if key in values}
    if "title" in values:
        values["title"] = _text(values["title"], _("Bitte geben Sie einen Titel ein."))
    return apply_changes(topic, values, by=by)


@transaction.atomic
def delete_topic(*, topic: GuideTopic, by: Any) -> None:
    """Only an empty topic goes: its pages would otherwise vanish with it."""
    _require(by, topic)
    if topic.pages.exists():
        raise DomainError(
            _("Dieser Themenbereich enthält noch Seiten. Verschieben oder löschen Sie sie zuerst.")
        )
    record(actor=by, verb=TOPIC_DELETED, target=topic.portal, title=topic.title)
    _delete_translations(topic)
    topic.delete()


def _reorder(items: list[Any], ordered_ids: list[int], by: Any) -> None:
    by_id = {item.pk: item for item in items}
    if sorted(ordered_ids) != sorted(by_id):
        raise DomainError(_("Die Reihenfolge passt nicht zu den vorhandenen Einträgen."))
    for position, pk in enumerate(ordered_ids, start=1):
        apply_changes(by_id[pk], {"position": position}, by=by)


@transaction.atomic
def reorder_topics(*, portal: Portal, ordered_ids: list[int], by: Any) -> None:
    _require(by, portal)
    _reorder(list(portal.guide_topics.all()), ordered_ids, by)


@transaction.atomic
def move_topic(*, topic: GuideTopic, step: int, by: Any) -> None:
    """Move one topic up (-1) or down (+1)."""
    _require(by, topic)
    ids = list(topic.portal.guide_topics.values_list("pk", flat=True))
    _reorder(list(topic.portal.guide_topics.all()), _stepped(ids, topic.pk, step), by)


def _stepped(ids: list[int], pk: int, step: int) -> list[int]:
    index = ids.index(pk)
    other = index + (1 if step > 0 else -1)
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
    return ids


# pages


def _unique_slug(topic: GuideTopic, wanted: str, exclude: int | None = None) -> str:
    slug = slugify(wanted)[:80] or "seite"
    taken = set(topic.pages.exclude(pk=exclude or 0).values_list("slug", flat=True))
    if slug not in taken:
        return slug
    number = 2
    while f"{slug[:75]}-{number}" in taken:
        number += 1
    return f"{slug[:75]}-{number}"


@transaction.atomic
def create_page(*, topic: GuideTopic, title: str, summary: str = "", by: Any) -> GuidePage:
    _require(by, topic)
    title = _text(title, _("Bitte geben Sie einen Titel ein."))
    last = topic.pages.order_by("-position").values_list("position", flat=True).first()
    page = GuidePage.objects.create(
        topic=topic, title=title, summary=summary.strip(), slug=_unique_slug(topic, title),
        position=(last or 0) + 1,
    )  # fmt: skip
    record(actor=by, verb=PAGE_CREATED, target=page, title=title)
    return page


@transaction.atomic
def change_page(*, page: GuidePage, values: dict[str, Any], by: Any) -> dict[str, list[Any]]:
    """Title, summary, slug, topic (moving it to another topic of the same portal)."""
    _require(by, page)
    values = {key: values[key] for key in ("title", "summary", "slug", "topic") if key in values}
    if "title" in values:
        values["title"] = _text(values["title"], _("Bitte geben Sie einen Titel ein."))
    topic = values.get("topic", page.topic)
    if topic.portal_id != page.topic.portal_id:
        raise DomainError(_("Dieser Themenbereich gehört zu einem anderen Portal."))
    if "slug" in values or topic.pk != page.topic_id:
        wanted = values.get("slug") or page.slug
        if slugify(wanted) != wanted:
            raise DomainError(_("Der Kurzname darf nur Kleinbuchstaben, Ziffern und - enthalten."))
        if topic.pages.exclude(pk=page.pk).filter(slug=wanted).exists():
            raise DomainError(_("Dieser Kurzname ist in dem Themenbereich schon vergeben."))
        values["slug"] = wanted
    return apply_changes(page, values, by=by)


@transaction.atomic
def set_published(*, page: GuidePage, published: bool, by: Any) -> None:
    _require(by, page)
    if published != (page.published_at is not None):
        apply_changes(page, {"published_at": timezone.now() if published else None}, by=by)


@transaction.atomic
def move_page(*, page: GuidePage, step: int, by: Any) -> None:
    _require(by, page)
    siblings = list(page.topic.pages.all())
    _reorder(siblings, _stepped([p.pk for p in siblings], page.pk, step), by)


@transaction.atomic
def set_offers(*, page: GuidePage, offers: list[Offer], by: Any) -> None:
    """Link offers of the page's own portal (only)."""
    _require(by, page)
    portal_id = page.topic.portal_id
    if any(offer.portal_id != portal_id for offer in offers):
        raise DomainError(_("Nur Angebote dieses Portals können verlinkt werden."))
    before = sorted(page.offers.values_list("pk", flat=True))
    after = sorted(offer.pk for offer in offers)
    if before != after:
        page.offers.set(offers)
        record(actor=by, verb="directory.guide_page_changed", target=page,
               changed={"offers": [before, after]})  # fmt: skip


# sections


def _image(upload: UploadedFile | None, alt: str) -> Any:
    if upload is None:
        return None
    if not alt.strip():
        raise DomainError(_("Bitte beschreiben Sie das Bild für Menschen, die es nicht sehen."))
    try:
        return reencode_image(upload)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc


@transaction.atomic
def add_section(
    *, page: GuidePage, heading: str = "", body: str, image: UploadedFile | None = None,
    image_alt: str = "", by: Any,
) -> GuideSection:  # fmt: skip
    _require(by, page)
    body = _text(body, _("Bitte schreiben Sie den Text des Abschnitts."))
    clean = _image(image, image_alt)
    last = page.sections.order_by("-position").values_list("position", flat=True).first()
    section = GuideSection(
        page=page, heading=heading.strip(), body=body, image_alt=image_alt.strip(),
        position=(last or 0) + 1,
    )  # fmt: skip
    if clean is not None:
        section.image.save(clean.name, clean, save=False)
    section.save()
    record(actor=by, verb=SECTION_CREATED, target=page, section=section.pk)
    return section


@transaction.atomic
def change_section(
    *, section: GuideSection, values: dict[str, Any], image: UploadedFile | None = None,
    remove_image: bool = False, by: Any,
) -> dict[str, list[Any]]:  # fmt: skip
    _require(by, section)
    values = {key: values[key] for key in ("heading", "body", "image_alt") if key in values}
    if "body" in values:
        values["body"] = _text(values["body"], _("Bitte schreiben Sie den Text des Abschnitts."))
    values = {key: value.strip() if isinstance(value, str) else value
              for key, value in values.items()}  # fmt: skip
    alt = values.get("image_alt", section.image_alt)
    clean = _image(image, alt)
    if clean is not None:
        field = GuideSection._meta.get_field("image")
        values["image"] = field.storage.save(field.generate_filename(section, clean.name), clean)
    elif remove_image:
        values["image"] = ""
    elif section.image and not alt:
        raise DomainError(_("Bitte beschreiben Sie das Bild für Menschen, die es nicht sehen."))
    return apply_changes(section, values, by=by)


@transaction.atomic
def move_section(*, section: GuideSection, step: int, by: Any) -> None:
    _require(by, section)
    siblings = list(section.page.sections.all())
    _reorder(siblings, _stepped([s.pk for s in siblings], section.pk, step), by)


@transaction.atomic
def delete_section(*, section: GuideSection, by: Any) -> None:
    """The section and all its translations go."""
    _require(by, section)
    record(actor=by, verb=SECTION_DELETED, target=section.page,
           heading=section.heading, body=section.body)  # fmt: skip
    _delete_translations(section)
    section.delete()


def _delete_translations(obj: Any) -> None:
    Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).delete()
