"""Writes on reports: submit, confirm, dispute, and the moderators' decisions on them.

Publishing a report in the blog is the blog's service (blog.services.publish_report); it
calls `mark_report_published` here to move the redemption on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handschlag.audit.services import record
from handschlag.core.errors import DomainError
from handschlag.core.images import reencode_image

from .. import messages
from ..models import Redemption, ReportPhoto
from ._common import notify_applicant, notify_promisers_of, require_perm
from .redemptions import give_back_capacity, lock_state

if TYPE_CHECKING:
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import UploadedFile

    from handschlag.accounts.models import User


def _clean_photo(upload: UploadedFile, alt_text: str) -> tuple[ContentFile, str]:
    """The re-encoded photo and its description; DomainError if either is unusable."""
    if not alt_text.strip():
        raise DomainError(
            _("Bitte beschreiben Sie jedes Foto (Bildbeschreibung für blinde Menschen)."),
            code="alt_text",
        )
    try:
        return reencode_image(upload), alt_text.strip()
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="image") from exc


def _store_photos(redemption: Redemption, photos: list[tuple[UploadedFile, str]]) -> None:
    existing = redemption.photos.count()
    if existing + len(photos) > ReportPhoto.MAX_PER_REPORT:
        raise DomainError(
            _("Ein Bericht kann höchstens %(n)d Fotos haben.") % {"n": ReportPhoto.MAX_PER_REPORT},
            code="photos",
        )
    # Check every photo before writing any file: a rolled-back transaction takes the rows
    # back, but not files already written to storage.
    cleaned = [_clean_photo(upload, alt_text) for upload, alt_text in photos]
    for position, (content, alt_text) in enumerate(cleaned, start=existing):
        photo = ReportPhoto(redemption=redemption, alt_text=alt_text, position=position)
        photo.image.save(content.name or "photo.jpg", content, save=False)
        photo.save()


@transaction.atomic
def submit_report(
    *,
    redemption: Redemption,
    by: User,
    text: str,
    consent: bool,
    photos: list[tuple[UploadedFile, str]],
) -> Redemption:
    """The redeemer reports how the condition was met (text, up to five re-encoded photos)."""
    require_perm("promises.work_on_redemption", by, redemption)
    lock_state(redemption)
    redemption.require_state(Redemption.State.IN_PROGRESS)
    if not text.strip():
        raise DomainError(_("Bitte schreiben Sie einen Bericht."), code="text")
    _store_photos(redemption, photos)
    redemption.report_text = text
    redemption.report_consent = consent
    redemption.report_submitted_at = timezone.now()
    redemption.move_to(
        Redemption.State.REPORTED,
        by=by,
        save_fields=["report_text", "report_consent", "report_submitted_at"],
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
