"""Writes on reports: submit, confirm, dispute, and the moderators' decisions on them.

Publishing a report in the blog is the blog's service (blog.services.publish_report); it
calls `mark_report_published` here to move the redemption on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.core.images import reencode_image

from .. import messages
from ..models import REPORT_SECTION_KEYS, Redemption, ReportPhoto
from ._common import notify_applicant, notify_promisers_of, require_perm
from .redemptions import give_back_capacity, lock_state

if TYPE_CHECKING:
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import UploadedFile

    from handschlag.accounts.models import User


@dataclass(frozen=True)
class ReportContent:
    """What the redeemers write: a title, a lead and the four prompts of REPORT_SECTIONS."""

    title: str
    lead: str
    happened: str
    worked: str
    differently: str
    advice: str

    # Every part is required: the prompts are what makes a report worth copying.
    REQUIRED: ClassVar[tuple[str, ...]] = ("title", "lead", *REPORT_SECTION_KEYS)

    def missing(self) -> list[str]:
        return [name for name in self.REQUIRED if not str(getattr(self, name)).strip()]

    def fields(self) -> dict[str, str]:
        """The redemption's field names and their cleaned values."""
        values = {"report_title": self.title.strip(), "report_lead": self.lead.strip()}
        for key in REPORT_SECTION_KEYS:
            values[f"report_{key}"] = getattr(self, key).strip()
        return values

    @classmethod
    def of(cls, redemption: Redemption) -> ReportContent:
        """The content stored on `redemption` (the legacy text as its first section)."""
        return cls(
            title=redemption.report_title,
            lead=redemption.report_lead,
            happened=redemption.report_happened or redemption.report_text,
            worked=redemption.report_worked,
            differently=redemption.report_differently,
            advice=redemption.report_advice,
        )


def _reencoded(upload: UploadedFile) -> ContentFile:
    try:
        return reencode_image(upload)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="image") from exc


def _photos_of(redemption: Redemption) -> QuerySet[ReportPhoto]:
    """From the database: `redemption.photos` may be a prefetched (and by now stale) list."""
    return ReportPhoto.objects.filter(redemption_id=redemption.pk)


def _store_photo(redemption: Redemption, content: ContentFile, alt_text: str) -> ReportPhoto:
    last = _photos_of(redemption).aggregate(last=Max("position"))["last"]
    position = 0 if last is None else last + 1
    photo = ReportPhoto(redemption=redemption, alt_text=alt_text.strip()[:200], position=position)
    photo.image.save(content.name or "photo.jpg", content, save=False)
    photo.save()
    return photo


def _require_room(redemption: Redemption, adding: int) -> None:
    if _photos_of(redemption).count() + adding > ReportPhoto.MAX_PER_REPORT:
        raise DomainError(
            _("Ein Bericht kann höchstens %(n)d Fotos haben.") % {"n": ReportPhoto.MAX_PER_REPORT},
            code="photos",
        )


@transaction.atomic
def add_report_photo(
    *, redemption: Redemption, by: User, upload: UploadedFile, alt_text: str = ""
) -> ReportPhoto:
    """One photo for the report being written, stored at once (re-encoded: no EXIF, no GPS),
    so a form error later does not lose it. Its description may follow before sending."""
    require_perm("promises.work_on_redemption", by, redemption)
    lock_state(redemption)
    redemption.require_state(Redemption.State.IN_PROGRESS)
    _require_room(redemption, 1)
    return _store_photo(redemption, _reencoded(upload), alt_text)


@transaction.atomic
def remove_report_photo(*, photo: ReportPhoto, by: User) -> None:
    """The redeemers take a photo out of the report they are writing."""
    redemption = photo.redemption
    require_perm("promises.work_on_redemption", by, redemption)
    lock_state(redemption)
    redemption.require_state(Redemption.State.IN_PROGRESS)
    storage, name = photo.image.storage, photo.image.name
    photo.delete()
    if name:  # the file goes once the row is gone for good (a rolled-back delete keeps both)
        transaction.on_commit(lambda: storage.delete(name))


def _set_alt_texts(redemption: Redemption, alt_texts: Mapping[int, str]) -> list[ReportPhoto]:
    """Apply the descriptions given per photo id; refuse if a photo is left without one."""
    photos = list(_photos_of(redemption))
    for photo in photos:
        if photo.pk in alt_texts and alt_texts[photo.pk].strip() != photo.alt_text:
            photo.alt_text = alt_texts[photo.pk].strip()[:200]
            photo.save(update_fields=["alt_text"])
    if any(not photo.alt_text for photo in photos):
        raise DomainError(
            _("Bitte beschreiben Sie jedes Foto (Bildbeschreibung für blinde Menschen)."),
            code="alt_text",
        )
    return photos


def _require_content(content: ReportContent) -> None:
    if content.missing():
        raise DomainError(
            _("Bitte füllen Sie Titel, Kurzfassung und alle vier Fragen des Berichts aus."),
            code="text",
        )
    for name, value in content.fields().items():
        limit = getattr(Redemption._meta.get_field(name), "max_length", None)
        if limit is not None and len(value) > limit:
            raise DomainError(
                _("Ein Teil des Berichts ist zu lang (höchstens %(n)d Zeichen).") % {"n": limit},
                code="too_long",
            )


@transaction.atomic
def submit_report(
    *,
    redemption: Redemption,
    by: User,
    content: ReportContent,
    consent: bool,
    alt_texts: Mapping[int, str] | None = None,
    photos: Sequence[tuple[UploadedFile, str]] = (),
) -> Redemption:
    """The redeemers send their report: title, lead, the four prompts, and the photos uploaded
    while writing it (`add_report_photo`; `photos` adds more in the same step), each with a
    description. Refused while any part or any description is missing."""
    require_perm("promises.work_on_redemption", by, redemption)
    lock_state(redemption)
    redemption.require_state(Redemption.State.IN_PROGRESS)
    _require_content(content)
    if any(not alt.strip() for _upload, alt in photos):
        raise DomainError(
            _("Bitte beschreiben Sie jedes Foto (Bildbeschreibung für blinde Menschen)."),
            code="alt_text",
        )
    _require_room(redemption, len(photos))
    _set_alt_texts(redemption, alt_texts or {})
    # Check every photo before writing any file: a rolled-back transaction takes the rows
    # back, but not files already written to storage.
    cleaned = [(_reencoded(upload), alt) for upload, alt in photos]
    for image, alt in cleaned:
        _store_photo(redemption, image, alt)
    fields = content.fields()
    for name, value in fields.items():
        setattr(redemption, name, value)
    redemption.report_text = ""  # the sections replace the legacy text
    redemption.report_consent = consent
    redemption.report_submitted_at = timezone.now()
    redemption.move_to(
        Redemption.State.REPORTED,
        by=by,
        save_fields=[*fields, "report_text", "report_consent", "report_submitted_at"],
    )
    notify_promisers_of(redemption, messages.REPORT_SUBMITTED)
    return redemption


@transaction.atomic
def confirm_fulfilment(*, redemption: Redemption, by: User) -> Redemption:
    """The promiser confirms; with consent the report then waits in the moderation queue."""
    require_perm("promises.confirm_fulfilment", by, redemption)
    lock_state(redemption)
    redemption.require_state(Redemption.State.REPORTED)
    redemption.confirmed_at = timezone.now()
    redemption.move_to(Redemption.State.CONFIRMED, by=by, save_fields=["confirmed_at"])
    notify_applicant(redemption, messages.FULFILMENT_CONFIRMED)
    return redemption


@transaction.atomic
def dispute_fulfilment(*, redemption: Redemption, by: User, reason: str) -> Redemption:
    """The promiser disputes the report; a moderator decides."""
    require_perm("promises.confirm_fulfilment", by, redemption)
    if not reason.strip():
        raise DomainError(_("Bitte begründen Sie die Beanstandung."), code="reason")
    lock_state(redemption)
    redemption.require_state(Redemption.State.REPORTED)
    redemption.decision_reason = reason
    redemption.move_to(
        Redemption.State.DISPUTED, by=by, comment=reason, save_fields=["decision_reason"]
    )
    notify_applicant(redemption, messages.FULFILMENT_DISPUTED, reason=reason)
    return redemption


# Audit verbs (registered in apps.py).
DISPUTE_RESOLVED = "promises.resolve_dispute"
REPORT_RETURNED = "promises.return_report"
REPORT_EDITED = "promises.edit_report"

OUTCOMES = {
    "confirm": Redemption.State.CONFIRMED,
    "rework": Redemption.State.IN_PROGRESS,
    "fail": Redemption.State.FAILED,
}


@transaction.atomic
def resolve_dispute(
    *,
    redemption: Redemption,
    by: User,
    outcome: Literal["confirm", "rework", "fail"],
    comment: str,
) -> Redemption:
    """A moderator decides a dispute: fulfilled, needs rework, or failed (capacity comes back)."""
    require_perm("promises.resolve_dispute", by, redemption)
    if outcome not in OUTCOMES:
        raise DomainError(_("Unbekannte Entscheidung."), code="outcome")
    lock_state(redemption)
    redemption.require_state(Redemption.State.DISPUTED)
    save_fields = []
    if outcome == "confirm":
        redemption.confirmed_at = timezone.now()
        save_fields.append("confirmed_at")
    redemption.move_to(OUTCOMES[outcome], by=by, comment=comment, save_fields=save_fields)
    if outcome == "fail":
        give_back_capacity(promise_id=redemption.promise_id, quantity=redemption.quantity)
    record(actor=by, verb=DISPUTE_RESOLVED, target=redemption, comment=comment, outcome=outcome)
    if outcome == "confirm":
        notify_applicant(redemption, messages.FULFILMENT_CONFIRMED)
        notify_promisers_of(redemption, messages.FULFILMENT_CONFIRMED)
    else:
        notify_applicant(redemption, messages.RETURNED_BY_MODERATION, comment=comment)
        notify_promisers_of(redemption, messages.RETURNED_BY_MODERATION, comment=comment)
    return redemption


@transaction.atomic
def edit_report(
    *,
    redemption: Redemption,
    by: User,
    content: ReportContent,
    alt_texts: Mapping[int, str] | None = None,
) -> Redemption:
    """A moderator edits a confirmed report before publishing it: title, lead, sections and
    the photos' descriptions. Recorded with the old and the new title."""
    require_perm("promises.publish_report", by, redemption)
    lock_state(redemption)
    redemption.require_state(Redemption.State.CONFIRMED)
    _require_content(content)
    _set_alt_texts(redemption, alt_texts or {})
    old_title = redemption.report_title
    fields = content.fields()
    for name, value in fields.items():
        setattr(redemption, name, value)
    redemption.report_text = ""
    redemption.save(update_fields=[*fields, "report_text", "updated_at"])
    record(actor=by, verb=REPORT_EDITED, target=redemption, old_title=old_title)
    return redemption


@transaction.atomic
def mark_report_published(*, redemption: Redemption, by: User) -> Redemption:
    """The report went public (the blog's publish_report calls this in its transaction):
    refused unless the promiser confirmed it and its authors agreed to publication."""
    require_perm("promises.publish_report", by, redemption)
    lock_state(redemption)
    redemption.require_state(Redemption.State.CONFIRMED)
    if not redemption.report_consent:
        raise DomainError(
            _("Ohne Einverständnis darf der Bericht nicht veröffentlicht werden."), code="consent"
        )
    redemption.move_to(Redemption.State.PUBLISHED, by=by)
    return redemption


@transaction.atomic
def return_report(*, redemption: Redemption, by: User, comment: str) -> Redemption:
    """A moderator sends a confirmed report back so the redeemer can revise it."""
    require_perm("promises.return_report", by, redemption)
    if not comment.strip():
        raise DomainError(_("Bitte begründen Sie die Rückgabe."), code="comment")
    lock_state(redemption)
    redemption.require_state(Redemption.State.CONFIRMED)
    redemption.move_to(Redemption.State.IN_PROGRESS, by=by, comment=comment)
    record(actor=by, verb=REPORT_RETURNED, target=redemption, comment=comment)
    notify_applicant(redemption, messages.RETURNED_BY_MODERATION, comment=comment)
    return redemption
