"""The closing report: after the event an organiser admin writes what came out of it, adds
photos (re-encoded, no EXIF), closes the event and offers the report to the blog. Like a
promise report it goes public only when a moderator publishes it (moderation queue
"event_reports"); attendees and organisations are counted from the attendance, never typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from handschlag.audit.services import record
from handschlag.blog import services as blog_services
from handschlag.core.errors import DomainError
from handschlag.core.images import reencode_image
from handschlag.core.media import Visibility
from handschlag.organisations.models import Organisation

from . import organiser_messages
from .models import Event, EventPhoto, Registration

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from handschlag.accounts.models import User
    from handschlag.blog.models import Post

# Audit verbs (registered in apps.py).
REPORT_WRITTEN = "events.write_report"
PHOTO_REMOVED = "events.remove_report_photo"
CLOSED = "events.close_event"
REPORT_SUBMITTED = "events.submit_report"
REPORT_PUBLISHED = "events.publish_report"

OUTCOME_MAX = 8000


@dataclass(frozen=True)
class Attendance:
    """Who came, counted from the check-in: places of attended registrations (a group of
    three checked in together counts three), out of the places expected."""

    attendees: int
    expected: int
    organisations: list[str]

    def sentence(self) -> str:
        """ "4 Personen haben teilgenommen. Vertreten waren 2 Organisationen: A, B." """
        people = ngettext(
            "%(count)d Person hat teilgenommen.", "%(count)d Personen haben teilgenommen.",
            self.attendees,
        ) % {"count": self.attendees}  # fmt: skip
        if not self.organisations:
            return people
        orgs = ngettext(
            "Vertreten war %(count)d Organisation: %(names)s",
            "Vertreten waren %(count)d Organisationen: %(names)s",
            len(self.organisations),
        ) % {"count": len(self.organisations), "names": ", ".join(self.organisations)}
        return f"{people} {orgs}" if orgs.endswith(".") else f"{people} {orgs}."


def attendance(event: Event) -> Attendance:
    attended = event.registrations.filter(state=Registration.State.ATTENDED)
    expected = event.registrations.filter(
        state__in=(
            Registration.State.CONFIRMED,
            Registration.State.ATTENDED,
            Registration.State.NO_SHOW,
        )
    )
    organisations = (
        Organisation.objects.filter(
            memberships__user__in=attended.exclude(user=None).values("user")
        )
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )
    return Attendance(
        attendees=attended.aggregate(n=Sum("places"))["n"] or 0,
        expected=expected.aggregate(n=Sum("places"))["n"] or 0,
        organisations=list(organisations),
    )


def photos(event: Event) -> QuerySet[EventPhoto]:
    return event.photos.all()


def _require_admin(event: Event, by: User) -> None:
    if not by.has_perm("events.close_event", event):
        raise PermissionDenied


def _require_after(event: Event) -> None:
    if not event.is_past:
        raise DomainError(_("Den Bericht schreiben Sie nach der Veranstaltung."), code="not_past")
    if event.state not in (Event.State.PUBLISHED, Event.State.CLOSED):
        raise DomainError(
            _("Zu dieser Veranstaltung gibt es keinen Bericht (%(state)s).")
            % {"state": event.get_state_display()},  # type: ignore[attr-defined]
            code="event_state",
        )


def _require_not_in_blog(event: Event) -> None:
    if event.report_post_id is not None:
        raise DomainError(
            _("Der Bericht liegt schon beim Blog; ändern können Sie ihn nicht mehr."),
            code="in_blog",
        )


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().select_related("organisation").get(pk=event.pk)


@transaction.atomic
def save_report(
    *,
    event: Event,
    by: User,
    outcome: str,
    new_photos: Sequence[UploadedFile] = (),
    alt_texts: Sequence[str] = (),
) -> Event:
    """Write "what came out of it" and add photos (each with a description for people who
    cannot see it). Each photo is re-encoded, which strips EXIF including the GPS position."""
    _require_admin(event, by)
    event = _locked(event)
    _require_after(event)
    _require_not_in_blog(event)
    outcome = (outcome or "").strip()
    if len(outcome) > OUTCOME_MAX:
        raise DomainError(
            _("Höchstens %(max)d Zeichen, bitte.") % {"max": OUTCOME_MAX}, code="too_long"
        )
    if len(alt_texts) < len(new_photos) or any(not a.strip() for a in alt_texts[: len(new_photos)]):
        raise DomainError(
            _("Bitte beschreiben Sie jedes Foto in einem Satz (für Menschen, die es nicht sehen)."),
            code="alt_text",
        )
    count = event.photos.count()
    if count + len(new_photos) > EventPhoto.MAX_PER_EVENT:
        raise DomainError(
            ngettext(
                "Höchstens %(max)d Foto je Veranstaltung.",
                "Höchstens %(max)d Fotos je Veranstaltung.",
                EventPhoto.MAX_PER_EVENT,
            )
            % {"max": EventPhoto.MAX_PER_EVENT},
            code="too_many_photos",
        )
    cleaned = []
    for upload in new_photos:
        try:
            cleaned.append(reencode_image(upload))
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), code="photo") from exc
    event.outcome = outcome
    event.save(update_fields=["outcome", "updated_at"])
    for position, (image, alt_text) in enumerate(zip(cleaned, alt_texts, strict=False), count):
        photo = EventPhoto(event=event, alt_text=alt_text.strip()[:200], position=position)
        photo.image.save("photo.jpg", image, save=False)
        photo.save()
    record(actor=by, verb=REPORT_WRITTEN, target=event, photos=len(cleaned))
    return event


@transaction.atomic
def remove_photo(*, photo: EventPhoto, by: User) -> None:
    event = photo.event
    _require_admin(event, by)
    _require_not_in_blog(_locked(event))
    photo.image.delete(save=False)
    photo.delete()
    record(actor=by, verb=PHOTO_REMOVED, target=event)


@transaction.atomic
def close_event(*, event: Event, by: User) -> Event:
    """Mark a past event as done: it stays visible as "abgeschlossen", with its report."""
    _require_admin(event, by)
    event = _locked(event)
    _require_after(event)
    if event.state == Event.State.CLOSED:
        return event
    event.move_to(Event.State.CLOSED, by=by)
    record(actor=by, verb=CLOSED, target=event)
    return event


def _post_fields(event: Event) -> dict[str, str]:
    """The blog shows the teaser as the lead above the body: the outcome's first paragraph
    is the lead and is not repeated below it (unless it had to be shortened)."""
    summary = attendance(event).sentence()
    outcome = event.outcome.replace("\r\n", "\n").strip()
    first, _sep, rest = outcome.partition("\n\n")
    teaser = Truncator(first).chars(400)
    body = rest.strip() if teaser == first else outcome
    return {
        "title": _("Rückblick: %(event)s") % {"event": event.title},
        "teaser": teaser,
        "body": f"{body}\n\n{summary}" if body else summary,
        "byline": event.organisation.name,
    }


@transaction.atomic
def submit_report(*, event: Event, by: User) -> Post:
    """ "Im Blog veröffentlichen": the closed event's report becomes a blog post that waits for
    the moderation; from then on it cannot be changed here."""
    _require_admin(event, by)
    event = _locked(event)
    _require_not_in_blog(event)
    if event.state != Event.State.CLOSED:
        raise DomainError(
            _("Schließen Sie die Veranstaltung zuerst ab, dann geht der Bericht an den Blog."),
            code="not_closed",
        )
    if not event.outcome.strip():
        raise DomainError(
            _("Bitte schreiben Sie zuerst, was herausgekommen ist."), code="empty_outcome"
        )
    post = blog_services.write_report_draft(by=by, **_post_fields(event))
    event.report_post = post
    event.save(update_fields=["report_post", "updated_at"])
    record(actor=by, verb=REPORT_SUBMITTED, target=event, post=post.pk)
    return post


@transaction.atomic
def publish_report(*, event: Event, by: User) -> Post:
    """A moderator publishes the submitted report in the blog; the organiser admins are told."""
    if not by.has_perm("blog.publish_report"):
        raise PermissionDenied
    event = _locked(event)
    post = event.report_post
    if post is None:
        raise DomainError(_("Zu dieser Veranstaltung liegt kein Bericht vor."), code="no_report")
    blog_services.publish_post(post=post, by=by)
    record(actor=by, verb=REPORT_PUBLISHED, target=event, post=post.pk)
    organiser_messages.tell_report_published(event)
    return post


def reports_awaiting_publication() -> QuerySet[Event]:
    """Moderation queue: submitted closing reports not yet in the blog, oldest first."""
    return (
        Event.objects.filter(report_post__isnull=False, report_post__published_at__isnull=True)
        .select_related("organisation", "report_post")
        .order_by("report_post__created_at", "pk")
    )


_PHOTO_PATH = re.compile(r"event-photos/(?P<event>[1-9][0-9]{0,17})/[^/]+")


def photo_visibility(request: HttpRequest, path: str) -> Visibility:
    """Media area "event-photos/": public once the report is in the blog; before that only
    for the organiser team and the moderators who review it."""
    match = _PHOTO_PATH.fullmatch(path)
    if match is None:
        return Visibility.HIDDEN
    photo = (
        EventPhoto.objects.filter(event_id=int(match["event"]), image=path)
        .select_related("event__organisation", "event__report_post")
        .first()
    )
    if photo is None:
        return Visibility.HIDDEN
    event = photo.event
    post = event.report_post
    if post is not None and post.published_at is not None and post.published_at <= timezone.now():
        return Visibility.PUBLIC
    user = request.user
    if user.has_perm("events.view_participants", event) or user.has_perm("blog.publish_report"):
        return Visibility.PRIVATE
    return Visibility.HIDDEN


def post_photos(post: Post) -> list[EventPhoto]:
    """Blog photo source: the photos of the event whose closing report `post` is."""
    return list(EventPhoto.objects.filter(event__report_post=post))
