"""Writes on reports: submit, confirm, dispute, and the moderators' decisions on them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from handschlag.blog.models import Post
from handschlag.core.errors import DomainError
from handschlag.core.images import reencode_image
from handschlag.moderation.models import ModerationAction
from handschlag.moderation.services import record_action
from handschlag.notifications.models import Kind
from handschlag.notifications.services import notify

from ..models import Redemption, ReportPhoto
from ._common import notify_applicant, notify_promiser_of, require_rule
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
    require_rule("promises.work_on_redemption", by, redemption)
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
    notify_promiser_of(redemption, Kind.REPORT_SUBMITTED)
    return redemption


@transaction.atomic
def confirm_fulfilment(*, redemption: Redemption, by: User) -> Redemption:
    """The promiser confirms; with consent the report then waits in the moderation queue."""
    require_rule("promises.confirm_fulfilment", by, redemption)
    lock_state(redemption)
    redemption.require_state(Redemption.State.REPORTED)
    redemption.confirmed_at = timezone.now()
    redemption.move_to(Redemption.State.CONFIRMED, by=by, save_fields=["confirmed_at"])
    notify_applicant(redemption, Kind.FULFILMENT_CONFIRMED)
    return redemption


@transaction.atomic
def dispute_fulfilment(*, redemption: Redemption, by: User, reason: str) -> Redemption:
    """The promiser disputes the report; a moderator decides."""
    require_rule("promises.confirm_fulfilment", by, redemption)
    if not reason.strip():
        raise DomainError(_("Bitte begründen Sie die Beanstandung."), code="reason")
    lock_state(redemption)
    redemption.require_state(Redemption.State.REPORTED)
    redemption.decision_reason = reason
    redemption.move_to(
        Redemption.State.DISPUTED, by=by, comment=reason, save_fields=["decision_reason"]
    )
    notify_applicant(redemption, Kind.FULFILMENT_DISPUTED, reason=reason)
    return redemption


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
    require_rule("promises.moderate", by, redemption)
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
    record_action(
        moderator=by,
        action=ModerationAction.Action.RESOLVE_DISPUTE,
        target=redemption,
        comment=comment,
    )
    if outcome == "confirm":
        notify_applicant(redemption, Kind.FULFILMENT_CONFIRMED)
        notify_promiser_of(redemption, Kind.FULFILMENT_CONFIRMED)
    else:
        notify_applicant(redemption, Kind.RETURNED_BY_MODERATION, comment=comment)
        notify_promiser_of(redemption, Kind.RETURNED_BY_MODERATION, comment=comment)
    return redemption


def _report_title(redemption: Redemption) -> str:
    title = _("%(redeemer)s: %(promise)s") % {
        "redeemer": redemption.redeemer_name,
        "promise": redemption.promise.title,
    }
    return Truncator(title).chars(200)


def _report_slug(title: str, redemption: Redemption) -> str:
    return f"{slugify(title)[:200] or 'bericht'}-{redemption.pk}"


@transaction.atomic
def publish_report(*, redemption: Redemption, by: User) -> Post:
    """A moderator publishes a confirmed report (with consent) as a blog post."""
    require_rule("promises.moderate", by, redemption)
    lock_state(redemption)
    redemption.require_state(Redemption.State.CONFIRMED)
    if not redemption.report_consent:
        raise DomainError(
            _("Ohne Einverständnis darf der Bericht nicht veröffentlicht werden."), code="consent"
        )
    title = _report_title(redemption)
    post = Post.objects.create(
        kind=Post.Kind.REPORT,
        title=title,
        slug=_report_slug(title, redemption),
        teaser=Truncator(redemption.report_text).chars(300),
        body=redemption.report_text,
        promise=redemption.promise,
        redemption=redemption,
        byline=redemption.redeemer_name,
        published_at=timezone.now(),
    )
    redemption.move_to(Redemption.State.PUBLISHED, by=by)
    record_action(moderator=by, action=ModerationAction.Action.PUBLISH_REPORT, target=redemption)
    url = post.get_absolute_url()
    params = {"promise": redemption.promise.title}
    notify(recipient=redemption.applicant, kind=Kind.REPORT_PUBLISHED, params=params, url=url)
    if redemption.promise.owner_id != redemption.applicant_id:
        notify(
            recipient=redemption.promise.owner, kind=Kind.REPORT_PUBLISHED, params=params, url=url
        )
    return post


@transaction.atomic
def return_report(*, redemption: Redemption, by: User, comment: str) -> Redemption:
    """A moderator sends a confirmed report back so the redeemer can revise it."""
    require_rule("promises.moderate", by, redemption)
    if not comment.strip():
        raise DomainError(_("Bitte begründen Sie die Rückgabe."), code="comment")
    lock_state(redemption)
    redemption.require_state(Redemption.State.CONFIRMED)
    redemption.move_to(Redemption.State.IN_PROGRESS, by=by, comment=comment)
    record_action(
        moderator=by,
        action=ModerationAction.Action.RETURN_REPORT,
        target=redemption,
        comment=comment,
    )
    notify_applicant(redemption, Kind.RETURNED_BY_MODERATION, comment=comment)
    return redemption


@transaction.atomic
def anonymise_reports_of(*, user: User) -> int:
    """After `user`'s account was anonymised: their personal published reports name them as
    the account now does ("Mitglied #…") in title, byline and address, not "first name +
    initial". Reports made for an organisation keep the organisation's name."""
    posts = Post.objects.filter(
        redemption__applicant=user, redemption__organisation__isnull=True
    ).select_related("redemption__applicant", "redemption__promise")
    for post in posts:
        redemption = post.redemption
        assert redemption is not None  # the filter follows it
        post.title = _report_title(redemption)
        post.slug = _report_slug(post.title, redemption)
        post.byline = redemption.redeemer_name
        post.save(update_fields=["title", "slug", "byline", "updated_at"])
    return len(posts)
